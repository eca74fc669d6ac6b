package fastdec

import (
	"math"
	"math/bits"
)

// Float64 returns the float64 nearest to p (ties to even), as decimal's
// Float64 gives it, without making the decimal: the yearly rates take the
// float64 of every home's value and price, and an estimated value's
// coefficient (16 places) is past an int64, where the decimal package
// goes through a big.Rat. False when p is absent or outside the cases
// below, for the caller to ask the decimal package.
func (p Packed) Float64() (float64, bool) {
	if !p.set || p.big != nil {
		return 0, false
	}
	if c, ok := p.small(); ok {
		if f, ok := ExactFloat64(c, int32(p.exp)); ok {
			return f, true
		}
	}
	if p.exp > 0 || -p.exp >= int16(len(uint64Pow10)) {
		return 0, false
	}
	hi, lo := uint64(p.hi&^signBit), p.lo
	f, ok := quotientFloat64(hi, lo, uint64Pow10[-p.exp])
	if !ok {
		return 0, false
	}
	if p.hi&signBit != 0 {
		f = -f
	}
	return f, true
}

// quotientFloat64 is the float64 nearest to (hi·2^64 + lo) / d, ties to
// even. The numerator is shifted left by s so that the integer quotient q
// has 63 or 64 bits; q with a sticky bit for a nonzero remainder rounds
// to 53 bits in the conversion exactly as the true quotient does, since
// the sticky bit lies below the rounding position; the scaling by 2^−s is
// exact for a normal result.
func quotientFloat64(hi, lo, d uint64) (float64, bool) {
	if hi == 0 && lo == 0 {
		return 0, true
	}
	bc := 128 - bits.LeadingZeros64(hi)
	if hi == 0 {
		bc = 64 - bits.LeadingZeros64(lo)
	}
	bd := 64 - bits.LeadingZeros64(d)
	s := 64 - bc + bd
	if s < 0 || bc+s > 128 {
		return 0, false
	}
	nh, nl := shl128(hi, lo, uint(s))
	if nh >= d { // the quotient needs 65 bits: one bit less
		s--
		if s < 0 {
			return 0, false
		}
		nh, nl = shl128(hi, lo, uint(s))
	}
	q, r := bits.Div64(nh, nl, d)
	if r != 0 {
		q |= 1
	}
	f := math.Ldexp(float64(q), -s)
	if f < 0x1p-1022 {
		return 0, false // subnormal: the scaling would round again
	}
	return f, true
}

// shl128 shifts hi·2^64 + lo left by s < 128 bits.
func shl128(hi, lo uint64, s uint) (uint64, uint64) {
	switch {
	case s == 0:
		return hi, lo
	case s >= 64:
		return lo << (s - 64), 0
	}
	return hi<<s | lo>>(64-s), lo << s
}
