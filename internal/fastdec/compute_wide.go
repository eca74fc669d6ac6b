package fastdec

import (
	"math"
	"math/big"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Wide is a decimal whose coefficient's magnitude fits 128 bits, for the
// figures of an estimated home: Kjøpesum × index / index with 16 places
// has some 80 bits of coefficient, past an int64, and the decimal package
// made a dozen allocations for each such quotient and the gain after it.
// Each operation gives the decimal package's coefficient and exponent
// (TestWideMatchesDecimal, FuzzWide), or false when a number does not fit.
type Wide struct {
	Hi, Lo uint64 // the magnitude, Hi·2^64 + Lo
	Neg    bool
	Exp    int32
}

// WideOf returns c × 10^exp.
func WideOf(c int64, exp int32) Wide {
	return Wide{Lo: absU(c), Neg: c < 0, Exp: exp}
}

// MulDivRound is a.Mul(n).DivRound(d, places) for a = ca × 10^ea,
// n = cn × 10^en and d = cd × 10^ed. cd must not be zero.
func MulDivRound(ca int64, ea int32, cn int64, en int32, cd int64, ed int32, places int32) (Wide, bool) {
	if cd == 0 || places < 0 {
		return Wide{}, false
	}
	hi, lo := bits.Mul64(absU(ca), absU(cn))
	p := Wide{Hi: hi, Lo: lo, Neg: (ca < 0) != (cn < 0), Exp: ea + en}
	if e := int64(ea) + int64(en); e < math.MinInt32 || e > math.MaxInt32 {
		return Wide{}, false
	}
	q, ok := divRoundWide(p, absU(cd), ed, places)
	if !ok {
		return Wide{}, false
	}
	q.Neg = q.Neg != (cd < 0)
	return q.normal(), true
}

// DivRoundInt64 is w.DivRound(b, places) for b = cb × 10^eb, as the
// coefficient of exponent −places, when it fits an int64.
func (w Wide) DivRoundInt64(cb int64, eb int32, places int32) (int64, bool) {
	if cb == 0 || places < 0 {
		return 0, false
	}
	q, ok := divRoundWide(w, absU(cb), eb, places)
	if !ok || q.Hi != 0 || q.Lo > math.MaxInt64 {
		return 0, false
	}
	c := int64(q.Lo)
	if q.Neg != (cb < 0) {
		c = -c
	}
	return c, true
}

// divRoundWide is |w| / (d × 10^ed) rounded half away from zero to
// places, with w's sign, exponent −places.
func divRoundWide(w Wide, d uint64, ed int32, places int32) (Wide, bool) {
	// w / (d × 10^ed) × 10^places = |w| / d × 10^k.
	k := int64(w.Exp) - int64(ed) + int64(places)
	hi, lo := w.Hi, w.Lo
	switch {
	case k >= 0 && k < int64(len(uint64Pow10)):
		var ok bool
		if hi, lo, ok = mul128(hi, lo, uint64Pow10[k]); !ok {
			return Wide{}, false
		}
	case k < 0 && -k < int64(len(uint64Pow10)):
		h, l := bits.Mul64(d, uint64Pow10[-k])
		if h != 0 {
			return Wide{}, false
		}
		d = l
	default:
		return Wide{}, false
	}
	qh, r := hi/d, hi%d
	ql, r := bits.Div64(r, lo, d)
	if r >= d-r { // 2r ≥ d: the dropped part is at least a half
		ql++
		if ql == 0 {
			qh++
			if qh == 0 {
				return Wide{}, false
			}
		}
	}
	return Wide{Hi: qh, Lo: ql, Neg: w.Neg, Exp: -places}, true
}

// Sub is a.Sub(b): the difference at the smaller exponent.
func (w Wide) Sub(b Wide) (Wide, bool) {
	e := min(w.Exp, b.Exp)
	ah, al, okA := scale128(w.Hi, w.Lo, int64(w.Exp)-int64(e))
	bh, bl, okB := scale128(b.Hi, b.Lo, int64(b.Exp)-int64(e))
	if !okA || !okB {
		return Wide{}, false
	}
	out := Wide{Exp: e}
	if w.Neg == !b.Neg { // a − b = a + |b| with a's sign
		var carry uint64
		out.Lo, carry = bits.Add64(al, bl, 0)
		out.Hi, carry = bits.Add64(ah, bh, carry)
		if carry != 0 {
			return Wide{}, false
		}
		out.Neg = w.Neg
		return out.normal(), true
	}
	// Same signs: the difference of the magnitudes, the larger's sign.
	if ah > bh || ah == bh && al >= bl {
		var borrow uint64
		out.Lo, borrow = bits.Sub64(al, bl, 0)
		out.Hi, _ = bits.Sub64(ah, bh, borrow)
		out.Neg = w.Neg
	} else {
		var borrow uint64
		out.Lo, borrow = bits.Sub64(bl, al, 0)
		out.Hi, _ = bits.Sub64(bh, ah, borrow)
		out.Neg = !w.Neg
	}
	return out.normal(), true
}

// normal clears the sign of zero, which a big.Int does not have.
func (w Wide) normal() Wide {
	if w.Hi == 0 && w.Lo == 0 {
		w.Neg = false
	}
	return w
}

// Decimal returns w as a decimal.
func (w Wide) Decimal() decimal.Decimal {
	if w.Hi == 0 && w.Lo <= math.MaxInt64 {
		c := int64(w.Lo)
		if w.Neg {
			c = -c
		}
		return decimal.New(c, w.Exp)
	}
	var c big.Int
	if bits.UintSize == 64 {
		c.SetBits([]big.Word{big.Word(w.Lo), big.Word(w.Hi)})
	} else {
		var lo big.Int
		c.Lsh(c.SetUint64(w.Hi), 64)
		c.Or(&c, lo.SetUint64(w.Lo))
	}
	if w.Neg {
		c.Neg(&c)
	}
	return decimal.NewFromBigInt(&c, w.Exp)
}

// scale128 returns (hi·2^64 + lo) × 10^k for 0 ≤ k, false when it does not
// fit 128 bits.
func scale128(hi, lo uint64, k int64) (uint64, uint64, bool) {
	if k == 0 {
		return hi, lo, true
	}
	if k < 0 || k >= int64(len(uint64Pow10)) {
		return 0, 0, false
	}
	return mul128(hi, lo, uint64Pow10[k])
}

// mul128 returns (hi·2^64 + lo) × m, false when it does not fit 128 bits.
func mul128(hi, lo, m uint64) (uint64, uint64, bool) {
	h1, l1 := bits.Mul64(lo, m)
	h2, l2 := bits.Mul64(hi, m)
	if h2 != 0 {
		return 0, 0, false
	}
	sum, carry := bits.Add64(h1, l2, 0)
	if carry != 0 {
		return 0, 0, false
	}
	return sum, l1, true
}
