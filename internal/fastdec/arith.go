// Package fastdec does shopspring/decimal arithmetic and formatting in
// machine integers when the numbers fit, with the decimal package's exact
// result (same coefficient and exponent, same digits); the tests and fuzz
// targets compare every function with the library call it replaces.
package fastdec

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Exact decimal arithmetic in machine integers, for the per-home figures
// of a national run. Under the soft memory limit the garbage of big.Int
// arithmetic (a quotient allocates five times, a sum twice) made the
// collector run through most of the computation. Each function gives the
// same value with the same coefficient and exponent as the decimal package
// (the tests and fuzz targets compare them), and falls back to it when a
// number does not fit.

// DivRound is a.DivRound(b, places): a/b rounded half away from zero to
// places decimals. b must not be zero.
func DivRound(a, b decimal.Decimal, places int32) decimal.Decimal {
	if q, ok := quickDivRound(a, b, places); ok {
		return q
	}
	return a.DivRound(b, places)
}

// quickDivRound is DivRound in 128-bit integer arithmetic, or false when
// an operand, the scaling or the quotient does not fit.
func quickDivRound(a, b decimal.Decimal, places int32) (decimal.Decimal, bool) {
	if a.NumDigits() > 18 || b.NumDigits() > 18 || places < 0 {
		return decimal.Decimal{}, false
	}
	c, ok := DivRoundInt64(a.CoefficientInt64(), a.Exponent(), b.CoefficientInt64(), b.Exponent(), places)
	if !ok {
		return decimal.Decimal{}, false
	}
	return decimal.New(c, -places), true
}

// Sum adds decimals: the same total, coefficient and exponent as chained
// Decimal.Add from zero, in one big.Int changed in place instead of a new
// one per addition. The zero sum is zero.
type Sum struct {
	acc, term big.Int
	exp       int32
}

func (s *Sum) Add(x decimal.Decimal) {
	ex := x.Exponent()
	if ex < s.exp { // both at the smaller exponent, as Decimal.Add does
		s.acc.Mul(&s.acc, pow10Big(s.exp-ex))
		s.exp = ex
	}
	if x.NumDigits() <= 18 {
		s.term.SetInt64(x.CoefficientInt64())
	} else {
		s.term.Set(x.Coefficient())
	}
	if ex > s.exp {
		s.term.Mul(&s.term, pow10Big(ex-s.exp))
	}
	s.acc.Add(&s.acc, &s.term)
}

// Value returns the total.
func (s *Sum) Value() decimal.Decimal {
	return decimal.NewFromBigInt(new(big.Int).Set(&s.acc), s.exp)
}

// pow10Big returns 10^k (k ≥ 0); read only.
func pow10Big(k int32) *big.Int {
	if int(k) < len(bigPow10) {
		return bigPow10[k]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}

var bigPow10 = func() []*big.Int {
	out := make([]*big.Int, 40)
	for k := range out {
		out[k] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	}
	return out
}()

// absU is |c| as a uint64 (right for math.MinInt64 too).
func absU(c int64) uint64 {
	if c < 0 {
		return uint64(-c)
	}
	return uint64(c)
}

// Compact returns d with the same coefficient and exponent in the
// smallest big.Int: a one-word coefficient allocated for it alone. The
// result of big.Int arithmetic (Sub, Mul) keeps four spare words, so a
// figure held per home for the whole run costs 48 bytes of coefficient
// instead of 8. A coefficient that does not fit an int64 is returned as is.
// Compacting a decimal shared with others (a table's value) copies it, so
// it is only worth it on a figure just computed.
func Compact(d decimal.Decimal) decimal.Decimal {
	if d.NumDigits() > 18 {
		return d
	}
	return decimal.New(d.CoefficientInt64(), d.Exponent())
}
