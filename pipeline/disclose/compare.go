package disclose

import (
	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// comparedFigures are the key figures of the comparison, in report
// order, by their catalogue ids; label and unit come from the catalogue.
// A retention point's and a scenario's index is stable across releases:
// retention points are given at 1, 3 and 5 years and only the later ones
// are ever left out, and the scenarios are always lav, basis, høy.
var comparedFigures = []string{
	"families.enrolled",
	"families.bought",
	"families.bought_by_phase.1",
	"families.bought_by_phase.2",
	"children.total",
	"stability.all.stable",
	"stability.all.left",
	"stability.by_phase.1.rate",
	"stability.by_phase.2.rate",
	"stability.all.rate",
	"stability.retention[0].rate",
	"stability.retention[1].rate",
	"stability.retention[2].rate",
	"appreciation.gain_total",
	"appreciation.gain_pct_median",
	"rent.increase_year_total",
	"rent.rent_not_paid_total",
	"societal.scenarios[0].savings",
	"societal.scenarios[1].savings",
	"societal.scenarios[2].savings",
	"work.in_work.latest",
}

// comparisonUnit is how a comparison row formats a figure of the unit.
func comparisonUnit(u results.Unit) string {
	switch {
	case u.IsCount():
		return results.UnitCount
	case u == results.UnitKroner:
		return results.UnitMoney
	}
	return results.UnitShare
}

// spec is one compared figure as the catalogue of one release has it.
type figureSpec struct {
	id, label, unit string
}

// specs returns the compared figures, labelled from cat (this release's
// catalogue). A figure this release does not have (no retention at 5
// years yet) is labelled as its id says, from the catalogue of a full
// result set.
func specs(cat *results.Catalogue) []figureSpec {
	full := fullCatalogue()
	out := make([]figureSpec, 0, len(comparedFigures))
	for _, id := range comparedFigures {
		f := cat.Figure(id)
		if f == nil {
			f = full.Figure(id)
		}
		out = append(out, figureSpec{id: id, label: f.Label, unit: comparisonUnit(f.Unit)})
	}
	return out
}

// fullCatalogue is the catalogue of a result set with every compared
// figure present, for their labels.
func fullCatalogue() *results.Catalogue {
	r := &results.Results{}
	for _, y := range []int64{1, 3, 5} {
		r.Stability.Retention = append(r.Stability.Retention, results.RetentionPoint{Years: results.Number{V: decimal.NewFromInt(y)}})
	}
	for _, name := range []string{"lav", "basis", "høy"} {
		r.Societal.Scenarios = append(r.Societal.Scenarios, results.Scenario{Name: name})
	}
	return results.CatalogueOf(r)
}

// Compare sets the key figures of cur beside those of prev. A figure hidden
// on either side hides the change, since the change and the visible side
// would give the hidden one away. Compare is pure.
func Compare(prev, cur *results.Results) *results.Comparison {
	prevCat := results.CatalogueOf(prev)
	return compareWith(prev.AsOf, prev.Public, func(spec figureSpec) (decimal.Decimal, bool, bool) {
		if f := prevCat.Figure(spec.id); f != nil {
			return f.Value()
		}
		return decimal.Zero, false, false
	}, cur)
}

// recompare is Compare against the previous figures of an earlier
// comparison, for a public copy of results that carry one.
func recompare(old *results.Comparison, cur *results.Results) *results.Comparison {
	byID := map[string]*results.Number{}
	for _, r := range old.Rows {
		byID[r.ID] = r.Previous
	}
	return compareWith(old.PreviousAsOf, old.PreviousPublic, func(spec figureSpec) (decimal.Decimal, bool, bool) {
		n := byID[spec.id]
		if n == nil {
			return decimal.Zero, false, false
		}
		return n.V, n.Hidden, true
	}, cur)
}

func compareWith(asOf data.Date, public bool, previous func(figureSpec) (decimal.Decimal, bool, bool), cur *results.Results) *results.Comparison {
	c := &results.Comparison{PreviousAsOf: asOf, PreviousPublic: public}
	cat := results.CatalogueOf(cur)
	for _, spec := range specs(cat) {
		row := results.ComparisonRow{ID: spec.id, Label: spec.label, Unit: spec.unit}
		pv, ph, pok := previous(spec)
		var cv decimal.Decimal
		var ch, cok bool
		if f := cat.Figure(spec.id); f != nil {
			cv, ch, cok = f.Value()
		}
		if pok {
			row.Previous = &results.Number{V: pv, Hidden: ph}
		}
		if cok {
			row.Current = &results.Number{V: cv, Hidden: ch}
		}
		if pok && cok {
			switch {
			case ph || ch:
				row.Change = &results.Number{Hidden: true}
				if spec.unit != results.UnitShare {
					row.ChangePct = &results.Share{Hidden: true}
				}
			default:
				d := cv.Sub(pv)
				row.Change = &results.Number{V: d}
				if spec.unit != results.UnitShare && !pv.IsZero() {
					row.ChangePct = &results.Share{V: d.DivRound(pv, 10)}
				}
			}
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}
