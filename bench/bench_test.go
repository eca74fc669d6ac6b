// Package bench holds the benchmarks of the whole pipeline at the sizes of
// docs/ytelse.md (the 40-family sample, 10 000 and 100 000 families) and the
// baseline program barescan; `make bench` runs them and bench/run.sh.
//
// The generated datasets are cached in $BOBRA_BENCH_DIR (default: a
// bobra-bench folder in the system's temporary folder), keyed by size, seed
// and generator version, so they are written once. The 100 000-family
// level runs only with BOBRA_BENCH_LARGE=1, which `make bench` sets.
package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"bobra/data"
	"bobra/pipeline"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"
	"bobra/reports"
)

// seed is the generator seed of every benchmark dataset.
const seed = 1

// sizes returns the numbers of families to benchmark; 40 is the sample.
func sizes() []int {
	out := []int{40, 10000}
	if os.Getenv("BOBRA_BENCH_LARGE") == "1" {
		out = append(out, 100000)
	}
	return out
}

func cacheRoot() string {
	if d := os.Getenv("BOBRA_BENCH_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "bobra-bench")
}

// readyMarker is written last into a cached dataset folder, so that a run
// interrupted while generating is not taken for a complete dataset.
const readyMarker = ".ferdig"

// datasetDir returns a folder holding the workbooks of the n-family
// dataset, writing them first if they are not cached.
func datasetDir(tb testing.TB, n int) string {
	tb.Helper()
	var dir string
	if n == 40 {
		// The sample is small and may change with the code: written anew.
		dir = filepath.Join(cacheRoot(), "eksempel")
	} else {
		dir = filepath.Join(cacheRoot(), fmt.Sprintf("v%d-familier%d-frø%d", data.GeneratorVersion, n, seed))
		if _, err := os.Stat(filepath.Join(dir, readyMarker)); err == nil {
			return dir
		}
	}
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	if n == 40 {
		if err := writeSample(dir); err != nil {
			tb.Fatal(err)
		}
		return dir
	}
	if err := data.GenerateDir(dir, n, seed); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, readyMarker), nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// writeSample writes the embedded sample as `bobra eksempel` does.
func writeSample(dir string) error {
	ds := data.Sample()
	for _, wb := range data.SampleWorkbooks() {
		var buf bytes.Buffer
		if err := data.WriteWorkbookWith(&buf, ds, data.WriteOptions{Sheets: wb.Sheets}); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, wb.Name), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// loaded is a dataset read once and computed once per process, shared by
// the compute and renderer benchmarks.
type loaded struct {
	ds   *data.Dataset
	res  *results.Results
	rows int
}

var (
	loadedMu sync.Mutex
	loadedBy = map[int]*loaded{}
)

func load(tb testing.TB, n int) *loaded {
	tb.Helper()
	loadedMu.Lock()
	defer loadedMu.Unlock()
	if l, ok := loadedBy[n]; ok {
		return l
	}
	ds, problems := read(tb, datasetDir(tb, n))
	asOf := ds.Assumptions.EvaluationDate
	l := &loaded{ds: ds, res: compute.Compute(ds, asOf), rows: rowsRead(ds)}
	if problems.HasErrors() {
		tb.Fatalf("%d families: the data has errors: %s", n, problems.Only(data.Error)[0].Error())
	}
	loadedBy[n] = l
	return l
}

func read(tb testing.TB, dir string) (*data.Dataset, data.Problems) {
	ds, problems, err := data.ReadDir(dir, data.ReadOptions{})
	if err != nil {
		tb.Fatal(err)
	}
	if ds == nil {
		tb.Fatalf("no dataset from %s: %v", dir, problems)
	}
	return ds, problems
}

// rowsRead is the number of data rows in the dataset's files.
func rowsRead(ds *data.Dataset) int {
	n := 0
	for _, f := range ds.Files {
		for _, s := range f.Sheets {
			n += s.Rows
		}
	}
	return n
}

func BenchmarkReadDir(b *testing.B) {
	for _, n := range sizes() {
		dir := datasetDir(b, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			var rows int
			for b.Loop() {
				ds, problems := read(b, dir)
				if problems.HasErrors() {
					b.Fatalf("the data has errors: %s", problems.Only(data.Error)[0].Error())
				}
				rows = rowsRead(ds)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

func BenchmarkCompute(b *testing.B) {
	for _, n := range sizes() {
		l := load(b, n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				compute.Compute(l.ds, l.res.AsOf)
			}
		})
	}
}

// BenchmarkRender runs each renderer on the computed results, writing to
// a counter so the output's size is reported.
func BenchmarkRender(b *testing.B) {
	renderers, err := reports.Renderers(reports.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes() {
		l := load(b, n)
		for _, r := range renderers {
			b.Run(r.Format()+"/"+strconv.Itoa(n), func(b *testing.B) {
				b.ReportAllocs()
				var size int64
				for b.Loop() {
					w := &countingWriter{}
					if err := r.Render(w, l.res); err != nil {
						b.Fatal(err)
					}
					size = w.n
				}
				b.ReportMetric(float64(size), "bytes/output")
			})
		}
	}
}

type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

var _ io.Writer = (*countingWriter)(nil)

// BenchmarkRun is `bobra rapport` in the process: read, check, compute and
// every format written to a folder. bench/run.sh times the binary itself;
// this one is for profiling the whole pipeline.
func BenchmarkRun(b *testing.B) {
	renderers, err := reports.Renderers(reports.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes() {
		dir := datasetDir(b, n)
		out := b.TempDir()
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := pipeline.Run(context.Background(), pipeline.RunOptions{
					DataDir: dir, OutDir: out, Renderers: renderers, Command: []string{"bobra", "rapport"},
				})
				if err != nil {
					b.Fatal(err)
				}
				if res.Outcome != pipeline.Done {
					b.Fatalf("outcome %v: %v", res.Outcome, res.Problems.Only(data.Error))
				}
			}
		})
	}
}
