package fastdec

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

// checkPackInt fails when PackInt differs from packing the decimal.
func checkPackInt(t *testing.T, c int64, exp int32) {
	t.Helper()
	got, want := PackInt(c, exp), Pack(decimal.New(c, exp))
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("PackInt(%d, %d) = %+v, Pack gives %+v", c, exp, got, want)
	}
}

func TestPackIntMatchesPack(t *testing.T) {
	t.Parallel()
	cases := []struct {
		c   int64
		exp int32
	}{
		{0, 0}, {0, -2}, {-0, -3}, {1, 0}, {-1, 0}, {3350000, 0}, {-1755, -1}, {895, -1}, {5, -2},
		{999999999999999999, 0}, {-999999999999999999, -17}, {1e18, 0}, {-1e18, 0},
		{math.MaxInt64, -3}, {math.MinInt64, 0}, {math.MinInt64 + 1, 2}, {7, math.MaxInt16},
		{7, math.MinInt16}, {7, math.MaxInt16 + 1}, {-7, math.MinInt16 - 1}, {12, 40000},
	}
	for _, x := range cases {
		checkPackInt(t, x.c, x.exp)
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 100_000 {
		c := r.Int64() >> r.IntN(64)
		if r.IntN(2) == 0 {
			c = -c
		}
		checkPackInt(t, c, int32(r.IntN(41))-20)
	}
}

func FuzzPackInt(f *testing.F) {
	f.Add(int64(3350000), int32(0))
	f.Add(int64(-1755), int32(-1))
	f.Add(int64(math.MinInt64), int32(math.MaxInt16+1))
	f.Fuzz(func(t *testing.T, c int64, exp int32) { checkPackInt(t, c, exp) })
}
