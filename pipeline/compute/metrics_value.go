package compute

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// appreciation computes definition 4.
//
// Definition 4 (value). A home's value at D is its latest Verdivurderinger
// row with Dato ≤ D (the last row read among rows of that day). Without one
// it is estimated as Kjøpesum × index(I) / index(purchase year) from
// SSB-prisindeks, where I = Y − 1 (an index year describes a whole year, so
// Y − 1 is the latest known at D), or the latest index year before Y − 1
// when Y − 1 is missing, with a warning; a purchase year after I uses I.
// Estimates are marked as such. A home with neither is left out, with a
// warning. Gain = value − Kjøpesum; gain % = gain / Kjøpesum; yearly % =
// (value / Kjøpesum)^(1 / years) − 1, with years = days from Kjøpsdato to
// the valuation's Dato (to D for estimates) / 365.25 (no yearly % when that
// is 0 days or less). Totals are over every home with a value (valued or
// estimated): Kjøpesum, value and gain; the median gain % is the middle
// value, or the mean of the two middle values for an even count.
func (c *computation) appreciation() results.Appreciation {
	c.valuationsByHome()
	index := c.priceIndex()

	var a results.Appreciation
	a.IndexSource = c.indexSource()
	t := valueTotals{gainPcts: newShareList(len(c.homes), c.decimalOnly), rates: make([]rateJob, 0, len(c.homes))}
	for _, h := range c.homes {
		if !c.decimalOnly && (h.vals.n > 0 && t.quickValued(h) || h.vals.n == 0 && c.quickEstimated(h, index, &t)) {
			continue
		}
		var value decimal.Decimal
		var valueDate data.Date
		estimated := false
		if v := &h.vals; v.n > 0 {
			value, valueDate = v.value.Decimal(), v.latest.Date()
		} else if est, ok := c.estimate(h, index); ok {
			value, valueDate, estimated = est, c.d, true
		} else {
			a.Missing.N++
			continue
		}
		price := h.buy.Price.Decimal()
		gain := value.Sub(price)
		if g := ratio(gain, price); g != nil {
			h.out.GainPct = results.SomeShare(*g)
			t.gainPcts.add(*g)
		}
		t.add(h, homeValue{value, gain, price, valueDate, estimated, price.IsPositive() && value.IsPositive()})
	}
	a.Valued.N, a.Estimated.N = t.valued, t.estimated
	a.PurchaseTotal.V, a.ValueTotal.V, a.GainTotal.V = t.purchases.Value(), t.values.Value(), t.gains.Value()
	rates := t.rates
	// The yearly rates are the costliest figures and pure arithmetic
	// into each home's own field, with no warnings: they are worked out on
	// a second core while the other figures are, and joined (joinRates)
	// before anything reads a home's row.
	c.joinRates = inBackground(func() struct{} {
		annualRates(rates, !c.decimalOnly)
		return struct{}{}
	})
	m, hist := t.gainPcts.medianAndHistogram()
	a.GainPctMedian, a.GainPctHistogram = sharePtr(m), hist
	return a
}

// valueTotals is what appreciation sums and gathers over the homes.
type valueTotals struct {
	purchases, values, gains fastdec.Sum
	gainPcts                 shareList
	rates                    []rateJob
	valued, estimated        int
}

// homeValue is a home's value figures, however they were worked out.
type homeValue struct {
	value, gain, price decimal.Decimal
	date               data.Date
	estimated          bool
	positive           bool // price and value both above zero: a yearly rate is defined
}

// add puts a home's value figures in its row (all but the gain share,
// whose form differs by path) and in the totals.
func (t *valueTotals) add(h *home, v homeValue) {
	o := h.out
	o.Value, o.ValueDate, o.ValueEstimated = results.SomeMoney(v.value), v.date, v.estimated
	o.Gain = results.SomeMoney(v.gain)
	if days := h.buy.Date.DaysUntil(v.date); days > 0 && v.positive {
		t.rates = append(t.rates, rateJob{h: h, days: days})
	}
	if v.estimated {
		t.estimated++
	} else {
		t.valued++
	}
	t.purchases.Add(v.price)
	t.values.Add(v.value)
	t.gains.Add(v.gain)
}

// quickEstimated is appreciation's figures of a home without a valuation,
// estimated from the price index, in 128-bit integer arithmetic: the same
// decimals as estimate and the decimal path (TestQuickArithmeticMatchesDecimals);
// false, with nothing done, when a number does not fit or estimate would
// warn. The estimate's 16 places put its coefficient past an int64, and
// the decimal path made some twenty allocations a home.
func (c *computation) quickEstimated(h *home, index map[int]decimal.Decimal, t *valueTotals) bool {
	now, okNow := index[c.indexYear]
	then, okThen := index[min(h.buy.Date.Year(), c.indexYear)]
	if c.indexYear == 0 || !okNow || !okThen || !then.IsPositive() || now.NumDigits() > 18 || then.NumDigits() > 18 {
		return false
	}
	cp, ep, ok := h.buy.Price.Int64()
	if !ok {
		return false
	}
	value, ok := fastdec.MulDivRound(cp, ep, now.CoefficientInt64(), now.Exponent(), then.CoefficientInt64(), then.Exponent(), Precision)
	if !ok {
		return false
	}
	gain, ok := value.Sub(fastdec.WideOf(cp, ep))
	if !ok {
		return false
	}
	var pct int64
	if cp != 0 {
		if pct, ok = gain.DivRoundInt64(cp, ep, Precision); !ok {
			return false
		}
	}
	if cp != 0 {
		h.out.GainPct = results.SomeShare(decimal.New(pct, -Precision))
		t.gainPcts.addCoef(pct)
	}
	t.add(h, homeValue{value.Decimal(), gain.Decimal(), decimal.New(cp, ep), c.d, true, cp > 0 && !value.Neg && (value.Hi|value.Lo) != 0})
	return true
}

