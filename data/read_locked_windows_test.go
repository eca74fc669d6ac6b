package data

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLockedMessage: a workbook Excel holds open without sharing gives the
// locked-file sentence, whichever call met it; other faults keep theirs.
func TestLockedMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&fs.PathError{Op: "open", Path: `C:\Users\Kari Ås\OneDrive - Bærum kommune\familier.xlsx`, Err: syscall.Errno(32)}, lockedMessage},
		{&fs.PathError{Op: "read", Path: `D:\data\familier.xlsx`, Err: syscall.Errno(33)}, lockedMessage},
		{&fs.PathError{Op: "open", Path: `D:\data\familier.xlsx`, Err: syscall.ERROR_ACCESS_DENIED}, "Filen kunne ikke leses."},
	}
	for _, tt := range tests {
		if got := unreadable(tt.err, "Filen kunne ikke leses."); got != tt.want {
			t.Errorf("%v: %q, vil ha %q", tt.err, got, tt.want)
		}
	}
}

// TestReadDirWindowsPaths reads the sample from a folder with spaces and
// æøå in its name, as OneDrive names a municipality's folders, given with
// backslashes and a drive letter.
func TestReadDirWindowsPaths(t *testing.T) {
	// Not t.TempDir: Wine, where CI runs this, cannot remove a folder tree
	// the way Go 1.26 does on Windows, and the test is not about that.
	root, err := os.MkdirTemp("", "bobra-stier-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := os.RemoveAll(root); err != nil {
			t.Logf("kunne ikke rydde %s: %v", root, err)
		}
	}()
	dir := filepath.Join(root, "Users", "Kari Ås", "OneDrive - Bærum kommune", "Barn bor bra", "Data 2024")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "Familier og bøker.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteWorkbook(f, Sample()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.VolumeName(abs) == "" {
		t.Fatalf("%s har ingen stasjonsbokstav", abs)
	}
	ds, problems, err := ReadDir(abs, ReadOptions{Today: DateOf(time.Now())})
	if err != nil || problems.HasErrors() {
		t.Fatalf("%v %v", err, problems)
	}
	if len(ds.Files) != 1 || ds.Files[0].Name != "Familier og bøker.xlsx" || len(ds.Families) != len(Sample().Families) {
		t.Errorf("leste %+v", ds.Files)
	}
}
