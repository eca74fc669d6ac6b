package fastdec

import (
	"math"
	"math/bits"
)

// Arithmetic on decimals held as an int64 coefficient and an exponent,
// c × 10^exp, for the per-home figures of the computation: each function
// gives the coefficient and exponent the decimal package's operation
// gives (TestInt64ArithmeticMatchesDecimal, the fuzz targets), or false
// when a number does not fit, for the caller to use the decimal package.
// A figure made this way is turned into a decimal.Decimal only to be
// stored, with decimal.New, which the compiler keeps off the heap when
// the decimal goes no further than fastdec.Pack.

// Int64 returns p's coefficient and exponent when p is present and its
// coefficient fits an int64.
func (p Packed) Int64() (int64, int32, bool) {
	if !p.set {
		return 0, 0, false
	}
	c, ok := p.small()
	return c, int32(p.exp), ok
}

// SubInt64 is decimal Sub: a − b at the smaller of the two exponents.
func SubInt64(ca int64, ea int32, cb int64, eb int32) (int64, int32, bool) {
	e := min(ea, eb)
	a, okA := scaleInt64(ca, int64(ea)-int64(e))
	b, okB := scaleInt64(cb, int64(eb)-int64(e))
	if !okA || !okB {
		return 0, 0, false
	}
	d := a - b
	// Overflow when the operands' signs differ and the result's differs
	// from a's.
	if (a < 0) != (b < 0) && (d < 0) != (a < 0) {
		return 0, 0, false
	}
	return d, e, true
}

// MulInt64 is decimal Mul: the coefficients' product, the exponents' sum.
func MulInt64(ca int64, ea int32, cb int64, eb int32) (int64, int32, bool) {
	e := int64(ea) + int64(eb)
	if e < math.MinInt32 || e > math.MaxInt32 {
		return 0, 0, false
	}
	hi, lo := bits.Mul64(absU(ca), absU(cb))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, 0, false
	}
	c := int64(lo)
	if (ca < 0) != (cb < 0) {
		c = -c
	}
	return c, int32(e), true
}

// DivRoundInt64 is decimal DivRound(b, places) of a = ca × 10^ea by
// b = cb × 10^eb: the quotient rounded half away from zero, as the
// coefficient of exponent −places. cb must not be zero.
func DivRoundInt64(ca int64, ea int32, cb int64, eb int32, places int32) (int64, bool) {
	if cb == 0 || places < 0 {
		return 0, false
	}
	neg := (ca < 0) != (cb < 0)
	num, den := absU(ca), absU(cb)
	// a/b × 10^places = ca/cb × 10^k.
	k := int64(ea) - int64(eb) + int64(places)
	var hi, lo uint64
	switch {
	case k >= 0 && k < int64(len(uint64Pow10)):
		hi, lo = bits.Mul64(num, uint64Pow10[k])
	case k < 0 && -k < int64(len(uint64Pow10)):
		h, l := bits.Mul64(den, uint64Pow10[-k])
		if h != 0 {
			return 0, false
		}
		hi, lo, den = 0, num, l
	default:
		return 0, false
	}
	if hi >= den {
		return 0, false // the quotient needs more than 64 bits
	}
	q, r := bits.Div64(hi, lo, den)
	if r >= den-r { // 2r ≥ den: the dropped part is at least a half
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	c := int64(q)
	if neg {
		c = -c
	}
	return c, true
}

// scaleInt64 returns c × 10^k for 0 ≤ k, false when it does not fit.
func scaleInt64(c int64, k int64) (int64, bool) {
	if k == 0 {
		return c, true
	}
	if k < 0 || k >= int64(len(uint64Pow10)) {
		return 0, false
	}
	hi, lo := bits.Mul64(absU(c), uint64Pow10[k])
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}
