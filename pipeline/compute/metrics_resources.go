package compute

import (
	"sort"
	"strings"

	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// resourceFigures computes what the programme cost from Ressursbruk, and
// what it pays back. It returns nil when no row is for a year up to
// lastYear = year(D).
//
// Resources: over the rows with År ≤ year(D), the total Kostnad and Timer
// (blank Timer count as nothing), the same by year (oldest first) and by
// actor (Aktør compared without regard to case and spacing, shown as first
// written, ordered by name); cost per bought family = total cost / bought
// families; for each societal-savings scenario, savings per krone =
// savings / total cost; and the break-even share = total cost / (children ×
// cost per person): the share of the children who must avoid exclusion for
// the programme to pay for itself. BreakEvenChildren is that share times
// the children rounded up, which is total cost / cost per person rounded
// up, computed exactly.
func resourceFigures(rows []data.Resource, lastYear int, bought, children int, soc results.Societal) *results.Resources {
	r := &results.Resources{ByYear: []results.ResourceRow{}, ByActor: []results.ResourceRow{}, SavingsPerKrone: []results.Ratio{}}
	years := map[int]*results.ResourceRow{}
	actors := map[string]*results.ResourceRow{}
	any := false
	for _, row := range rows {
		if row.Year > lastYear {
			continue
		}
		any = true
		hours := decimal.Zero
		if row.Hours != nil {
			hours = *row.Hours
		}
		r.CostTotal.V = r.CostTotal.V.Add(row.Cost)
		r.HoursTotal.V = r.HoursTotal.V.Add(hours)

		y, ok := years[row.Year]
		if !ok {
			y = &results.ResourceRow{Year: row.Year}
			years[row.Year] = y
		}
		y.Cost.V = y.Cost.V.Add(row.Cost)
		y.Hours.V = y.Hours.V.Add(hours)

		k := actorKey(row.Actor)
		a, ok := actors[k]
		if !ok {
			a = &results.ResourceRow{Actor: strings.Join(strings.Fields(row.Actor), " ")}
			actors[k] = a
		}
		a.Cost.V = a.Cost.V.Add(row.Cost)
		a.Hours.V = a.Hours.V.Add(hours)
	}
	if !any {
		return nil
	}
	for _, y := range years {
		r.ByYear = append(r.ByYear, *y)
	}
	sort.Slice(r.ByYear, func(i, j int) bool { return r.ByYear[i].Year < r.ByYear[j].Year })
	keys := make([]string, 0, len(actors))
	for k := range actors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r.ByActor = append(r.ByActor, *actors[k])
	}

	if q := ratio(r.CostTotal.V, decimal.NewFromInt(int64(bought))); q != nil {
		r.CostPerFamily = moneyPtr(*q)
	}
	if r.CostTotal.V.IsPositive() {
		for _, sc := range soc.Scenarios {
			r.SavingsPerKrone = append(r.SavingsPerKrone, results.Ratio{
				Name:  sc.Name,
				Ratio: results.Number{V: sc.Savings.V.DivRound(r.CostTotal.V, Precision)},
			})
		}
	}
	cpp := soc.CostPerPerson.V
	if q := ratio(r.CostTotal.V, decimal.NewFromInt(int64(children)).Mul(cpp)); q != nil {
		r.BreakEvenShare = sharePtr(q)
		whole, rest := r.CostTotal.V.QuoRem(cpp, 0)
		n := whole.IntPart()
		if rest.IsPositive() {
			n++
		}
		r.BreakEvenChildren = results.C(int(n))
	}
	return r
}

// actorKey is an actor's name compared without regard to case and spacing,
// so "NAV" and "Nav " are one actor.
func actorKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
