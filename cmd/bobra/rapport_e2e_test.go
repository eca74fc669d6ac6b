package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"bobra/data"
	"bobra/internal/outlock"
	"bobra/pipeline"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"
	"bobra/reports"

	"github.com/xuri/excelize/v2"
)

// writeSample writes the sample workbooks (as `bobra eksempel` does) into
// a new folder and returns it.
func writeSample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if r := bobra(t, t.TempDir(), "eksempel", "--ut", dir); r.code != 0 {
		t.Fatalf("eksempel: %d %s", r.code, r.stderr)
	}
	return dir
}

// workbookWith returns the sample workbook in dir that has sheet.
func workbookWith(t *testing.T, dir, sheet string) string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		f, err := excelize.OpenFile(p)
		if err != nil {
			continue
		}
		for _, s := range f.GetSheetList() {
			if s == sheet {
				f.Close()
				return p
			}
		}
		f.Close()
	}
	t.Fatalf("no workbook in %s has sheet %s", dir, sheet)
	return ""
}

// editWorkbook opens the workbook holding sheet, lets edit change it, and
// saves it in place.
func editWorkbook(t *testing.T, dir, sheet string, edit func(f *excelize.File)) {
	t.Helper()
	p := workbookWith(t, dir, sheet)
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// columnOf returns the column letters of the header in sheet's first row.
func columnOf(t *testing.T, f *excelize.File, sheet, header string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	for i, h := range rows[0] {
		if h == header {
			col, _ := excelize.ColumnNumberToName(i + 1)
			return col
		}
	}
	t.Fatalf("sheet %s has no column %s", sheet, header)
	return ""
}

// tree returns every file in dir (not subfolders) by name.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".bobra-tmp-") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left in %s: %s", dir, e.Name())
		}
	}
}

func readManifest(t *testing.T, dir string) pipeline.Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m pipeline.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func readResults(t *testing.T, dir string) *results.Results {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "resultater.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r results.Results
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func TestRapportSampleWritesEveryFormatAndManifest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := bobra(t, dir, "rapport", "--ut", "ut")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "innebygde eksempeldataene") {
		t.Errorf("does not say it used the sample: %s", r.stderr)
	}
	out := filepath.Join(dir, "ut")
	files := tree(t, out)
	m := readManifest(t, out)
	renderers, err := reports.Renderers(reports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Outputs) != len(renderers) {
		t.Errorf("manifest lists %d outputs, there are %d formats", len(m.Outputs), len(renderers))
	}
	for _, o := range m.Outputs {
		sum := sha256.Sum256(files[o.Name])
		if hex.EncodeToString(sum[:]) != o.SHA256 {
			t.Errorf("%s: manifest checksum does not match the file", o.Name)
		}
	}
	if len(files) != len(m.Outputs)+1 {
		t.Errorf("files %v vs manifest outputs %d", keysOf(files), len(m.Outputs))
	}
	if m.AsOf != data.SampleEvaluationDate || m.RunAt == "" || len(m.Assumptions) == 0 || len(m.Inputs) == 0 {
		t.Errorf("manifest incomplete: %+v", m)
	}
	if strings.Join(m.Command, " ") != "bobra rapport --ut ut" {
		t.Errorf("command = %q", m.Command)
	}
	noTempFiles(t, out)
}

