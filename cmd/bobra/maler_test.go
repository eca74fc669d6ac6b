package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bobra/reports"
	"bobra/templates"
)

// TestMaler checks that `bobra maler` writes an exact copy of the embedded
// report texts, refuses to overwrite them, and that `bobra rapport --maler`
// uses an edited copy.
func TestMaler(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "maler")
	if code, _, stderr := runCmd("maler", "--ut", dir); code != exitOK {
		t.Fatalf("maler: exit %d, stderr %q", code, stderr)
	}
	entries, err := templates.FS.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		want, _ := templates.FS.ReadFile(e.Name())
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || string(got) != string(want) {
			t.Errorf("%s: not an exact copy of the embedded file (err %v)", e.Name(), err)
		}
	}
	if got, err := os.ReadFile(filepath.Join(dir, reports.FigureListFile)); err != nil || string(got) != string(reports.FigureList()) {
		t.Errorf("%s: not the list of names (err %v)", reports.FigureListFile, err)
	}
	noTemps(t, dir)

	if code, _, stderr := runCmd("maler", "--ut", dir); code != exitUsage || !strings.Contains(stderr, "finnes fra før") {
		t.Errorf("second maler: exit %d, stderr %q; want %d and a refusal", code, stderr, exitUsage)
	}

	path := filepath.Join(dir, "bakgrunn.md")
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, append(b, "\nDenne setningen står bare i kopien.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if code, _, stderr := runCmd("rapport", "--maler", dir, "--ut", out, "--format", "html", "--stille"); code != exitOK {
		t.Fatalf("rapport --maler: exit %d, stderr %q", code, stderr)
	}
	html, _ := os.ReadFile(filepath.Join(out, "rapport.html"))
	if !strings.Contains(string(html), "Denne setningen står bare i kopien.") {
		t.Error("rapport.html does not use the edited template")
	}

	// A placeholder that does not exist is the user's mistake: exit 2, one
	// sentence naming the file and line, and nothing written.
	if err := os.WriteFile(path, append(b, "\n{{ .Finnes.Ikke }}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	out2 := t.TempDir()
	code, _, stderr := runCmd("rapport", "--maler", dir, "--ut", out2, "--format", "html", "--stille")
	if code != exitUsage || !strings.Contains(stderr, "bakgrunn.md, linje") || !strings.Contains(stderr, "{{ .Finnes.Ikke }} finnes ikke") {
		t.Errorf("broken placeholder: exit %d, stderr %q; want %d naming file and line", code, stderr, exitUsage)
	}
	if entries, _ := os.ReadDir(out2); len(entries) != 0 {
		t.Errorf("broken placeholder: %d files written, want none", len(entries))
	}

	// A folder from before the Norwegian names is refused with the name
	// to write instead.
	if err := os.WriteFile(path, append(b, "\n{{ .Families.Bought | heltall }}\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd("rapport", "--maler", dir, "--ut", out2, "--format", "html", "--stille")
	if code != exitUsage || !strings.Contains(stderr, "{{ .Families.Bought }} finnes ikke; mente du {{ .familier.kjøpt }}?") {
		t.Errorf("Go field name: exit %d, stderr %q; want %d and the Norwegian name", code, stderr, exitUsage)
	}
}
