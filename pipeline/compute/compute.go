// Package compute works out every figure of the evaluation from a dataset
// as of an evaluation date: Compute is a pure function from data.Dataset to
// results.Results. One metrics_*.go file per area; each figure's definition
// is written on the function that computes it.
package compute

import (
	"cmp"
	"math/big"
	"slices"
	"strings"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// Precision is the number of decimal places kept when a division cannot be
// exact (shares, ratios, estimated values). Sixteen places is far beyond
// the four decimals any output shows, so rounding at output is the only
// rounding a reader can see.
const Precision = 16

// DaysPerYear turns a number of days into years (definition 3 and 4):
// years = days / 365.25.
var DaysPerYear = decimal.RequireFromString("365.25")

// Compute returns every figure of the evaluation of ds as of the date asOf.
// It is a pure function: no I/O, no clock, and no goroutine outlives it
// (the sections that give no warnings are worked out on goroutines of
// their own, each joined before its figures are read); the same dataset
// and date give the same Results. Warnings found while computing
// (a missing SSB year, a home without value) are in Results.Warnings.
//
// Let D be asOf and Y = year(D). Throughout, a family's programme purchase
// ("bought") is its earliest Kjøp with Kjøpsdato ≤ D; rows after D are
// ignored, so the same data evaluated at two dates gives two result sets,
// each as it could have been known at its date.
//
// Rounding: nothing is rounded here except where a division cannot be
// exact (Precision places, half away from zero). Outputs round once, half
// away from zero: kroner to whole kroner, shares to 4 decimals in data and
// 1 decimal in prose, persons to 2 decimals.
func Compute(ds *data.Dataset, asOf data.Date) *results.Results {
	return newComputation(ds, asOf, false).run()
}

// Consume is Compute for a caller with no further use for the dataset's
// rows, the same results: it takes them out of ds, which keeps its
// Assumptions and Files only, and lets go of each kind of row once it has
// been read. At national scale the rows are some 200 MB; a computation
// that held them to its end held them and the whole results at once.
func Consume(ds *data.Dataset, asOf data.Date) *results.Results {
	own := *ds
	*ds = data.Dataset{Assumptions: own.Assumptions, Files: own.Files}
	return newComputation(&own, asOf, true).run()
}

func (c *computation) run() *results.Results {
	ds := c.ds
	res := &results.Results{
		Schema:       results.SchemaVersion,
		AsOf:         c.d,
		Programme:    ds.Assumptions.Programme,
		Municipality: ds.Assumptions.Municipality,
		Marking:      results.MarkingInternal,
		Suppressed:   []string{},
	}
	c.selectHomes()
	if c.release {
		ds.Purchases = nil
	}

	// Children and Oppfølging give no warnings (whose order is the
	// order found), so they are read first and let go of early. The
	// sections that give none, and write nothing another section reads,
	// are worked out on a second core while the others are, each joined
	// before its result is taken: work, the Kaplan–Meier estimate, the
	// yearly rates and financing.
	work := inBackground(c.work)
	res.Families = c.families()
	res.Children = c.children()
	res.Work = work()
	if c.release {
		ds.Families, ds.Children, ds.FollowUps = nil, nil, nil
	}
	c.homeRows()
	stability, km := c.stability()
	res.Appreciation = c.appreciation()
	if c.release {
		if len(c.homes) > 0 && c.homeOf(ds.Assumptions.ExampleHome) == nil {
			c.fallbackExample() // from Verdivurderinger, let go of here
		}
		ds.Valuations, ds.PriceIndex = nil, nil
	}
	financing := inBackground(c.financing)
	res.Rent = c.rent()
	res.Societal = c.societal(res.Children.Total)
	res.Context = c.context()
	res.Quotes = quotes(ds)
	res.Survey = surveyItems(ds.Survey, c.y)
	res.Resources = resourceFigures(ds.Resources, c.y, res.Families.Bought.N, res.Children.Total.N, res.Societal)

	res.Financing = financing()
	retention := km()
	res.Stability = stability
	res.Stability.Retention, res.Stability.Curve = retention.points, retention.curve
	if c.joinRates != nil {
		c.joinRates()
	}
	res.Homes = c.out
	res.Example = c.example(res.Rent.LatestYear)
	res.Assumptions = c.assumptions()
	res.Warnings = c.warn.done()
	return res
}

// computation holds the dataset indexed for one evaluation date.
type computation struct {
	ds *data.Dataset
	d  data.Date // evaluation date D
	y  int       // Y = year(D)
	// release lets go of the dataset's rows once read (Consume).
	release bool
	// decimalOnly turns off the int64 arithmetic of the per-home figures,
	// for the tests that compare it with the decimal package's.
	decimalOnly bool
	// mostValuedHome caches mostValued, the example's fallback home.
	mostValuedHome *home
	// valued is set once valuationsByHome has filled each home's vals.
	valued bool
	// joinRates returns once the yearly rates are in the homes' rows.
	joinRates func() struct{}

	// famIndex is each FamilieID's first row in Familier, and homeAt the
	// home of the family of each row (nil until it has bought): one map
	// for both look-ups, families and homes, sized once. Two maps by
	// FamilieID, one of them grown a home at a time, were a third of the
	// computation at 300 000 families.
	famIndex map[string]int32
	homeAt   []*home
	// dupRows are the rows of Familier whose FamilieID an earlier row
	// has (the reader reports them); nil when there are none.
	dupRows map[int32]bool
	homes   []*home // bought homes, sorted by FamilieID
	// out holds the homes' figures in the order of homes; each home
	// points at its own element, so that a national run holds each
	// home's figures once, not once in home and again in the results.
	out []results.Home

	// Years used for the SSB tables, recorded for Assumptions.
	rentYear  int // 0 when SSB-leie has no usable year
	indexYear int // 0 when SSB-prisindeks has no usable year

	warn warnings
}

// home is a bought family's programme purchase and its figures. It holds
// what it needs of the family, not the family, so that a consuming
// computation can let go of Familier once it has counted them.
type home struct {
	id        string   // FamilieID
	fam       int32    // the family's row in ds.Families (famIndex)
	phase     int      // Del
	household string   // Husholdning
	famAt     data.Loc // the family's row in Familier
	buy       bought
	// status is the family's status at D (definition 2), statusDate the
	// date it began (zero when it is the default "bor i boligen").
	status     string
	statusDate data.Day
	out        *results.Home // the home's element of computation.out
	vals       valuations    // its Verdivurderinger rows dated ≤ D
}

// valuations is what the value figures and the example's choice use of a
// home's Verdivurderinger rows dated ≤ D, gathered in one pass over the
// rows (valuationsByHome): a map by FamilieID for each of them was a
// tenth of the computation at national scale.
type valuations struct {
	n           int            // how many rows
	latest      data.Day       // the latest Dato (zero when n is 0)
	value       fastdec.Packed // that row's Verdi (the last row read of that day)
	first, last data.Day       // the earliest and the latest Dato
}

// bought is what the computation uses of a home's row in Kjøp: a copy
// of a third of the row, so that a consuming computation can let go of
// Kjøp once the homes are chosen instead of holding every row until the
// end for the homes to point into.
type bought struct {
	Date                           data.Day
	Price, StartLoan, MonthlyCosts fastdec.Packed
	Rooms                          int
	At                             data.Loc
}

func boughtOf(p *data.Purchase) bought {
	return bought{Date: p.Date, Price: p.Price, StartLoan: p.StartLoan, MonthlyCosts: p.MonthlyCosts, Rooms: p.Rooms, At: p.At}
}

func newComputation(ds *data.Dataset, asOf data.Date, release bool) *computation {
	c := &computation{
		ds:       ds,
		d:        asOf,
		y:        asOf.Year,
		release:  release,
		famIndex: make(map[string]int32, len(ds.Families)),
		homeAt:   make([]*home, len(ds.Families)),
	}
	for i := range ds.Families {
		f := &ds.Families[i]
		if _, dup := c.famIndex[f.ID]; !dup {
			c.famIndex[f.ID] = int32(i)
		} else {
			if c.dupRows == nil {
				c.dupRows = map[int32]bool{}
			}
			c.dupRows[int32(i)] = true
		}
	}
	return c
}

// inBackground runs f on a goroutine of its own and returns the join,
// which waits for f and gives its result. A panic in f is raised again by
// the join, on the caller's goroutine, as if f had run there: left to its
// own goroutine it would end the process with Go's English and a stack
// trace, before the recover of the pipeline (computeOrStop) or of main
// could say the one sentence a person gets.
func inBackground[T any](f func() T) (join func() T) {
	done := make(chan struct{})
	var out T
	var failure any
	go func() {
		defer close(done)
		defer func() { failure = recover() }()
		out = f()
	}()
	return func() T {
		<-done
		if failure != nil {
			panic(failure)
		}
		return out
	}
}

// homeOf returns the home of the family id, nil when it has not bought.
func (c *computation) homeOf(id string) *home {
	if i, ok := c.famIndex[id]; ok {
		return c.homeAt[i]
	}
	return nil
}

// homeCursor is homeOf for the rows of a sheet, which the workbooks list
// family by family in the order of Familier: a row of the family of the
// row before, or of the next family, is found by comparing its FamilieID
// with that home's instead of hashing it. Any other row is looked up in
// the map. A home found either way is the one home of that FamilieID
// (homeAt holds each home at its family's first row only), so the answer
// is homeOf's. Look-ups by FamilieID were a fifth of the computation's
// CPU at 300 000 families.
type homeCursor struct {
	c  *computation
	at int32 // the family row of the last look-up
}

// find returns the family row of id and its home: (−1, nil) when id is
// not in Familier, a nil home when the family has not bought.
func (k *homeCursor) find(id string) (int32, *home) {
	for _, i := range [2]int32{k.at, k.at + 1} {
		if i >= 0 && int(i) < len(k.c.homeAt) {
			if h := k.c.homeAt[i]; h != nil && h.id == id {
				k.at = i
				return i, h
			}
		}
	}
	i, ok := k.c.famIndex[id]
	if !ok {
		return -1, nil
	}
	k.at = i
	return i, k.c.homeAt[i]
}

// selectHomes picks each family's programme purchase: the earliest Kjøp
// with Kjøpsdato ≤ D (the first row read among purchases on the same day).
// A family with more than one purchase is the reader's warning (data
// KindSeveralPurchases, at the later purchase's cell), not one of ours.
func (c *computation) selectHomes() {
	// The homes are allocated together: at most one a purchase, and one
	// allocation for all of them instead of one each.
	slab := make([]home, 0, len(c.ds.Purchases))
	for i := range c.ds.Purchases {
		p := &c.ds.Purchases[i]
		if p.Date.IsZero() || p.Date.After(c.d) {
			continue
		}
		fi, ok := c.famIndex[p.FamilyID]
		if !ok {
			c.warn.family("kjop-uten-familie", p.At, "Kjøpsdato", p.FamilyID,
				"Kjøpet for FamilieID "+p.FamilyID+" er holdt utenfor fordi familien ikke finnes i Familier.")
			continue
		}
		h := c.homeAt[fi]
		if h == nil {
			f := &c.ds.Families[fi]
			slab = append(slab, home{id: f.ID, fam: fi, phase: f.Phase, household: f.Household, famAt: f.At, buy: boughtOf(p)})
			h = &slab[len(slab)-1]
			c.homeAt[fi] = h
			c.homes = append(c.homes, h)
		} else if p.Date < h.buy.Date { // days order as their integers
			h.buy = boughtOf(p)
		}
	}
	// Kjøp is usually in FamilieID order already: checking costs a tenth
	// of sorting. FamilieIDs are unique among homes, so either way gives
	// the one order.
	byID := func(a, b *home) int { return strings.Compare(a.id, b.id) }
	if !slices.IsSortedFunc(c.homes, byID) {
		slices.SortFunc(c.homes, byID)
	}
	for _, h := range c.homes {
		h.status, h.statusDate = c.statusAt(&c.ds.Families[h.fam])
	}
}

// homeRows makes the homes' rows of the results, filled in by the
// metrics that follow. They are the largest part of the results, so a
// consuming computation makes them once it has let go of the rows it no
// longer needs.
func (c *computation) homeRows() {
	c.out = make([]results.Home, len(c.homes))
	noRent := &results.HomeRent{} // until rent finds figures, shared
	for i, h := range c.homes {
		h.out = &c.out[i]
		*h.out = results.Home{
			FamilyID:     h.id,
			Phase:        h.phase,
			PurchaseDate: h.buy.Date.Date(),
			Price:        results.M(h.buy.Price.Decimal()),
			Rooms:        h.buy.Rooms,
			HomeRent:     noRent,
			StatusAt:     h.status,
		}
	}
}

// share returns num/den with Precision places, or nil when den is zero.
func share(num, den int) *results.Share {
	return sharePtr(ratio(decimal.NewFromInt(int64(num)), decimal.NewFromInt(int64(den))))
}

// ratio returns num/den with Precision places, or nil when den is zero.
func ratio(num, den decimal.Decimal) *decimal.Decimal {
	if den.IsZero() {
		return nil
	}
	r := fastdec.DivRound(num, den, Precision)
	return &r
}

func sharePtr(d *decimal.Decimal) *results.Share {
	if d == nil {
		return nil
	}
	s := results.S(*d)
	return &s
}

func moneyPtr(d decimal.Decimal) *results.Money {
	m := results.M(d)
	return &m
}

// median returns the middle value of sorted values, or the mean of the two
// middle values for an even count; nil for none.
func median(sorted []decimal.Decimal) *decimal.Decimal {
	n := len(sorted)
	if n == 0 {
		return nil
	}
	m := sorted[n/2]
	if n%2 == 0 {
		m = sorted[n/2-1].Add(sorted[n/2]).DivRound(decimal.NewFromInt(2), Precision)
	}
	return &m
}

// sortDecimals sorts v in increasing order. Comparing two decimals with
// different exponents rescales one of them (an allocation per comparison,
// a second for 100 000 homes), so each value is first turned into an
// integer key at the smallest exponent, once.
func sortDecimals(v []decimal.Decimal) {
	if len(v) < 2 {
		return
	}
	minExp := v[0].Exponent()
	for _, d := range v {
		minExp = min(minExp, d.Exponent())
	}
	if sortDecimalsSmall(v, minExp) {
		return
	}
	type keyed struct {
		key *big.Int
		d   decimal.Decimal
	}
	ks := make([]keyed, len(v))
	for i, d := range v {
		ks[i] = keyed{d.Shift(-minExp).BigInt(), d}
	}
	// Equal values that differ in exponent (0.5, 0.50) are ordered by it,
	// so the order is the same whatever the input order.
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := a.key.Cmp(b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.d.Exponent(), b.d.Exponent())
	})
	for i := range ks {
		v[i] = ks[i].d
	}
}

