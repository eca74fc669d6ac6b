package compute

import (
	"sort"
	"strconv"
	"strings"

	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// context computes definition 8.
//
// Definition 8 (context). For each Kontekst indicator, in the order the
// indicators first appear: its values by year, for the years ≤ Y (a later
// year was not known at D; the first row read for a year is used); the
// change from the first to the last year, absolute (last − first) and in %
// (change / first; none when first is 0 or there is only one year).
func (c *computation) context() []results.Indicator {
	var order []string
	series := map[string]map[int]decimal.Decimal{}
	for _, r := range c.ds.Context {
		if r.Year > c.y {
			continue
		}
		byYear := series[r.Indicator]
		if byYear == nil {
			byYear = map[int]decimal.Decimal{}
			series[r.Indicator] = byYear
			order = append(order, r.Indicator)
		}
		if _, dup := byYear[r.Year]; dup {
			c.warn.general("kontekst-dobbel-"+r.Indicator+"-"+strconv.Itoa(r.Year), "kontekst-dobbel-rad", r.At, "År",
				"Kontekst har flere rader for «"+r.Indicator+"» i "+strconv.Itoa(r.Year)+"; den første er brukt.")
			continue
		}
		byYear[r.Year] = r.Value
	}
	out := []results.Indicator{}
	for _, name := range order {
		byYear := series[name]
		years := make([]int, 0, len(byYear))
		for y := range byYear {
			years = append(years, y)
		}
		sort.Ints(years)
		ind := results.Indicator{Indicator: name, Series: make([]results.YearNumber, 0, len(years))}
		for _, y := range years {
			ind.Series = append(ind.Series, results.YearNumber{Year: y, Value: results.Number{V: byYear[y]}})
		}
		first, last := byYear[years[0]], byYear[years[len(years)-1]]
		ind.Change = results.Number{V: last.Sub(first)}
		if len(years) > 1 {
			ind.ChangePct = sharePtr(ratio(last.Sub(first), first))
		}
		out = append(out, ind)
	}
	return out
}

// ParamCostChanges names the assumption that lists CostChanges, as
// shares: "-0.25, 0, 0.25".
const ParamCostChanges = "Endring i kostnad per person i følsomhetsanalysen"

// assumptions lists every parameter as used, with its source: those of
// Forutsetninger (given or defaulted), then those the computation chose.
func (c *computation) assumptions() []results.Assumption {
	out := []results.Assumption{}
	for _, p := range c.ds.Assumptions.Params {
		out = append(out, results.Assumption{Name: p.Name, Value: p.Value, Source: p.Source})
	}
	year := func(y int) string {
		if y == 0 {
			return "ingen"
		}
		return strconv.Itoa(y)
	}
	changes := make([]string, len(CostChanges))
	for i, ch := range CostChanges {
		changes[i] = ch.String()
	}
	costChanges := strings.Join(changes, ", ")
	out = append(out,
		results.Assumption{Name: "Evalueringsdato brukt (D)", Value: c.d.String(), Source: "Kjøringen (--per, ellers Evalueringsdato)"},
		results.Assumption{Name: "Siste år for SSB-leie (L)", Value: year(c.rentYear), Source: "SSB-leie: siste år til og med " + strconv.Itoa(c.y-1)},
		results.Assumption{Name: "Indeksår for estimerte verdier (I)", Value: year(c.indexYear), Source: "SSB-prisindeks: siste år til og med " + strconv.Itoa(c.y-1)},
		results.Assumption{Name: "Dager per år", Value: DaysPerYear.String(), Source: "Definisjon (år = dager / 365,25)"},
		results.Assumption{Name: ParamCostChanges, Value: costChanges, Source: "Definisjon 6"},
	)
	return out
}