func keysOf(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Same inputs and flags give the same bytes in every format; only the
// manifest's run time differs. The runs are made from two folders so that
// the command lines are the same.
func TestRapportReproducible(t *testing.T) {
	t.Parallel()
	sample := writeSample(t)
	for _, flags := range [][]string{nil, {"--offentlig", "--per", "30.09.2024"}} {
		t.Run(strings.Join(flags, " "), func(t *testing.T) {
			var got []map[string][]byte
			for range 2 {
				dir := t.TempDir()
				args := append([]string{"rapport", "--data", sample, "--ut", "ut"}, flags...)
				if r := bobra(t, dir, args...); r.code != exitOK {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				got = append(got, tree(t, filepath.Join(dir, "ut")))
				time.Sleep(1100 * time.Millisecond) // a different run time
			}
			if len(got[0]) < 2 {
				t.Fatalf("too few outputs: %v", keysOf(got[0]))
			}
			for name, a := range got[0] {
				b := got[1][name]
				if name == "manifest.json" {
					a, b = withoutRunAt(t, a), withoutRunAt(t, b)
				}
				if !bytes.Equal(a, b) {
					t.Errorf("%s differs between two runs", name)
				}
			}
		})
	}
	// One format alone gives the same bytes as when written with the others.
	dirAll, dirOne := t.TempDir(), t.TempDir()
	bobra(t, dirAll, "rapport", "--data", sample, "--ut", "ut")
	if r := bobra(t, dirOne, "rapport", "--data", sample, "--ut", "ut", "--format", "json"); r.code != 0 {
		t.Fatalf("--format json: %d %s", r.code, r.stderr)
	}
	a, _ := os.ReadFile(filepath.Join(dirAll, "ut", "resultater.json"))
	b, _ := os.ReadFile(filepath.Join(dirOne, "ut", "resultater.json"))
	if !bytes.Equal(a, b) {
		t.Error("resultater.json depends on which other formats were written")
	}
}

func withoutRunAt(t *testing.T, b []byte) []byte {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["run_at"] == nil || m["run_at"] == "" {
		t.Error("manifest has no run_at")
	}
	delete(m, "run_at")
	out, _ := json.Marshal(m)
	return out
}

func TestRapportExitCodes(t *testing.T) {
	t.Parallel()
	sample := writeSample(t)
	warned := writeSample(t)
	// A second purchase for the first family is a warning, not an error.
	editWorkbook(t, warned, "Kjøp", func(f *excelize.File) {
		rows, _ := f.GetRows("Kjøp", excelize.Options{RawCellValue: true})
		last := len(rows)
		for i, v := range rows[1] {
			cell, _ := excelize.CoordinatesToCellName(i+1, last+1)
			f.SetCellValue("Kjøp", cell, v)
		}
		col := columnOf(t, f, "Kjøp", "Kjøpsdato")
		f.SetCellValue("Kjøp", fmt.Sprintf("%s%d", col, last+1), "01.01.2021")
	})
	broken := writeSample(t)
	editWorkbook(t, broken, "Kjøp", func(f *excelize.File) {
		f.SetCellValue("Kjøp", columnOf(t, f, "Kjøp", "Kjøpesum")+"2", "mange penger")
	})
	dir := t.TempDir()
	cases := []struct {
		name       string
		args       []string
		code       int
		stderr     string
		stdout     string
		wroteFiles bool
	}{
		{"help", []string{"rapport", "--help"}, exitOK, "", "Avslutningskoder", false},
		{"sample", []string{"rapport", "--ut", "ut-sample"}, exitOK, "", "Ferdig:", true},
		{"quiet", []string{"rapport", "--ut", "ut-stille", "--stille"}, exitOK, "", "", true},
		{"json logs", []string{"rapport", "--ut", "ut-json", "--logg", "json"}, exitOK, `"level":"INFO"`, "", true},
		{"unknown flag", []string{"rapport", "--ukjent"}, exitUsage, "ukjent flagg «--ukjent»", "", false},
		{"flag without value", []string{"rapport", "--per"}, exitUsage, "flagget «--per» trenger en verdi", "", false},
		{"stray argument", []string{"rapport", "data"}, exitUsage, "uventet argument", "", false},
		{"bad date", []string{"rapport", "--per", "31.02.2024"}, exitUsage, "ugyldig dato \"31.02.2024\"", "", false},
		{"unknown format", []string{"rapport", "--format", "docx"}, exitUsage, "ukjent format \"docx\" (--format); tillatte formater er: ", "", false},
		{"bad log format", []string{"rapport", "--logg", "xml"}, exitUsage, "ukjent loggformat", "", false},
		{"missing data folder", []string{"rapport", "--data", "finnes-ikke"}, exitUsage, "fant ikke datamappen", "", false},
		{"missing templates", []string{"rapport", "--maler", "finnes-ikke"}, exitUsage, "fant ikke malmappen", "", false},
		{"out inside data", []string{"rapport", "--data", sample, "--ut", filepath.Join(sample, "ut")}, exitUsage, "ligger inni den", "", false},
		{"data errors", []string{"rapport", "--data", broken, "--ut", "ut-broken"}, exitData, "Ingen filer er skrevet", "", false},
		{"warnings", []string{"rapport", "--data", warned, "--ut", "ut-warned"}, exitOK, "advarsel", "", true},
		{"warnings, strict", []string{"rapport", "--data", warned, "--ut", "ut-strict", "--streng"}, exitWarnings, "--streng er gitt. Ingen filer er skrevet.", "", false},
		{"strict, clean", []string{"rapport", "--data", sample, "--ut", "ut-clean", "--streng"}, exitOK, "", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := bobra(t, dir, tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tc.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, r.stderr)
			}
			if !strings.Contains(r.stdout, tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, r.stdout)
			}
			out := ""
			for i, a := range tc.args {
				if a == "--ut" {
					out = tc.args[i+1]
				}
			}
			if out != "" && !filepath.IsAbs(out) {
				out = filepath.Join(dir, out)
			}
			if out != "" {
				_, err := os.Stat(filepath.Join(out, "manifest.json"))
				if wrote := err == nil; wrote != tc.wroteFiles {
					t.Errorf("wrote files = %v, want %v", wrote, tc.wroteFiles)
				}
			}
		})
	}
	// --stille: no info lines, only the problems and errors.
	r := bobra(t, dir, "rapport", "--ut", "ut-stille2", "--stille")
	if r.stderr != "" || r.stdout != "" {
		t.Errorf("--stille printed: %q %q", r.stdout, r.stderr)
	}
	// Data errors list every problem with its cell.
	r = bobra(t, dir, "rapport", "--data", broken, "--ut", "ut-b2")
	if !regexp.MustCompile(`ark Kjøp, celle [A-Z]+2 \(Kjøpesum\)`).MatchString(r.stderr) {
		t.Errorf("the error does not name the cell:\n%s", r.stderr)
	}
}

