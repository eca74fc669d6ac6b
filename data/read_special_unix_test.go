//go:build unix

package data

import (
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
	"time"
)

// Anything in the data folder that is not a regular file is named and
// refused at once: a FIFO must not block, a link to /dev/zero must not be
// read, a file over the size cap is not read at all.
func TestReadDirRefusesWhatIsNotARegularFile(t *testing.T) {
	sheets := goodSheets()
	cases := []struct {
		name    string
		make    func(t *testing.T, path string)
		kind    string
		message string
	}{
		{"x.xlsx", func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o600); err != nil {
				t.Skip("no FIFO here:", err)
			}
		}, KindNotRegular, "«x.xlsx» er en navngitt rørledning (FIFO), ikke en vanlig fil; bobra leser bare vanlige Excel-filer. Flytt den ut av datamappen."},
		{"null.xlsx", func(t *testing.T, path string) {
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Skip(err)
			}
		}, KindNotRegular, "«null.xlsx» er en enhet (som /dev/zero), ikke en vanlig fil; bobra leser bare vanlige Excel-filer. Flytt den ut av datamappen."},
		{"mappe.xlsx", func(t *testing.T, path string) {
			target := filepath.Join(t.TempDir(), "ekte-mappe")
			os.Mkdir(target, 0o700)
			if err := os.Symlink(target, path); err != nil {
				t.Skip(err)
			}
		}, KindNotRegular, "«mappe.xlsx» er en mappe, ikke en fil; bobra leser bare vanlige Excel-filer. Flytt den ut av datamappen."},
		{"borte.xlsx", func(t *testing.T, path string) {
			if err := os.Symlink(filepath.Join(t.TempDir(), "finnes-ikke.xlsx"), path); err != nil {
				t.Skip(err)
			}
		}, KindUnreadable, "Filen er en snarvei (lenke) til en fil som ikke finnes."},
		{"stor.xlsx", func(t *testing.T, path string) {
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(maxFileSize + 1); err != nil { // sparse: no disk used
				t.Skip(err)
			}
		}, KindTooLarge, "Filen er større enn 200 MB og blir ikke lest."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeBook(t, dir, "a.xlsx", sheets...)
			c.make(t, filepath.Join(dir, c.name))
			done := make(chan Problems, 1)
			go func() {
				_, problems, err := ReadDir(dir, ReadOptions{Today: testToday})
				if err != nil {
					t.Error(err)
				}
				done <- problems
			}()
			select {
			case problems := <-done:
				want := Problems{{Severity: Error, Kind: c.kind, File: c.name, Message: c.message}}
				if got := onlyFile(problems, c.name); !reflect.DeepEqual(got, want) {
					t.Errorf("problems:\n%s\nwant:\n%s", dump(got), dump(want))
				}
			case <-time.After(10 * time.Second):
				t.Fatal("ReadDir did not return: it blocks on the file")
			}
		})
	}
}
