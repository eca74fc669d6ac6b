package disclose

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"bobra/data"
	"bobra/internal/audit"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// testDatasets are the datasets the disclosure tests run on: the sample
// as of both its dates, and synthetic datasets of 40 and 500 families (40
// only with -short). Each test gets its own results, computed from
// datasets read once.
func testDatasets(t *testing.T) map[string]*results.Results {
	t.Helper()
	datasetsOnce.Do(func() {
		sizes := []int{40, 500}
		if testing.Short() {
			sizes = sizes[:1]
		}
		for _, n := range sizes {
			dir, err := os.MkdirTemp("", "bobra-disclose-")
			if err != nil {
				datasetsErr = err
				return
			}
			defer os.RemoveAll(dir)
			if err := data.GenerateDir(dir, n, 1); err != nil {
				datasetsErr = err
				return
			}
			ds, ps, err := data.ReadDir(dir, data.ReadOptions{Today: data.NewDate(2030, 1, 1), Workers: 1})
			if err != nil || ps.HasErrors() {
				datasetsErr = fmt.Errorf("generated %d families: %v %v", n, err, ps)
				return
			}
			datasets = append(datasets, namedDataset{fmt.Sprintf("syntetisk %d", n), ds})
		}
	})
	if datasetsErr != nil {
		t.Fatal(datasetsErr)
	}
	out := map[string]*results.Results{
		"eksempel 2021": compute.Compute(data.Sample(), data.SampleEvaluationDate),
		"eksempel 2024": compute.Compute(data.Sample(), data.SampleFollowUpDate),
	}
	for _, d := range datasets {
		out[d.name] = compute.Compute(d.ds, d.ds.Assumptions.EvaluationDate)
	}
	return out
}

type namedDataset struct {
	name string
	ds   *data.Dataset
}

var (
	datasetsOnce sync.Once
	datasets     []namedDataset
	datasetsErr  error
)

func generated(t *testing.T, families int, seed uint64) *data.Dataset {
	t.Helper()
	dir := t.TempDir()
	if err := data.GenerateDir(dir, families, seed); err != nil {
		t.Fatal(err)
	}
	ds, ps, err := data.ReadDir(dir, data.ReadOptions{Today: data.NewDate(2030, 1, 1), Workers: 1})
	if err != nil || ps.HasErrors() {
		t.Fatalf("generated %d families: %v %v", families, err, ps)
	}
	return ds
}

// countPaths returns the JSON path of every Count in v, by reflection on
// the schema, so a count added to Results is found whether or not the
// catalogue knows it.
func countPaths(v reflect.Value, path string, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			countPaths(v.Elem(), path, out)
		}
	case reflect.Slice:
		if v.Type() == reflect.TypeOf(results.ScaleCounts{}) {
			for i := range v.Len() {
				*out = append(*out, path+"."+results.ScaleLabel(i))
			}
			return
		}
		for i := range v.Len() {
			countPaths(v.Index(i), fmt.Sprintf("%s[%d]", path, i), out)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(results.Count{}) {
			*out = append(*out, path)
			return
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" || name == "run" || name == "homes" {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			countPaths(v.Field(i), p, out)
		}
	}
}

// Every count in resultater.json is a figure of the catalogue, so that
// disclosure control sees it.
func TestCatalogueCoversEveryCount(t *testing.T) {
	for name, res := range testDatasets(t) {
		res.Comparison = Compare(res, res)
		var paths []string
		countPaths(reflect.ValueOf(res), "", &paths)
		cat := results.CatalogueOf(res)
		for _, p := range paths {
			if f := cat.Figure(p); f == nil || f.Count() == nil {
				t.Errorf("%s: the count %s is not in the catalogue", name, p)
			}
		}
		if len(paths) < 50 {
			t.Errorf("%s: only %d counts found; the walk is broken", name, len(paths))
		}
		for _, s := range cat.Sums {
			total := cat.Figure(s.Total).N()
			sum := 0
			for _, p := range s.Parts {
				sum += cat.Figure(p).N()
			}
			if sum != total {
				t.Errorf("%s: the sum %s = %v does not hold", name, s.Total, s.Parts)
			}
		}
	}
}

