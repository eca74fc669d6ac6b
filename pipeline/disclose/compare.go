package disclose

import (
	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// figure reads one key figure from a result set: its value, whether it is
// hidden, and whether it exists at all.
type figure func(r *results.Results) (v decimal.Decimal, hidden, ok bool)

type figureSpec struct {
	id, label, unit string
	get             figure
}

func countFig(f func(r *results.Results) results.Count) figure {
	return func(r *results.Results) (decimal.Decimal, bool, bool) {
		c := f(r)
		return decimal.NewFromInt(int64(c.N)), c.Hidden, true
	}
}

func moneyFig(f func(r *results.Results) results.Money) figure {
	return func(r *results.Results) (decimal.Decimal, bool, bool) {
		m := f(r)
		return m.V, m.Hidden, true
	}
}

func shareFig(f func(r *results.Results) *results.Share) figure {
	return func(r *results.Results) (decimal.Decimal, bool, bool) {
		s := f(r)
		if s == nil {
			return decimal.Zero, false, false
		}
		return s.V, s.Hidden, true
	}
}

func retentionFig(years int64) figure {
	return func(r *results.Results) (decimal.Decimal, bool, bool) {
		for _, p := range r.Stability.Retention {
			if p.Years.V.Equal(decimal.NewFromInt(years)) {
				return p.Rate.V, p.Rate.Hidden || p.Years.Hidden, true
			}
		}
		return decimal.Zero, false, false
	}
}

func scenarioFig(name string) figure {
	return func(r *results.Results) (decimal.Decimal, bool, bool) {
		for _, s := range r.Societal.Scenarios {
			if s.Name == name {
				return s.Savings.V, s.Savings.Hidden, true
			}
		}
		return decimal.Zero, false, false
	}
}

// comparedFigures are the key figures of the comparison, in report order.
var comparedFigures = []figureSpec{
	{"families.enrolled", "Innmeldte familier", results.UnitCount, countFig(func(r *results.Results) results.Count { return r.Families.Enrolled })},
	{"families.bought", "Familier som har kjøpt bolig", results.UnitCount, countFig(func(r *results.Results) results.Count { return r.Families.Bought })},
	{"families.bought_by_phase.1", "Familier som har kjøpt bolig, del 1", results.UnitCount, countFig(func(r *results.Results) results.Count { return r.Families.BoughtByPhase.P1 })},
	{"families.bought_by_phase.2", "Familier som har kjøpt bolig, del 2", results.UnitCount, countFig(func(r *results.Results) results.Count { return r.Families.BoughtByPhase.P2 })},
	{"children.total", "Barn i familiene", results.UnitCount, countFig(func(r *results.Results) results.Count { return r.Children.Total })},
	{"stability.all.stable", "Familier som bor stabilt i eid bolig", results.UnitCount, countFig(func(r *results.Results) results.Count { return r.Stability.All.Stable })},
	{"stability.all.left", "Familier som har gått ut av eid bolig", results.UnitCount, countFig(func(r *results.Results) results.Count { return r.Stability.All.Left })},
	{"stability.by_phase.1.rate", "Andel som bor stabilt, del 1", results.UnitShare, shareFig(func(r *results.Results) *results.Share { return r.Stability.ByPhase.P1.Rate })},
	{"stability.by_phase.2.rate", "Andel som bor stabilt, del 2", results.UnitShare, shareFig(func(r *results.Results) *results.Share { return r.Stability.ByPhase.P2.Rate })},
	{"stability.all.rate", "Andel som bor stabilt, alle", results.UnitShare, shareFig(func(r *results.Results) *results.Share { return r.Stability.All.Rate })},
	{"stability.retention[years=1].rate", "Fortsatt i eid bolig etter 1 år", results.UnitShare, retentionFig(1)},
	{"stability.retention[years=3].rate", "Fortsatt i eid bolig etter 3 år", results.UnitShare, retentionFig(3)},
	{"stability.retention[years=5].rate", "Fortsatt i eid bolig etter 5 år", results.UnitShare, retentionFig(5)},
	{"appreciation.gain_total", "Samlet verdiøkning", results.UnitMoney, moneyFig(func(r *results.Results) results.Money { return r.Appreciation.GainTotal })},
	{"appreciation.gain_pct_median", "Median verdiøkning", results.UnitShare, shareFig(func(r *results.Results) *results.Share { return r.Appreciation.GainPctMedian })},
	{"rent.increase_year_total", "Økning i årlig husleie siden kjøpet", results.UnitMoney, moneyFig(func(r *results.Results) results.Money { return r.Rent.IncreaseYearTotal })},
	{"rent.rent_not_paid_total", "Husleie familiene ikke har betalt", results.UnitMoney, moneyFig(func(r *results.Results) results.Money { return r.Rent.RentNotPaidTotal })},
	{"societal.scenarios[name=lav].savings", "Samfunnsøkonomisk gevinst, lav", results.UnitMoney, scenarioFig("lav")},
	{"societal.scenarios[name=basis].savings", "Samfunnsøkonomisk gevinst, basis", results.UnitMoney, scenarioFig("basis")},
	{"societal.scenarios[name=høy].savings", "Samfunnsøkonomisk gevinst, høy", results.UnitMoney, scenarioFig("høy")},
	{"work.in_work.latest", "Andel med minst én voksen i arbeid (siste oppfølging)", results.UnitShare, shareFig(func(r *results.Results) *results.Share { return r.Work.InWork.Latest })},
}

// Compare sets the key figures of cur beside those of prev. A figure hidden
// on either side hides the change, since the change and the visible side
// would give the hidden one away. Compare is pure.
func Compare(prev, cur *results.Results) *results.Comparison {
	return compareWith(prev.AsOf, prev.Public, func(spec figureSpec) (decimal.Decimal, bool, bool) { return spec.get(prev) }, cur)
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
	for _, spec := range comparedFigures {
		row := results.ComparisonRow{ID: spec.id, Label: spec.label, Unit: spec.unit}
		pv, ph, pok := previous(spec)
		cv, ch, cok := spec.get(cur)
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
