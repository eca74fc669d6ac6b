package fastdec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkComparePacked fails when ComparePacked differs from Cmp.
func checkComparePacked(t *testing.T, a, b decimal.Decimal) {
	t.Helper()
	got, ok := ComparePacked(Pack(a), Pack(b))
	if !ok {
		return
	}
	if want := a.Cmp(b); got != want {
		t.Fatalf("ComparePacked(%s, %s) = %d, Cmp gives %d", a, b, got, want)
	}
}

func TestComparePackedMatchesCmp(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	pairs := [][2]decimal.Decimal{
		{d("3000000"), d("3350000")}, {d("3350000"), d("3350000.00")}, {d("3350000.01"), d("3350000")},
		{d("-1"), d("0")}, {d("0"), d("-0.00")}, {d("-5"), d("-4.99")}, {d("-5"), d("-5.01")},
		{decimal.New(math.MaxInt64, 0), decimal.New(math.MaxInt64, -1)}, {decimal.New(1, 18), decimal.New(math.MaxInt64, 0)},
		{decimal.New(1, 19), decimal.New(math.MaxInt64, 0)}, {decimal.New(1, 30), decimal.New(1, -30)},
		{decimal.New(math.MinInt64+1, 0), decimal.New(-1, 19)}, {d("1234567890123456789012"), d("1")},
		{decimal.New(3, math.MaxInt16), decimal.New(3, math.MinInt16)}, {decimal.New(3, 40000), decimal.New(4, 0)},
	}
	for _, p := range pairs {
		checkComparePacked(t, p[0], p[1])
		checkComparePacked(t, p[1], p[0])
	}
	if _, ok := ComparePacked(Packed{}, Pack(d("1"))); ok {
		t.Error("an absent value compared")
	}
	if c, ok := ComparePacked(Pack(d("3000000")), Pack(d("3350000"))); !ok || c != -1 {
		t.Errorf("3000000 against 3350000: %d (%v)", c, ok)
	}
	r := rand.New(rand.NewPCG(15, 16))
	for range 100_000 {
		a := decimal.New(r.Int64()>>r.IntN(64)*int64(1-2*r.IntN(2)), int32(r.IntN(41))-20)
		b := decimal.New(r.Int64()>>r.IntN(64)*int64(1-2*r.IntN(2)), int32(r.IntN(41))-20)
		checkComparePacked(t, a, b)
		checkComparePacked(t, a, a.Add(decimal.New(1, a.Exponent())))
	}
}

func FuzzComparePacked(f *testing.F) {
	f.Add(int64(3000000), int32(0), int64(335000000), int32(-2))
	f.Add(int64(-5), int32(0), int64(-499), int32(-2))
	f.Fuzz(func(t *testing.T, ca int64, ea int32, cb int64, eb int32) {
		checkComparePacked(t, decimal.New(ca, ea%40), decimal.New(cb, eb%40))
	})
}
