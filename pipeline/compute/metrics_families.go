package compute

import (
	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// families computes definition 1 for families.
//
// Definition 1 (families). Enrolled families are those with Innmeldt ≤ D,
// or, when Innmeldt is blank, that bought ≤ D. Bought families are those
// with a Kjøp with Kjøpsdato ≤ D, counted by Del. The single-parent share is
// the bought families with Husholdning "enslig forsørger" over the bought
// families whose Husholdning is filled. BoughtByYear counts the programme
// purchases per calendar year and Del, every year from the first purchase
// to the last (years without a purchase count 0).
func (c *computation) families() results.Families {
	var f results.Families
	enrolled := 0
	for i := range c.ds.Families {
		fam := &c.ds.Families[i]
		if c.dupRows[int32(i)] {
			continue // a duplicate FamilieID; the reader reports it
		}
		if fam.Enrolled.IsZero() {
			if c.homeAt[i] != nil {
				enrolled++
			}
		} else if !fam.Enrolled.After(c.d) {
			enrolled++
		}
	}
	f.Enrolled = results.C(enrolled)

	single, known := 0, 0
	byYear := map[int]*results.ByPhase[results.Count]{}
	minYear, maxYear := 0, 0
	for _, h := range c.homes {
		f.Bought.N++
		f.BoughtByPhase.Get(h.phase).N++
		switch h.household {
		case data.HouseholdSingleParent:
			single++
			known++
		case data.HouseholdTwoParents:
			known++
		}
		y := h.buy.Date.Year()
		if byYear[y] == nil {
			byYear[y] = &results.ByPhase[results.Count]{}
		}
		byYear[y].Get(h.phase).N++
		if minYear == 0 || y < minYear {
			minYear = y
		}
		if y > maxYear {
			maxYear = y
		}
	}
	f.SingleParent, f.HouseholdKnown = results.C(single), results.C(known)
	f.SingleParentShare = share(single, known)
	f.BoughtByYear = []results.YearCount{}
	if len(c.homes) > 0 {
		for y := minYear; y <= maxYear; y++ {
			yc := results.YearCount{Year: y}
			if b := byYear[y]; b != nil {
				yc.ByPhase = *b
			}
			f.BoughtByYear = append(f.BoughtByYear, yc)
		}
	}
	return f
}

// children computes definition 1 for children.
//
// Definition 1 (children). Children are the Barn rows of bought families
// with Fødselsår ≤ Y, counted by Del and by age at D, taken as
// Y − Fødselsår: 0–5, 6–12, 13–17 and 18 or older.
func (c *computation) children() results.Children {
	var ch results.Children
	find := homeCursor{c: c}
	for i := range c.ds.Children {
		k := &c.ds.Children[i]
		_, h := find.find(k.FamilyID)
		if h == nil || k.BirthYear > c.y {
			continue
		}
		ch.Total.N++
		ch.ByPhase.Get(h.phase).N++
		switch age := c.y - k.BirthYear; {
		case age <= 5:
			ch.ByAge.Age0to5.N++
		case age <= 12:
			ch.ByAge.Age6to12.N++
		case age <= 17:
			ch.ByAge.Age13to17.N++
		default:
			ch.ByAge.Age18Plus.N++
		}
	}
	return ch
}

// financing counts start loans among bought homes.
//
// Financing: homes whose programme purchase has a Startlån, the sum of
// those loans, and the median over those homes of Startlån / Kjøpesum.
func (c *computation) financing() results.Financing {
	var fin results.Financing
	var loans fastdec.Sum
	shares := newShareList(len(c.homes), c.decimalOnly)
	for _, h := range c.homes {
		if !h.buy.StartLoan.IsSet() {
			continue
		}
		fin.WithLoan.N++
		// In int64 arithmetic when the numbers fit: the same decimals,
		// without allocating for them.
		if cl, el, ok := h.buy.StartLoan.Int64(); ok && !c.decimalOnly {
			if cp, ep, ok := h.buy.Price.Int64(); ok {
				q, ok := fastdec.DivRoundInt64(cl, el, cp, ep, Precision)
				if ok || cp == 0 {
					loans.Add(decimal.New(cl, el))
					if cp != 0 {
						shares.addCoef(q)
					}
					continue
				}
			}
		}
		loan := h.buy.StartLoan.Decimal()
		loans.Add(loan)
		if r := ratio(loan, h.buy.Price.Decimal()); r != nil {
			shares.add(*r)
		}
	}
	fin.LoanTotal.V = loans.Value()
	m, _ := shares.medianAndHistogram()
	fin.LoanShareMedian = sharePtr(m)
	return fin
}

// quotes copies Sitater in the order given.
func quotes(ds *data.Dataset) []results.Quote {
	out := make([]results.Quote, 0, len(ds.Quotes))
	for _, q := range ds.Quotes {
		out = append(out, results.Quote{Theme: q.Theme, Text: q.Text, Who: q.Who})
	}
	return out
}
