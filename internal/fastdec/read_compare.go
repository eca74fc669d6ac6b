package fastdec

import (
	"cmp"
	"math/bits"
)

// ComparePacked is a.Decimal().Cmp(b.Decimal()) in machine integers, or
// false when either is absent or its coefficient does not fit an int64
// (then Cmp gives it). The reader's checks compare every purchase's loan
// with its price (TestComparePackedMatchesCmp, FuzzComparePacked).
func ComparePacked(a, b Packed) (int, bool) {
	ca, cb, ok := smallPair(a, b)
	if !ok {
		return 0, false
	}
	sa, sb := cmp.Compare(ca, 0), cmp.Compare(cb, 0)
	switch {
	case sa != sb:
		return cmp.Compare(sa, sb), true
	case sa == 0:
		return 0, true
	}
	// The same sign: compare the magnitudes at the smaller exponent.
	ua, ub := absU(ca), absU(cb)
	var m int
	switch k := int64(a.exp) - int64(b.exp); {
	case k == 0:
		m = compareU(0, ua, 0, ub)
	case k > 0 && k < int64(len(uint64Pow10)):
		hi, lo := bits.Mul64(ua, uint64Pow10[k])
		m = compareU(hi, lo, 0, ub)
	case k < 0 && -k < int64(len(uint64Pow10)):
		hi, lo := bits.Mul64(ub, uint64Pow10[-k])
		m = compareU(0, ua, hi, lo)
	default:
		return 0, false
	}
	if sa < 0 {
		m = -m
	}
	return m, true
}

// compareU compares the 128-bit numbers ahi:alo and bhi:blo.
func compareU(ahi, alo, bhi, blo uint64) int {
	if c := cmp.Compare(ahi, bhi); c != 0 {
		return c
	}
	return cmp.Compare(alo, blo)
}