// A read-only output folder fails with a clear message and exit 4, and
// leaves the previous outputs as they were.
func TestRapportReadOnlyOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "ut")
	if r := bobra(t, dir, "rapport", "--ut", "ut"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before := tree(t, out)
	if os.Geteuid() == 0 {
		// root ignores permission bits; the immutable attribute stops root too.
		if err := exec.Command("chattr", "+i", out).Run(); err != nil {
			t.Skip("cannot make a read-only folder as root here (chattr +i):", err)
		}
		defer exec.Command("chattr", "-i", out).Run()
	} else {
		os.Chmod(out, 0o555)
		defer os.Chmod(out, 0o755)
	}
	r := bobra(t, dir, "rapport", "--ut", "ut", "--per", "2024-09-30")
	if r.code != exitFailed {
		t.Fatalf("exit %d, want %d: %s", r.code, exitFailed, r.stderr)
	}
	if !strings.Contains(r.stderr, "kan ikke skrive i utmappen") || !strings.Contains(r.stderr, "ingen skrivetilgang") {
		t.Errorf("unclear message: %s", r.stderr)
	}
	after := tree(t, out)
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Error("previous outputs changed")
	}
}

// A full disk fails with exit 4 and leaves the previous outputs and no
// half file. Needs root to mount a small tmpfs.
func TestRapportDiskFull(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	mnt := t.TempDir()
	if err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt).Run(); err != nil {
		t.Skip("cannot mount tmpfs here:", err)
	}
	defer exec.Command("umount", mnt).Run()
	dir := t.TempDir()
	out := filepath.Join(mnt, "ut")
	if r := bobra(t, dir, "rapport", "--ut", out); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before := tree(t, out)
	// Fill the disk, leaving a few kilobytes.
	filler, _ := os.Create(filepath.Join(mnt, "fyll"))
	buf := make([]byte, 4096)
	for {
		if _, err := filler.Write(buf); err != nil {
			break
		}
	}
	filler.Close()
	r := bobra(t, dir, "rapport", "--ut", out, "--per", "2024-09-30")
	if r.code != exitFailed || !strings.Contains(r.stderr, "disken er full") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if fmt.Sprint(tree(t, out)) != fmt.Sprint(before) {
		t.Error("previous outputs changed")
	}
	noTempFiles(t, out)
}

