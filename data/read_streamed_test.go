package data

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReadStreamedMatchesBytes reads every workbook of the test corpora
// from its file (the parts read where they lie) and from a copy in memory,
// and wants the same result: record, hash, sheets, rows and problems.
func TestReadStreamedMatchesBytes(t *testing.T) {
	t.Parallel()
	var paths []string
	for _, pattern := range []string{"testdata/libreoffice/*.xlsx", "testdata/bad/*.xlsx",
		"../cmd/bobra/testdata/damaged/*/*.xlsx", "../cmd/bobra/testdata/messy/*/*.xlsx"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 50 {
		t.Fatalf("only %d workbooks found", len(paths))
	}
	streamed := 0
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		want := withMacroNote(name, readWorkbookBytes(name, b))
		got := readFile(context.Background(), path, name)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read from the file\n%+v\nwant as from memory\n%+v", path, got, want)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		info, _ := f.Stat()
		if _, ok := readStreamed(context.Background(), name, f, info); ok {
			streamed++
		}
		f.Close()
	}
	if streamed == 0 {
		t.Error("no workbook was read from its file")
	}
}

// TestReadStreamedNoticesChange: a file changed after it was opened is not
// read from the file, whose hash would then not be of the bytes read.
func TestReadStreamedNoticesChange(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("testdata/libreoffice/lagret-av-libreoffice.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.xlsx")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	info, _ := f.Stat()
	if err := os.WriteFile(path, append(b, 0), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := readStreamed(context.Background(), "a.xlsx", f, info); ok {
		t.Error("a file that grew while it was read was read from the file")
	}
}
