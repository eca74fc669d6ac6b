package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bobra/data"

	"github.com/xuri/excelize/v2"
)

// runCmd runs the command line and returns the exit code and output.
func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// noTemps fails when a temporary file was left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".bobra-tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

func TestMal(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "finnes.xlsx")
	if err := os.WriteFile(existing, []byte("gammel"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantOut    string // substring of stdout
		wantErr    string // substring of stderr
		wantFile   string // a workbook that must exist afterwards
		wantLeaves string // a file whose content must be unchanged ("gammel")
	}{
		{"writes", []string{"mal", "--ut", filepath.Join(dir, "mal.xlsx")}, exitOK, "Skrev malen til", "", filepath.Join(dir, "mal.xlsx"), ""},
		{"one dash", []string{"mal", "-ut", filepath.Join(dir, "mal2.xlsx")}, exitOK, "Skrev malen", "", filepath.Join(dir, "mal2.xlsx"), ""},
		{"refuses to overwrite", []string{"mal", "--ut", existing}, exitUsage, "", "finnes fra før; bruk --overskriv", "", existing},
		{"overwrites when asked", []string{"mal", "--ut", existing, "--overskriv"}, exitOK, "Skrev malen", "", existing, ""},
		{"not xlsx", []string{"mal", "--ut", filepath.Join(dir, "mal.xls")}, exitUsage, "", "må slutte på .xlsx", "", ""},
		{"no such folder", []string{"mal", "--ut", filepath.Join(dir, "mangler", "mal.xlsx")}, exitUsage, "", "finnes ikke", "", ""},
		{"unknown flag", []string{"mal", "--data", dir}, exitUsage, "", "ukjent flagg «--data»", "", ""},
		{"flag without value", []string{"mal", "--ut"}, exitUsage, "", "flagget «--ut» trenger en verdi", "", ""},
		{"stray argument", []string{"mal", "mal.xlsx"}, exitUsage, "", "uventet argument \"mal.xlsx\"", "", ""},
		{"help", []string{"mal", "--help"}, exitOK, "Bruk: bobra mal [--ut FIL.xlsx]", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCmd(tt.args...)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) || !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
					code, out, errOut, tt.wantCode, tt.wantOut, tt.wantErr)
			}
			if tt.wantCode != exitOK && strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Errorf("stderr is more than one line: %q", errOut)
			}
			if tt.wantFile != "" {
				f, err := excelize.OpenFile(tt.wantFile)
				if err != nil {
					t.Fatalf("%s: %v", tt.wantFile, err)
				}
				defer f.Close()
				if sheets := f.GetSheetList(); !slices.Contains(sheets, data.SheetFamilies) || sheets[0] != data.GuideSheet {
					t.Errorf("sheets = %v", sheets)
				}
			}
			if tt.wantLeaves != "" {
				if b, _ := os.ReadFile(tt.wantLeaves); string(b) != "gammel" {
					t.Errorf("%s was changed", tt.wantLeaves)
				}
			}
			noTemps(t, dir)
		})
	}
}

// TestMalReadsBack: the written template is a valid, empty data folder.
func TestMalReadsBack(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCmd("mal", "--ut", filepath.Join(dir, "mal.xlsx")); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ds := readBackClean(t, dir)
	if len(ds.Families)+len(ds.Children)+len(ds.Purchases) != 0 {
		t.Errorf("template has data rows")
	}
}

// readBackClean reads the workbooks a command wrote to dir and fails the
// test on any error or warning.
func readBackClean(t *testing.T, dir string) *data.Dataset {
	t.Helper()
	ds, problems, err := data.ReadDir(dir, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if problems.Count(data.Error)+problems.Count(data.Warning) > 0 {
		t.Errorf("problems: %v", problems)
	}
	return ds
}
