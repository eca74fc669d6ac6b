package reports

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"bobra/pipeline/results"
)

// TestXLSXFigureLabels checks the workbook's rows against the catalogue:
// a row named by a figure's catalogue label shows that figure, hidden as
// the small-number rule says, internal and public. It holds the label
// and the figure together, so a row cannot say one figure and show
// another.
func TestXLSXFigureLabels(t *testing.T) {
	t.Parallel()
	for _, res := range checkResults() {
		cat := results.CatalogueOf(res)
		byLabel := map[string]*results.Figure{}
		dup := map[string]bool{}
		for _, f := range cat.Figures {
			if f.Unpublished {
				continue
			}
			l := xlsxLabel(f)
			if byLabel[l] != nil {
				dup[l] = true
			}
			byLabel[l] = f
		}
		book, err := excelize.OpenReader(bytes.NewReader(renderXLSX(t, res)))
		if err != nil {
			t.Fatal(err)
		}
		checked := map[string]bool{}
		for _, sheet := range []string{SheetKeyFigures, SheetFamilies, SheetValue, SheetRent, SheetWork} {
			rows, err := book.GetRows(sheet, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				if len(row) < 2 || dup[row[0]] || byLabel[row[0]] == nil {
					continue
				}
				f := byLabel[row[0]]
				checked[f.ID] = true
				if want := xlsxText(f, res); row[1] != want {
					t.Errorf("public %v, %s, row %q: %q, want %q (%s)", res.Public, sheet, row[0], row[1], want, f.ID)
				}
			}
		}
		// The rows the workbook takes from the catalogue, at least.
		for _, id := range []string{"families.enrolled", "families.bought", "children.total", "families.single_parent_share",
			"stability.all.rate", "stability.by_phase.1.rate", "stability.by_phase.2.rate", "families.single_parent",
			"financing.with_loan", "appreciation.valued", "rent.homes", "stability.retention[0].rate",
			"appreciation.gain_total", "appreciation.gain_pct_median", "appreciation.purchase_total", "appreciation.value_total",
			"appreciation.estimated", "appreciation.missing", "rent.increase_month_total", "rent.increase_year_total",
			"rent.rent_not_paid_total", "rent.months_total", "societal.scenarios[1].savings", "families.household_known",
			"financing.loan_total", "financing.loan_share_median"} {
			if !checked[id] {
				t.Errorf("public %v: no row is labelled %q (%s)", res.Public, xlsxLabel(cat.Figure(id)), id)
			}
		}
	}
}

// xlsxText is how the workbook's raw cell holds a figure.
func xlsxText(f *results.Figure, res *results.Results) string {
	v, hidden, ok := f.Value()
	if !ok {
		return ""
	}
	if hidden {
		small := f.Count() != nil && f.Count().Small
		text, _ := withheldCount(true, small, res)
		return text
	}
	if f.Unit == results.UnitShareOf {
		v = v.Round(4)
	} else {
		v = v.Round(0)
	}
	fl, _ := v.Float64()
	return strconv.FormatFloat(fl, 'f', -1, 64)
}

// TestTableFigureLabels checks the report's tables and charts against the
// catalogue: where a column, row or series stands for figures of the
// catalogue, its text is the catalogue's label of those figures (whole, or
// the part before ", del 1" and the like).
func TestTableFigureLabels(t *testing.T) {
	t.Parallel()
	res := checkResults()[0]
	cat := results.CatalogueOf(res)
	label := func(id string) string {
		f := cat.Figure(id)
		if f == nil {
			t.Fatalf("%s is not in the catalogue", id)
		}
		return f.Label
	}
	var age, stability *Table
	for _, b := range familyBlocks(res) {
		if b.ID == "barn-alder" {
			age = b.Block.Table
		}
	}
	var stabilityChart, retention *Chart
	for _, b := range stabilityBlocks(res) {
		switch {
		case b.ID == "stabilitet-tabell":
			stability = b.Block.Table
		case b.Block.Chart != nil && b.Block.Chart.ID == "stabilitet-del":
			stabilityChart = b.Block.Chart
		case b.Block.Chart != nil && b.Block.Chart.ID == "tid-i-eie":
			retention = b.Block.Chart
		}
	}
	if age == nil || stability == nil || stabilityChart == nil || retention == nil {
		t.Fatal("a table or chart is missing")
	}
	for i, g := range results.AgeGroupLabels {
		if want := label("children.by_age." + g.Key); "Barn "+age.Rows[i][0] != want {
			t.Errorf("age table row %d is %q; the catalogue says %q", i, age.Rows[i][0], want)
		}
	}
	for col, id := range map[int]string{3: "stability.all.unknown", 4: "stability.all.rate"} {
		found := false
		for _, part := range []string{"", ", alle"} {
			found = found || stability.Header[col]+part == label(id)
		}
		if !found {
			t.Errorf("stability table column %q is not the catalogue's label %q", stability.Header[col], label(id))
		}
	}
	for i, cat := range stabilityChart.Categories {
		id := map[int]string{0: "stability.by_phase.1.rate", 1: "stability.by_phase.2.rate", 2: "stability.all.rate"}[i]
		if want := stabilityChart.Series[0].Name + ", " + lowerFirst(cat); want != label(id) {
			t.Errorf("stability chart %q: %q, the catalogue says %q", cat, want, label(id))
		}
	}
	if h := retention.Table.Header[len(retention.Table.Header)-1]; len(res.Stability.Curve) > 0 && h != label("stability.curve[0].at_risk") {
		t.Errorf("curve table column %q, the catalogue says %q", h, label("stability.curve[0].at_risk"))
	}
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(bytes.ToLower([]byte(s[:1]))) + s[1:]
}