// quickValued is appreciation's figures of a home with a valuation, in
// int64 arithmetic: the same decimals (TestQuickValuedMatchesDecimals),
// without one allocated for any figure; false, with nothing done, when a
// number does not fit. The decimal way made some ten allocations a home.
func (t *valueTotals) quickValued(h *home) bool {
	v := &h.vals
	cv, ev, ok := v.value.Int64()
	if !ok {
		return false
	}
	cp, ep, ok := h.buy.Price.Int64()
	if !ok {
		return false
	}
	cg, eg, ok := fastdec.SubInt64(cv, ev, cp, ep)
	if !ok {
		return false
	}
	var pct int64
	if cp != 0 {
		if pct, ok = fastdec.DivRoundInt64(cg, eg, cp, ep, Precision); !ok {
			return false
		}
	}
	if cp != 0 {
		h.out.GainPct = results.SomeShare(decimal.New(pct, -Precision))
		t.gainPcts.addCoef(pct)
	}
	t.add(h, homeValue{decimal.New(cv, ev), decimal.New(cg, eg), decimal.New(cp, ep), v.latest.Date(), false, cp > 0 && cv > 0})
	return true
}

// AnnualPrecision is the places of the yearly rate: the power is the
// costliest figure of a national run, and 10 places is still 6 more than
// any output shows.
const AnnualPrecision = 10

// annualRate returns growth^(365.25/days) − 1: the yearly rate that gives
// the growth factor over days. The exponent is kept to Precision+4 places
// and the power is correctly rounded to AnnualPrecision places.
func annualRate(growth decimal.Decimal, days int) *decimal.Decimal {
	exp := decimal.NewFromInt(36525).DivRound(decimal.NewFromInt(int64(days)*100), Precision+4)
	p, err := growth.PowWithPrecision(exp, AnnualPrecision)
	if err != nil {
		return nil
	}
	r := p.Sub(decimal.NewFromInt(1))
	return &r
}

// rateJob is a home whose yearly rate is to be computed. Its value and
// price are read back from the home's packed figures when the rate is
// computed: a job holding them as decimals (with a big.Int each) was a
// tenth of a national run's live heap.
type rateJob struct {
	h    *home
	days int
}

// annualRates computes the yearly rates, each into its own home; quick
// lets it skip the decimals where packedAnnualRate answers.
func annualRates(jobs []rateJob, quick bool) {
	for i := range jobs {
		j := &jobs[i]
		if quick {
			if q, ok := packedAnnualRate(j.h.out.Value.Packed(), j.h.buy.Price, j.days); ok {
				j.h.out.AnnualPct = results.SomeShare(decimal.New(q, -AnnualPrecision))
				continue
			}
		}
		value, price := j.h.out.Value.Packed().Decimal(), j.h.buy.Price.Decimal()
		r, ok := quickAnnualRate(value, price, j.days)
		if !ok {
			r = annualRate(fastdec.DivRound(value, price, Precision+4), j.days)
		}
		if r != nil {
			j.h.out.AnnualPct = results.SomeShare(*r)
		}
	}
}

// quickAnnualRate returns annualRate(value/price, days) without the
// decimal power (about 9 µs a home), or false when it cannot be sure of
// giving exactly the same decimal.
//
// annualRate's power is correctly rounded (half away from zero) to
// AnnualPrecision places, so any approximation whose error bound keeps it
// off a rounding boundary rounds to the same decimal. The power is taken
// in float64, with a bound on its relative error that is far above the
// errors of the operations it is built from (each well under 1e-15 here);
// a result that lands within that bound of a boundary (about 1 in 1 000),
// or outside the range where float64 has the digits to spare, goes to
// annualRate.
func quickAnnualRate(value, price decimal.Decimal, days int) (*decimal.Decimal, bool) {
	// Float64 is correctly rounded: relative error at most 1.1e-16.
	q, ok := floatAnnualRate(value.InexactFloat64(), price.InexactFloat64(), days)
	if !ok {
		return nil, false
	}
	r := fastdec.Compact(decimal.New(q, -AnnualPrecision).Sub(decimal.NewFromInt(1)))
	return &r, true
}

