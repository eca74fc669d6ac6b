package reports

import (
	"bobra/internal/norfmt"
	"reflect"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// A few years side by side; a long series down the rows, so that the
// table still fits a PDF page.
func TestContextTable(t *testing.T) {
	t.Parallel()
	series := func(from, to int) []results.YearNumber {
		var out []results.YearNumber
		for y := from; y <= to; y++ {
			out = append(out, results.YearNumber{Year: y, Value: results.Number{V: decimal.NewFromInt(int64(1000 + 10*(y-from)))}})
		}
		return out
	}
	pct := results.Share{V: decimal.RequireFromString("0.05")}
	tests := []struct {
		name    string
		context []results.Indicator
		want    *Table
	}{
		{"years across", []results.Indicator{
			{Indicator: "Barn i lavinntekt", Series: series(2021, 2023), Change: results.Number{V: decimal.NewFromInt(20)}, ChangePct: &pct},
		}, &Table{Caption: "Utviklingstrekk", Source: "Regnearket Kontekst",
			Header:  []string{"Indikator", "2021", "2022", "2023", "Endring", "Endring i prosent"},
			Numeric: []bool{false, true, true, true, true, true},
			Rows:    [][]string{{"Barn i lavinntekt", "1" + norfmt.NBSP + "000", "1" + norfmt.NBSP + "010", "1" + norfmt.NBSP + "020", "+20", "+5,0" + norfmt.NBSP + "%"}}}},
		{"years down", []results.Indicator{
			{Indicator: "Barn i lavinntekt", Series: series(2018, 2023), Change: results.Number{V: decimal.NewFromInt(50)}, ChangePct: &pct},
			{Indicator: "Leietakere", Series: series(2020, 2021), Change: results.Number{V: decimal.NewFromInt(10)}},
		}, &Table{Caption: "Utviklingstrekk", Source: "Regnearket Kontekst",
			Header:  []string{"År", "Barn i lavinntekt", "Leietakere"},
			Numeric: []bool{false, true, true},
			Rows: [][]string{
				{"2018", "1" + norfmt.NBSP + "000", Undefined},
				{"2019", "1" + norfmt.NBSP + "010", Undefined},
				{"2020", "1" + norfmt.NBSP + "020", "1" + norfmt.NBSP + "000"},
				{"2021", "1" + norfmt.NBSP + "030", "1" + norfmt.NBSP + "010"},
				{"2022", "1" + norfmt.NBSP + "040", Undefined},
				{"2023", "1" + norfmt.NBSP + "050", Undefined},
				{"Endring", "+50", "+10"},
				{"Endring i prosent", "+5,0" + norfmt.NBSP + "%", Undefined},
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
			res.Context = tt.context
			blocks := contextBlocks(res)
			if len(blocks) != 1 || blocks[0].ID != "kontekst" {
				t.Fatalf("blocks = %+v", blocks)
			}
			if got := blocks[0].Block.Table; !reflect.DeepEqual(got, tt.want) {
				t.Errorf("table =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}
