package fastdec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkDivRoundInt fails when DivRoundInt gives a quotient other than
// DivRound's, which must then be a whole number of exponent 0.
func checkDivRoundInt(t *testing.T, a, b decimal.Decimal) {
	t.Helper()
	q, ok := DivRoundInt(Pack(a), Pack(b))
	if !ok {
		return
	}
	want := a.DivRound(b, 0)
	if want.Exponent() != 0 || !want.Equal(decimal.New(q, 0)) {
		t.Fatalf("DivRoundInt(%s, %s) = %d, DivRound gives %s", a, b, q, want)
	}
}

func TestDivRoundIntMatches(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	pairs := [][2]decimal.Decimal{
		{d("3350000"), d("89")}, {d("3350000"), d("89.5")}, {d("-7"), d("2")}, {d("7"), d("-2")}, {d("5"), d("2")},
		{d("-5"), d("2")}, {d("1"), d("3")}, {d("2"), d("3")}, {d("0"), d("5")}, {d("0.000"), d("7")},
		{decimal.New(math.MaxInt64, 0), d("1")}, {decimal.New(math.MinInt64+1, 0), d("1")}, {d("1e18"), d("0.1")},
		{d("123456789012345678"), d("0.000000000000000001")}, {d("1"), d("123456789012345678e-5")},
		{d("1234567890123456789012"), d("3")}, {d("5"), d("1234567890123456789012")},
	}
	for _, p := range pairs {
		checkDivRoundInt(t, p[0], p[1])
	}
	if _, ok := DivRoundInt(Pack(d("5")), Pack(d("0"))); ok {
		t.Error("a quotient by zero")
	}
	if _, ok := DivRoundInt(Packed{}, Pack(d("5"))); ok {
		t.Error("a quotient of an absent value")
	}
	if q, ok := DivRoundInt(Pack(d("3350000")), Pack(d("89"))); !ok || q != 37640 {
		t.Errorf("3350000 / 89 = %d (%v), want 37640", q, ok)
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 100_000 {
		a := decimal.New(r.Int64N(1e12)-5e11, int32(r.IntN(9))-4)
		b := decimal.New(r.Int64N(1e6)-5e5, int32(r.IntN(9))-4)
		if !b.IsZero() {
			checkDivRoundInt(t, a, b)
		}
	}
}

func FuzzDivRoundInt(f *testing.F) {
	f.Add(int64(3350000), int32(0), int64(895), int32(-1))
	f.Add(int64(-5), int32(0), int64(2), int32(0))
	f.Fuzz(func(t *testing.T, ca int64, ea int32, cb int64, eb int32) {
		ea, eb = ea%30, eb%30
		if cb == 0 {
			return
		}
		checkDivRoundInt(t, decimal.New(ca, ea), decimal.New(cb, eb))
	})
}
