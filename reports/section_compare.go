package reports

import (
	"fmt"

	"bobra/pipeline"

	"github.com/shopspring/decimal"
)

// The section "Endring siden forrige evaluering" (--forrige): the key
// figures then and now, as a table for every figure and a bar chart of the
// counts. Its prose is templates/endring.md.

// includeComparison says whether the report has the comparison section.
func includeComparison(res *pipeline.Results) bool { return res.Comparison != nil }

// comparisonBlocks returns the table "endring-tabell" and the chart "endring".
func comparisonBlocks(res *pipeline.Results) []namedBlock {
	c := res.Comparison
	if c == nil {
		return nil
	}
	then, now := Date(c.PreviousAsOf), Date(res.AsOf)
	table := &Table{
		Caption: fmt.Sprintf("Nøkkeltall per %s og per %s", then, now),
		Header:  []string{"Nøkkeltall", then, now, "Endring", "Endring i %"},
		Numeric: []bool{false, true, true, true, true},
		Source:  "Kilde: resultater.json fra begge evalueringene (bobra).",
	}
	for _, r := range c.Rows {
		table.Rows = append(table.Rows, []string{
			r.Label,
			ComparisonFigure(res, r.Unit, r.Previous),
			ComparisonFigure(res, r.Unit, r.Current),
			ComparisonChange(res, r.Unit, r.Change),
			comparisonPct(r.ChangePct),
		})
	}
	blocks := []namedBlock{{ID: "endring-tabell", Block: Block{Table: table}}}

	// The chart shows the counts that are visible on both sides; shares
	// and kroner have their own scales and stay in the table.
	chart := &Chart{
		ID: "endring", Kind: BarChart, Unit: UnitCount,
		Title: "Endring siden forrige evaluering", XName: "Nøkkeltall", YName: "Antall",
		Source: table.Source,
	}
	prev := Series{Name: then, Color: Palette[5]}
	cur := Series{Name: now, Color: Palette[0]}
	ct := &Table{Caption: chart.Title, Header: []string{"Nøkkeltall", then, now}, Numeric: []bool{false, true, true}, Source: table.Source}
	var desc []string
	for _, r := range c.Rows {
		if r.Unit != pipeline.UnitCount || r.Previous == nil || r.Current == nil || r.Previous.Hidden || r.Current.Hidden {
			continue
		}
		chart.Categories = append(chart.Categories, r.Label)
		prev.Values = append(prev.Values, r.Previous.V)
		cur.Values = append(cur.Values, r.Current.V)
		ct.Rows = append(ct.Rows, []string{r.Label, Number(r.Previous.V, 0), Number(r.Current.V, 0)})
		desc = append(desc, fmt.Sprintf("%s: %s før, %s nå", r.Label, Number(r.Previous.V, 0), Number(r.Current.V, 0)))
	}
	if len(chart.Categories) > 0 {
		chart.Series = []Series{prev, cur}
		chart.Table = ct
		chart.Description = fmt.Sprintf("Stolpediagram som sammenligner nøkkeltall per %s og per %s. ", then, now) + joinSentences(desc)
		blocks = append(blocks, namedBlock{ID: "endring", Block: Block{Chart: chart}})
	}
	return blocks
}

func joinSentences(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += "; "
		}
		out += p
	}
	if out != "" {
		out += "."
	}
	return out
}

// ComparisonFigure formats one side of a comparison row: "–" when the
// figure did not exist then, "skjult" when it is withheld (a comparison
// row does not know whether a hidden count was small or hidden only to
// protect another, so it never claims "færre enn N").
func ComparisonFigure(res *pipeline.Results, unit string, n *pipeline.Number) string {
	if s, shown := comparisonShown(n); !shown {
		return s
	}
	return unitFigure(unit, n.V)
}

// ComparisonChange formats a change: signed, and for shares in
// percentage points.
func ComparisonChange(res *pipeline.Results, unit string, n *pipeline.Number) string {
	if s, shown := comparisonShown(n); !shown {
		return s
	}
	if unit == pipeline.UnitShare {
		return Signed(n.V, Number(n.V.Shift(2), 1)+NBSP+"prosentpoeng")
	}
	return Signed(n.V, unitFigure(unit, n.V))
}

// comparisonShown returns what stands for a comparison figure that is
// missing or withheld, and false; or "", true when it can be shown.
func comparisonShown(n *pipeline.Number) (string, bool) {
	switch {
	case n == nil:
		return Undefined, false
	case n.Hidden:
		return "skjult", false
	}
	return "", true
}

// unitFigure formats a comparison figure by its unit.
func unitFigure(unit string, v decimal.Decimal) string {
	switch unit {
	case pipeline.UnitMoney:
		return Kroner(v)
	case pipeline.UnitShare:
		return Percent(v)
	case pipeline.UnitPersons:
		return Number(v, 2)
	}
	return Number(v, 0)
}

func comparisonPct(s *pipeline.Share) string {
	switch {
	case s == nil:
		return Undefined
	case s.Hidden:
		return "skjult"
	}
	return Signed(s.V, Percent(s.V))
}

// comparisonValue is a comparison figure as an xlsx cell value: the
// decimal rounded like resultater.json, or nil / text when not shown.
func comparisonValue(unit string, n *pipeline.Number) (decimal.Decimal, int32) {
	switch unit {
	case pipeline.UnitMoney, pipeline.UnitCount:
		return n.V, 0
	case pipeline.UnitPersons:
		return n.V, 2
	}
	return n.V, 4
}