// A run stopped half-way (SIGTERM, as a scheduler does, or SIGKILL) never
// leaves a half file: every output is a whole file from one run or the
// other, temporary files are removed (at once on SIGTERM, by the next run
// after SIGKILL).
func TestRapportKilled(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("writes a large dataset")
	}
	// Large enough that a run lasts well past the program's start, so
	// most stops land in the reading, computing or rendering.
	sample := writeBigSample(t, 1000)
	dir := t.TempDir()
	out := filepath.Join(dir, "ut")
	if r := bobra(t, dir, "rapport", "--data", sample, "--ut", "ut"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	old := tree(t, out)
	// The complete outputs of the other run, to recognise whole files.
	ref := t.TempDir()
	start := time.Now()
	if r := bobra(t, ref, "rapport", "--data", sample, "--ut", "ut", "--per", "2024-09-30"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	took := time.Since(start)
	newer := tree(t, filepath.Join(ref, "ut"))
	stopped, handled := 0, 0
	defer func() {
		if handled == 0 {
			t.Error("no SIGTERM was handled: every run ended by the signal's default action")
		}
		if stopped < 3 {
			t.Errorf("only %d of 8 runs were stopped before they finished; the test proves little", stopped)
		}
	}()
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGKILL} {
		// Stop the run at points spread over its whole length: reading,
		// computing, rendering, renaming.
		for _, frac := range []float64{0.1, 0.4, 0.7, 0.9} {
			delay := time.Duration(frac * float64(took))
			cmd := startBobra(t, dir, "rapport", "--data", sample, "--ut", "ut", "--per", "2024-09-30", "--stille")
			time.Sleep(delay)
			cmd.Process.Signal(sig)
			err := cmd.Wait()
			if ee, ok := err.(*exec.ExitError); ok {
				stopped++
				// A SIGTERM can come before the program has installed
				// its handler (under load the Go runtime may still be
				// starting); the signal's default action then ends it
				// before it has written anything, which the checks below
				// see. Every SIGTERM that is handled must give exit 4,
				// and at least one must be handled.
				switch {
				case sig != syscall.SIGTERM:
				case ee.ExitCode() == exitFailed:
					handled++
				case ee.ExitCode() != -1:
					t.Errorf("SIGTERM after %v: exit %d, want %d", delay, ee.ExitCode(), exitFailed)
				}
			}
			for name, b := range tree(t, out) {
				// A killed run leaves its lock, which the next run takes
				// over; a stopped one gives it up.
				if strings.HasPrefix(name, ".bobra-tmp-") || name == outlock.FileName {
					if sig == syscall.SIGTERM {
						t.Errorf("SIGTERM after %v left %s", delay, name)
					}
					continue
				}
				if name == "manifest.json" {
					continue
				}
				if !bytes.Equal(b, old[name]) && !bytes.Equal(b, newer[name]) {
					t.Errorf("%v after %v: %s is neither the old nor the new file", sig, delay, name)
				}
			}
			// Put the old outputs back for the next round.
			os.RemoveAll(out)
			os.MkdirAll(out, 0o755)
			for name, b := range old {
				os.WriteFile(filepath.Join(out, name), b, 0o644)
			}
		}
	}
	// Leftovers of a killed run are removed by the next run.
	os.WriteFile(filepath.Join(out, ".bobra-tmp-999"), []byte("halv"), 0o600)
	if r := bobra(t, dir, "rapport", "--data", sample, "--ut", "ut"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	noTempFiles(t, out)
}

// The sample run as of 2021-09-30, then as of 2024-09-30 with --forrige
// the first, shows the change in every format that has it.
func TestRapportForrige(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if r := bobra(t, dir, "rapport", "--ut", "ut/2021-09-30", "--per", "2021-09-30"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	r := bobra(t, dir, "rapport", "--ut", "ut/2024-09-30", "--per", "2024-09-30", "--forrige", "ut/2021-09-30")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	res := readResults(t, filepath.Join(dir, "ut", "2024-09-30"))
	if res.Comparison == nil || res.Comparison.PreviousAsOf != data.SampleEvaluationDate {
		t.Fatalf("comparison = %+v", res.Comparison)
	}
	first := readResults(t, filepath.Join(dir, "ut", "2021-09-30"))
	for _, row := range res.Comparison.Rows {
		if row.ID == "children.total" {
			if row.Previous.V.IntPart() != 97 || row.Current.V.IntPart() != int64(res.Children.Total.N) ||
				row.Change.V.IntPart() != int64(res.Children.Total.N-first.Children.Total.N) {
				t.Errorf("children row = %+v %+v %+v", row.Previous, row.Current, row.Change)
			}
		}
	}
	m := readManifest(t, filepath.Join(dir, "ut", "2024-09-30"))
	if m.Previous == nil || m.Previous.Name != "resultater.json" || len(m.Previous.SHA256) != 64 {
		t.Errorf("manifest previous = %+v", m.Previous)
	}
	files := tree(t, filepath.Join(dir, "ut", "2024-09-30"))
	if x, ok := files["resultater.xlsx"]; ok {
		if !strings.Contains(xlsxText(t, x), "Endring") {
			t.Error("resultater.xlsx has no comparison sheet")
		}
	}
	if h, ok := files["rapport.html"]; ok && !strings.Contains(string(h), "Endring siden forrige evaluering") {
		t.Error("rapport.html has no comparison section")
	}
	if p, ok := files["rapport.pdf"]; ok {
		if txt, ok := pdfText(t, p); ok && !strings.Contains(txt, "Endring siden forrige evaluering") {
			t.Error("rapport.pdf has no comparison section")
		}
	}
	// Refused: another municipality (exit 2, nothing written).
	prev := filepath.Join(dir, "ut", "2021-09-30", "resultater.json")
	b, _ := os.ReadFile(prev)
	other := filepath.Join(dir, "annen.json")
	os.WriteFile(other, bytes.Replace(b, []byte(`"municipality": "`+first.Municipality+`"`), []byte(`"municipality": "Tromsø kommune"`), 1), 0o644)
	r = bobra(t, dir, "rapport", "--ut", "ut/x", "--per", "2024-09-30", "--forrige", other)
	if r.code != exitUsage || !strings.Contains(r.stderr, "gjelder kommunen «Tromsø kommune»") {
		t.Errorf("other municipality: exit %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "ut", "x")); err == nil {
		t.Error("a refused run created its output folder")
	}
}

// xlsxText returns the text of every sheet and the shared strings of an
// xlsx file, read from its XML.
func xlsxText(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		sb.WriteString(f.Name)
		sb.WriteString("\n")
		sb.Write(x)
		sb.WriteString("\n")
	}
	return sb.String()
}

// pdfText returns pdftotext's text of a PDF, or false when it is missing.
func pdfText(t *testing.T, b []byte) (string, bool) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return "", false
	}
	p := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(p, b, 0o644)
	out, err := exec.Command("pdftotext", "-layout", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), true
}

