package compute

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// checkQuickAnnualRate fails when quickAnnualRate gives a decimal other
// than annualRate's for the same home.
func checkQuickAnnualRate(t *testing.T, value, price decimal.Decimal, days int) bool {
	t.Helper()
	got, ok := quickAnnualRate(value, price, days)
	if !ok {
		return false
	}
	want := annualRate(value.DivRound(price, Precision+4), days)
	if want == nil || got.String() != want.String() || got.Exponent() != want.Exponent() {
		t.Errorf("quickAnnualRate(%s, %s, %d) = %v, annualRate gives %v", value, price, days, got, want)
	}
	return true
}

func TestQuickAnnualRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value, price string
		days         int
	}{
		{"4100000", "3350000", 1461},
		{"2", "1", 36525 / 25},
		{"1000000", "1000000", 1000},
		{"900000", "1000000", 730},
		{"4568181.8181818181818182", "3350000", 800}, // an estimate (Precision places)
		{"3000000", "2999999", 1},
		{"1", "2500000", 4000},    // far outside the quick range
		{"2500000", "1", 4000},    // far outside the quick range
		{"3100000", "3000000", 1}, // a power of 365.25
	}
	for _, tt := range tests {
		checkQuickAnnualRate(t, decimal.RequireFromString(tt.value), decimal.RequireFromString(tt.price), tt.days)
	}

	// Homes as the generator makes them, and some rougher ones: the quick
	// path must agree every time it answers, and answer almost always.
	rng := rand.New(rand.NewPCG(7, 11))
	n, quick := 20000, 0
	for i := range n {
		price := decimal.NewFromInt(rng.Int64N(9_000_000) + 500_000)
		var value decimal.Decimal
		switch i % 3 {
		case 0: // a valuation in whole kroner
			value = decimal.NewFromInt(rng.Int64N(12_000_000) + 300_000)
		case 1: // an estimate: price × index / index
			now := decimal.New(rng.Int64N(2000)+500, -1)
			then := decimal.New(rng.Int64N(2000)+500, -1)
			value = price.Mul(now).DivRound(then, Precision)
		default: // kroner and øre
			value = decimal.New(rng.Int64N(1_200_000_000)+30_000_000, -2)
		}
		days := rng.IntN(9000) + 1
		if checkQuickAnnualRate(t, value, price, days) {
			quick++
		}
	}
	if quick < n*9/10 {
		t.Errorf("quick path taken for %d of %d homes, want most", quick, n)
	}
}

func FuzzQuickAnnualRate(f *testing.F) {
	f.Add(int64(4100000), int64(3350000), int32(0), 1461)
	f.Add(int64(45681818181818), int64(3350000), int32(-7), 30)
	f.Fuzz(func(t *testing.T, value, price int64, exp int32, days int) {
		if value <= 0 || price <= 0 || days <= 0 || days > 40000 || exp < -16 || exp > 4 {
			return
		}
		checkQuickAnnualRate(t, decimal.New(value, exp), decimal.NewFromInt(price), days)
	})
}

// sortDecimals, with int64 keys or big.Int ones, must give the order of
// decimal.Cmp, equal values by exponent.
func TestSortDecimalsMatchesDecimalCmp(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	for round := range 400 {
		n := 1 + rng.IntN(60)
		v := make([]decimal.Decimal, n)
		for i := range v {
			c := rng.Int64N(2000) - 1000
			if round%4 == 0 {
				c = rng.Int64() >> uint(rng.IntN(40))
			}
			v[i] = decimal.New(c, int32(rng.IntN(6))-int32(rng.IntN(20)))
			if round%7 == 0 && i == 0 {
				v[i] = v[i].Mul(decimal.New(rng.Int64(), 3)) // past an int64
			}
		}
		want := slices.Clone(v)
		slices.SortStableFunc(want, func(a, b decimal.Decimal) int {
			if c := a.Cmp(b); c != 0 {
				return c
			}
			return cmp.Compare(a.Exponent(), b.Exponent())
		})
		sortDecimals(v)
		for i := range v {
			if v[i].String() != want[i].String() || v[i].Exponent() != want[i].Exponent() {
				t.Fatalf("round %d: sorted %v, want %v", round, v, want)
			}
		}
	}
}
