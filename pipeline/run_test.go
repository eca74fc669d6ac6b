package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"bobra/data"
	"bobra/internal/atomicfile"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"
)

// fakeRenderer writes a fixed text derived from the results, or fails.
type fakeRenderer struct {
	format, name string
	fail         error
	panics       bool
	block        chan struct{} // when set, Render waits on it
}

func (f fakeRenderer) Format() string   { return f.format }
func (f fakeRenderer) FileName() string { return f.name }
func (f fakeRenderer) Render(w io.Writer, res *results.Results) error {
	if f.block != nil {
		<-f.block
	}
	if f.panics {
		panic("boom")
	}
	fmt.Fprintf(w, "%s %s %d %v\n", f.format, res.AsOf, res.Families.Bought.N, res.Public)
	if f.fail != nil {
		return f.fail
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func okRenderers() []Renderer {
	return []Renderer{
		fakeRenderer{format: "a", name: "a.txt"},
		fakeRenderer{format: "b", name: "b.txt"},
	}
}

var fixedNow = func() time.Time { return time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC) }

func baseOptions(out string) RunOptions {
	return RunOptions{OutDir: out, Renderers: okRenderers(), Now: fixedNow, Version: "test", Command: []string{"bobra", "rapport"}}
}

// readTree returns every file under dir by relative name.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestRunWritesOutputsAndManifest(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "ut")
	rr, err := Run(context.Background(), baseOptions(out))
	if err != nil {
		t.Fatal(err)
	}
	if rr.Outcome != Done {
		t.Fatalf("outcome %v, problems %v", rr.Outcome, rr.Problems)
	}
	files := readTree(t, out)
	for _, name := range []string{"a.txt", "b.txt", ManifestName} {
		if _, ok := files[name]; !ok {
			t.Errorf("missing %s; have %v", name, files)
		}
	}
	if len(files) != 3 {
		t.Errorf("want exactly 3 files (no temporary left), got %d", len(files))
	}
	var m Manifest
	if err := json.Unmarshal([]byte(files[ManifestName]), &m); err != nil {
		t.Fatal(err)
	}
	if m.RunAt != "2025-01-02T03:04:05Z" || m.AsOf != data.SampleEvaluationDate || m.Version != "test" {
		t.Errorf("manifest head = %+v", m)
	}
	if len(m.Outputs) != 2 || m.Outputs[0].Name != "a.txt" || m.Outputs[1].Name != "b.txt" {
		t.Fatalf("outputs = %+v", m.Outputs)
	}
	for _, o := range m.Outputs {
		if want := sha(files[o.Name]); o.SHA256 != want || o.Size != int64(len(files[o.Name])) {
			t.Errorf("%s: manifest sha %s size %d, file sha %s size %d", o.Name, o.SHA256, o.Size, want, len(files[o.Name]))
		}
	}
	if len(m.Inputs) != 1 || len(m.Inputs[0].Sheets) == 0 || len(m.Assumptions) == 0 {
		t.Errorf("inputs/assumptions missing: %+v / %+v", m.Inputs, m.Assumptions)
	}
	if rr.Results.Run == nil || rr.Results.Run.Settings != "--per 2021-09-30" || rr.Results.Run.DataSource != results.SampleSource {
		t.Errorf("run info = %+v", rr.Results.Run)
	}
	// The year alone is no sign: SSB-leie's Kilde says "oppdatert 22.12.2025".
	if a := files["a.txt"]; strings.Contains(a, "2025-01-02") || strings.Contains(a, "02.01.2025") || strings.Contains(a, "03:04") {
		t.Error("the run time reached an output")
	}
}

