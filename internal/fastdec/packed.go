package fastdec

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Packed is a decimal that may be absent, held as a value in 24 bytes:
// the coefficient as an int64 and the exponent, with an exact big.Int
// fallback for a coefficient of more than 18 digits. A decimal.Decimal
// held behind a pointer costs about 72 bytes (the pointer, the box, the
// big.Int and its word); a national run holds a dozen figures for each of
// 300 000 homes. Packed only stores: arithmetic is done on the
// decimal.Decimal that Decimal returns, and Pack(d).Decimal() has d's
// coefficient and exponent (TestPackKeepsCoefficientAndExponent).
// The zero Packed is absent.
type Packed struct {
	big  *big.Int // the coefficient when it does not fit coef; nil otherwise
	coef int64
	exp  int32
	set  bool
	// Flag is one bit for the holder, in what would otherwise be padding:
	// results marks a withheld figure with it.
	Flag bool
}

// Pack returns d as a present Packed.
func Pack(d decimal.Decimal) Packed {
	if d.NumDigits() <= 18 {
		return Packed{coef: d.CoefficientInt64(), exp: d.Exponent(), set: true}
	}
	return Packed{big: d.Coefficient(), exp: d.Exponent(), set: true}
}

// IsSet reports whether p holds a value.
func (p Packed) IsSet() bool { return p.set }

// Decimal returns the value; decimal.Zero when p is absent.
func (p Packed) Decimal() decimal.Decimal {
	switch {
	case !p.set:
		return decimal.Zero
	case p.big != nil:
		return decimal.NewFromBigInt(p.big, p.exp)
	}
	return decimal.New(p.coef, p.exp)
}

// AppendFixed is AppendFixed of p.Decimal() without making the decimal
// when the coefficient fits an int64; absent p appends nothing.
func (p Packed) AppendFixed(dst []byte, places int32) []byte {
	if !p.set {
		return dst
	}
	if p.big == nil {
		if q, ok := roundedCoef(p.coef, numDigits(p.coef), p.exp, places); ok {
			return appendScaled(dst, q, places)
		}
	}
	return AppendFixed(dst, p.Decimal(), places)
}

// RoundedFloat64 is RoundedFloat64 of p.Decimal(), 0 when p is absent.
func (p Packed) RoundedFloat64(places int32) float64 {
	if !p.set {
		return 0
	}
	if p.big == nil {
		if q, ok := roundedCoef(p.coef, numDigits(p.coef), p.exp, places); ok {
			if f, ok := scaledFloat64(q, places); ok {
				return f
			}
		}
	}
	return RoundedFloat64(p.Decimal(), places)
}

// numDigits is decimal.NumDigits of a coefficient: the decimal digits of
// |c|, 1 for 0.
func numDigits(c int64) int {
	u := absU(c)
	n := 1
	for n < len(uint64Pow10) && u >= uint64Pow10[n] {
		n++
	}
	return n
}
