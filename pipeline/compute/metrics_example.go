package compute

import (
	"bobra/data"
	"bobra/pipeline/results"
)

// example picks the worked example of the value and rent chapters and
// reads its figures from its home's row (definitions 4 and 5).
//
// The home is the one of the FamilieID in Eksempelbolig, when that
// family has bought by D; else the bought home with the most valuations
// dated ≤ D, then the longest span between its first and last valuation,
// then the earliest purchase, then the lowest FamilieID. A home whose
// value or rent figures are missing still gives what it has. Nil when no
// home is bought.
func (c *computation) example(rentYear int) *results.Example {
	if len(c.homes) == 0 {
		return nil
	}
	a := c.ds.Assumptions
	chosen := "parameter"
	h := c.homeOf(a.ExampleHome)
	if a.ExampleHome != "" && h == nil {
		var at data.Loc
		for _, p := range a.Params {
			if p.Name == data.ParamExampleHome {
				at = p.At
			}
		}
		// The message does not repeat the value: it is a FamilieID.
		c.warn.general("eksempelbolig", "eksempelbolig-ukjent", at, data.ColValue,
			"Eksempelbolig er ikke en familie som har kjøpt bolig per evalueringsdatoen; regneeksempelet bruker boligen med flest verdivurderinger.")
	}
	if h == nil {
		chosen = "flest verdivurderinger"
		h = c.fallbackExample()
	}
	o := *h.out
	ex := &results.Example{
		FamilyID: o.FamilyID, Chosen: chosen, Publishable: a.ExamplePublic,
		Rooms: o.Rooms, PurchaseYear: o.PurchaseDate.Year, Price: o.Price,
		Value: o.Value.Ptr(), ValueEstimated: o.ValueEstimated, Gain: o.Gain.Ptr(), GainPct: o.GainPct.Ptr(),
		RentThen: o.RentThen.Ptr(), RentNow: o.RentNow.Ptr(),
		RentIncreaseMonth: o.RentIncreaseMonth.Ptr(), RentIncreaseYear: o.RentIncreaseYear.Ptr(), RentIncreasePct: o.RentIncreasePct.Ptr(),
	}
	if o.Value.IsSet() {
		ex.ValueYear = o.ValueDate.Year
	}
	if o.RentNow.IsSet() {
		ex.RentNowYear = rentYear
		ex.RentThenYear = min(o.PurchaseDate.Year, rentYear)
	}
	return ex
}

// fallbackExample is mostValued, worked out once.
func (c *computation) fallbackExample() *home {
	if c.mostValuedHome == nil {
		c.mostValuedHome = c.mostValued()
	}
	return c.mostValuedHome
}

// mostValued is the bought home with the longest valuation history.
func (c *computation) mostValued() *home {
	c.valuationsByHome()
	hist := func(h *home) *valuations {
		if h.vals.n == 0 {
			return nil
		}
		return &h.vals
	}
	// The order is total (FamilieIDs are unique among homes), so the first
	// home in it is found in one pass; sorting every home for it took a
	// second at national scale.
	before := func(x, y *home) bool {
		a, b := hist(x), hist(y)
		switch {
		case (a == nil) != (b == nil):
			return a != nil
		case a != nil && a.n != b.n:
			return a.n > b.n
		case a != nil && a.first.DaysUntil(a.last.Date()) != b.first.DaysUntil(b.last.Date()):
			return a.first.DaysUntil(a.last.Date()) > b.first.DaysUntil(b.last.Date())
		case x.buy.Date != y.buy.Date:
			return x.buy.Date < y.buy.Date
		}
		return x.id < y.id
	}
	best := c.homes[0]
	for _, h := range c.homes[1:] {
		if before(h, best) {
			best = h
		}
	}
	return best
}
