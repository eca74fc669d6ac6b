package reports

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// diffFloat64 gives the decimal package's float64 of the difference, bit
// for bit: on a table of edge cases (zero, signs, exponents at and past
// ±22, coefficients at 2^53 and beyond int64) and on random decimals of
// every size the charts see and larger.
func TestDiffFloat64MatchesDecimal(t *testing.T) {
	t.Parallel()
	big1 := decimal.NewFromBigInt(new(big.Int).Lsh(big.NewInt(1), 70), -3)
	cases := [][2]decimal.Decimal{
		{decimal.Zero, decimal.Zero},
		{decimal.New(1, 0), decimal.New(1, 0)},
		{decimal.New(-1, -1), decimal.New(3, -2)},
		{decimal.New(1<<53, 0), decimal.Zero},
		{decimal.New(1<<53+1, 0), decimal.Zero},
		{decimal.New(-(1 << 53), 0), decimal.New(1, 0)},
		{decimal.New(7, 22), decimal.New(3, 0)},
		{decimal.New(7, 23), decimal.New(3, 0)},
		{decimal.New(7, -22), decimal.New(3, -22)},
		{decimal.New(7, -23), decimal.New(3, 0)},
		{decimal.New(1, 15), decimal.New(1, 0)},
		{decimal.New(1, 16), decimal.New(1, 0)},
		{decimal.New(math.MaxInt64, 0), decimal.New(math.MinInt64, 0)},
		{big1, decimal.New(5, -1)},
		{decimal.RequireFromString("0.8123"), decimal.RequireFromString("-0.25")},
		{decimal.RequireFromString("12345678901234.56"), decimal.RequireFromString("0.001")},
		{decimal.New(1, 0).DivRound(decimal.New(3, 0), 40), decimal.Zero},
		{decimal.New(2, 0).DivRound(decimal.New(3, 0), 30), decimal.New(-1, 0).DivRound(decimal.New(7, 0), 25)},
		{decimal.RequireFromString("0.95238095238095238095238"), decimal.RequireFromString("0.1")},
		{decimal.New(1, -400), decimal.Zero},
		{decimal.New(-3, -330), decimal.Zero},
		{decimal.New(1, 400), decimal.Zero},
		{decimal.New(-1, 309), decimal.New(1, 309)},
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200000 {
		cases = append(cases, [2]decimal.Decimal{randomDecimal(rng), randomDecimal(rng)})
	}
	for _, c := range cases {
		got, want := diffFloat64(c[0], c[1]), c[0].Sub(c[1]).InexactFloat64()
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%s − %s: %v (%x), the decimal package %v (%x)", c[0], c[1], got, math.Float64bits(got), want, math.Float64bits(want))
		}
	}
}

func randomDecimal(rng *rand.Rand) decimal.Decimal {
	var c int64
	switch rng.IntN(4) {
	case 0:
		c = rng.Int64N(1000) - 500
	case 1:
		c = rng.Int64N(1<<54) - 1<<53
	case 2:
		c = int64(rng.Uint64())
	default:
		c = rng.Int64N(100000000000)
	}
	d := decimal.New(c, int32(rng.IntN(60)-30))
	if rng.IntN(8) == 0 {
		// a share as the computation leaves it: many digits
		d = d.DivRound(decimal.New(rng.Int64N(999)+1, 0), int32(rng.IntN(30)))
	}
	return d
}

func FuzzDiffFloat64(f *testing.F) {
	f.Add(int64(8123), int8(-4), int64(-25), int8(-2))
	f.Add(int64(1<<53), int8(0), int64(-1), int8(0))
	f.Add(int64(7), int8(22), int64(3), int8(-23))
	f.Fuzz(func(t *testing.T, ca int64, ea int8, cb int64, eb int8) {
		a, b := decimal.New(ca, int32(ea)), decimal.New(cb, int32(eb))
		got, want := diffFloat64(a, b), a.Sub(b).InexactFloat64()
		if math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("%s − %s: %v, the decimal package %v", a, b, got, want)
		}
	})
}
