package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"bobra/data"
	"bobra/pipeline"
	"bobra/reports"
)

// The real renderers, run in parallel by Run (go test -race checks that
// they share the results safely), give the same bytes twice, internal and
// public, with and without a previous evaluation.
func TestRunWithReportRenderers(t *testing.T) {
	t.Parallel()
	rs, err := reports.Renderers(reports.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	run := func(out string, edit func(o *pipeline.RunOptions)) map[string][]byte {
		opt := pipeline.RunOptions{
			OutDir: filepath.Join(dir, out), Renderers: rs, Version: "test",
			Now: func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) },
		}
		if edit != nil {
			edit(&opt)
		}
		rr, err := pipeline.Run(context.Background(), opt)
		if err != nil {
			t.Fatal(err)
		}
		if rr.Outcome != pipeline.Done {
			t.Fatalf("outcome %v: %v", rr.Outcome, rr.Problems)
		}
		files := map[string][]byte{}
		for _, o := range rr.Manifest.Outputs {
			b, err := os.ReadFile(filepath.Join(opt.OutDir, o.Name))
			if err != nil {
				t.Fatal(err)
			}
			files[o.Name] = b
		}
		if len(files) != len(rs) {
			t.Fatalf("%d files for %d renderers", len(files), len(rs))
		}
		return files
	}
	later := func(o *pipeline.RunOptions) {
		o.AsOf = data.SampleFollowUpDate
		o.Previous = filepath.Join(dir, "a")
		o.Public = true
	}
	a, b := run("a", nil), run("b", nil)
	c, d := run("c", later), run("d", later)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
		if !bytes.Equal(c[name], d[name]) {
			t.Errorf("%s (public, with --forrige) differs between two runs", name)
		}
	}
}
