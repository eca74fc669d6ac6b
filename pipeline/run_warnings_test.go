package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bobra/data"
	"bobra/pipeline/results"
)

// A family with two purchases is one fact and gets one warning: the
// reader's, at the later purchase's cell, carried into the results.
func TestSecondPurchaseWarnedOnce(t *testing.T) {
	t.Parallel()
	ds := data.Sample()
	var first data.Purchase
	for _, p := range ds.Purchases {
		if p.Date.Year() <= 2018 {
			first = p
			break
		}
	}
	if first.FamilyID == "" {
		t.Fatal("the sample has no purchase before 2019")
	}
	second := first
	second.Date = data.DayOf(data.NewDate(2020, 1, 15)) // before the evaluation date 2021-09-30
	ds.Purchases = append(ds.Purchases, second)

	rr := runOnWorkbook(t, ds)
	var got []results.Warning
	for _, w := range rr.Results.Warnings {
		if w.Kind == data.KindSeveralPurchases {
			got = append(got, w)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d warnings of kind %s, want 1: %+v", len(got), data.KindSeveralPurchases, got)
	}
	w := got[0]
	if w.File != "data.xlsx" || w.Sheet != "Kjøp" || w.Cell == "" || !strings.Contains(w.Message, first.FamilyID) {
		t.Errorf("the warning does not name the later purchase's cell and the family %s: %+v", first.FamilyID, w)
	}
}

// A year missing in SSB-leie is one fact and gets one warning: the
// computation's, which names the year used instead, not also the checks'.
func TestSSBGapWarnedOnce(t *testing.T) {
	t.Parallel()
	ds := data.Sample()
	var rents []data.RentRow
	for _, r := range ds.Rents {
		if r.Year != 2018 {
			rents = append(rents, r)
		}
	}
	ds.Rents = rents
	if ps := data.Validate(ds, data.SampleEvaluationDate); len(ps.Only(data.Warning)) == 0 {
		t.Fatal("the checks do not warn about the missing year; the test proves nothing")
	}

	rr := runOnWorkbook(t, ds)
	var kinds []string
	for _, w := range rr.Results.Warnings {
		kinds = append(kinds, w.Kind)
		if !strings.Contains(w.Message, "2018") {
			t.Errorf("warning not about 2018: %+v", w)
		}
	}
	if len(kinds) == 0 || slices.Contains(kinds, data.KindSSBGap) {
		t.Errorf("warnings of kinds %v, want the computation's only", kinds)
	}
	for _, p := range rr.Problems {
		if p.Kind == data.KindSSBGap {
			t.Errorf("the run's problems still hold the checks' warning: %+v", p)
		}
	}
}

// runOnWorkbook writes ds as one workbook (data.xlsx), runs on it and
// returns a finished run.
func runOnWorkbook(t *testing.T, ds *data.Dataset) *RunResult {
	t.Helper()
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "data.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := data.WriteWorkbook(f, ds); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	opt := baseOptions(filepath.Join(t.TempDir(), "ut"))
	opt.DataDir = dir
	rr, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if rr.Outcome != Done {
		t.Fatalf("outcome %v, problems %v", rr.Outcome, rr.Problems)
	}
	return rr
}
