package fastdec

import (
	"math"
	"math/bits"
)

// Rounded returns q such that p.Decimal().Round(places) is q × 10^-places,
// or false when p is absent or q does not fit an int64. It also rounds
// a coefficient of up to 95 bits in machine arithmetic: an estimated
// value or a gain keeps 16 decimals (23 digits), and the outputs would
// otherwise round each of them twice in big.Int arithmetic. AppendFixed
// and RoundedFloat64 take this path; TestRoundedMatchesDecimal and
// FuzzRounded compare it with the decimal package.
func (p Packed) Rounded(places int32) (int64, bool) {
	if !p.set || p.big != nil || places < 0 || places > 18 {
		return 0, false
	}
	if c, ok := p.small(); ok {
		if q, ok := roundedCoef(c, numDigits(c), int32(p.exp), places); ok {
			return q, true
		}
	}
	// Only dropping digits can bring a coefficient over 63 bits into an
	// int64, and 10^19 is the largest power of ten a uint64 holds.
	k := -int(places) - int(p.exp)
	if k <= 0 || k >= len(uint64Pow10) {
		return 0, false
	}
	div := uint64Pow10[k]
	hi := uint64(p.hi &^ signBit)
	if hi >= div {
		return 0, false // the quotient needs more than 64 bits
	}
	q, r := bits.Div64(hi, p.lo, div)
	if q > 1<<63 {
		return 0, false // and rounding up cannot wrap around
	}
	// Half away from zero, on the magnitude; r ≥ div-r is 2r ≥ div
	// without overflow.
	if r >= div-r {
		q++
	}
	switch {
	case p.hi&signBit != 0 && q <= 1<<63:
		return -int64(q), true // -2^63 is math.MinInt64
	case q <= math.MaxInt64:
		return int64(q), true
	}
	return 0, false
}

// AppendScaled appends q × 10^-places with exactly places decimals, as
// AppendFixed writes a figure rounded to q (see Rounded).
func AppendScaled(dst []byte, q int64, places int32) []byte {
	return appendScaled(dst, q, places)
}
