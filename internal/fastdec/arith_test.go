package fastdec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// sameDecimal reports whether a and b have the same coefficient and
// exponent, not only the same value.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
}

// precision is the places the computation keeps (compute.Precision).
const precision = 16

func TestDivRound(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	tests := []struct {
		a, b   decimal.Decimal
		places int32
	}{
		{d("1000000"), d("3000000"), precision},
		{d("-1000000"), d("3000000"), precision},
		{d("2"), d("3"), 0},
		{d("-2"), d("3"), 0},
		{d("1"), d("2"), 0},   // a half: away from zero
		{d("-1"), d("2"), 0},  // the same, negative
		{d("5"), d("-10"), 0}, // -0.5
		{d("4"), d("-10"), 0}, // -0.4 rounds to zero
		{d("0"), d("7"), precision},
		{d("0.15"), d("2.5"), 1},
		{d("1234.5678"), d("0.0001"), 2},
		{d("1e-30"), d("3"), precision},
		{d("9999999999999999999"), d("7"), 4}, // 19 digits: decimal's own
		{d("123456789"), d("1"), 12},          // quotient over 64 bits
		{d("1"), d("3e19"), precision},        // divisor scaled past 64 bits
		{d("3350000"), d("36525"), precision + 4},
		{d("-9223372036854775807"), d("1"), 0},
	}
	for _, tt := range tests {
		want := tt.a.DivRound(tt.b, tt.places)
		if got := DivRound(tt.a, tt.b, tt.places); !sameDecimal(got, want) {
			t.Errorf("DivRound(%s, %s, %d) = %s (exp %d), want %s (exp %d)", tt.a, tt.b, tt.places, got, got.Exponent(), want, want.Exponent())
		}
	}
}

func TestSum(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	tests := [][]decimal.Decimal{
		{},
		{d("0")},
		{d("3350000"), d("-1200000"), d("17.5")},
		{d("0.0001"), d("1e3"), d("-2.25")},
		{d("9000000000000000000"), d("9000000000000000000")}, // overflows an int64
		{d("1e-17"), d("1")},                // rescaling overflows
		{d("12345678901234567890"), d("1")}, // 20 digits
		{d("-9223372036854775807"), d("-1"), d("-1"), d("5")},
		{d("1"), d("1e18"), d("1e-3")},
	}
	for _, xs := range tests {
		var s Sum
		var want decimal.Decimal
		for _, x := range xs {
			s.Add(x)
			want = want.Add(x)
		}
		if got := s.Value(); !sameDecimal(got, want) {
			t.Errorf("sum of %v = %s (exp %d), want %s (exp %d)", xs, got, got.Exponent(), want, want.Exponent())
		}
	}
}

// randomDecimal is shaped like bobra's figures: amounts, shares and rates
// with up to 20 digits and exponents from -20 to 3.
func randomDecimal(r *rand.Rand) decimal.Decimal {
	var c int64
	switch r.IntN(4) {
	case 0:
		c = r.Int64N(10_000_000)
	case 1:
		c = r.Int64N(1 << 53)
	case 2:
		c = r.Int64()
	default:
		c = r.Int64N(1000)
	}
	if r.IntN(3) == 0 {
		c = -c
	}
	d := decimal.New(c, int32(r.IntN(24))-20)
	if r.IntN(10) == 0 {
		d = d.Mul(decimal.New(r.Int64N(1000)+1, 0)) // past an int64 now and then
	}
	return d
}

func TestArithmeticMatchesDecimalOnRandomFigures(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for range 50000 {
		a, b := randomDecimal(r), randomDecimal(r)
		if !b.IsZero() {
			places := int32(r.IntN(22))
			want := a.DivRound(b, places)
			if got := DivRound(a, b, places); !sameDecimal(got, want) {
				t.Fatalf("DivRound(%s, %s, %d) = %s, want %s", a, b, places, got, want)
			}
		}
		var s Sum
		var want decimal.Decimal
		for range r.IntN(5) + 1 {
			x := randomDecimal(r)
			s.Add(x)
			want = want.Add(x)
		}
		if got := s.Value(); !sameDecimal(got, want) {
			t.Fatalf("sum = %s (exp %d), want %s (exp %d)", got, got.Exponent(), want, want.Exponent())
		}
	}
}

