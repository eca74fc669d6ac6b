package fastdec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// checkFixed fails when AppendFixed or RoundedFloat64 disagree with the
// decimal package's own StringFixed and Round().Float64().
func checkFixed(t *testing.T, d decimal.Decimal, places int32) {
	t.Helper()
	if got, want := string(AppendFixed([]byte("x"), d, places)), "x"+d.StringFixed(places); got != want {
		t.Errorf("AppendFixed(%s, %d) = %q, want %q", d, places, got, want)
	}
	want, _ := d.Round(places).Float64()
	if got := RoundedFloat64(d, places); math.Float64bits(got) != math.Float64bits(want) {
		t.Errorf("RoundedFloat64(%s, %d) = %v, want %v", d, places, got, want)
	}
}

func TestAppendFixed(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"0", "-0", "1", "-1", "0.5", "-0.5", "0.00005", "-0.00005", "0.000049999", "-0.000049999",
		"2.5", "-2.5", "1234567.5", "-1234567.4999", "0.3636363636363636", "4568181.8181818181818182",
		"999999999999999999", "9999999999999999.99", "-9223372036854775808", "9223372036854775807",
		"123e5", "-7e17", "1e18", "0.0000000000000000001", "1.00005", "0.99995", "-0.99995",
		"12345678901234567890.123", "-0.0000000000000000000000049",
	} {
		d := decimal.RequireFromString(s)
		for places := int32(0); places <= 20; places++ {
			checkFixed(t, d, places)
		}
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 50000 {
		d := decimal.New((rng.Int64N(1<<62)-1<<61)>>uint(rng.IntN(62)), int32(rng.IntN(30))-22)
		checkFixed(t, d, int32(rng.IntN(6)))
	}
}

func FuzzAppendFixed(f *testing.F) {
	f.Add(int64(36363636), int32(-8), int32(4))
	f.Add(int64(-5), int32(-5), int32(4))
	f.Fuzz(func(t *testing.T, c int64, exp, places int32) {
		if exp < -40 || exp > 40 || places < 0 || places > 24 {
			return
		}
		checkFixed(t, decimal.New(c, exp), places)
	})
}
