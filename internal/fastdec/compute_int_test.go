package fastdec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkInt64Arithmetic fails when an int64 operation answers with other
// than the decimal package's coefficient and exponent.
func checkInt64Arithmetic(t *testing.T, ca int64, ea int32, cb int64, eb int32, places int32) {
	t.Helper()
	a, b := decimal.New(ca, ea), decimal.New(cb, eb)
	same := func(op string, c int64, e int32, want decimal.Decimal) {
		t.Helper()
		if !sameDecimal(decimal.New(c, e), want) {
			t.Errorf("%s(%s, %s) = %d×10^%d, want %s (exp %d)", op, a, b, c, e, want, want.Exponent())
		}
	}
	if c, e, ok := SubInt64(ca, ea, cb, eb); ok {
		same("SubInt64", c, e, a.Sub(b))
	}
	if c, e, ok := MulInt64(ca, ea, cb, eb); ok {
		same("MulInt64", c, e, a.Mul(b))
	}
	if cb != 0 && places >= 0 {
		if c, ok := DivRoundInt64(ca, ea, cb, eb, places); ok {
			same("DivRoundInt64", c, -places, a.DivRound(b, places))
		}
	}
	// Every coefficient but math.MinInt64 (whose magnitude is past an
	// int64) comes back.
	if c, e, ok := Pack(a).Int64(); ok != (ca != math.MinInt64) || ok && !sameDecimal(decimal.New(c, e), a) {
		t.Errorf("Pack(%s).Int64() = %d, %d, %v", a, c, e, ok)
	}
}

func TestInt64ArithmeticMatchesDecimal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ca     int64
		ea     int32
		cb     int64
		eb     int32
		places int32
	}{
		{4434000, 0, 3279000, 0, precision},
		{1155000, 0, 3279000, 0, precision},
		{-1155000, 0, 3279000, 0, precision},
		{1, 0, 2, 0, 0}, {-1, 0, 2, 0, 0}, {5, 0, -10, 0, 0}, {4, 0, -10, 0, 0},
		{12, -1, 3, 2, 4}, {3, 2, 12, -1, 4},
		{math.MaxInt64, 0, 1, 0, 0}, {math.MinInt64, 0, 1, 0, 0}, {math.MinInt64, 0, -1, 0, 0},
		{math.MaxInt64, 0, -1, 0, 0}, {math.MaxInt64, -1, 1, 0, 2}, {1, -18, 1, 0, 3},
		{9, 18, 1, 0, 0}, {3, 30, 5, -30, 0}, {7, -40, 3, 40, 0},
		{123456789, 0, 1, 0, 12}, {1, 0, 3, 19, precision}, {0, 5, 7, -3, precision},
	}
	for _, tt := range tests {
		checkInt64Arithmetic(t, tt.ca, tt.ea, tt.cb, tt.eb, tt.places)
	}
	// Exponents whose sum leaves an int32: the decimal package panics,
	// so MulInt64 must leave it to it.
	if _, _, ok := MulInt64(1, math.MaxInt32, 1, 1); ok {
		t.Error("MulInt64 answers for an exponent past an int32")
	}
	r := rand.New(rand.NewPCG(31, 32))
	pick := func() (int64, int32) {
		d := randomDecimal(r)
		if d.NumDigits() > 18 {
			return r.Int64(), int32(r.IntN(40)) - 20
		}
		return d.CoefficientInt64(), d.Exponent()
	}
	for range 50000 {
		ca, ea := pick()
		cb, eb := pick()
		checkInt64Arithmetic(t, ca, ea, cb, eb, int32(r.IntN(22)))
	}
}

// The int64 paths must answer for the figures of a home (kroner, øre,
// shares of 16 places), or they save nothing.
func TestInt64ArithmeticAnswersForHomeFigures(t *testing.T) {
	t.Parallel()
	if _, _, ok := SubInt64(4434000, 0, 3279000, 0); !ok {
		t.Error("SubInt64 of two prices does not answer")
	}
	if _, _, ok := MulInt64(12500, -1, 153, 0); !ok {
		t.Error("MulInt64 of monthly costs by months does not answer")
	}
	if _, ok := DivRoundInt64(-1155000, 0, 3279000, 0, precision); !ok {
		t.Error("DivRoundInt64 of a gain by a price does not answer")
	}
	if _, _, ok := (Packed{}).Int64(); ok {
		t.Error("an absent Packed has an int64")
	}
}

func FuzzInt64Arithmetic(f *testing.F) {
	f.Add(int64(4434000), int32(0), int64(3279000), int32(0), int32(16))
	f.Add(int64(math.MinInt64), int32(-3), int64(-1), int32(2), int32(0))
	f.Fuzz(func(t *testing.T, ca int64, ea int32, cb int64, eb int32, places int32) {
		if ea < -40 || ea > 40 || eb < -40 || eb > 40 || places > 30 {
			return
		}
		checkInt64Arithmetic(t, ca, ea, cb, eb, places)
	})
}
