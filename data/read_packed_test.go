package data

import (
	"fmt"
	"reflect"
	"testing"

	"bobra/internal/fastdec"
)

// packedByDecimal is rowCtx.packed as it was before its fast path: every
// amount parsed into a decimal (through the cache) and packed.
func packedByDecimal(r *rowCtx, name string) fastdec.Packed {
	if d, ok := r.numberValue(name); ok {
		return fastdec.Pack(d)
	}
	return fastdec.Packed{}
}

// checkPacked reads one cell text as an amount and as an area, by the
// fast path and by the decimal, on rows of their own, and compares the
// values (coefficient and exponent) and the problems.
func checkPacked(t *testing.T, s *sheetState, v string) {
	t.Helper()
	for _, col := range []string{ColPrice, ColArea} {
		cells := make([]string, s.column(col).index+1)
		cells[len(cells)-1] = v
		fast := &rowCtx{s: s, cells: cells, row: 2}
		slow := &rowCtx{s: s, cells: cells, row: 2}
		got, want := fast.packed(col), packedByDecimal(slow, col)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s %q: fast %+v, by decimal %+v", col, v, got, want)
		}
		if fmt.Sprint(fast.problems) != fmt.Sprint(slow.problems) {
			t.Fatalf("%s %q: problems differ:\n fast %v\n slow %v", col, v, fast.problems, slow.problems)
		}
	}
}

func purchaseState(t *testing.T) *sheetState {
	t.Helper()
	s := newTestState(t, SheetPurchases)
	s.take(testRow(1, []string{ColFamilyID, ColBuyDate, ColPrice, ColStartLoan, ColRooms, ColArea, ColMonthly, ColRentBefore}))
	if s.cols == nil {
		t.Fatal("the header row was not read")
	}
	return s
}

func TestPackedMatchesNumberValue(t *testing.T) {
	t.Parallel()
	s := purchaseState(t)
	extra := []string{"3 350 000", "2 500 000,50", "1.5E6", "1e12", "350,000", "12345678901", "abc", "", " 75 ", "75,0",
		"0,05", "kr 4 000", "4000,-", "999999999", "-99999999", "1000000000", "SANN", "-0.0", "0.00"}
	for _, v := range append(plainInputs(), extra...) {
		checkPacked(t, s, v)
	}
}

func FuzzPacked(f *testing.F) {
	for _, v := range plainCases {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) { checkPacked(t, purchaseState(t), v) })
}
