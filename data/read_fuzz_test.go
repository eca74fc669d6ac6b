package data

import (
	"archive/zip"
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// storedCopy re-zips a workbook without compression, so that the fuzzer's
// byte mutations reach the XML instead of only breaking the deflate stream.
func storedCopy(t testing.TB, b []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		w.Write(body)
	}
	zw.Close()
	return buf.Bytes()
}

// FuzzReadWorkbook feeds mutated workbooks to the reader: it must never
// panic, and must give either records or a problem.
func FuzzReadWorkbook(f *testing.F) {
	dir := f.TempDir()
	good, _ := os.ReadFile(writeBook(f, dir, "a.xlsx", goodSheets()...))
	f.Add(storedCopy(f, zipParts(f, minimalParts(emptyRowsSheet(3)))))
	if !fuzzing() {
		f.Add(storedCopy(f, good))
		// Larger seeds run as plain tests. Under -fuzz the small seed is
		// enough: mutations of it reach every part of the reader. (The
		// coordinator's "execs" counter stays near zero for this target
		// while the workers run thousands of inputs a second; counted by
		// logging from inside the target.)
		f.Add(good)
		for _, pattern := range []string{"testdata/libreoffice/*.xlsx", "testdata/bad/*"} {
			names, _ := filepath.Glob(pattern)
			for _, name := range names {
				b, _ := os.ReadFile(name)
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		res := bookReader{panics: true}.read(context.Background(), "fuzz.xlsx", b)
		if len(res.sheets) == 0 && len(res.problems) == 0 && len(b) > 0 {
			// A valid zip workbook with no sheets at all is the only way to
			// get here; excelize refuses those, so this should not happen.
			t.Logf("no sheets and no problems for %d bytes", len(b))
		}
		for _, p := range res.problems {
			if p.Message == "" || p.Kind == "" {
				t.Fatalf("problem without kind or message: %+v", p)
			}
		}
	})
}

// fuzzing reports whether the test binary runs with -test.fuzz.
func fuzzing() bool {
	f := flag.Lookup("test.fuzz")
	return f != nil && f.Value.String() != ""
}
