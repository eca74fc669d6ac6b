package fastdec

import (
	"math"
	"math/bits"
)

// DivRoundInt is DivRound(a.Decimal(), b.Decimal(), 0) as a machine
// integer, without making either decimal, or false when a coefficient or
// the quotient does not fit (then DivRound gives it). The reader's checks
// divide every purchase's price by its area (TestDivRoundIntMatches,
// FuzzDivRoundInt).
func DivRoundInt(a, b Packed) (int64, bool) {
	if !a.set || !b.set {
		return 0, false
	}
	ca, ok := a.small()
	if !ok {
		return 0, false
	}
	cb, ok := b.small()
	if !ok || cb == 0 {
		return 0, false
	}
	neg := (ca < 0) != (cb < 0)
	num, den := absU(ca), absU(cb)
	// a/b = ca/cb × 10^k.
	k := int64(a.exp) - int64(b.exp)
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
		return 0, false
	}
	q, r := bits.Div64(hi, lo, den)
	if r >= den-r { // 2r ≥ den: the dropped part is at least a half
		q++
	}
	if q > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return -int64(q), true
	}
	return int64(q), true
}
