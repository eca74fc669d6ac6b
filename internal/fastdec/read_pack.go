package fastdec

import (
	"math"

	"github.com/shopspring/decimal"
)

// PackInt returns c × 10^exp as a present Packed, the same Packed as
// Pack(decimal.New(c, exp)), without making the decimal when c has at
// most 18 digits: the reader packs millions of amounts whose coefficient
// it has already parsed as a machine integer, and each decimal would cost
// a big.Int that is dropped at once (TestPackIntMatchesPack,
// FuzzPackInt).
func PackInt(c int64, exp int32) Packed {
	if exp < math.MinInt16 || exp > math.MaxInt16 || c <= -1e18 || c >= 1e18 {
		return Pack(decimal.New(c, exp))
	}
	p := Packed{lo: absU(c), exp: int16(exp), set: true}
	if c < 0 {
		p.hi = signBit
	}
	return p
}