// An --offentlig run holds no FamilieID and no visible count below the
// threshold in any file: json (checked figure by figure), xlsx (every
// sheet's XML), html, pdf (pdftotext) and the manifest.
func TestRapportPublicScan(t *testing.T) {
	t.Parallel()
	sample := writeSample(t)
	ds := data.Sample()
	idRE := familyIDPattern(ds)
	for _, per := range []string{"2021-09-30", "2024-09-30"} {
		t.Run(per, func(t *testing.T) {
			dir := t.TempDir()
			// The internal run names families: proves the scan can see them.
			if r := bobra(t, dir, "rapport", "--data", sample, "--ut", "intern", "--per", per); r.code != 0 {
				t.Fatal(r.stderr)
			}
			internal := tree(t, filepath.Join(dir, "intern"))
			if !idRE.Match(internal["resultater.json"]) {
				t.Fatal("the internal results name no family; the scan below would prove nothing")
			}
			if r := bobra(t, dir, "rapport", "--data", sample, "--ut", "offentlig", "--per", per, "--offentlig", "--forrige", "intern"); r.code != 0 {
				t.Fatal(r.stderr)
			}
			files := tree(t, filepath.Join(dir, "offentlig"))
			for name, b := range files {
				text := string(b)
				switch filepath.Ext(name) {
				case ".xlsx":
					text = xlsxText(t, b)
				case ".pdf":
					var ok bool
					if text, ok = pdfText(t, b); !ok {
						continue
					}
				}
				if m := idRE.FindString(text); m != "" {
					t.Errorf("%s names a family: %q", name, m)
				}
			}
			res := readResults(t, filepath.Join(dir, "offentlig"))
			if !res.Public || len(res.Homes) != 0 {
				t.Errorf("public=%v homes=%d", res.Public, len(res.Homes))
			}
			if small := disclose.SmallCounts(res, 3); len(small) > 0 {
				t.Errorf("resultater.json shows small counts at %v", small)
			}
			if !bytes.Contains(files["resultater.json"], []byte(`"homes": []`)) {
				t.Error("homes is not empty in the public json")
			}
			if len(res.Suppressed) > 0 {
				for name, b := range files {
					if name == "rapport.html" && !bytes.Contains(b, []byte("færre enn 3")) && !bytes.Contains(b, []byte("skjult")) {
						t.Errorf("%s: hidden figures are not marked", name)
					}
				}
			}
			// The xlsx has no family sheet and no small number in a count cell.
			if x, ok := files["resultater.xlsx"]; ok {
				checkXLSXCounts(t, x, internal["resultater.xlsx"], res)
			}
		})
	}
}