func TestRunIsReproducible(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	optA, optB := baseOptions(a), baseOptions(b)
	optB.Now = func() time.Time { return fixedNow().Add(24 * time.Hour) } // a day later
	for _, o := range []RunOptions{optA, optB} {
		if _, err := Run(context.Background(), o); err != nil {
			t.Fatal(err)
		}
	}
	fa, fb := readTree(t, a), readTree(t, b)
	for name, body := range fa {
		other := fb[name]
		if name == ManifestName {
			body, other = dropRunAt(t, body), dropRunAt(t, other)
		}
		if body != other {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

func dropRunAt(t *testing.T, s string) string {
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "run_at")
	b, _ := json.Marshal(m)
	return string(b)
}

// A failing, panicking or interrupted run leaves the previous outputs as
// they were and no temporary file behind.
func TestRunFailureKeepsPreviousOutputs(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name      string
		renderers []Renderer
		cancel    bool
		wantMsg   string
	}{
		{"renderer error", []Renderer{fakeRenderer{format: "a", name: "a.txt"}, fakeRenderer{format: "b", name: "b.txt", fail: errors.New("knekk")}}, false, "kunne ikke lage b.txt"},
		{"renderer panic", []Renderer{fakeRenderer{format: "a", name: "a.txt", panics: true}, fakeRenderer{format: "b", name: "b.txt"}}, false, "intern feil"},
		{"disk full", []Renderer{fakeRenderer{format: "a", name: "a.txt"}, fakeRenderer{format: "b", name: "b.txt", fail: &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}}}, false, "disken er full"},
		{"interrupted", []Renderer{fakeRenderer{format: "a", name: "a.txt", block: make(chan struct{})}, fakeRenderer{format: "b", name: "b.txt"}}, true, "avbrutt"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "ut")
			if _, err := Run(context.Background(), baseOptions(out)); err != nil {
				t.Fatal(err)
			}
			before := readTree(t, out)
			opt := baseOptions(out)
			opt.Renderers = tc.renderers
			opt.AsOf = data.SampleFollowUpDate
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.cancel {
				go func() {
					// Cancel once the renderers are running (their temp files exist).
					for {
						if n := countTemps(out); n > 0 {
							cancel()
							return
						}
						time.Sleep(time.Millisecond)
					}
				}()
			}
			_, err := Run(ctx, opt)
			var we *WriteError
			if !errors.As(err, &we) {
				t.Fatalf("want *WriteError, got %v", err)
			}
			if !strings.Contains(we.Msg, tc.wantMsg) {
				t.Errorf("message %q lacks %q", we.Msg, tc.wantMsg)
			}
			after := readTree(t, out)
			if fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("previous outputs changed or temp left:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
		})
	}
}

func countTemps(dir string) int {
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), atomicfile.TempPrefix) {
			n++
		}
	}
	return n
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestRunRemovesTempsOfKilledRun(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	stale := filepath.Join(out, atomicfile.TempPrefix+"123")
	if err := os.WriteFile(stale, []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), baseOptions(out)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale temporary file was not removed")
	}
}

func TestRunUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	dataDir := filepath.Join(dir, "data")
	os.Mkdir(dataDir, 0o755)
	link := filepath.Join(dir, "lenke")
	if err := os.Symlink(dataDir, link); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "fil.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	cases := []struct {
		name string
		edit func(o *RunOptions)
		want string
	}{
		{"out is data", func(o *RunOptions) { o.DataDir, o.OutDir = dataDir, dataDir }, "er datamappen eller ligger inni den"},
		{"out inside data", func(o *RunOptions) { o.DataDir, o.OutDir = dataDir, filepath.Join(dataDir, "ut", "2024") }, "er datamappen eller ligger inni den"},
		{"out inside data via symlink", func(o *RunOptions) { o.DataDir, o.OutDir = dataDir, filepath.Join(link, "ut") }, "er datamappen eller ligger inni den"},
		{"data via symlink, out inside", func(o *RunOptions) { o.DataDir, o.OutDir = link, filepath.Join(dataDir, "..", "data", "ut") }, "er datamappen eller ligger inni den"},
		{"out is a file", func(o *RunOptions) { o.OutDir = file }, "er en fil"},
		{"missing data", func(o *RunOptions) { o.DataDir = filepath.Join(dir, "finnesikke") }, "fant ikke datamappen"},
		{"unknown format", func(o *RunOptions) { o.Formats = []string{"a", "docx"} }, `ukjent format "docx" (--format); tillatte formater er: a, b.`},
		{"out is the templates folder", func(o *RunOptions) { o.TemplateDir, o.OutDir = dataDir, dataDir }, "er malmappen eller ligger inni den"},
		{"missing previous", func(o *RunOptions) { o.Previous = filepath.Join(dir, "borte.json") }, "fant ikke forrige evaluering"},
		{"previous folder without results", func(o *RunOptions) { o.Previous = dataDir }, "har ingen resultater.json"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt := baseOptions(filepath.Join(dir, "ut"))
			tc.edit(&opt)
			_, err := Run(context.Background(), opt)
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("want *UsageError, got %v", err)
			}
			if !strings.Contains(ue.Msg, tc.want) {
				t.Errorf("message %q lacks %q", ue.Msg, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dataDir, "ut")); !os.IsNotExist(err) {
		t.Error("an output folder was created inside the data folder")
	}
}

// fakeRead is a reader that returns what it is given.
func fakeRead(ds *data.Dataset, ps data.Problems, err error) ReadFunc {
	return func(string, data.ReadOptions) (*data.Dataset, data.Problems, error) { return ds, ps, err }
}

func TestRunDataErrorsAndStrict(t *testing.T) {
	t.Parallel()
	warning := data.Problem{Severity: data.Warning, Kind: "flere-kjop", File: "a.xlsx", Sheet: "Kjøp", Cell: "A3", Message: "F001 har mer enn ett kjøp."}
	failure := data.Problem{Severity: data.Error, Kind: "ugyldig-dato", File: "a.xlsx", Sheet: "Kjøp", Cell: "B3", Message: "ugyldig dato."}
	cases := []struct {
		name        string
		ps          data.Problems
		err         error
		strict      bool
		want        Outcome
		wantWritten bool
	}{
		{"errors", data.Problems{warning, failure}, nil, false, DataErrors, false},
		{"file problem", data.Problems{{Severity: data.Error, Kind: "feil-filtype", File: "a.xls", Message: "Filen er lagret som Excel 97–2003 (.xls)."}}, nil, false, DataErrors, false},
		{"warnings, strict", data.Problems{warning}, nil, true, WarningsRefused, false},
		{"warnings, not strict", data.Problems{warning}, nil, false, Done, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			opt := baseOptions(filepath.Join(dir, "ut"))
			opt.Read = fakeRead(data.Sample(), tc.ps, tc.err)
			opt.DataDir = dir
			opt.OutDir = filepath.Join(t.TempDir(), "ut")
			opt.Strict = tc.strict
			rr, err := Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if rr.Outcome != tc.want {
				t.Errorf("outcome %v, want %v", rr.Outcome, tc.want)
			}
			_, statErr := os.Stat(opt.OutDir)
			if written := statErr == nil; written != tc.wantWritten {
				t.Errorf("written = %v, want %v", written, tc.wantWritten)
			}
			if tc.want == Done {
				if len(rr.Results.Warnings) == 0 || rr.Results.Warnings[0].Kind != "flere-kjop" {
					t.Errorf("reader warning not carried into results: %+v", rr.Results.Warnings)
				}
			}
		})
	}
}