// packedAnnualRate is quickAnnualRate of two packed figures, with the
// float64s decimal's Float64 gives (Packed.Float64), without making a
// decimal of either: the coefficient of the rate at AnnualPrecision
// places.
func packedAnnualRate(value, price fastdec.Packed, days int) (int64, bool) {
	v, okV := value.Float64()
	p, okP := price.Float64()
	if !okV || !okP {
		return 0, false
	}
	q, ok := floatAnnualRate(v, p, days)
	// decimal.New(q, −AnnualPrecision) − 1 is q − 10^AnnualPrecision at
	// that exponent.
	return q - pow10[AnnualPrecision], ok
}

// floatAnnualRate is quickAnnualRate on the float64s of value and price:
// the power's coefficient at AnnualPrecision places, rounded half away
// from zero.
func floatAnnualRate(v, p float64, days int) (int64, bool) {
	if !(v > 0) || !(p > 0) || days <= 0 {
		return 0, false
	}
	g := v / p
	e := 365.25 / float64(days)
	if g < 1e-3 || g > 1e3 || e > 1e3 {
		return 0, false
	}
	y := e * math.Log(g)
	pow := math.Exp(y)
	if !(pow > 1e-3) || !(pow < 1e4) {
		return 0, false
	}
	// Relative error of pow: the quotient, log, product and exponential
	// each add at most a few units of 1.1e-16, amplified by e (through
	// the quotient and the exponent's own rounding) and by |y|; taken 16
	// times over, plus the rounding of the scaled value below.
	relErr := 16 * 2.3e-16 * (3 + e + math.Abs(y))
	scaled := pow * math.Pow10(AnnualPrecision)
	bound := scaled*relErr + scaled*2.3e-16 + 1e-6
	floor := math.Floor(scaled)
	frac := scaled - floor
	// Only a half lies between two roundings; elsewhere an error of less
	// than the bound cannot change the rounded value.
	if math.Abs(frac-0.5) <= bound {
		return 0, false
	}
	q := int64(floor)
	if frac > 0.5 {
		q++
	}
	return q, true
}

// valuationsByHome fills each home's vals from Verdivurderinger, once.
// Rows of families that have not bought by D are not used by any figure.
func (c *computation) valuationsByHome() {
	if c.valued {
		return
	}
	c.valued = true
	find := homeCursor{c: c}
	for i := range c.ds.Valuations {
		v := &c.ds.Valuations[i]
		if v.Date.IsZero() || v.Date.After(c.d) {
			continue
		}
		_, h := find.find(v.FamilyID)
		if h == nil {
			continue
		}
		hv := &h.vals
		if hv.n == 0 {
			hv.first, hv.last = v.Date, v.Date
		}
		hv.n++
		hv.first, hv.last = min(hv.first, v.Date), max(hv.last, v.Date)
		// The last row read among rows of the latest day.
		if hv.n == 1 || v.Date >= hv.latest {
			hv.latest, hv.value = v.Date, v.Value
		}
	}
}

// priceIndex returns SSB-prisindeks by year (the first row read for a
// year) and chooses the index year I for estimates.
func (c *computation) priceIndex() map[int]decimal.Decimal {
	index := make(map[int]decimal.Decimal)
	var years []int
	for _, r := range c.ds.PriceIndex {
		if _, dup := index[r.Year]; dup {
			c.warn.general("indeks-dobbel-"+strconv.Itoa(r.Year), "ssb-dobbel-rad", r.At, "År",
				"SSB-prisindeks har flere rader for "+strconv.Itoa(r.Year)+"; den første er brukt.")
			continue
		}
		index[r.Year] = r.Index
		years = append(years, r.Year)
	}
	sort.Ints(years)
	want := c.y - 1
	for _, y := range years {
		if y <= want {
			c.indexYear = y
		}
	}
	if c.indexYear != 0 && c.indexYear < want {
		c.warn.general("indeks-aar", "ssb-prisindeks-aar", data.Loc{}, "",
			"SSB-prisindeks mangler "+strconv.Itoa(want)+"; estimerte verdier bruker siste indeksår før det, "+
				strconv.Itoa(c.indexYear)+".")
	}
	return index
}

// estimate returns Kjøpesum × index(I) / index(purchase year), if both exist.
func (c *computation) estimate(h *home, index map[int]decimal.Decimal) (decimal.Decimal, bool) {
	py := min(h.buy.Date.Year(), c.indexYear)
	now, okNow := index[c.indexYear]
	then, okThen := index[py]
	if c.indexYear == 0 || !okNow || !okThen || !then.IsPositive() {
		c.warn.family("verdi-mangler", h.buy.At, "Kjøpesum", h.id,
			"FamilieID "+h.id+" har verken verdivurdering eller prisindeks for kjøpsåret "+
				strconv.Itoa(h.buy.Date.Year())+"; boligen er holdt utenfor verdiutviklingen.")
		return decimal.Zero, false
	}
	return fastdec.DivRound(h.buy.Price.Decimal().Mul(now), then, Precision), true
}

// indexSource lists SSB-prisindeks's Kilde values, distinct and sorted.
func (c *computation) indexSource() string {
	return strings.Join(distinctSorted(c.ds.PriceIndex, func(r data.PriceIndexRow) string { return r.Source }), "; ")
}
