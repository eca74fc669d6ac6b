package fastdec

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkFloat64 fails when Packed.Float64 answers with other than
// decimal's Float64.
func checkFloat64(t *testing.T, d decimal.Decimal) bool {
	t.Helper()
	got, ok := Pack(d).Float64()
	if !ok {
		return false
	}
	if want := d.InexactFloat64(); math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("Pack(%s).Float64() = %v, want %v", d, got, want)
	}
	return true
}

func TestPackedFloat64MatchesDecimal(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	for _, x := range []decimal.Decimal{
		decimal.Zero, d("0.000"), d("1"), d("-1"), d("3350000"), d("-175.5"), d("4568181.8181818181818182"),
		d("-4568181.8181818181818182"), d("3934293.4145"), d("9007199254740993"), d("9007199254740993.5"),
		d("39614081257132168796771975167"), d("-39614081257132168796771975167e-19"), d("1e-30"),
		decimal.New(1<<53+1, -16), decimal.New(math.MaxInt64, -3), decimal.New(math.MinInt64, -18),
		d("123e5"), d("0.1"), d("2.5"), d("12345678901234567890.123"),
	} {
		checkFloat64(t, x)
	}
	if _, ok := (Packed{}).Float64(); ok {
		t.Error("an absent Packed has a float64")
	}
	// Estimated values (price × index / index with 16 places) are what
	// the yearly rates need: the int64-free path must answer for them.
	r := rand.New(rand.NewPCG(51, 52))
	answered := 0
	for i := range 40000 {
		var x decimal.Decimal
		switch i % 4 {
		case 0:
			price := decimal.New(r.Int64N(9_000_000)+500_000, 0)
			x = price.Mul(decimal.New(r.Int64N(2000)+500, -1)).DivRound(decimal.New(r.Int64N(2000)+500, -1), 16)
		case 1: // up to 95 bits, any small exponent
			c := new(big.Int).Lsh(big.NewInt(r.Int64()), uint(r.IntN(32)))
			if r.IntN(2) == 0 {
				c.Neg(c)
			}
			x = decimal.NewFromBigInt(c, int32(r.IntN(44))-30)
		case 2: // ties: odd multiples of a half unit in the last place
			m := uint64(1)<<53 | r.Uint64()&(1<<52-1)
			c := new(big.Int).Lsh(new(big.Int).SetUint64(2*m+1), uint(r.IntN(30)))
			x = decimal.NewFromBigInt(c, 0)
		default:
			x = randomDecimal(r)
		}
		if checkFloat64(t, x) && i%4 == 0 {
			answered++
		}
	}
	if answered != 10000 {
		t.Errorf("Float64 answered for %d of 10000 estimated values, want all", answered)
	}
}

func FuzzPackedFloat64(f *testing.F) {
	f.Add(int64(45681818181818181), int64(818182), uint32(0), int32(-16))
	f.Add(int64(-1), int64(3), uint32(0), int32(0))
	f.Add(int64(-1), int64(0), uint32(0x7fffffff), int32(-19))
	f.Fuzz(func(t *testing.T, a, b int64, hi uint32, exp int32) {
		if exp < -40 || exp > 40 {
			return
		}
		// a × 10^6 + b, with hi's 31 bits above the 64 of a uint64: every
		// coefficient a Packed holds without a big.Int (95 bits), not only
		// those a × 10^6 + b reaches (83).
		c := new(big.Int).Mul(big.NewInt(a), big.NewInt(1_000_000))
		c.Add(c, big.NewInt(b))
		top := new(big.Int).Lsh(big.NewInt(int64(hi&0x7fffffff)), 64)
		if c.Sign() < 0 {
			top.Neg(top)
		}
		c.Add(c, top)
		checkFloat64(t, decimal.NewFromBigInt(c, exp))
	})
}
