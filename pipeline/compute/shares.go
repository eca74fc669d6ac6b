package compute

import (
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// shareList gathers one share a home (gain %, rent increase %, loan share)
// for its median and histogram. Shares are quotients with Precision
// places, so while each one's coefficient fits an int64 the list holds
// the coefficients alone, sorted as integers: the same order, median and
// buckets as the decimals would give (TestShareListMatchesDecimals), at
// 8 bytes a share instead of a decimal and its big.Int. A share of
// another exponent or a larger coefficient turns the list into decimals.
type shareList struct {
	coefs []int64           // the shares × 10^Precision, while all fit
	decs  []decimal.Decimal // every share, once one did not
	big   bool              // decs holds the list
}

// newShareList returns a list with room for n shares; big starts it as
// decimals.
func newShareList(n int, big bool) shareList {
	if big {
		return shareList{big: true, decs: make([]decimal.Decimal, 0, n)}
	}
	return shareList{coefs: make([]int64, 0, n)}
}

// addCoef adds the share c × 10^−Precision.
func (l *shareList) addCoef(c int64) {
	if l.big {
		l.decs = append(l.decs, decimal.New(c, -Precision))
		return
	}
	l.coefs = append(l.coefs, c)
}

// add adds the share d.
func (l *shareList) add(d decimal.Decimal) {
	if !l.big && d.Exponent() == -Precision && d.NumDigits() <= 18 {
		l.coefs = append(l.coefs, d.CoefficientInt64())
		return
	}
	if !l.big {
		l.big = true
		l.decs = make([]decimal.Decimal, len(l.coefs), len(l.coefs)+1)
		for i, c := range l.coefs {
			l.decs[i] = decimal.New(c, -Precision)
		}
		l.coefs = nil
	}
	l.decs = append(l.decs, d)
}

// medianAndHistogram sorts the list and returns its median and histogram,
// as median and histogram of the sorted decimals.
func (l *shareList) medianAndHistogram() (*decimal.Decimal, []results.Bucket) {
	if l.big {
		sortDecimals(l.decs)
		return median(l.decs), histogram(l.decs)
	}
	v := l.coefs
	sortInt64s(v)
	n := len(v)
	if n == 0 {
		return nil, histogramOf(0, nil)
	}
	m := decimal.New(v[n/2], -Precision)
	if n%2 == 0 {
		m = decimal.New(v[n/2-1], -Precision).Add(m).DivRound(decimal.NewFromInt(2), Precision)
	}
	// v × 10 = c × 10^(1−Precision): the bucket is c's floor division.
	p := pow10[Precision-1]
	return &m, histogramOf(n, func(i int) int64 { return floorDiv(v[i], p) })
}

// sortInt64s sorts v by radix, a byte at a time, least significant first,
// skipping the bytes every value shares (the high bytes of shares).
func sortInt64s(v []int64) {
	if len(v) < 2 {
		return
	}
	src, dst := v, make([]int64, len(v))
	for shift := 0; shift < 64; shift += 8 {
		// Flipping the sign bit maps int64 order onto uint64 order.
		if radixPass(src, dst, func(x *int64) uint8 { return uint8((uint64(*x) ^ 1<<63) >> shift) }) {
			src, dst = dst, src
		}
	}
	if &src[0] != &v[0] {
		copy(v, src)
	}
}
