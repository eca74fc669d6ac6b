package main

import (
	"os"
	"testing"
)

// TestReleaseVersion: a release build says the version git describe gave
// `make release`, and records no revision (it has no VCS stamp).
func TestReleaseVersion(t *testing.T) {
	saved := releaseVersion
	defer func() { releaseVersion = saved }()
	releaseVersion = "v1.2.0-3-gabcdef1"
	if ver, rev := buildVersion(); ver != "v1.2.0-3-gabcdef1" || rev != "" {
		t.Errorf("buildVersion() = %q, %q", ver, rev)
	}
	if got := version(); got != "v1.2.0-3-gabcdef1" {
		t.Errorf("version() = %q", got)
	}
}

// TestRedirectTemp: while the page runs, the process's temporary files go
// to its private folder; afterwards the variables are as they were.
func TestRedirectTemp(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", "/tmp/før")
	t.Setenv("TMP", "")
	os.Unsetenv("TMP")
	restore := redirectTemp(dir)
	if got := os.TempDir(); got != dir {
		t.Errorf("os.TempDir() = %q, vil ha %q", got, dir)
	}
	restore()
	if got := os.Getenv("TMPDIR"); got != "/tmp/før" {
		t.Errorf("TMPDIR = %q", got)
	}
	if _, ok := os.LookupEnv("TMP"); ok {
		t.Error("TMP er satt etter restore")
	}
}