func FuzzDivRound(f *testing.F) {
	f.Add(int64(1000000), int32(0), int64(3000000), int32(0), int32(16))
	f.Add(int64(-1), int32(0), int64(2), int32(0), int32(0))
	f.Add(int64(math.MaxInt64), int32(-5), int64(7), int32(3), int32(4))
	f.Fuzz(func(t *testing.T, ca int64, ea int32, cb int64, eb int32, places int32) {
		if cb == 0 || ea < -40 || ea > 40 || eb < -40 || eb > 40 || places < 0 || places > 30 {
			return
		}
		a, b := decimal.New(ca, ea), decimal.New(cb, eb)
		want := a.DivRound(b, places)
		if got := DivRound(a, b, places); !sameDecimal(got, want) {
			t.Errorf("DivRound(%s, %s, %d) = %s (exp %d), want %s (exp %d)", a, b, places, got, got.Exponent(), want, want.Exponent())
		}
	})
}

func FuzzSum(f *testing.F) {
	f.Add(int64(3350000), int32(0), int64(-175), int32(-1), int64(1), int32(-18))
	f.Fuzz(func(t *testing.T, c1 int64, e1 int32, c2 int64, e2 int32, c3 int64, e3 int32) {
		for _, e := range []int32{e1, e2, e3} {
			if e < -40 || e > 40 {
				return
			}
		}
		var s Sum
		var want decimal.Decimal
		for _, x := range []decimal.Decimal{decimal.New(c1, e1), decimal.New(c2, e2), decimal.New(c3, e3)} {
			s.Add(x)
			want = want.Add(x)
		}
		if got := s.Value(); !sameDecimal(got, want) {
			t.Errorf("sum = %s (exp %d), want %s (exp %d)", got, got.Exponent(), want, want.Exponent())
		}
	})
}

func TestCompactKeepsCoefficientAndExponent(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	r := rand.New(rand.NewPCG(3, 4))
	tests := []decimal.Decimal{
		{}, decimal.Zero, d("0.000"), d("-1"), d("3350000"), d("-175.5"),
		decimal.New(math.MaxInt64, -3), decimal.New(math.MinInt64+1, 2),
		d("123456789012345678901234567890"), d("-0.12345678901234567890123"),
		d("3350000").Sub(d("2999999.25")), d("12.5").Mul(d("-12")),
	}
	for range 20000 {
		a, b := randomDecimal(r), randomDecimal(r)
		tests = append(tests, a.Sub(b), a.Mul(b), a)
	}
	for _, x := range tests {
		got := Compact(x)
		if !sameDecimal(got, x) || got.String() != x.String() {
			t.Fatalf("Compact(%s) = %s (exp %d), want exp %d", x, got, got.Exponent(), x.Exponent())
		}
	}
}

func FuzzCompact(f *testing.F) {
	f.Add(int64(3350000), int32(0), int64(-175), int32(-1))
	f.Fuzz(func(t *testing.T, c1 int64, e1 int32, c2 int64, e2 int32) {
		if e1 < -40 || e1 > 40 || e2 < -40 || e2 > 40 {
			return
		}
		a, b := decimal.New(c1, e1), decimal.New(c2, e2)
		for _, x := range []decimal.Decimal{a.Sub(b), a.Mul(b), a.Add(b)} {
			if got := Compact(x); !sameDecimal(got, x) || got.String() != x.String() {
				t.Errorf("Compact(%s) = %s (exp %d), want exp %d", x, got, got.Exponent(), x.Exponent())
			}
		}
	})
}
