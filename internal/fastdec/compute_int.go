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
// coefficient of exponent −places, when it fits an int64.
func DivRoundInt64(ca int64, ea int32, cb int64, eb int32, places int32) (int64, bool) {
	return WideOf(ca, ea).DivRoundInt64(cb, eb, places)
}

// scaleInt64 returns c × 10^k for 0 ≤ k, false when it does not fit.
func scaleInt64(c int64, k int64) (int64, bool) {
	if k == 0 {
		return c, true
	}
	hi, lo, ok := scale128(0, absU(c), k)
	if !ok || hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	if c < 0 {
		return -int64(lo), true
	}
	return int64(lo), true
}