// resolve returns the JSON value at a catalogue path ("a.b[2].c"), and
// whether the path exists.
func resolve(tree any, path string) (any, bool) {
	cur := tree
	for _, part := range splitPath(path) {
		switch x := cur.(type) {
		case map[string]any:
			v, ok := x[part]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			cur = x[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// splitPath splits "survey[2].counts.Helt enig" into its keys; the keys of
// the age groups ("0-5", "18+") and the answers have no dots.
func splitPath(path string) []string {
	var out []string
	for _, part := range strings.Split(path, ".") {
		for {
			i := strings.IndexByte(part, '[')
			if i < 0 {
				break
			}
			if i > 0 {
				out = append(out, part[:i])
			}
			j := strings.IndexByte(part, ']')
			out = append(out, part[i+1:j])
			part = part[j+1:]
		}
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// Every path in a public suppressed list resolves to a hidden value (null
// in resultater.json), every null figure is listed, and the audit passes.
func TestSuppressedPathsResolve(t *testing.T) {
	for name, res := range testDatasets(t) {
		for _, limit := range []int{3, 4, 10} {
			p, out, err := Protect(res, limit, nil, res)
			if err != nil {
				t.Fatalf("%s, limit %d: %v", name, limit, err)
			}
			b, err := json.Marshal(p)
			if err != nil {
				t.Fatal(err)
			}
			var tree any
			json.Unmarshal(b, &tree)
			for _, id := range p.Suppressed {
				if id == "stability.curve" {
					continue
				}
				v, ok := resolve(tree, id)
				if !ok || v != nil {
					t.Errorf("%s, limit %d: suppressed %s resolves to %v (found %v)", name, limit, id, v, ok)
				}
			}
			listed := map[string]bool{}
			for _, id := range p.Suppressed {
				listed[id] = true
			}
			for _, f := range results.CatalogueOf(p).Figures {
				if f.Unpublished || !f.Present() {
					continue
				}
				if v, ok := resolve(tree, f.ID); ok && v == nil && !listed[f.ID] {
					t.Errorf("%s, limit %d: %s is null but not in suppressed", name, limit, f.ID)
				}
			}
			if out.Audited == 0 && len(p.Suppressed) > 0 {
				t.Errorf("%s, limit %d: figures hidden but none audited", name, limit)
			}
			checkNoSmallVisible(t, p, limit)
		}
	}
}

// The public curve: every step rests on at least limit events of the
// internal curve, every point is a point of it, and a retention rate is
// shown only when the curve shows every event before it.
func TestPublicCurve(t *testing.T) {
	for name, res := range testDatasets(t) {
		for _, limit := range []int{3, 5} {
			p := Suppress(res, limit)
			in, pub := res.Stability.Curve, p.Stability.Curve
			if len(in) > 0 && len(pub) == 0 {
				continue // curve left out altogether
			}
			// Events of the internal curve by time.
			events := map[string]int{}
			prev := in[0].Rate.V
			for _, pt := range in[1:] {
				events[pt.Years.V.String()] = eventsAt(prev, pt.Rate.V, pt.AtRisk.N)
				prev = pt.Rate.V
			}
			j := 0
			last := decimal.Zero
			for k, pt := range pub {
				for j < len(in) && !reflect.DeepEqual(in[j], pt) {
					j++
				}
				if j == len(in) {
					t.Fatalf("%s: public point %d is not a point of the curve", name, k)
				}
				if k == 0 || events[pt.Years.V.String()] == 0 {
					continue
				}
				n := 0
				for _, q := range in[1:] {
					if q.Years.V.GreaterThan(last) && q.Years.V.LessThanOrEqual(pt.Years.V) {
						n += events[q.Years.V.String()]
					}
				}
				if n < limit {
					t.Errorf("%s, limit %d: the step at %s rests on %d events", name, limit, pt.Years.V, n)
				}
				if pt.AtRisk.N < limit {
					t.Errorf("%s, limit %d: the step at %s has %d at risk", name, limit, pt.Years.V, pt.AtRisk.N)
				}
				last = pt.Years.V
			}
			for _, r := range p.Stability.Retention {
				if r.Rate.Hidden {
					continue
				}
				for _, q := range in[1:] {
					if events[q.Years.V.String()] > 0 && q.Years.V.GreaterThan(last) && q.Years.V.LessThanOrEqual(r.Years.V) {
						t.Errorf("%s, limit %d: retention at %s shown past the public curve", name, limit, r.Years.V)
					}
				}
			}
		}
	}
}

// The sample's curve as of 2024 has a step of one family each time: the
// public curve merges them, and shows no step of fewer than 3.
func TestPublicCurveMergesSingleEvents(t *testing.T) {
	res := compute.Compute(data.Sample(), data.SampleFollowUpDate)
	p := Suppress(res, 3)
	if len(p.Stability.Curve) >= len(res.Stability.Curve) {
		t.Errorf("public curve has %d points, internal %d: nothing merged", len(p.Stability.Curve), len(res.Stability.Curve))
	}
	if !containsString(p.Suppressed, "stability.curve") {
		t.Error("the curve was cut but suppressed does not say so")
	}
}

func containsString(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// Random small datasets, suppressed: the audit proves that no hidden
// count can be worked out, at two thresholds.
func TestProtectRandomDatasets(t *testing.T) {
	seeds := uint64(12)
	if testing.Short() {
		seeds = 4
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		families := 3 + int(seed*7%38)
		ds := generated(t, families, seed)
		res := compute.Compute(ds, ds.Assumptions.EvaluationDate)
		for _, limit := range []int{3, 5} {
			p, _, err := Protect(res, limit, FamilyIDs(ds), nil)
			if err != nil {
				t.Fatalf("seed %d, %d families, limit %d: %v", seed, families, limit, err)
			}
			checkNoSmallVisible(t, p, limit)
			// An independent audit of what is published.
			s := &control{limit: limit, cat: results.CatalogueOf(p)}
			bs, err := audit.Audit(s.table(nil).Table, limit)
			if err != nil {
				t.Fatal(err)
			}
			if bad := audit.Unprotected(bs); len(bad) > 0 {
				t.Errorf("seed %d, limit %d: %d hidden counts can be narrowed down", seed, limit, len(bad))
			}
		}
	}
}

// With the previous release: a change of +1 or +2 is not printed, and the
// count it would tell is protected.
func TestProtectAcrossReleases(t *testing.T) {
	prev := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	cur := compute.Compute(data.Sample(), data.SampleFollowUpDate)
	prevPublic := Suppress(prev, 3)
	p, _, err := Protect(cur, 3, nil, prevPublic)
	if err != nil {
		t.Fatal(err)
	}
	if p.Comparison == nil {
		t.Fatal("no comparison")
	}
	for _, r := range p.Comparison.Rows {
		if r.Unit != results.UnitCount || r.Change == nil || r.Change.Hidden {
			continue
		}
		if d := r.Change.V.Abs(); d.IsPositive() && d.LessThan(decimal.NewFromInt(3)) {
			t.Errorf("%s: change %s printed", r.ID, r.Change.V)
		}
	}
	// The audit, run on the published copy, passes with the previous
	// figures fixed.
	s := &control{limit: 3, cat: results.CatalogueOf(p), prev: prevPublic}
	if err := s.check(comparedFromRows(p.Comparison, s.cat)); err != nil {
		t.Error(err)
	}
}

// A hand-made public copy where a hidden count can be worked out fails the
// audit, naming the figure.
func TestAuditNamesTheFigure(t *testing.T) {
	r := smallResults(13, 27, [3]int{12, 1, 0}, [3]int{27, 0, 0})
	cat := results.CatalogueOf(r)
	cat.Figure("stability.by_phase.1.left").Hide(true)
	s := &control{limit: 3, cat: cat}
	err := s.check(nil)
	var ae *AuditError
	if !errors.As(err, &ae) || ae.ID != "stability.all.left" && ae.ID != "stability.by_phase.1.left" {
		t.Fatalf("err = %v; want an AuditError naming the left families", err)
	}
	if !strings.Contains(err.Error(), "kan regnes ut") {
		t.Errorf("message %q", err)
	}
}

func TestSplitPath(t *testing.T) {
	got := splitPath("survey[2].counts.Helt enig")
	want := []string{"survey", "2", "counts", "Helt enig"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%q", got)
	}
	if got := splitPath("children.by_age.18+"); !reflect.DeepEqual(got, []string{"children", "by_age", "18+"}) {
		t.Errorf("%q", got)
	}
	sort.Strings(got)
}

// The worked example: hidden in public unless Forutsetninger allows it,
// never with its FamilieID, and Protect leaves the internal results as
// they were.
func TestProtectExample(t *testing.T) {
	for _, publishable := range []bool{false, true} {
		res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
		if res.Example == nil || res.Example.FamilyID != "F001" || res.Example.Rooms != 4 {
			t.Fatalf("example %+v; want F001's home", res.Example)
		}
		res.Example.Publishable = publishable
		before, _ := json.Marshal(res)
		p, _, err := Protect(res, 3, FamilyIDs(data.Sample()), nil)
		if err != nil {
			t.Fatal(err)
		}
		after, _ := json.Marshal(res)
		if string(before) != string(after) {
			t.Error("Protect changed the internal results")
		}
		ex := p.Example
		if ex.FamilyID != "" {
			t.Error("the public example names its family")
		}
		hidden := ex.Price.Hidden && ex.Value.Hidden && ex.RentNow.Hidden && ex.Rooms == 0 && ex.PurchaseYear == 0
		shown := !ex.Price.Hidden && !ex.Value.Hidden && !ex.RentNow.Hidden && ex.Rooms == 4
		if publishable && !shown || !publishable && !hidden {
			t.Errorf("publishable %v: public example %+v", publishable, ex)
		}
		if !publishable && !containsString(p.Suppressed, "example.price") {
			t.Error("the hidden example is not in suppressed")
		}
		for _, a := range p.Assumptions {
			if a.Name == data.ParamExampleHome && strings.Contains(a.Value, "F001") {
				t.Error("the public assumptions name the example's family")
			}
		}
	}
}

// Two homes-at-risk figures that are both shown tell, by their
// difference, how many homes left or stopped being followed between
// them: the public curve and retention table show no two whose
// difference is a small count (1 to limit − 1).
func TestPublicCurveAtRiskDifferences(t *testing.T) {
	pt := func(years, rate string, atRisk int) results.RetentionPoint {
		return results.RetentionPoint{Years: results.Number{V: decimal.RequireFromString(years)},
			Rate: results.Share{V: decimal.RequireFromString(rate)}, AtRisk: results.Count{N: atRisk}}
	}
	hidden := func(years string) results.RetentionPoint {
		return results.RetentionPoint{Years: results.Number{V: decimal.RequireFromString(years)},
			Rate: results.Share{Hidden: true}, AtRisk: results.Count{Hidden: true}}
	}
	cases := []struct {
		name     string
		in, want results.Stability
		wantCut  bool
		limit    int
	}{
		{"five families: one bought within the year, told by 5 − 4",
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 5)},
				Retention: []results.RetentionPoint{pt("1", "1", 4), pt("3", "1", 4), pt("5", "1", 4)}},
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 5)},
				Retention: []results.RetentionPoint{hidden("1"), hidden("3"), hidden("5")}},
			false, 3},
		{"twelve families: 12 − 11 and 11 − 10",
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 12)},
				Retention: []results.RetentionPoint{pt("1", "1", 11), pt("3", "1", 11), pt("5", "1", 10)}},
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 12)},
				Retention: []results.RetentionPoint{hidden("1"), hidden("3"), hidden("5")}},
			false, 3},
		{"differences of the limit or more are shown",
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 40)},
				Retention: []results.RetentionPoint{pt("1", "1", 29), pt("3", "1", 10), pt("5", "1", 10)}},
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 40)},
				Retention: []results.RetentionPoint{pt("1", "1", 29), pt("3", "1", 10), pt("5", "1", 10)}},
			false, 3},
		{"forty families: retention beside the last point of the curve",
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 40), pt("6.3792", "1", 28)},
				Retention: []results.RetentionPoint{pt("1", "1", 37), pt("3", "1", 36), pt("5", "1", 30)}},
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 40), pt("6.3792", "1", 28)},
				Retention: []results.RetentionPoint{pt("1", "1", 37), hidden("3"), hidden("5")}},
			false, 3},
		{"a step too close to the one before is merged into the next",
			// 8 at 3 years, then 7 at 4 years (8 − 7 would tell one home),
			// then 4 at 5 years: the events at 4 and 5 years are one step.
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 13), pt("1", "0.9", 10), pt("2", "0.8", 9),
				pt("3", "0.7", 8), pt("4", "0.4", 7), pt("5", "0.3", 4)}},
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 13), pt("3", "0.7", 8), pt("5", "0.3", 4)}},
			true, 3},
		{"a merged step one home below the step before ends the curve when nothing follows",
			// Three followed less than a year, then one event at each of 1,
			// 2 and 3 years (merged, shown at 3 with 8 at risk), then three
			// at once at 4 years with 7 at risk: 8 − 7 says exactly one home
			// left at 3 years.
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 13), pt("1", "0.9", 10), pt("2", "0.8", 9),
				pt("3", "0.7", 8), pt("4", "0.4", 7)}},
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 13), pt("3", "0.7", 8)}},
			true, 3},
		{"a merged step two homes below the start, with nothing after, ends the curve at the start",
			// 10 − 8: the two events before 3 years are told apart.
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 10), pt("1", "0.9", 10), pt("2", "0.8", 9),
				pt("3", "0.7", 8)}},
			results.Stability{Curve: []results.RetentionPoint{pt("0", "1", 10)}},
			true, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := c.in
			st.Curve = append([]results.RetentionPoint(nil), c.in.Curve...)
			st.Retention = append([]results.RetentionPoint(nil), c.in.Retention...)
			cut := publicCurve(&st, c.limit)
			if cut != c.wantCut {
				t.Errorf("cut = %v, want %v", cut, c.wantCut)
			}
			if !reflect.DeepEqual(st, c.want) {
				t.Errorf("publicCurve =\n%+v\nwant\n%+v", st, c.want)
			}
		})
	}
}