func sha(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func TestComparisonWithPreviousRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := filepath.Join(dir, "2021")
	opt := baseOptions(first)
	opt.Renderers = []Renderer{jsonRenderer{}}
	if _, err := Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	for _, public := range []bool{false, true} {
		t.Run(fmt.Sprint("public=", public), func(t *testing.T) {
			opt := baseOptions(filepath.Join(dir, fmt.Sprint("2024-", public)))
			opt.Renderers = []Renderer{jsonRenderer{}}
			opt.AsOf = data.SampleFollowUpDate
			opt.Previous = first // the folder
			opt.Public = public
			rr, err := Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			cmp := rr.Results.Comparison
			if cmp == nil || cmp.PreviousAsOf != data.SampleEvaluationDate {
				t.Fatalf("comparison = %+v", cmp)
			}
			internal2024 := compute.Compute(data.Sample(), data.SampleFollowUpDate)
			row := func(id string) results.ComparisonRow {
				for _, r := range cmp.Rows {
					if r.ID == id {
						return r
					}
				}
				t.Fatalf("no row %s", id)
				return results.ComparisonRow{}
			}
			bought := row("families.bought")
			if bought.Previous.V.IntPart() != 40 || bought.Current.V.IntPart() != int64(internal2024.Families.Bought.N) {
				t.Errorf("families.bought row = %+v / %+v", bought.Previous, bought.Current)
			}
			wantChange := int64(internal2024.Families.Bought.N - 40)
			if bought.Change.V.IntPart() != wantChange {
				t.Errorf("change = %v, want %d", bought.Change.V, wantChange)
			}
			children := row("children.total")
			if children.Previous.V.IntPart() != 97 {
				t.Errorf("children then = %v", children.Previous.V)
			}
			p1 := row("stability.by_phase.1.rate")
			if public {
				if !rr.Results.Public {
					t.Error("results not public")
				}
				// Any rate hidden in the public results is hidden in the comparison too.
				if rr.Results.Stability.ByPhase.P1.Rate != nil && rr.Results.Stability.ByPhase.P1.Rate.Hidden && !(p1.Current.Hidden && p1.Change.Hidden) {
					t.Errorf("hidden part-1 rate visible in the comparison: %+v", p1)
				}
			} else if p1.Previous.V.StringFixed(4) != "0.7692" {
				t.Errorf("part-1 stability then = %s", p1.Previous.V.StringFixed(4))
			}
			b, _ := json.Marshal(rr.Results)
			if !bytes.Contains(b, []byte(`"comparison":{"previous_as_of":"2021-09-30"`)) {
				t.Errorf("comparison missing in json")
			}
		})
	}
}

func TestPreviousRefused(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cur := compute.Compute(data.Sample(), data.SampleFollowUpDate)
	write := func(name string, edit func(m map[string]any)) string {
		b, _ := json.Marshal(compute.Compute(data.Sample(), data.SampleEvaluationDate))
		var m map[string]any
		json.Unmarshal(b, &m)
		edit(m)
		b, _ = json.Marshal(m)
		p := filepath.Join(dir, name)
		os.WriteFile(p, b, 0o644)
		return p
	}
	cases := []struct {
		name string
		path string
		want string
	}{
		{"schema", write("schema.json", func(m map[string]any) { m["schema"] = "2.0" }), "annen versjon av resultatformatet (2.0)"},
		{"no schema", write("noschema.json", func(m map[string]any) { delete(m, "schema") }), "ikke en resultatfil fra bobra"},
		{"programme", write("prog.json", func(m map[string]any) { m["programme"] = "Et annet prosjekt" }), "gjelder prosjektet «Et annet prosjekt»"},
		{"municipality", write("kommune.json", func(m map[string]any) { m["municipality"] = "Tromsø kommune" }), "gjelder kommunen «Tromsø kommune»"},
		{"later", write("later.json", func(m map[string]any) { m["as_of"] = "2025-01-01" }), "er etter denne evalueringen"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			prev, rec, err := LoadPrevious(tc.path)
			if err == nil {
				err = CheckComparable(prev, cur, rec.Name)
			}
			var ue *UsageError
			if !errors.As(err, &ue) || !strings.Contains(ue.Msg, tc.want) {
				t.Errorf("got %v, want a usage error with %q", err, tc.want)
			}
		})
	}
}