// checkXLSXCounts compares the public workbook with the internal one:
// the family sheet is gone, and in every other sheet a cell either shows
// what the internal workbook shows, or stands for a hidden figure.
func checkXLSXCounts(t *testing.T, public, internal []byte, res *results.Results) {
	t.Helper()
	open := func(b []byte) *excelize.File {
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	pub, in := open(public), open(internal)
	defer pub.Close()
	defer in.Close()
	hiddenCells := 0
	for _, s := range pub.GetSheetList() {
		if s == reports.SheetHomes {
			t.Errorf("public workbook has the family sheet %s", s)
		}
		if s == reports.SheetComparison {
			continue // only the public run had --forrige
		}
		pr, _ := pub.GetRows(s)
		ir, _ := in.GetRows(s)
		// The public curve has only the steps of at least 3 events, each
		// a step of the internal curve: every public row is an internal
		// row, in order.
		if pc, ic := curveRows(pr), curveRows(ir); pc >= 0 && ic >= 0 {
			j := ic
			for _, row := range pr[pc:] {
				for j < len(ir) && strings.Join(ir[j], "|") != strings.Join(row, "|") {
					j++
				}
				if j == len(ir) {
					t.Errorf("sheet %s: public curve row %q is not a step of the internal curve", s, row)
					break
				}
			}
			pr, ir = pr[:pc], ir[:ic]
		}
		for i := range pr {
			for j, v := range pr[i] {
				var w string
				if i < len(ir) && j < len(ir[i]) {
					w = ir[i][j]
				}
				if v == w {
					continue
				}
				if s == reports.SheetKeyFigures && i == 0 && j == 0 {
					if !strings.Contains(w, "INTERN") || strings.Contains(v, "INTERN") {
						t.Errorf("the first cell says %q in the internal workbook, %q in the public", w, v)
					}
					continue
				}
				if strings.Contains(v, "færre enn 3") || strings.Contains(v, "skjult") || v == "–" || v == "" {
					hiddenCells++
					continue
				}
				// Warnings are reworded; anything else must not differ.
				if s != reports.SheetWarnings {
					t.Errorf("sheet %s cell %d,%d: public %q, internal %q", s, i+1, j+1, v, w)
				}
			}
		}
	}
	if len(res.Suppressed) > 0 && hiddenCells == 0 {
		t.Error("figures are hidden in the json but not in the workbook")
	}
}

// curveRows returns the index of the first row after the curve's header
// in a sheet's rows, or −1.
func curveRows(rows [][]string) int {
	for i, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "Kurve:") {
			return i + 1
		}
	}
	return -1
}

func familyIDPattern(ds *data.Dataset) *regexp.Regexp {
	var ids []string
	for _, f := range ds.Families {
		ids = append(ids, regexp.QuoteMeta(f.ID))
	}
	return regexp.MustCompile(`\b(` + strings.Join(ids, "|") + `)\b`)
}

