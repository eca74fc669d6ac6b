package reports

import (
	"bobra/internal/norfmt"
	"fmt"
	"strings"

	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// The section "Endring siden forrige evaluering" (--forrige): the key
// figures then and now, as a table for every figure and a bar chart of the
// counts. Its prose is templates/endring.md.

// includeComparison says whether the report has the comparison section.
func includeComparison(res *results.Results) bool { return res.Comparison != nil }

// comparisonBlocks returns the table "endring-tabell" and the chart "endring".
func comparisonBlocks(res *results.Results) []namedBlock {
	c := res.Comparison
	if c == nil {
		return nil
	}
	then, now := c.PreviousAsOf.Norwegian(), res.AsOf.Norwegian()
	cl := newCells(res)
	table := &Table{
		Caption: fmt.Sprintf("Nøkkeltall per %s og per %s", then, now),
		Header:  []string{"Nøkkeltall", then, now, "Endring", "Endring i %"},
		Numeric: []bool{false, true, true, true, true},
		Source:  "Kilde: resultater.json fra begge evalueringene (bobra).",
	}
	for _, r := range c.Rows {
		table.Rows = append(table.Rows, []string{
			r.Label,
			comparisonFigure(cl, r.Unit, r.Previous),
			comparisonFigure(cl, r.Unit, r.Current),
			comparisonChange(cl, r.Unit, r.Change),
			cl.changePercent(r.ChangePct),
		})
	}
	blocks := []namedBlock{tableBlock("endring-tabell", table)}

	// The chart shows the counts that are visible on both sides; shares
	// and kroner have their own scales and stay in the table.
	chart := &Chart{
		ID: "endring", Kind: BarChart, Unit: UnitCount,
		Title: "Endring siden forrige evaluering", XName: "Nøkkeltall", YName: "Antall",
		Source: table.Source,
	}
	var prev, cur []any
	var desc []string
	for _, r := range c.Rows {
		if r.Unit != results.UnitCount || !defined(r.Previous) || !defined(r.Current) {
			continue
		}
		chart.Categories = append(chart.Categories, r.Label)
		prev = append(prev, r.Previous)
		cur = append(cur, r.Current)
		desc = append(desc, fmt.Sprintf("%s: %s før, %s nå", r.Label, norfmt.Number(r.Previous.V, 0), norfmt.Number(r.Current.V, 0)))
	}
	if len(chart.Categories) > 0 {
		chart.Series = []Series{seriesOf(then, 5, prev), seriesOf(now, 0, cur)}
		chart.Table = chartTable(chart, "Nøkkeltall")
		chart.Description = fmt.Sprintf("Stolpediagram som sammenligner nøkkeltall per %s og per %s. ", then, now) + strings.Join(desc, "; ") + "."
		blocks = append(blocks, chartBlock(chart))
	}
	return blocks
}

// comparisonFigure formats one side of a comparison row by its unit: "–"
// when the figure did not exist then, "skjult" when it is withheld (a
// comparison row does not know whether a hidden count was small or hidden
// only to protect another, so it never claims "færre enn N").
func comparisonFigure(c cells, unit string, n *results.Number) string {
	s, _ := c.ctx.format(n, "tall", func(d decimal.Decimal) string { return unitFigure(unit, d) })
	return s
}

// comparisonChange formats a change like comparisonFigure, signed, and for
// shares in percentage points.
func comparisonChange(c cells, unit string, n *results.Number) string {
	s, _ := c.ctx.format(n, "tall", func(d decimal.Decimal) string {
		if unit == results.UnitShare {
			return norfmt.PercentPoints(d)
		}
		return norfmt.Signed(d, unitFigure(unit, d))
	})
	return s
}

// unitFigure formats a comparison figure by its unit.
func unitFigure(unit string, v decimal.Decimal) string {
	switch unit {
	case results.UnitMoney:
		return norfmt.Kroner(v)
	case results.UnitShare:
		return norfmt.Percent(v)
	}
	return norfmt.Number(v, 0)
}
