package compute

import (
	"cmp"
	"math"
	"math/big"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"bobra/data"
	"bobra/internal/fastdec"

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

// The int64 arithmetic of the per-home figures must give what the decimal
// package gives, field for field: each dataset is computed both ways.
func TestQuickArithmeticMatchesDecimals(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	rough := func() *data.Dataset {
		// Figures off the usual path: øre, a zero and a negative price,
		// values and costs past an int64, exponents above zero.
		ds := syntheticDataset(400)
		odd := []decimal.Decimal{d("0"), d("-1500000"), d("3350000.75"), d("123456789012345678901234"), d("35e5"), d("0.01")}
		for i := range ds.Purchases {
			p := &ds.Purchases[i]
			if i%7 == 0 {
				p.Price = fastdec.Pack(odd[(i/7)%len(odd)])
			}
			if i%11 == 0 {
				p.MonthlyCosts = fastdec.Pack(odd[(i/11)%len(odd)])
				p.StartLoan = fastdec.Pack(odd[(i/11+1)%len(odd)])
			}
		}
		for i := range ds.Valuations {
			if v := &ds.Valuations[i]; i%5 == 0 {
				v.Value = fastdec.Pack(odd[(i/5)%len(odd)].Add(d("1000000")))
			}
		}
		return ds
	}
	kroner := func() *data.Dataset {
		// Valuations in whole kroner and in øre, as the workbooks have
		// them (the generator's have 16 places).
		ds := syntheticDataset(3000)
		for i := range ds.Valuations {
			v := &ds.Valuations[i]
			v.Value = fastdec.Pack(v.Value.Decimal().Round(int32(i % 3 % 2 * 2)))
		}
		return ds
	}
	tests := append(computeCases(), []computeCase{
		{"whole kroner", kroner, day("2024-09-30")},
		{"whole kroner, earlier", kroner, day("2016-06-30")},
		{"rough figures", rough, day("2024-09-30")},
	}...)
	for _, tt := range tests {
		got := Compute(tt.ds(), tt.asOf)
		c := newComputation(tt.ds(), tt.asOf, false)
		c.decimalOnly = true
		want := c.run()
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got.Homes), len(want.Homes)) {
				if !reflect.DeepEqual(got.Homes[i], want.Homes[i]) {
					t.Errorf("%s: home %d is\n%+v\nin decimals\n%+v", tt.name, i, got.Homes[i], want.Homes[i])
					break
				}
			}
			t.Errorf("%s: int64 arithmetic gives\n%s\ndecimals give\n%s", tt.name, compact(t, got), compact(t, want))
		}
	}
}

// A share list gives the median and histogram of its decimals, in
// int64s or, once a share does not fit, in decimals.
func TestShareListMatchesDecimals(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(41, 42))
	for round := range 300 {
		n := rng.IntN(2000)
		if round < 10 {
			n = round
		}
		var l shareList
		var v []decimal.Decimal
		for i := range n {
			c := rng.Int64N(3e16) - 1e16
			if round%5 == 0 {
				c = rng.Int64N(9) - 4 // ties
			}
			x := decimal.New(c, -Precision)
			switch {
			case round%9 == 1 && i == n/2:
				x = decimal.New(rng.Int64N(1000), -3) // another exponent
			case round%9 == 2 && i == n-1:
				x = x.Mul(decimal.New(1, 0).Shift(10)) // past an int64
			}
			v = append(v, x)
			if i%2 == 0 && x.Exponent() == -Precision && x.NumDigits() <= 18 {
				l.addCoef(x.CoefficientInt64())
			} else {
				l.add(x)
			}
		}
		sortDecimals(v)
		wantMedian, wantHist := median(v), histogram(v)
		gotMedian, gotHist := l.medianAndHistogram()
		if (gotMedian == nil) != (wantMedian == nil) || gotMedian != nil && !sameDecimal(*gotMedian, *wantMedian) {
			t.Fatalf("round %d: median %v, want %v", round, gotMedian, wantMedian)
		}
		if !reflect.DeepEqual(gotHist, wantHist) {
			t.Fatalf("round %d: histogram %v, want %v", round, gotHist, wantHist)
		}
	}
}

func sameDecimal(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
}

func TestSortInt64s(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(43, 44))
	for round := range 200 {
		v := make([]int64, rng.IntN(3000))
		for i := range v {
			v[i] = rng.Int64() >> uint(rng.IntN(64))
			if rng.IntN(2) == 0 {
				v[i] = -v[i]
			}
			if round%4 == 0 {
				v[i] = int64(rng.IntN(5)) - 2
			}
		}
		if round == 1 && len(v) > 2 {
			v[0], v[1] = math.MinInt64, math.MaxInt64
		}
		want := slices.Clone(v)
		slices.Sort(want)
		sortInt64s(v)
		if !slices.Equal(v, want) {
			t.Fatalf("round %d: sortInt64s gives %v, want %v", round, v, want)
		}
	}
}

