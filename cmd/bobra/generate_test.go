package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"bobra/data"
)

func TestEksempelFamilier(t *testing.T) {
	out := filepath.Join(t.TempDir(), "stor")
	code, stdout, stderr := runCmd("eksempel", "--familier", "120", "--frø", "9", "--ut", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "120 familier (frø 9") {
		t.Errorf("stdout does not say what was written: %q", stdout)
	}
	for _, wb := range data.GeneratedWorkbooks() {
		got, err := os.ReadFile(filepath.Join(out, wb.Name))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := (data.Generator{Families: 120, Seed: 9}).WriteWorkbook(&want, wb.Name); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s differs from the generator's", wb.Name)
		}
	}
	noTemps(t, out)

	code, _, stderr = runCmd("eksempel", "--familier", "120", "--ut", out)
	if code != exitUsage || !strings.Contains(stderr, "--overskriv") {
		t.Errorf("second run without --overskriv: exit %d, %q", code, stderr)
	}
	if code, _, stderr = runCmd("eksempel", "--familier", "120", "--ut", out, "--overskriv"); code != exitOK {
		t.Errorf("--overskriv: exit %d: %s", code, stderr)
	}

	// The data reads back without errors.
	ds, problems, err := data.ReadDir(out, data.ReadOptions{})
	if err != nil || problems.HasErrors() || len(ds.Families) != 120 {
		t.Fatalf("reading back: %v, %d errors", err, problems.Count(data.Error))
	}
}

func TestEksempelFamilierUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--familier", "0"}, "større enn 0"},
		{[]string{"--familier", "-5"}, "større enn 0"},
		{[]string{"--familier", "mange"}, "ugyldig verdi"},
		{[]string{"--frø", "3"}, "bare sammen med --familier"},
		{[]string{"--familier", "10", "--frø", "-1"}, "ugyldig verdi"},
	} {
		args := append([]string{"eksempel", "--ut", filepath.Join(dir, "x")}, tc.args...)
		code, _, stderr := runCmd(args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, stderr, exitUsage, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
		t.Error("a refused run created the folder")
	}
}