// sortDecimalsSmall is sortDecimals with int64 keys, when every value's
// key fits one (nearly always: a share has 16 places, an amount fewer);
// false, with v as it was, when one does not. A big.Int key costs two
// allocations a value, some 17 MB live at the peak of a 300 000-home run.
// The keys are sorted by radix, exponent first and then the key a byte
// at a time, least significant first: a comparison sort of 100 000
// shares took 10 ms, and a run sorts three such lists.
func sortDecimalsSmall(v []decimal.Decimal, minExp int32) bool {
	ks := make([]keyedDecimal, len(v))
	maxExp := minExp
	for i, d := range v {
		shift := int(d.Exponent() - minExp)
		nd := d.NumDigits()
		if nd > 18 || nd+shift > 18 {
			return false
		}
		// Flipping the sign bit maps int64 order onto uint64 order.
		ks[i] = keyedDecimal{uint64(d.CoefficientInt64()*pow10[shift]) ^ 1<<63, d.Exponent(), d}
		maxExp = max(maxExp, d.Exponent())
	}
	if int64(maxExp)-int64(minExp) >= 256 {
		// Not seen in bobra's figures: one byte cannot tell the exponents apart.
		slices.SortFunc(ks, func(a, b keyedDecimal) int {
			if c := cmp.Compare(a.key, b.key); c != 0 {
				return c
			}
			return cmp.Compare(a.exp, b.exp)
		})
	} else {
		tmp := make([]keyedDecimal, len(v))
		// Equal values that differ in exponent (0.5, 0.50) are ordered by
		// it, so the order is the same whatever the input order: the
		// passes are stable, so the exponent's pass, first, decides ties.
		if radixPass(ks, tmp, func(k *keyedDecimal) uint8 { return uint8(k.exp - minExp) }) {
			ks, tmp = tmp, ks
		}
		for shift := 0; shift < 64; shift += 8 {
			if radixPass(ks, tmp, func(k *keyedDecimal) uint8 { return uint8(k.key >> shift) }) {
				ks, tmp = tmp, ks
			}
		}
	}
	for i := range ks {
		v[i] = ks[i].d
	}
	return true
}

