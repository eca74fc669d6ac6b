package fastdec

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkRounded fails when Rounded or AppendFixed of Pack(d) differs
// from the decimal package's Round and StringFixed.
func checkRounded(t *testing.T, d decimal.Decimal, places int32) {
	t.Helper()
	p := Pack(d)
	want := d.StringFixed(places)
	if got := string(p.AppendFixed([]byte("x"), places)); got != "x"+want {
		t.Errorf("Pack(%s).AppendFixed(%d) = %q, want %q", d, places, got, "x"+want)
	}
	r := d.Round(places)
	c := r.Shift(places).BigInt() // r has places decimals at most
	q, ok := p.Rounded(places)
	if !ok {
		// Refused only where the result is not an int64 or the figure is
		// outside the fast path's reach; with at most 95 bits and 19
		// digits to drop it must have been taken.
		if places >= 0 && places <= 18 && c.IsInt64() && !mayRefuse(p, places) {
			t.Errorf("Pack(%s).Rounded(%d) refused; want %s", d, places, c)
		}
		return
	}
	if !c.IsInt64() || c.Int64() != q {
		t.Errorf("Pack(%s).Rounded(%d) = %d, want %s", d, places, q, c)
	}
	if got := string(AppendScaled([]byte("x"), q, places)); got != "x"+want {
		t.Errorf("AppendScaled(%d, %d) = %q, want %q", q, places, got, "x"+want)
	}
}

// mayRefuse reports whether Rounded is allowed to refuse p: a big
// coefficient, or one that would need scaling up or more than 19 digits
// dropped.
func mayRefuse(p Packed, places int32) bool {
	if p.big != nil {
		return true
	}
	if _, ok := p.small(); ok && -int(places)-int(p.exp) <= 0 {
		return true // scaling up: the int64 path's own limits
	}
	k := -int(places) - int(p.exp)
	return k <= 0 || k >= len(uint64Pow10)
}

func TestRoundedMatchesDecimal(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	tests := []decimal.Decimal{
		decimal.Zero, d("0.000"), d("-1"), d("3350000"), d("-175.5"), d("0.3636363636363636"),
		d("4568181.8181818181818182"), d("-4568181.8181818181818182"), d("4568181.5000000000000000"),
		d("-4568181.5000000000000000"), d("4568181.4999999999999999"), d("0.00005"), d("-0.00005"),
		d("1234567890123456789012345678"), d("-9999999999999999999999999999"),
		d("39614081257132168796771975167"), d("-39614081257132168796771975168"),
		d("9223372036854775808"), d("-9223372036854775808"), d("18446744073709551616"),
		d("922337203685477580.75"), d("-922337203685477580.85"), d("9223372036854775807.5"),
		d("99999999999999999999.5"), d("1.8446744073709551615"), d("18446744073709551615.5"),
		decimal.New(math.MaxInt64, -3), decimal.New(math.MinInt64, 2), decimal.New(math.MinInt64+1, -20),
		decimal.New(5, 40000), decimal.New(-5, -40000),
	}
	r := rand.New(rand.NewPCG(11, 12))
	for range 20000 {
		a, b := randomDecimal(r), randomDecimal(r)
		tests = append(tests, a, a.Sub(b), a.Mul(b), a.DivRound(b.Add(decimal.New(7, 0)), 16))
		// A coefficient of 64 to 95 bits with 16 to 28 decimals.
		c := new(big.Int).Lsh(big.NewInt(int64(r.Uint32()>>r.IntN(32))), 64)
		c.Or(c, new(big.Int).SetUint64(r.Uint64()))
		if r.IntN(2) == 0 {
			c.Neg(c)
		}
		tests = append(tests, decimal.NewFromBigInt(c, -int32(16+r.IntN(13))))
	}
	for i, x := range tests {
		checkRounded(t, x, int32(i%7))
	}
	for _, x := range tests[:31] {
		for places := int32(-1); places <= 20; places++ {
			checkRounded(t, x, places)
		}
	}
	if _, ok := (Packed{}).Rounded(0); ok || string((Packed{}).AppendFixed([]byte("x"), 0)) != "x" {
		t.Error("the zero Packed is rounded, want absent")
	}
}

func FuzzRounded(f *testing.F) {
	f.Add(uint64(0x0123456789abcdef), uint32(0x1234), int32(-16), int32(0), false)
	f.Add(uint64(5), uint32(0), int32(-1), int32(0), true)
	f.Fuzz(func(t *testing.T, lo uint64, hi uint32, exp, places int32, neg bool) {
		if exp < -40 || exp > 40 || places < -2 || places > 24 {
			return
		}
		c := new(big.Int).Lsh(big.NewInt(int64(hi&0x7fffffff)), 64)
		c.Or(c, new(big.Int).SetUint64(lo))
		if neg {
			c.Neg(c)
		}
		checkRounded(t, decimal.NewFromBigInt(c, exp), places)
	})
}