func TestPreviousNotOverwritten(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "ut")
	opt := baseOptions(out)
	opt.Renderers = []Renderer{jsonRenderer{}}
	if _, err := Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	opt.Previous = out
	opt.AsOf = data.SampleFollowUpDate
	_, err := Run(context.Background(), opt)
	var ue *UsageError
	if !errors.As(err, &ue) || !strings.Contains(ue.Msg, "ville blitt overskrevet") {
		t.Errorf("got %v", err)
	}
}

// jsonRenderer writes resultater.json as reports.JSON does (that package
// imports this one, so the test carries its own).
type jsonRenderer struct{}

func (jsonRenderer) Format() string   { return "json" }
func (jsonRenderer) FileName() string { return ResultsFileName }
func (jsonRenderer) Render(w io.Writer, res *results.Results) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

func TestProgressLines(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	opt := baseOptions(filepath.Join(t.TempDir(), "ut"))
	opt.Progress = &buf
	if _, err := Run(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	want := "[1/5] Leser data …\n[2/5] Kontrollerer data …\n[3/5] Beregner resultatene …\n[4/5] Lager rapportene …\n[5/5] Skriver filene …\n"
	if buf.String() != want {
		t.Errorf("progress = %q", buf.String())
	}
}

// A data folder the reader cannot use at all (no workbooks) is wrong use.
func TestRunUnusableDataFolder(t *testing.T) {
	t.Parallel()
	opt := baseOptions(filepath.Join(t.TempDir(), "ut"))
	opt.Read = fakeRead(nil, nil, &data.FileError{Path: "x", Message: "Mappen «x» har ingen Excel-arbeidsbøker (.xlsx)."})
	opt.DataDir = t.TempDir()
	_, err := Run(context.Background(), opt)
	var ue *UsageError
	if !errors.As(err, &ue) || ue.Msg != "Mappen «x» har ingen Excel-arbeidsbøker (.xlsx) (--data)." {
		t.Errorf("got %v", err)
	}
}

// When an output cannot be put in place, the folder is left without a
// manifest: it says it is incomplete instead of vouching for a mix of old
// and new files.
func TestRunFailedRenameLeavesNoManifest(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "ut")
	if _, err := Run(context.Background(), baseOptions(out)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, ManifestName)); err != nil {
		t.Fatal(err)
	}
	// A folder where b.txt should go cannot be renamed over.
	if err := os.Remove(filepath.Join(out, "b.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(out, "b.txt", "inni"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Run(context.Background(), baseOptions(out))
	var we *WriteError
	if !errors.As(err, &we) || !strings.Contains(we.Msg, "kan ikke flytte b.txt") || !strings.Contains(we.Msg, "ufullstendig") {
		t.Fatalf("want a WriteError about b.txt and the incomplete folder, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, ManifestName)); !os.IsNotExist(err) {
		t.Errorf("%s is still there after a failed rename (err %v)", ManifestName, err)
	}
	if n := countTemps(out); n != 0 {
		t.Errorf("%d temporary files left", n)
	}
}

func TestPublicCommand(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{
			[]string{"bobra", "rapport", "--data", "/home/kari/Familier 2024", "--ut", "/home/kari/ut/2024", "--offentlig"},
			[]string{"bobra", "rapport", "--data", "datamappen", "--ut", "2024", "--offentlig"},
		},
		{
			[]string{"bobra", "rapport", "--data=C:/Users/kari/data", "-ut=ut/", "--forrige", "../2023/resultater.json", "--maler", "/tmp/x/maler"},
			[]string{"bobra", "rapport", "--data=datamappen", "-ut=ut", "--forrige", "resultater.json", "--maler", "maler"},
		},
		{
			[]string{"bobra", "rapport", "--per", "2024-09-30", "--ut"},
			[]string{"bobra", "rapport", "--per", "2024-09-30", "--ut"},
		},
	}
	for _, tt := range tests {
		if got := publicCommand(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("publicCommand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
