package audit

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// table builds a table from "id=value" cells, hidden when the id is in
// hidden, and the sums given as [total, parts...] ids.
func table(cells []string, values []int64, hidden []string, sums [][]string) Table {
	idx := map[string]int{}
	var t Table
	hide := map[string]bool{}
	for _, h := range hidden {
		hide[h] = true
	}
	for i, id := range cells {
		idx[id] = i
		t.Cells = append(t.Cells, Cell{ID: id, Value: values[i], Hidden: hide[id]})
	}
	for _, s := range sums {
		var parts []int
		for _, p := range s[1:] {
			parts = append(parts, idx[p])
		}
		t.Equations = append(t.Equations, Sum(idx[s[0]], parts...))
	}
	return t
}

func TestAuditHandMade(t *testing.T) {
	cases := []struct {
		name string
		t    Table
		want []Bound
	}{
		{"the only hidden part of a shown total is given away",
			table([]string{"del1", "del2", "alle"}, []int64{1, 12, 13}, []string{"del1"}, [][]string{{"alle", "del1", "del2"}}),
			[]Bound{{Cell: 0, Lo: 1, Hi: 1}}},
		{"two hidden parts of a shown total: each lies in 0 … their sum",
			table([]string{"a", "b", "c", "alle"}, []int64{1, 5, 4, 10}, []string{"a", "b"}, [][]string{{"alle", "a", "b", "c"}}),
			[]Bound{{Cell: 0, Lo: 0, Hi: 6, Protected: true}, {Cell: 1, Lo: 0, Hi: 6, Protected: true}}},
		{"two hidden parts that add up to 1 are too narrow",
			table([]string{"a", "b", "c", "alle"}, []int64{1, 0, 9, 10}, []string{"a", "b"}, [][]string{{"alle", "a", "b", "c"}}),
			[]Bound{{Cell: 0, Lo: 0, Hi: 1}, {Cell: 1, Lo: 0, Hi: 1}}},
		{"a hidden total with hidden part: the total is bounded below only",
			table([]string{"a", "b", "alle"}, []int64{2, 7, 9}, []string{"a", "alle"}, [][]string{{"alle", "a", "b"}}),
			[]Bound{{Cell: 0, Lo: 0, Unbounded: true, Protected: true}, {Cell: 2, Lo: 7, Unbounded: true, Protected: true}}},
		{"a hidden cell in no sum is only a count",
			table([]string{"a", "b"}, []int64{1, 7}, []string{"a"}, nil),
			[]Bound{{Cell: 0, Unbounded: true, Protected: true}}},
		{"two-way table: a rectangle of hidden cells is protected",
			// rows r1, r2; columns c1, c2, c3; margins and grand total.
			table([]string{"r1c1", "r1c2", "r1c3", "r2c1", "r2c2", "r2c3", "r1", "r2", "c1", "c2", "c3", "alle"},
				[]int64{1, 4, 5, 6, 2, 3, 10, 11, 7, 6, 8, 21},
				[]string{"r1c1", "r1c2", "r2c1", "r2c2"},
				[][]string{{"r1", "r1c1", "r1c2", "r1c3"}, {"r2", "r2c1", "r2c2", "r2c3"},
					{"c1", "r1c1", "r2c1"}, {"c2", "r1c2", "r2c2"}, {"c3", "r1c3", "r2c3"}, {"alle", "r1", "r2"}, {"alle", "c1", "c2", "c3"}}),
			// r1c1 + r1c2 = 5, r1c1 + r2c1 = 7, r1c2 + r2c2 = 6, r2c1 + r2c2 = 8:
			// r1c1 = t ∈ [0, 5], r1c2 = 5 − t, r2c1 = 7 − t, r2c2 = 1 + t.
			[]Bound{{Cell: 0, Lo: 0, Hi: 5, Protected: true}, {Cell: 1, Lo: 0, Hi: 5, Protected: true},
				{Cell: 3, Lo: 2, Hi: 7, Protected: true}, {Cell: 4, Lo: 1, Hi: 6, Protected: true}}},
		{"two-way table: two hidden cells in one row are given away by the columns",
			table([]string{"r1c1", "r1c2", "r2c1", "r2c2", "r1", "r2", "c1", "c2", "alle"},
				[]int64{1, 2, 6, 5, 3, 11, 7, 7, 14},
				[]string{"r1c1", "r1c2"},
				[][]string{{"r1", "r1c1", "r1c2"}, {"r2", "r2c1", "r2c2"}, {"c1", "r1c1", "r2c1"}, {"c2", "r1c2", "r2c2"}, {"alle", "r1", "r2"}}),
			[]Bound{{Cell: 0, Lo: 1, Hi: 1}, {Cell: 1, Lo: 2, Hi: 2}}},
		{"the curve: at risk after a step gives the events when the censored are shown",
			// at risk 25 → 24; events hidden, censored 0 shown.
			table([]string{"risiko0", "hendelser", "sensurert", "risiko1"}, []int64{25, 1, 0, 24}, []string{"hendelser"},
				[][]string{{"risiko0", "hendelser", "sensurert", "risiko1"}}),
			[]Bound{{Cell: 1, Lo: 1, Hi: 1}}},
		{"the run record: rows in Familier minus the buyers tell the families that have not bought",
			table([]string{"rader_familier", "kjopt", "ikke_kjopt"}, []int64{42, 40, 2}, []string{"ikke_kjopt"},
				[][]string{{"rader_familier", "kjopt", "ikke_kjopt"}}),
			[]Bound{{Cell: 2, Lo: 2, Hi: 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Audit(c.t, 3)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Audit =\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

// With --forrige, the change is published beside today's count: a hidden
// count today is given away by last time's count and the change, unless
// the change is hidden too.
func TestAuditAcrossReleases(t *testing.T) {
	// cells: before, now, change; now − before − change = 0.
	build := func(hideNow, hideChange bool) Table {
		return Table{
			Cells:     []Cell{{ID: "forrige", Value: 10}, {ID: "nå", Value: 12, Hidden: hideNow}, {ID: "endring", Value: 2, Hidden: hideChange, Signed: true}},
			Equations: []Equation{{Terms: []Term{{1, 1}, {0, -1}, {2, -1}}}},
		}
	}
	got, err := Audit(build(true, false), 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Bound{{Cell: 1, Lo: 12, Hi: 12}}; !reflect.DeepEqual(got, want) {
		t.Errorf("now hidden, change shown: %+v; want %+v", got, want)
	}
	got, err = Audit(build(false, true), 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Bound{{Cell: 2, Lo: 2, Hi: 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("change hidden: %+v; want %+v", got, want)
	}
	got, err = Audit(build(true, true), 3)
	if err != nil {
		t.Fatal(err)
	}
	// now ≥ 0 bounds the change below by −10; nothing bounds either above.
	if want := []Bound{{Cell: 1, Lo: 0, Unbounded: true, Protected: true}, {Cell: 2, Lo: -10, Unbounded: true, Protected: true}}; !reflect.DeepEqual(got, want) {
		t.Errorf("both hidden: %+v; want %+v", got, want)
	}
}

func TestAuditInconsistent(t *testing.T) {
	tb := table([]string{"a", "b", "alle"}, []int64{1, 2, 4}, []string{"a"}, [][]string{{"alle", "a", "b"}})
	if _, err := Audit(tb, 3); !errors.Is(err, ErrInconsistent) {
		t.Errorf("err = %v; want ErrInconsistent", err)
	}
}

func TestSecondaryHandMade(t *testing.T) {
	cases := []struct {
		name  string
		t     Table
		added []string
	}{
		{"nothing to do", table([]string{"a", "b", "alle"}, []int64{5, 7, 12}, nil, [][]string{{"alle", "a", "b"}}), nil},
		{"the smallest cell big enough is hidden",
			table([]string{"a", "b", "c", "d", "alle"}, []int64{1, 9, 1, 4, 15}, []string{"a"}, [][]string{{"alle", "a", "b", "c", "d"}}),
			// a = 1 needs a partner of at least 1: c (1) is the smallest.
			[]string{"c"}},
		{"a zero is no partner while a bigger cell is there",
			table([]string{"a", "b", "c", "alle"}, []int64{1, 0, 6, 7}, []string{"a"}, [][]string{{"alle", "a", "b", "c"}}),
			[]string{"c"}},
		{"a part of two sums is hidden in both",
			// del1 = a1 + b1, del2 = a2 + b2, a = a1 + a2, b = b1 + b2.
			table([]string{"a1", "b1", "a2", "b2", "del1", "del2", "a", "b"},
				[]int64{2, 8, 5, 9, 10, 14, 7, 17}, []string{"a1"},
				[][]string{{"del1", "a1", "b1"}, {"del2", "a2", "b2"}, {"a", "a1", "a2"}, {"b", "b1", "b2"}}),
			[]string{"b1", "a2", "b2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, added, err := Secondary(c.t, 3)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, i := range added {
				ids = append(ids, out.Cells[i].ID)
			}
			if !reflect.DeepEqual(ids, c.added) {
				t.Errorf("added %v; want %v", ids, c.added)
			}
			bs, err := Audit(out, 3)
			if err != nil {
				t.Fatal(err)
			}
			if u := Unprotected(bs); len(u) > 0 {
				t.Errorf("still unprotected: %+v", u)
			}
		})
	}
}

// twoWay is a random r×c table with margins and a grand total; the cells
// below the threshold (but not 0) are hidden, as the small-number rule
// does.
func twoWay(rng *rand.Rand, r, c int, max int64, threshold int) Table {
	var t Table
	cell := func(id string, v int64) int {
		t.Cells = append(t.Cells, Cell{ID: id, Value: v, Hidden: v > 0 && v < int64(threshold)})
		return len(t.Cells) - 1
	}
	inner := make([][]int, r)
	rowSum := make([]int64, r)
	colSum := make([]int64, c)
	for i := range r {
		for j := range c {
			v := rng.Int64N(max + 1)
			inner[i] = append(inner[i], cell(fmt.Sprintf("r%dc%d", i, j), v))
			rowSum[i] += v
			colSum[j] += v
		}
	}
	var rows, cols []int
	var all int64
	for i := range r {
		rows = append(rows, cell(fmt.Sprintf("r%d", i), rowSum[i]))
		t.Equations = append(t.Equations, Sum(rows[i], inner[i]...))
		all += rowSum[i]
	}
	for j := range c {
		cols = append(cols, cell(fmt.Sprintf("c%d", j), colSum[j]))
		var parts []int
		for i := range r {
			parts = append(parts, inner[i][j])
		}
		t.Equations = append(t.Equations, Sum(cols[j], parts...))
	}
	total := cell("alle", all)
	t.Equations = append(t.Equations, Sum(total, rows...), Sum(total, cols...))
	return t
}

// Random small tables, suppressed: the audit proves nothing hidden can be
// worked out, and the primary cells stay hidden.
func TestSecondaryProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 300 {
		threshold := 3 + n%2
		tb := twoWay(rng, 1+rng.IntN(3), 2+rng.IntN(3), 6, threshold)
		out, _, err := Secondary(tb, threshold)
		if err != nil {
			t.Fatalf("table %d: %v", n, err)
		}
		for i, c := range tb.Cells {
			if c.Hidden && !out.Cells[i].Hidden {
				t.Fatalf("table %d: primary cell %s shown", n, c.ID)
			}
		}
		bs, err := Audit(out, threshold)
		if err != nil {
			t.Fatal(err)
		}
		if u := Unprotected(bs); len(u) > 0 {
			t.Fatalf("table %d: unprotected after Secondary: %+v", n, u)
		}
	}
}

// The linear programs give the exact whole-number bounds on two-way
// tables: an exhaustive search over every assignment of the hidden cells
// agrees.
func TestAuditExactOnSmallTables(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	checked := 0
	for n := 0; checked < 100; n++ {
		tb := twoWay(rng, 2, 2+rng.IntN(2), 2, 3)
		// Hide a random set of cells, to test more than suppression's
		// patterns.
		hidden := 0
		for i := range tb.Cells {
			tb.Cells[i].Hidden = rng.IntN(4) == 0
			if tb.Cells[i].Hidden {
				hidden++
			}
		}
		if hidden == 0 || hidden > 3 {
			continue
		}
		checked++
		got, err := Audit(tb, 3)
		if err != nil {
			t.Fatal(err)
		}
		limit := 3*tb.Cells[len(tb.Cells)-1].Value + 3
		want, wider := exhaustive(tb, limit), exhaustive(tb, 2*limit)
		for _, b := range got {
			w := want[b.Cell]
			if unbounded := wider[b.Cell][1] > w[1]; unbounded != b.Unbounded {
				t.Errorf("table %d, %s: unbounded %v; exhaustive finds larger values with a larger limit: %v", n, tb.Cells[b.Cell].ID, b.Unbounded, unbounded)
				continue
			}
			if b.Lo != w[0] || (!b.Unbounded && b.Hi != w[1]) {
				t.Errorf("table %d, %s: [%d, %d]; exhaustive [%d, %d]", n, tb.Cells[b.Cell].ID, b.Lo, b.Hi, w[0], w[1])
			}
		}
	}
}

// exhaustive returns, for each hidden cell, the smallest and largest value
// it takes over every assignment of 0 … limit to the hidden cells that
// satisfies the equations.
func exhaustive(t Table, limit int64) map[int][2]int64 {
	var hidden []int
	for i, c := range t.Cells {
		if c.Hidden {
			hidden = append(hidden, i)
		}
	}
	vals := make([]int64, len(t.Cells))
	for i, c := range t.Cells {
		vals[i] = c.Value
	}
	out := map[int][2]int64{}
	var rec func(k int)
	rec = func(k int) {
		if k == len(hidden) {
			for _, e := range t.Equations {
				var s int64
				for _, term := range e.Terms {
					s += term.Coef * vals[term.Cell]
				}
				if s != e.Const {
					return
				}
			}
			for _, h := range hidden {
				b, ok := out[h]
				if !ok {
					b = [2]int64{vals[h], vals[h]}
				}
				b[0], b[1] = min(b[0], vals[h]), max(b[1], vals[h])
				out[h] = b
			}
			return
		}
		for v := int64(0); v <= limit; v++ {
			vals[hidden[k]] = v
			rec(k + 1)
		}
	}
	rec(0)
	return out
}

// A change of 1 since the last release is hidden; last release's count
// cannot be taken back, so today's count is hidden to protect it, and
// then a part of today's total with it; the enrolled families may stay,
// since those that have not bought are not known.
func TestSecondaryAcrossReleases(t *testing.T) {
	tb := Table{
		Cells: []Cell{
			{ID: "forrige", Value: 40, Fixed: true},
			{ID: "nå", Value: 41},
			{ID: "endring", Value: 1, Signed: true, Hidden: true},
			{ID: "del1", Value: 13},
			{ID: "del2", Value: 28},
			// Not published, but any reader can form it; it is not small.
			{ID: "ikke kjøpt", Value: 7, Hidden: true, Free: true},
			{ID: "innmeldt", Value: 48},
		},
		Equations: []Equation{
			{Terms: []Term{{1, 1}, {0, -1}, {2, -1}}},
			Sum(1, 3, 4),
			Sum(6, 1, 5),
		},
	}
	out, added, err := Secondary(tb, 3)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, i := range added {
		ids = append(ids, out.Cells[i].ID)
	}
	if want := []string{"nå", "del1"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("added %v; want %v", ids, want)
	}
	if out.Cells[0].Hidden {
		t.Error("the earlier release's count was hidden")
	}
}
