package compute

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

// checkBucketIndex fails when bucketIndex's int64 path disagrees with the
// decimal arithmetic it stands in for.
func checkBucketIndex(t *testing.T, v decimal.Decimal) {
	t.Helper()
	want := v.Shift(1).Floor().IntPart()
	if got, ok := quickBucketIndex(v); ok && got != want {
		t.Errorf("quickBucketIndex(%s) = %d, want %d", v, got, want)
	}
	if got := bucketIndex(v); got != want {
		t.Errorf("bucketIndex(%s) = %d, want %d", v, got, want)
	}
}

func TestQuickBucketIndexMatchesDecimal(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	for _, v := range []decimal.Decimal{
		{}, decimal.Zero, d("0.1"), d("-0.1"), d("0.0999999999999999"), d("-0.0000000000000001"),
		d("0.3636363636363636"), d("-0.3636363636363636"), d("1"), d("-1"), d("12.34"), d("-12.35"),
		d("123e5"), d("-7e16"), d("99999999999999999"), decimal.New(math.MaxInt64, -20), decimal.New(math.MinInt64+1, -19),
		decimal.New(5, -30), decimal.New(-5, -30), decimal.New(-1, -19), decimal.New(1, 17), decimal.New(1, 18),
		d("1234567890123456789012.5"), d("-0.12345678901234567890123"),
	} {
		checkBucketIndex(t, v)
	}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 50000 {
		c := rng.Int64() >> uint(rng.IntN(63))
		if rng.IntN(2) == 0 {
			c = -c
		}
		checkBucketIndex(t, decimal.New(c, int32(rng.IntN(44))-30))
	}
}

func FuzzBucketIndex(f *testing.F) {
	f.Add(int64(3636363636363636), int32(-16))
	f.Add(int64(-1), int32(-19))
	f.Fuzz(func(t *testing.T, c int64, exp int32) {
		if exp < -40 || exp > 40 {
			return
		}
		checkBucketIndex(t, decimal.New(c, exp))
	})
}

// checkSorted fails when sortDecimals does not give the order of
// decimal.Cmp, equal values by exponent.
func checkSorted(t *testing.T, v []decimal.Decimal) {
	t.Helper()
	want := slices.Clone(v)
	slices.SortStableFunc(want, func(a, b decimal.Decimal) int {
		if c := a.Cmp(b); c != 0 {
			return c
		}
		return cmp.Compare(a.Exponent(), b.Exponent())
	})
	got := slices.Clone(v)
	sortDecimals(got)
	for i := range got {
		if got[i].String() != want[i].String() || got[i].Exponent() != want[i].Exponent() {
			t.Fatalf("sortDecimals(%v) = %v, want %v", v, got, want)
		}
	}
}

// The radix sort over long lists of shares, amounts and mixed signs, and
// the comparison sort it leaves exponents 256 apart or more to.
func TestSortDecimalsRadixMatchesDecimalCmp(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(23, 24))
	for round := range 60 {
		n := 1 + rng.IntN(3000)
		v := make([]decimal.Decimal, n)
		for i := range v {
			var c int64
			switch round % 4 {
			case 0: // shares with 16 places, as ratio gives them
				c = rng.Int64N(2e16) - 5e15
			case 1: // a few distinct values, many ties
				c = rng.Int64N(7) - 3
			case 2:
				c = rng.Int64() >> uint(rng.IntN(63))
				if rng.IntN(2) == 0 {
					c = -c
				}
			default:
				c = rng.Int64N(1e9)
			}
			exp := int32(-16)
			if round%3 == 0 {
				exp = int32(rng.IntN(5)) - 18 // ties across exponents: 0.5 and 0.50
			}
			v[i] = decimal.New(c, exp)
			if round == 7 && i == 0 {
				v[i] = decimal.New(1, -300) // exponents 256 or more apart
			}
		}
		checkSorted(t, v)
	}
}

func FuzzSortDecimals(f *testing.F) {
	f.Add([]byte{1, 2, 3, 250, 0, 7, 128, 9})
	f.Fuzz(func(t *testing.T, b []byte) {
		// Three bytes a value: a signed coefficient and an exponent.
		var v []decimal.Decimal
		for i := 0; i+2 < len(b); i += 3 {
			c := int64(int16(uint16(b[i])<<8|uint16(b[i+1]))) << (b[i+2] % 48)
			v = append(v, decimal.New(c, int32(b[i+2]%24)-18))
		}
		checkSorted(t, v)
	})
}