// keyedDecimal is a decimal with its sort key: its value at the list's
// smallest exponent, sign bit flipped, and its exponent for ties.
type keyedDecimal struct {
	key uint64
	exp int32
	d   decimal.Decimal
}

// radixPass sorts src into dst by digit, stably, and reports whether it
// did; false, with dst untouched, when every element has the same digit.
func radixPass[T any](src, dst []T, digit func(*T) uint8) bool {
	var count [256]int
	for i := range src {
		count[digit(&src[i])]++
	}
	if len(src) == 0 || count[digit(&src[0])] == len(src) {
		return false
	}
	pos := 0
	for b, n := range count {
		count[b] = pos
		pos += n
	}
	for i := range src {
		b := digit(&src[i])
		dst[count[b]] = src[i]
		count[b]++
	}
	return true
}

var pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// HistogramWidth is the width of a histogram bucket (10 percentage
// points): buckets are aligned on multiples of it, contiguous from the
// bucket of the smallest value; at most HistogramMaxBuckets, the last one
// widened to hold every larger value.
var HistogramWidth = decimal.New(1, -1) // bucketIndex relies on this width

const HistogramMaxBuckets = 30

// histogram buckets the shares in values, which must be sorted.
func histogram(sorted []decimal.Decimal) []results.Bucket {
	return histogramOf(len(sorted), func(i int) int64 { return bucketIndex(sorted[i]) })
}

