package fastdec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkPacked fails when Pack(d) does not give back d's coefficient and
// exponent, or writes it otherwise than the decimal package does.
func checkPacked(t *testing.T, d decimal.Decimal, places int32) {
	t.Helper()
	p := Pack(d)
	if !p.IsSet() {
		t.Fatalf("Pack(%s) is absent", d)
	}
	if got := p.Decimal(); !sameDecimal(got, d) || got.String() != d.String() {
		t.Fatalf("Pack(%s).Decimal() = %s (exp %d), want exp %d", d, got, got.Exponent(), d.Exponent())
	}
	if got, want := string(p.AppendFixed([]byte("x"), places)), "x"+d.StringFixed(places); got != want {
		t.Errorf("Pack(%s).AppendFixed(%d) = %q, want %q", d, places, got, want)
	}
	if got := p.Sign(); got != d.Sign() {
		t.Errorf("Pack(%s).Sign() = %d, want %d", d, got, d.Sign())
	}
	if got := p.String(); got != d.String() {
		t.Errorf("Pack(%s).String() = %q", d, got)
	}
	want, _ := d.Round(places).Float64()
	if got := p.RoundedFloat64(places); math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("Pack(%s).RoundedFloat64(%d) = %v, want %v", d, places, got, want)
	}
}

func TestPackKeepsCoefficientAndExponent(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	tests := []decimal.Decimal{
		{}, decimal.Zero, d("0.000"), d("-1"), d("3350000"), d("-175.5"), d("0.3636363636363636"),
		d("999999999999999999"), d("-999999999999999999"), d("1000000000000000000"),
		decimal.New(math.MaxInt64, -3), decimal.New(math.MinInt64, 2), decimal.New(math.MinInt64+1, -20),
		d("123456789012345678901234567890"), d("-0.12345678901234567890123"), d("2.5"), d("-2.5"),
		d("3350000").Sub(d("2999999.25")), d("12.5").Mul(d("-12")), d("123e5"), d("-7e17"),
		d("4568181.8181818181818182"), d("-4568181.8181818181818182"), d("1234567890123456789012345678"),
		d("-9999999999999999999999999999"), d("39614081257132168796771975167"), d("-39614081257132168796771975168"),
		d("9223372036854775808"), d("-9223372036854775808"), d("18446744073709551616"),
		decimal.New(5, 40000), decimal.New(-5, -40000), decimal.New(math.MaxInt64, math.MaxInt16),
		decimal.New(math.MinInt64, math.MinInt16), d("1234567890123456789012345678901234567890").Shift(-40000),
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		a, b := randomDecimal(r), randomDecimal(r)
		tests = append(tests, a, a.Sub(b), a.Mul(b))
	}
	for i, x := range tests {
		checkPacked(t, x, int32(i%7))
	}
	for _, x := range tests[:37] {
		for places := int32(0); places <= 20; places++ {
			checkPacked(t, x, places)
		}
	}
}

func TestZeroPackedIsAbsent(t *testing.T) {
	t.Parallel()
	var p Packed
	if p.IsSet() || !p.Decimal().Equal(decimal.Zero) || string(p.AppendFixed([]byte("x"), 2)) != "x" || p.RoundedFloat64(2) != 0 ||
		p.Sign() != 0 || p.String() != "" {
		t.Errorf("zero Packed = %v, want absent", p)
	}
}

func FuzzPack(f *testing.F) {
	f.Add(int64(36363636), int32(-8), int64(3), int32(4))
	f.Add(int64(math.MinInt64), int32(0), int64(-7), int32(0))
	f.Fuzz(func(t *testing.T, c int64, exp int32, m int64, places int32) {
		if exp < -40 || exp > 40 || places < 0 || places > 24 {
			return
		}
		d := decimal.New(c, exp)
		checkPacked(t, d, places)
		checkPacked(t, d.Mul(decimal.New(m, 0)), places)
	})
}
