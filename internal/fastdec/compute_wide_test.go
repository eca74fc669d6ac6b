package fastdec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkWide fails when a Wide operation answers with other than the
// decimal package's coefficient and exponent.
func checkWide(t *testing.T, ca int64, ea int32, cn int64, en int32, cd int64, ed int32, places int32) {
	t.Helper()
	a, n, d := decimal.New(ca, ea), decimal.New(cn, en), decimal.New(cd, ed)
	if cd == 0 {
		return
	}
	w, ok := MulDivRound(ca, ea, cn, en, cd, ed, places)
	if !ok {
		return
	}
	want := a.Mul(n).DivRound(d, places)
	if got := w.Decimal(); !sameDecimal(got, want) {
		t.Fatalf("MulDivRound(%s, %s, %s, %d) = %s (exp %d), want %s (exp %d)", a, n, d, places, got, got.Exponent(), want, want.Exponent())
	}
	// The gain and its share of the price, as an estimated home has them.
	g, ok := w.Sub(WideOf(ca, ea))
	if ok {
		wantG := want.Sub(a)
		if got := g.Decimal(); !sameDecimal(got, wantG) {
			t.Fatalf("%s − %s = %s (exp %d), want %s (exp %d)", want, a, got, got.Exponent(), wantG, wantG.Exponent())
		}
		if ca != 0 {
			if q, ok := g.DivRoundInt64(ca, ea, places); ok {
				if wantQ := wantG.DivRound(a, places); !sameDecimal(decimal.New(q, -places), wantQ) {
					t.Fatalf("(%s).DivRound(%s, %d) = %d, want %s", wantG, a, places, q, wantQ)
				}
			}
		}
	}
	if g, ok := WideOf(cn, en).Sub(w); ok {
		if wantG := n.Sub(want); !sameDecimal(g.Decimal(), wantG) {
			t.Fatalf("%s − %s = %s, want %s", n, want, g.Decimal(), wantG)
		}
	}
}

func TestWideMatchesDecimal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ca     int64
		ea     int32
		cn     int64
		en     int32
		cd     int64
		ed     int32
		places int32
	}{
		{1739000, 0, 1255, -1, 605, -1, precision}, // an estimate
		{3350000, 0, 1005, -1, 1005, -1, precision},
		{-3350000, 0, 1005, -1, 605, -1, precision},
		{3350000, 0, -1005, -1, -605, -1, precision},
		{1, 0, 1, 0, 2, 0, 0}, {-1, 0, 1, 0, 2, 0, 0}, {1, 0, 1, 0, 3, 0, 0},
		{0, 0, 1005, -1, 605, -1, precision}, {3350000, 0, 0, 0, 605, -1, precision},
		{math.MaxInt64, 0, math.MaxInt64, 0, 1, 0, 0},              // the product's 126 bits
		{math.MaxInt64, 0, math.MaxInt64, 0, 1, 0, 1},              // past 128 bits
		{math.MinInt64, 0, math.MinInt64, 0, 3, 0, 0},              // 2^126
		{math.MaxInt64, 0, math.MaxInt64, 0, math.MaxInt64, 0, 18}, // back under an int64
		{7, 0, 3, 0, 9999999999999999, 3, precision},               // the divisor scaled
		{5, 0, 1, 0, 2, 0, 0},                                      // a half, away from zero
		{123456789, -5, 987654321, -7, 33, 2, 19},                  // places past 10^18
		{2, 30, 3, 30, 7, 0, 0},                                    // past every table
	}
	for _, tt := range tests {
		checkWide(t, tt.ca, tt.ea, tt.cn, tt.en, tt.cd, tt.ed, tt.places)
	}
	// Estimated homes: the path must answer for every one.
	r := rand.New(rand.NewPCG(61, 62))
	for range 20000 {
		price := r.Int64N(9_000_000) + 500_000
		now, then := r.Int64N(2000)+500, r.Int64N(2000)+500
		if _, ok := MulDivRound(price, 0, now, -1, then, -1, precision); !ok {
			t.Fatalf("MulDivRound does not answer for %d × %d / %d", price, now, then)
		}
		checkWide(t, price, 0, now, -1, then, -1, precision)
	}
	for range 50000 {
		pick := func() (int64, int32) {
			d := randomDecimal(r)
			if d.NumDigits() > 18 {
				return r.Int64() >> uint(r.IntN(63)), int32(r.IntN(24)) - 20
			}
			return d.CoefficientInt64(), d.Exponent()
		}
		ca, ea := pick()
		cn, en := pick()
		cd, ed := pick()
		checkWide(t, ca, ea, cn, en, cd, ed, int32(r.IntN(22)))
	}
}

func FuzzWide(f *testing.F) {
	f.Add(int64(1739000), int32(0), int64(1255), int32(-1), int64(605), int32(-1), int32(16))
	f.Add(int64(math.MinInt64), int32(0), int64(-1), int32(0), int64(3), int32(0), int32(0))
	f.Fuzz(func(t *testing.T, ca int64, ea int32, cn int64, en int32, cd int64, ed int32, places int32) {
		if ea < -30 || ea > 30 || en < -30 || en > 30 || ed < -30 || ed > 30 || places < 0 || places > 30 {
			return
		}
		checkWide(t, ca, ea, cn, en, cd, ed, places)
	})
}
