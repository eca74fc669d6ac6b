package fastdec

import (
	"encoding/binary"
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// Packed is a decimal that may be absent, held as a value in 24 bytes:
// the coefficient's magnitude in 95 bits (28 digits: an estimated value
// with 16 decimal places fits) with its sign, and the exponent, with an
// exact big.Int fallback beyond. A decimal.Decimal held behind a pointer
// costs about 72 bytes (the pointer, the box, the big.Int and its words);
// a national run holds a dozen figures for each of 300 000 homes. Packed
// only stores: arithmetic is done on the decimal.Decimal that Decimal
// returns, and Pack(d).Decimal() has d's coefficient and exponent
// (TestPackKeepsCoefficientAndExponent). The zero Packed is absent.
type Packed struct {
	// big is the coefficient when it does not fit 95 bits or the exponent
	// does not fit an int16; lo then holds the exponent.
	big *big.Int
	lo  uint64 // the magnitude's low 64 bits
	hi  uint32 // its high 31 bits; the top bit is the sign
	exp int16
	set bool
	// Flag is one bit for the holder, in what would otherwise be padding:
	// results marks a withheld figure with it.
	Flag bool
}

const signBit = 1 << 31

// Pack returns d as a present Packed.
func Pack(d decimal.Decimal) Packed {
	exp := d.Exponent()
	if exp < math.MinInt16 || exp > math.MaxInt16 {
		return Packed{big: d.Coefficient(), lo: uint64(int64(exp)), set: true}
	}
	p := Packed{exp: int16(exp), set: true}
	if d.NumDigits() <= 18 {
		c := d.CoefficientInt64()
		p.lo = absU(c)
		if c < 0 {
			p.hi = signBit
		}
		return p
	}
	c := d.Coefficient()
	if c.BitLen() > 95 {
		return Packed{big: c, lo: uint64(int64(exp)), set: true}
	}
	var buf [12]byte
	c.FillBytes(buf[:]) // the magnitude, big-endian
	p.hi, p.lo = binary.BigEndian.Uint32(buf[:4]), binary.BigEndian.Uint64(buf[4:])
	if c.Sign() < 0 {
		p.hi |= signBit
	}
	return p
}

// IsSet reports whether p holds a value.
func (p Packed) IsSet() bool { return p.set }

// Sign returns -1, 0 or +1 as p is negative, zero or positive, 0 when p
// is absent, without making the decimal: the checks ask it of every
// amount in a national dataset.
func (p Packed) Sign() int {
	switch {
	case !p.set:
		return 0
	case p.big != nil:
		return p.big.Sign()
	case p.lo == 0 && p.hi&^signBit == 0:
		return 0
	case p.hi&signBit != 0:
		return -1
	}
	return 1
}

// small returns the coefficient when it fits an int64 (and p is not big).
func (p Packed) small() (int64, bool) {
	if p.big != nil || p.hi&^signBit != 0 || p.lo > math.MaxInt64 {
		return 0, false
	}
	if p.hi&signBit != 0 {
		return -int64(p.lo), true
	}
	return int64(p.lo), true
}

// smallPair is the coefficients of a and b when both are present and fit
// an int64.
func smallPair(a, b Packed) (ca, cb int64, ok bool) {
	if !a.set || !b.set {
		return 0, 0, false
	}
	if ca, ok = a.small(); !ok {
		return 0, 0, false
	}
	if cb, ok = b.small(); !ok {
		return 0, 0, false
	}
	return ca, cb, true
}

// Decimal returns the value; decimal.Zero when p is absent.
func (p Packed) Decimal() decimal.Decimal {
	if !p.set {
		return decimal.Zero
	}
	if p.big != nil {
		return decimal.NewFromBigInt(p.big, int32(int64(p.lo)))
	}
	if c, ok := p.small(); ok {
		return decimal.New(c, int32(p.exp))
	}
	var buf [12]byte
	binary.BigEndian.PutUint32(buf[:4], p.hi&^signBit)
	binary.BigEndian.PutUint64(buf[4:], p.lo)
	c := new(big.Int).SetBytes(buf[:])
	if p.hi&signBit != 0 {
		c.Neg(c)
	}
	return decimal.NewFromBigInt(c, int32(p.exp))
}

// String is the decimal's String, "" when p is absent.
func (p Packed) String() string {
	if !p.set {
		return ""
	}
	return p.Decimal().String()
}

// AppendFixed is AppendFixed of p.Decimal() without making the decimal
// when the figure rounds in machine arithmetic (Rounded); absent p
// appends nothing.
func (p Packed) AppendFixed(dst []byte, places int32) []byte {
	if !p.set {
		return dst
	}
	if q, ok := p.Rounded(places); ok {
		return appendScaled(dst, q, places)
	}
	return AppendFixed(dst, p.Decimal(), places)
}

// RoundedFloat64 is RoundedFloat64 of p.Decimal(), 0 when p is absent.
func (p Packed) RoundedFloat64(places int32) float64 {
	if !p.set {
		return 0
	}
	if q, ok := p.Rounded(places); ok {
		if f, ok := ExactFloat64(q, -places); ok {
			return f
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
