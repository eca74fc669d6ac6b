package data

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// A workbook with macros is read as the workbook it is, with a note that
// the macros are not used.
func TestReadDirReadsXLSMWithANote(t *testing.T) {
	dir := t.TempDir()
	path := writeBook(t, dir, "a.xlsx", goodSheets()...)
	if err := os.Rename(path, filepath.Join(dir, "a.xlsm")); err != nil {
		t.Fatal(err)
	}
	ds, problems, err := ReadDir(dir, ReadOptions{Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	want := Problems{{Severity: Note, Kind: KindMacros, File: "a.xlsm",
		Message: "Filen er en arbeidsbok med makroer (.xlsm); bobra leser bare cellene, og makroene blir verken kjørt eller brukt."}}
	if got := onlyFile(problems, "a.xlsm"); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", dump(got), dump(want))
	}
	if len(ds.Families) != 2 {
		t.Errorf("read %d families, want the workbook's 2", len(ds.Families))
	}
}