// packedAnnualRate's rate is quickAnnualRate's, on the figures of homes,
// estimated values (16 places, past an int64) among them.
func TestPackedAnnualRateMatchesQuickAnnualRate(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(45, 46))
	answered := 0
	for i := range 30000 {
		price := decimal.New(rng.Int64N(9_000_000)+500_000, 0)
		value := decimal.New(rng.Int64N(12_000_000)+300_000, 0)
		switch i % 4 {
		case 1:
			value = decimal.New(rng.Int64N(1_200_000_000)+30_000_000, -2)
		case 2:
			price = decimal.New(rng.Int64N(900)+50, 4)
		case 3:
			now, then := decimal.New(rng.Int64N(2000)+500, -1), decimal.New(rng.Int64N(2000)+500, -1)
			value = price.Mul(now).DivRound(then, Precision)
		}
		days := rng.IntN(9000) + 1
		q, ok := packedAnnualRate(fastdec.Pack(value), fastdec.Pack(price), days)
		if !ok {
			continue
		}
		answered++
		want, wantOK := quickAnnualRate(value, price, days)
		if !wantOK || !sameDecimal(decimal.New(q, -AnnualPrecision), *want) {
			t.Fatalf("packedAnnualRate(%s, %s, %d) = %d, quickAnnualRate gives %v", value, price, days, q, want)
		}
	}
	if answered < 25000 {
		t.Errorf("packedAnnualRate answered for %d of 30000 homes, want most", answered)
	}
}

func FuzzPackedAnnualRate(f *testing.F) {
	f.Add(int64(4100000), uint32(0), int32(0), int64(3350000), int32(0), 1461)
	f.Add(int64(410000012), uint32(0), int32(-2), int64(335), int32(4), 30)
	f.Add(int64(-3131510466850553446), uint32(24), int32(-16), int64(1739000), int32(0), 2200)
	f.Fuzz(func(t *testing.T, cv int64, hv uint32, ev int32, cp int64, ep int32, days int) {
		if ev < -30 || ev > 30 || ep < -30 || ep > 30 || days <= 0 || days > 40000 {
			return
		}
		// hv's 31 bits above cv's 64: an estimated value's coefficient of
		// 16 places is past an int64, up to the 95 bits a Packed holds.
		c := new(big.Int).Lsh(big.NewInt(int64(hv&0x7fffffff)), 64)
		c.Add(c, new(big.Int).SetUint64(uint64(cv)))
		value, price := decimal.NewFromBigInt(c, ev), decimal.New(cp, ep)
		q, ok := packedAnnualRate(fastdec.Pack(value), fastdec.Pack(price), days)
		if !ok {
			return
		}
		if want, wantOK := quickAnnualRate(value, price, days); !wantOK || !sameDecimal(decimal.New(q, -AnnualPrecision), *want) {
			t.Errorf("packedAnnualRate(%s, %s, %d) = %d, quickAnnualRate gives %v", value, price, days, q, want)
		}
	})
}

// homeCursor must answer as the map does, for rows in the order of
// Familier, out of it, of duplicated and unknown FamilieIDs.
func TestHomeCursorMatchesHomeOf(t *testing.T) {
	t.Parallel()
	ds := syntheticDataset(300)
	ds.Families = append(ds.Families, ds.Families[7], ds.Families[0]) // duplicate FamilieIDs
	ds.Families[12].ID = ds.Families[11].ID
	c := newComputation(ds, day("2016-06-30"), false)
	c.selectHomes()
	var ids []string
	for _, f := range ds.Families {
		for range 3 {
			ids = append(ids, f.ID)
		}
	}
	rng := rand.New(rand.NewPCG(71, 72))
	shuffled := slices.Clone(ids)
	rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, seq := range [][]string{ids, shuffled, {"X", ids[0], "", ids[len(ids)-1], ids[1], "X"}} {
		find := homeCursor{c: c}
		for _, id := range seq {
			i, h := find.find(id)
			want, ok := c.famIndex[id]
			if h != c.homeOf(id) || ok != (i >= 0) || ok && i != want {
				t.Fatalf("find(%q) = %d, %v; want %d, %v", id, i, h, want, c.homeOf(id))
			}
		}
	}
}
