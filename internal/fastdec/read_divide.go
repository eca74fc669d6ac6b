package fastdec

// DivRoundInt is DivRound(a.Decimal(), b.Decimal(), 0) as a machine
// integer, without making either decimal, or false when a coefficient or
// the quotient does not fit (then DivRound gives it). The reader's checks
// divide every purchase's price by its area (TestDivRoundIntMatches,
// FuzzDivRoundInt).
func DivRoundInt(a, b Packed) (int64, bool) {
	ca, cb, ok := smallPair(a, b)
	if !ok {
		return 0, false
	}
	return DivRoundInt64(ca, int32(a.exp), cb, int32(b.exp), 0)
}
