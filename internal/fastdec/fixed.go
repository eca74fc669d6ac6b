package fastdec

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// AppendFixed appends d.StringFixed(places) to dst: d rounded half away
// from zero to places decimals, written with exactly that many. Outputs
// write a few million figures at national scale; StringFixed does it in
// big.Int arithmetic with several allocations each, while nearly every
// figure fits an int64, which this does in machine arithmetic. The bytes
// are the same (TestAppendFixed and FuzzAppendFixed compare them).
func AppendFixed(dst []byte, d decimal.Decimal, places int32) []byte {
	q, ok := roundedCoefficient(d, places)
	if !ok {
		return append(dst, d.StringFixed(places)...)
	}
	return appendScaled(dst, q, places)
}

// appendScaled appends q × 10^-places with exactly places decimals.
func appendScaled(dst []byte, q int64, places int32) []byte {
	if places == 0 {
		return strconv.AppendInt(dst, q, 10)
	}
	var u uint64
	if q < 0 {
		dst = append(dst, '-')
		u = uint64(-q)
	} else {
		u = uint64(q)
	}
	var buf [20]byte
	digits := strconv.AppendUint(buf[:0], u, 10)
	n := int(places)
	if len(digits) > n {
		dst = append(dst, digits[:len(digits)-n]...)
		dst = append(dst, '.')
		return append(dst, digits[len(digits)-n:]...)
	}
	dst = append(dst, '0', '.')
	for range n - len(digits) {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

// RoundedFloat64 returns d.Round(places).Float64(), the float64 an xlsx
// cell stores for a figure rounded as in resultater.json; like
// AppendFixed, without big.Int arithmetic when the figure fits an int64.
func RoundedFloat64(d decimal.Decimal, places int32) float64 {
	// Float64 of a decimal q × 10^-places with |q| ≤ 2^53 is the quotient
	// of two exact float64s, correctly rounded: this same division.
	if q, ok := roundedCoefficient(d, places); ok {
		if f, ok := ExactFloat64(q, -places); ok {
			return f
		}
	}
	f, _ := d.Round(places).Float64()
	return f
}

// ExactFloat64 is the float64 nearest c × 10^exp when c and 10^|exp| are
// exact float64s (|c| ≤ 2^53, |exp| ≤ 22): then one multiplication or
// division, correctly rounded, gives it, as the decimal package's
// conversion does. False otherwise, for the caller to ask the decimal
// package.
func ExactFloat64(c int64, exp int32) (float64, bool) {
	if c < -1<<53 || c > 1<<53 || exp < -22 || exp > 22 {
		return 0, false
	}
	if exp < 0 {
		return float64(c) / float64Pow10[-exp], true
	}
	return float64(c) * float64Pow10[exp], true
}

var float64Pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

var uint64Pow10 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// roundedCoefficient returns q such that d.Round(places) is q × 10^-places,
// or false when q or the arithmetic would not fit an int64.
func roundedCoefficient(d decimal.Decimal, places int32) (int64, bool) {
	if places < 0 || places > 18 {
		return 0, false
	}
	nd := d.NumDigits()
	if nd > 18 {
		return 0, false
	}
	return roundedCoef(d.CoefficientInt64(), nd, d.Exponent(), places)
}

// roundedCoefficient for the decimal c × 10^exp of nd ≤ 18 digits.
func roundedCoef(c int64, nd int, exp, places int32) (int64, bool) {
	if places < 0 || places > 18 || nd > 18 {
		return 0, false
	}
	switch {
	case exp == -places:
		return c, true
	case exp > -places:
		shift := int(exp) + int(places)
		if nd+shift > 18 {
			return 0, false
		}
		return c * int64(uint64Pow10[shift]), true
	default:
		k := int(-places - exp)
		if k > 18 {
			return 0, false
		}
		// Round truncates to places+1 digits and adds ±5 before truncating
		// again: half away from zero, decided by the remainder.
		p := int64(uint64Pow10[k])
		q, r := c/p, c%p
		if r < 0 {
			if -2*r >= p {
				q--
			}
		} else if 2*r >= p {
			q++
		}
		return q, true
	}
}