// writeBigSample writes the sample with every family (and its children and
// purchase) copied n times under new ids, as one workbook, so that a run
// lasts long enough to be interrupted.
func writeBigSample(t *testing.T, n int) string {
	t.Helper()
	src := writeSample(t)
	dir := filepath.Join(t.TempDir(), "stor")
	os.MkdirAll(dir, 0o755)
	out := excelize.NewFile()
	defer out.Close()
	entries, _ := os.ReadDir(src)
	first := true
	for _, e := range entries {
		f, err := excelize.OpenFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil || len(rows) == 0 {
				continue
			}
			if first {
				out.SetSheetName("Sheet1", sheet)
				first = false
			} else {
				out.NewSheet(sheet)
			}
			sw, err := out.NewStreamWriter(sheet)
			if err != nil {
				t.Fatal(err)
			}
			copies := 1
			idCol := -1
			for i, h := range rows[0] {
				if h == "FamilieID" {
					idCol = i
				}
			}
			if sheet == "Familier" || sheet == "Barn" || sheet == "Kjøp" {
				copies = n
			}
			r := 1
			write := func(vals []string, k int) {
				cells := make([]any, len(vals))
				for i, v := range vals {
					switch {
					case i == idCol && k > 0:
						cells[i] = fmt.Sprintf("K%d-%s", k, v)
					case v == "":
						cells[i] = nil
					default:
						if x, err := strconv.ParseFloat(v, 64); err == nil && r > 1 {
							cells[i] = x
						} else {
							cells[i] = v
						}
					}
				}
				cell, _ := excelize.CoordinatesToCellName(1, r)
				if err := sw.SetRow(cell, cells); err != nil {
					t.Fatal(err)
				}
				r++
			}
			write(rows[0], 0)
			for k := 0; k < copies; k++ {
				for _, row := range rows[1:] {
					write(row, k)
				}
			}
			if err := sw.Flush(); err != nil {
				t.Fatal(err)
			}
		}
		f.Close()
	}
	if err := out.SaveAs(filepath.Join(dir, "stor.xlsx")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Bad input gives exit 1 with one clear Norwegian sentence per problem,
// naming the file, writes nothing, and never panics or hangs.
func TestRapportBadInputs(t *testing.T) {
	t.Parallel()
	sheetCell := func(sheet, header string, row int, value any) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			editWorkbook(t, dir, sheet, func(f *excelize.File) {
				f.SetCellValue(sheet, fmt.Sprintf("%s%d", columnOf(t, f, sheet, header), row), value)
			})
		}
	}
	extraFile := func(name string, body []byte) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, name), body, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []struct {
		name   string
		spoil  func(t *testing.T, dir string)
		code   int
		stderr []string // each must appear
	}{
		{"corrupt", extraFile("skadet.xlsx", []byte("PK\x03\x04 dette er ikke en arbeidsbok")), exitData, []string{"skadet.xlsx"}},
		{"truncated", func(t *testing.T, dir string) {
			p := workbookWith(t, dir, "Familier")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/2], 0o644)
		}, exitData, []string{filepath.Base(workbookWith(t, writeSample(t), "Familier"))}},
		{"password", func(t *testing.T, dir string) {
			p := workbookWith(t, dir, "Kjøp")
			f, _ := excelize.OpenFile(p)
			if err := f.SaveAs(p, excelize.Options{Password: "hemmelig"}); err != nil {
				t.Fatal(err)
			}
			f.Close()
		}, exitData, []string{"passord"}},
		{"xls renamed", extraFile("gammel.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1024)...)), exitData, []string{"gammel.xlsx"}},
		{"ods renamed", extraFile("ods.xlsx", odsBytes(t)), exitData, []string{"ods.xlsx"}},
		{"csv renamed", extraFile("csv.xlsx", []byte("FamilieID;Del\nF900;1\n")), exitData, []string{"csv.xlsx"}},
		{"empty file", extraFile("tom.xlsx", nil), exitData, []string{"tom.xlsx"}},
		{"zip bomb", extraFile("bombe.xlsx", zipBomb(t)), exitData, []string{"bombe.xlsx"}},
		{"formula errors", func(t *testing.T, dir string) {
			p := workbookWith(t, dir, "Kjøp")
			var price, rooms string
			editWorkbook(t, dir, "Kjøp", func(f *excelize.File) {
				price, rooms = columnOf(t, f, "Kjøp", "Kjøpesum")+"2", columnOf(t, f, "Kjøp", "Rom")+"3"
				f.SetCellFormula("Kjøp", price, "1/0")
				f.SetCellFormula("Kjøp", rooms, "#REF!+1")
			})
			setCachedError(t, p, price, "#DIV/0!")
			setCachedError(t, p, rooms, "#REF!")
		}, exitData, []string{"ark Kjøp", "(Kjøpesum)", "(Rom)"}},
		{"merged header", func(t *testing.T, dir string) {
			editWorkbook(t, dir, "Kjøp", func(f *excelize.File) {
				a := columnOf(t, f, "Kjøp", "FamilieID")
				b := columnOf(t, f, "Kjøp", "Kjøpsdato")
				if err := f.MergeCell("Kjøp", a+"1", b+"1"); err != nil {
					t.Fatal(err)
				}
			})
		}, exitData, []string{"ark Kjøp", "Kjøpsdato"}},
		{"hidden sheet is still read", func(t *testing.T, dir string) {
			editWorkbook(t, dir, "Kontekst", func(f *excelize.File) {
				if err := f.SetSheetVisible("Kontekst", false); err != nil {
					t.Fatal(err)
				}
			})
		}, exitOK, nil},
		{"100 000 characters", sheetCell("Familier", "Husholdning", 2, strings.Repeat("x", 100000)), exitData, []string{"ark Familier", "(Husholdning)"}},
		{"text in every number column", func(t *testing.T, dir string) {
			editWorkbook(t, dir, "Kjøp", func(f *excelize.File) {
				for _, h := range []string{"Kjøpsdato", "Kjøpesum", "Startlån", "Rom", "BRA", "Månedlige boutgifter", "Husleie før"} {
					f.SetCellValue("Kjøp", columnOf(t, f, "Kjøp", h)+"2", "tekst")
				}
			})
		}, exitData, []string{"(Kjøpsdato)", "(Kjøpesum)", "(Startlån)", "(Rom)", "(BRA)", "(Månedlige boutgifter)", "(Husleie før)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSample(t)
			tc.spoil(t, dir)
			inputs := tree(t, dir)
			work := t.TempDir()
			r := bobra(t, work, "rapport", "--data", dir, "--ut", "ut")
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\n%.3000s", r.code, tc.code, r.stderr)
			}
			for _, want := range tc.stderr {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%.3000s", want, r.stderr)
				}
			}
			for _, line := range strings.Split(r.stderr, "\n") {
				if len(line) > 1000 {
					t.Errorf("a message line is %d characters long", len(line))
				}
			}
			_, err := os.Stat(filepath.Join(work, "ut"))
			if wrote := err == nil; wrote != (tc.code == exitOK) {
				t.Errorf("output folder written = %v", wrote)
			}
			if fmt.Sprint(tree(t, dir)) != fmt.Sprint(inputs) {
				t.Error("an input file changed")
			}
		})
	}
}

