package compute

import (
	"sort"
	"strconv"
	"strings"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// rentTable is SSB-leie: monthly rent by room key and year.
type rentTable struct {
	byKey map[string]map[int]decimal.Decimal
	years map[string][]int // sorted years per room key
}

// rentKey is a room key and a purchase month: with D fixed, all a home's
// rent figures depend on. National data has at most a few thousand such
// pairs for 100 000 homes.
type rentKey struct {
	key         string
	year, month int
}

// lookup returns the rent for key in the latest year ≤ year, and that year.
func (t *rentTable) lookup(key string, year int) (decimal.Decimal, int, bool) {
	ys := t.years[key]
	i := sort.SearchInts(ys, year+1) - 1
	if i < 0 {
		return decimal.Zero, 0, false
	}
	return t.byKey[key][ys[i]], ys[i], true
}

// roomKeyOrder sorts room keys as people read them: 1..4, 5+, alle.
func roomKeyOrder(k string) int {
	switch k {
	case data.RoomsFivePlus:
		return 5
	case data.RoomsAll:
		return 6
	}
	n, err := strconv.Atoi(k)
	if err != nil {
		return 7
	}
	return n
}

// rent computes definition 5.
//
// Definition 5 (rent). SSB rent describes a whole year, so at D the latest
// usable year is L = Y − 1, or the latest year before it in SSB-leie, with
// a warning; no lookup uses a year after L. A home with r rooms uses the
// SSB-leie rows for r (6 rooms or more: "5+"; when SSB-leie has no rows for
// r: "alle", with a warning). SSB(year, r) is the rent of the latest year
// ≤ year in SSB-leie for r (with a warning when that is not the year
// itself). Rent then = SSB(purchase year, r) (L for a purchase after L);
// rent now = SSB(L, r); increase per month = now − then, per year = 12 ×
// that, and in % = increase / then. Rent not paid = the sum, over each
// calendar month strictly after the purchase month and strictly before D's
// month, of SSB(that month's year, r) (a purchase on 2019-03-15 evaluated on
// 2024-09-30 counts April 2019 to August 2024: 65 months). Where Månedlige
// boutgifter is filled: net saving = rent not paid − boutgifter × the same
// number of months. Totals are over homes with rent figures; the net saving
// total only over homes with boutgifter, and only when there is one.
func (c *computation) rent() results.Rent {
	t := c.rentTable()
	r := results.Rent{Series: []results.RentLine{}}
	r.Region = c.rentRegion()
	r.Source, r.Notes = c.rentSource()
	if c.rentYear == 0 {
		r.IncreasePctHistogram = []results.Bucket{}
		if len(c.homes) > 0 {
			c.warn.general("leie-tom", "ssb-leie-mangler", data.Loc{}, "",
				"SSB-leie har ingen år til og med "+strconv.Itoa(c.y-1)+"; leieberegningene er utelatt.")
		}
		return r
	}
	r.LatestYear = c.rentYear
	used := map[string]bool{}
	pcts := newShareList(len(c.homes), c.decimalOnly)
	var costs, net, increases, notPaidTotal fastdec.Sum
	twelve := decimal.NewFromInt(12)
	// Homes of the same room key and purchase month have the same rent
	// figures: each is worked out, and held, once.
	shared := map[rentKey]*homeRent{}
	for _, h := range c.homes {
		key := data.RentRoomsKey(h.buy.Rooms)
		if len(t.years[key]) == 0 {
			c.warn.general("leie-rom-"+key, "ssb-leie-rom-mangler", data.Loc{}, "",
				"SSB-leie har ingen rader for "+key+" rom; boliger med "+key+" rom bruker «alle».")
			key = data.RoomsAll
		}
		k := rentKey{key, h.buy.Date.Year(), int(h.buy.Date.Date().Month)}
		hr, seen := shared[k]
		if !seen {
			hr = c.homeRent(t, key, h.buy.Date.Date())
			shared[k] = hr
		}
		if hr == nil {
			c.warn.family("leie-mangler", h.buy.At, "Kjøpsdato", h.id,
				"SSB-leie har ingen tall for kjøpsåret til FamilieID "+h.id+" ("+strconv.Itoa(h.buy.Date.Year())+
					", "+key+" rom) eller årene før; boligen er holdt utenfor leieberegningene.")
			continue
		}
		used[key] = true
		h.out.HomeRent = &hr.out
		if hr.pctSmall && !c.decimalOnly {
			pcts.addCoef(hr.pctCoef)
		} else if hr.pct != nil {
			pcts.add(*hr.pct)
		}
		months, notPaid := hr.out.RentMonths, hr.notPaid
		if h.buy.MonthlyCosts.IsSet() && !c.decimalOnly && quickNetSaving(h, hr, &costs, &net) {
			r.NetSavingHomes.N++
		} else if h.buy.MonthlyCosts.IsSet() {
			cost := h.buy.MonthlyCosts.Decimal().Mul(decimal.NewFromInt(int64(months)))
			h.out.NetSaving = results.SomeMoney(notPaid.Sub(cost))
			costs.Add(cost)
			net.Add(notPaid.Sub(cost))
			r.NetSavingHomes.N++
		}
		r.Homes.N++
		increases.Add(hr.inc)
		notPaidTotal.Add(notPaid)
		r.MonthsTotal.N += months
	}
	r.IncreaseMonthTotal.V, r.RentNotPaidTotal.V = increases.Value(), notPaidTotal.Value()
	r.IncreaseYearTotal.V = r.IncreaseMonthTotal.V.Mul(twelve)
	if r.NetSavingHomes.N > 0 {
		r.HousingCostsTotal, r.NetSavingTotal = moneyPtr(costs.Value()), moneyPtr(net.Value())
	}
	_, r.IncreasePctHistogram = pcts.medianAndHistogram()
	r.Series = c.rentSeries(t, used)
	return r
}

// quickNetSaving is rent's net saving of a home with boutgifter, in
// int64 arithmetic: the same decimals, added to the same sums, without
// allocating; false, with nothing done, when a number does not fit.
func quickNetSaving(h *home, hr *homeRent, costs, net *fastdec.Sum) bool {
	if !hr.notPaidSmall {
		return false
	}
	cm, em, ok := h.buy.MonthlyCosts.Int64()
	if !ok {
		return false
	}
	cc, ec, ok := fastdec.MulInt64(cm, em, int64(hr.out.RentMonths), 0)
	if !ok {
		return false
	}
	cn, en, ok := fastdec.SubInt64(hr.notPaidCoef, hr.notPaid.Exponent(), cc, ec)
	if !ok {
		return false
	}
	h.out.NetSaving = results.SomeMoney(decimal.New(cn, en))
	costs.Add(decimal.New(cc, ec))
	net.Add(decimal.New(cn, en))
	return true
}

// homeRent is the rent figures of the homes of one room key bought in
// one month, and the decimals the totals sum.
type homeRent struct {
	out          results.HomeRent
	inc, notPaid decimal.Decimal
	pct          *decimal.Decimal
	// The coefficients of pct (at −Precision) and notPaid, when they fit
	// an int64, for the per-home arithmetic.
	pctCoef, notPaidCoef   int64
	pctSmall, notPaidSmall bool
}

// homeRent works out the rent figures of a home of room key key bought
// on bought; nil when SSB-leie has no rent for its purchase year or the
// years before.
func (c *computation) homeRent(t *rentTable, key string, bought data.Date) *homeRent {
	then, ok := c.rentIn(t, key, min(bought.Year, c.rentYear))
	if !ok {
		return nil
	}
	now, _ := c.rentIn(t, key, c.rentYear)
	hr := &homeRent{inc: now.Sub(then)}
	o := &hr.out
	o.RentThen, o.RentNow = results.SomeMoney(then), results.SomeMoney(now)
	o.RentIncreaseMonth, o.RentIncreaseYear = results.SomeMoney(hr.inc), results.SomeMoney(hr.inc.Mul(decimal.NewFromInt(12)))
	if p := ratio(hr.inc, then); p != nil {
		o.RentIncreasePct = results.SomeShare(*p)
		hr.pct = p
	}
	o.RentMonths, hr.notPaid = c.sumRentNotPaid(t, key, bought)
	o.RentNotPaid = results.SomeMoney(hr.notPaid)
	if p := hr.pct; p != nil && p.Exponent() == -Precision && p.NumDigits() <= 18 {
		hr.pctCoef, hr.pctSmall = p.CoefficientInt64(), true
	}
	if hr.notPaid.NumDigits() <= 18 {
		hr.notPaidCoef, hr.notPaidSmall = hr.notPaid.CoefficientInt64(), true
	}
	return hr
}

// rentIn returns SSB(year, key) for a year ≤ L, warning once per key and
// year when an earlier year had to stand in.
func (c *computation) rentIn(t *rentTable, key string, year int) (decimal.Decimal, bool) {
	v, got, ok := t.lookup(key, year)
	if ok && got != year {
		c.warn.general("leie-aar-"+key+"-"+strconv.Itoa(year), "ssb-leie-aar-mangler", data.Loc{}, "",
			"SSB-leie mangler "+strconv.Itoa(year)+" for "+key+" rom; leien for "+strconv.Itoa(got)+" er brukt.")
	}
	return v, ok
}

// sumRentNotPaid returns the months strictly between the purchase month
// and D's month, and the SSB rent summed over them.
func (c *computation) sumRentNotPaid(t *rentTable, key string, bought data.Date) (int, decimal.Decimal) {
	// Months are numbered year·12 + month−1; the first counted month is the
	// one after the purchase, the last the one before D's month.
	first := bought.Year*12 + int(bought.Month) // (month−1) + 1
	last := c.d.Year*12 + int(c.d.Month) - 2
	total, months := decimal.Zero, 0
	for m := first; m <= last; {
		y := m / 12
		yearEnd := min(y*12+11, last)
		n := yearEnd - m + 1
		v, _ := c.rentIn(t, key, min(y, c.rentYear))
		total = total.Add(v.Mul(decimal.NewFromInt(int64(n))))
		months += n
		m = yearEnd + 1
	}
	return months, total
}

// rentTable indexes SSB-leie and chooses L, the latest usable year.
func (c *computation) rentTable() *rentTable {
	t := &rentTable{byKey: map[string]map[int]decimal.Decimal{}, years: map[string][]int{}}
	latest := 0
	for _, r := range c.ds.Rents {
		byYear := t.byKey[r.Rooms]
		if byYear == nil {
			byYear = map[int]decimal.Decimal{}
			t.byKey[r.Rooms] = byYear
		}
		if _, dup := byYear[r.Year]; dup {
			c.warn.general("leie-dobbel-"+r.Rooms+"-"+strconv.Itoa(r.Year), "ssb-dobbel-rad", r.At, "År",
				"SSB-leie har flere rader for "+strconv.Itoa(r.Year)+" og "+r.Rooms+" rom; den første er brukt.")
			continue
		}
		byYear[r.Year] = r.Monthly
		if r.Year <= c.y-1 && r.Year > latest {
			latest = r.Year
		}
	}
	for k, byYear := range t.byKey {
		ys := make([]int, 0, len(byYear))
		for y := range byYear {
			ys = append(ys, y)
		}
		sort.Ints(ys)
		t.years[k] = ys
	}
	c.rentYear = latest
	if latest != 0 && latest < c.y-1 {
		c.warn.general("leie-siste-aar", "ssb-leie-aar", data.Loc{}, "",
			"SSB-leie mangler "+strconv.Itoa(c.y-1)+"; dagens leie er beregnet med "+strconv.Itoa(latest)+", siste år før det.")
	}
	return t
}

// rentRegion lists the regions named in SSB-leie, sorted.
func (c *computation) rentRegion() string {
	return strings.Join(distinctSorted(c.ds.Rents, func(r data.RentRow) string { return r.Region }), ", ")
}

// distinctSorted is the distinct non-blank values of one text field of
// rows, trimmed and sorted, for a sheet's Region or Kilde column.
func distinctSorted[T any](rows []T, field func(T) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range rows {
		if v := strings.TrimSpace(field(r)); v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}

// rentSource gives SSB-leie's sources (Kilde, distinct, sorted) and notes
// (Merknad, each line once in the order read).
func (c *computation) rentSource() (string, []string) {
	sources := distinctSorted(c.ds.Rents, func(r data.RentRow) string { return r.Source })
	seen := map[string]bool{}
	notes := []string{}
	for _, r := range c.ds.Rents {
		for line := range strings.Lines(r.Note) {
			if line = strings.TrimSpace(line); line != "" && !seen[line] {
				seen[line] = true
				notes = append(notes, line)
			}
		}
	}
	return strings.Join(sources, "; "), notes
}

// rentSeries gives SSB rent by year up to L for each room key used.
func (c *computation) rentSeries(t *rentTable, used map[string]bool) []results.RentLine {
	keys := make([]string, 0, len(used))
	for k := range used {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return roomKeyOrder(keys[i]) < roomKeyOrder(keys[j]) })
	out := []results.RentLine{}
	for _, k := range keys {
		line := results.RentLine{Rooms: k, Points: []results.YearMoney{}}
		for _, y := range t.years[k] {
			if y <= c.rentYear {
				line.Points = append(line.Points, results.YearMoney{Year: y, Value: results.M(t.byKey[k][y])})
			}
		}
		out = append(out, line)
	}
	return out
}
