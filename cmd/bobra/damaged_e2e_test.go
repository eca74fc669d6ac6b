package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"bobra/data"
)

// rewriteSheet rewrites the workbook at path with its first worksheet's
// XML changed by edit; with keepCRC the entry keeps the CRC of the
// original, as a file changed behind the zip's back does.
func rewriteSheet(t *testing.T, path string, keepCRC bool, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
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
		if f.Name != "xl/worksheets/sheet1.xml" {
			w, _ := zw.Create(f.Name)
			w.Write(body)
			continue
		}
		changed := []byte(edit(string(body)))
		if !keepCRC {
			w, _ := zw.Create(f.Name)
			w.Write(changed)
			continue
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: f.Name, Method: zip.Store,
			CRC32: f.CRC32, CompressedSize64: uint64(len(changed)), UncompressedSize64: uint64(len(changed))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(changed)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Damaged workbooks and what is not a file, through the real binary:
// exit 1 and the Norwegian sentence, from both rapport and valider.
func TestDamagedInputsThroughTheBinary(t *testing.T) {
	cases := []struct {
		name  string
		spoil func(t *testing.T, dir string)
		want  []string
	}{
		{"sheet cut after row 20", func(t *testing.T, dir string) {
			rewriteSheet(t, workbookWith(t, dir, "Familier"), false, func(s string) string { return s[:strings.Index(s, `<row r="21"`)] })
		}, []string{"ark Familier", "Arket er skadet: XML-en i arket er ugyldig eller slutter midt i (lest etter rad 20)."}},
		{"an unknown entity", func(t *testing.T, dir string) {
			rewriteSheet(t, workbookWith(t, dir, "Kjøp"), false, func(s string) string {
				i := strings.Index(s, `<row r="5"`)
				return s[:i] + `<row r="5"><c r="A5" t="inlineStr"><is><t>F&nbsp;</t></is></c></row>` + s[strings.Index(s[i:], "</row>")+i+6:]
			})
		}, []string{"ark Kjøp", "(lest etter rad 4)"}},
		{"a changed value under the old CRC", func(t *testing.T, dir string) {
			rewriteSheet(t, workbookWith(t, dir, "Familier"), true, func(s string) string { return strings.Replace(s, ">F001<", ">F00X<", 1) })
		}, []string{"ark Familier", "Arket er skadet: innholdet stemmer ikke med kontrollsummen i filen"}},
		{"a FIFO", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, "rør.xlsx"), 0o600); err != nil {
				t.Skip(err)
			}
		}, []string{"«rør.xlsx» er en navngitt rørledning (FIFO), ikke en vanlig fil"}},
		{"a link to /dev/zero", func(t *testing.T, dir string) {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "null.xlsx")); err != nil {
				t.Skip(err)
			}
		}, []string{"«null.xlsx» er en enhet (som /dev/zero), ikke en vanlig fil"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSample(t)
			tc.spoil(t, dir)
			for _, args := range [][]string{{"rapport", "--data", dir, "--ut", "ut"}, {"valider", "--data", dir}} {
				r := bobra(t, t.TempDir(), args...)
				if r.code != exitData {
					t.Fatalf("%s: exit %d, want %d\n%.3000s", args[0], r.code, exitData, r.stderr)
				}
				out := r.stdout + r.stderr // valider lists the problems on stdout
				for _, want := range tc.want {
					if !strings.Contains(out, want) {
						t.Errorf("%s: output lacks %q:\n%.3000s", args[0], want, out)
					}
				}
			}
		})
	}
}

// A stop signal while the workbooks are read ends the run at once, not
// when the reading is done.
func TestRapportStopsWhileReading(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a large dataset")
	}
	dir := t.TempDir()
	if err := data.GenerateDir(dir, 60000, 1); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	cmd := exec.Command(bobraBin(t), "rapport", "--data", dir, "--ut", "ut")
	cmd.Dir = work
	logLines, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The signal goes as the log says the reading begins: a fixed sleep
	// fell after the reading once it took less than the sleep.
	lines := bufio.NewScanner(logLines)
	for lines.Scan() && !strings.Contains(lines.Text(), `melding="leser data"`) {
	}
	sent := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	io.Copy(io.Discard, logLines)
	err = cmd.Wait()
	took := time.Since(sent)
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitFailed {
		t.Fatalf("exit %v, want %d", err, exitFailed)
	}
	// Generous for a loaded machine; reading the whole set takes several
	// times as long.
	if took > 3*time.Second {
		t.Errorf("the run took %v to stop after SIGTERM", took)
	}
	if _, err := os.Stat(filepath.Join(work, "ut")); err == nil {
		t.Error("a stopped run wrote its output folder")
	}
}