// odsBytes is a minimal OpenDocument spreadsheet (a zip with its mimetype).
func odsBytes(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(`<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// zipBomb is an xlsx-shaped zip whose worksheet unzips to 4 GiB of zeros
// (declared in its header; the few compressed bytes would inflate far).
func zipBomb(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 64 { // 64 MiB really compressed, 4 GiB claimed
		fw.Write(zeros)
	}
	fw.Close()
	raw, err := zw.CreateRaw(&zip.FileHeader{
		Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: 4 << 30,
	})
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(comp.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// setCachedError gives a formula cell of the workbook at path a cached
// error value, as Excel and LibreOffice save one (t="e").
func setCachedError(t *testing.T, path, cell, value string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<c r="` + cell + `"([^>]*?)(?: t="[a-z]+")?([^>]*)>(<f>[^<]*</f>)(?:<v>[^<]*</v>)?</c>`)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	patched := false
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "xl/worksheets/") && re.Match(body) && !patched {
			body = re.ReplaceAll(body, []byte(`<c r="`+cell+`"$1$2 t="e">$3<v>`+value+`</v></c>`))
			patched = true
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	zw.Close()
	if !patched {
		t.Fatalf("cell %s with a formula not found in %s", cell, path)
	}
	os.WriteFile(path, out.Bytes(), 0o644)
}

// With --logg json every line on stderr is one JSON record, also the list
// of data problems, so a monitor can parse it.
func TestRapportJSONLogs(t *testing.T) {
	t.Parallel()
	broken := writeSample(t)
	editWorkbook(t, broken, "Kjøp", func(f *excelize.File) {
		f.SetCellValue("Kjøp", columnOf(t, f, "Kjøp", "Kjøpesum")+"2", "mange penger")
	})
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"rapport", "--ut", "ut", "--logg", "json"}, exitOK},
		{[]string{"rapport", "--data", broken, "--ut", "ut2", "--logg", "json"}, exitData},
	} {
		r := bobra(t, dir, tc.args...)
		if r.code != tc.code {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
		for _, line := range lines {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Errorf("not a JSON record: %q", line)
			}
		}
		if tc.code == exitData && !strings.Contains(r.stderr, `"celle":"C2"`) && !strings.Contains(r.stderr, `"celle":"`) {
			t.Errorf("problems carry no cell: %s", r.stderr)
		}
	}
}

// A public report shows the quotes as they are written: a quote that
// names a family by its FamilieID stops a public run at its cell, without
// repeating the id, and nothing is written; the internal run shows it.
func TestRapportPublicRefusesFamilyIDInQuote(t *testing.T) {
	t.Parallel()
	dir := writeSample(t)
	var id, cell string
	editWorkbook(t, dir, "Familier", func(f *excelize.File) {
		id, _ = f.GetCellValue("Familier", columnOf(t, f, "Familier", "FamilieID")+"2")
	})
	if id == "" {
		t.Fatal("the sample's first family has no FamilieID")
	}
	editWorkbook(t, dir, "Sitater", func(f *excelize.File) {
		cell = columnOf(t, f, "Sitater", "Sitat") + "2"
		f.SetCellValue("Sitater", cell, "Dette sa "+strings.ToLower(id)+"s mor om flyttingen.")
	})
	work := t.TempDir()
	r := bobra(t, work, "rapport", "--data", dir, "--ut", "ut", "--offentlig")
	if r.code != exitData {
		t.Fatalf("exit %d, want %d\n%.3000s", r.code, exitData, r.stderr)
	}
	want := "ark Sitater, celle " + cell + " (Sitat): Teksten nevner en familie ved FamilieID, og en offentlig utgave viser sitatene slik de står; skriv den uten FamilieID-en, eller lag bare den interne utgaven (uten --offentlig)."
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%.3000s", want, r.stderr)
	}
	if strings.Contains(strings.ToUpper(r.stderr+r.stdout), strings.ToUpper(id)) {
		t.Errorf("a public run printed the FamilieID:\n%s%s", r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(work, "ut")); err == nil {
		t.Error("the public run wrote its output folder")
	}
	if r := bobra(t, work, "rapport", "--data", dir, "--ut", "intern"); r.code != exitOK {
		t.Errorf("the internal run: exit %d\n%.3000s", r.code, r.stderr)
	}
}