// histogramOf buckets n sorted shares, the i-th in bucket index(i).
func histogramOf(n int, index func(i int) int64) []results.Bucket {
	out := []results.Bucket{}
	if n == 0 {
		return out
	}
	values := n
	lowIdx, highIdx := index(0), index(n-1)
	n = int(highIdx-lowIdx) + 1
	wide := false
	if n > HistogramMaxBuckets {
		n, wide = HistogramMaxBuckets, true
	}
	counts := make([]int, n)
	for k := range values {
		i := int(index(k) - lowIdx)
		if i >= n {
			i = n - 1
		}
		counts[i]++
	}
	for i := 0; i < n; i++ {
		from := HistogramWidth.Mul(decimal.NewFromInt(lowIdx + int64(i)))
		to := from.Add(HistogramWidth)
		if wide && i == n-1 {
			to = HistogramWidth.Mul(decimal.NewFromInt(highIdx + 1))
		}
		out = append(out, results.Bucket{From: results.S(from), To: results.S(to), Count: results.C(counts[i])})
	}
	return out
}

// bucketIndex returns floor(v / HistogramWidth).
func bucketIndex(v decimal.Decimal) int64 {
	if i, ok := quickBucketIndex(v); ok {
		return i
	}
	return v.Shift(1).Floor().IntPart()
}

// floorDiv is ⌊c / p⌋ for p > 0: Go's division truncates, so the floor
// is one lower for a negative remainder.
func floorDiv(c, p int64) int64 {
	q := c / p
	if c%p < 0 {
		q--
	}
	return q
}

// quickBucketIndex is bucketIndex in int64 arithmetic, or false when v's
// coefficient or v × 10 does not fit one. The decimal way allocates four
// times a value, for every home's share.
func quickBucketIndex(v decimal.Decimal) (int64, bool) {
	nd := v.NumDigits()
	if nd > 18 {
		return 0, false
	}
	c, e := v.CoefficientInt64(), int64(v.Exponent())+1 // v × 10 = c × 10^e
	switch {
	case e >= 0:
		if int64(nd)+e > 18 {
			return 0, false
		}
		return c * pow10[e], true
	case e >= -18:
		return floorDiv(c, pow10[-e]), true
	}
	// |c| < 10^18 ≤ 10^-e: v × 10 lies strictly between −1 and 1.
	if c < 0 {
		return -1, true
	}
	return 0, true
}
