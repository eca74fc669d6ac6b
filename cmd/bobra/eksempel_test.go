package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bobra/data"
)

func sampleNames() []string {
	var names []string
	for _, wb := range data.SampleWorkbooks() {
		names = append(names, wb.Name)
	}
	return names
}

func TestEksempel(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ny", "eksempel")
	code, stdout, stderr := runCmd("eksempel", "--ut", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range sampleNames() {
		if !strings.Contains(stdout, name) {
			t.Errorf("stdout does not name %s: %q", name, stdout)
		}
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	noTemps(t, out)

	// The folder now holds the files: a second run refuses and changes nothing.
	first := filepath.Join(out, sampleNames()[0])
	before, _ := os.ReadFile(first)
	os.WriteFile(first, []byte("endret av brukeren"), 0o644)
	code, _, stderr = runCmd("eksempel", "--ut", out)
	if code != exitUsage || !strings.Contains(stderr, "finnes fra før; bruk --overskriv") {
		t.Errorf("second run: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(first); string(b) != "endret av brukeren" {
		t.Error("refused run changed a file")
	}
	noTemps(t, out)
	if code, _, stderr = runCmd("eksempel", "--ut", out, "--overskriv"); code != exitOK {
		t.Fatalf("--overskriv: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(first); string(b) != string(before) {
		t.Error("the same sample gave different bytes")
	}
}

func TestEksempelUsage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "fil")
	os.WriteFile(file, nil, 0o644)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"out is a file", []string{"eksempel", "--ut", file}, exitUsage, "", "er en fil, ikke en mappe"},
		{"folder cannot be made", []string{"eksempel", "--ut", filepath.Join(file, "ut")}, exitFailed, "", "kan ikke opprette mappen"},
		{"unknown flag", []string{"eksempel", "--per", "2024-09-30"}, exitUsage, "", "ukjent flagg «--per»"},
		{"stray argument", []string{"eksempel", "ut"}, exitUsage, "", "uventet argument"},
		{"help", []string{"eksempel", "-h"}, exitOK, "Bruk: bobra eksempel", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, %q, %q", code, out, errOut, tt.wantCode, tt.wantOut, tt.wantErr)
			}
		})
	}
}

// TestEksempelReadsBack: the written sample is a data folder the reader
// accepts without errors or warnings, with every family of the sample.
func TestEksempelReadsBack(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd("eksempel", "--ut", dir); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ds := readBackClean(t, dir)
	if want := len(data.Sample().Families); len(ds.Families) != want {
		t.Errorf("%d families read back, want %d", len(ds.Families), want)
	}
}
