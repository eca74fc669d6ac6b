package data

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
)

// withoutRepeats is a state whose caches of repeated values are full of
// texts no cell holds, so that every cell is parsed on its own: the
// reader as it was before the caches.
func withoutRepeats(s *sheetState) *sheetState {
	s.texts = map[string]string{}
	s.numbers = [2]map[string]decimal.Decimal{{}, {}}
	for i := range maxRepeated {
		k := "\x00" + strconv.Itoa(i)
		s.texts[k] = k
		s.numbers[0][k] = decimal.Decimal{}
		s.numbers[1][k] = decimal.Decimal{}
	}
	return s
}

// TestRepeatedValuesReadAsParsed reads sheets whose cells repeat (round
// amounts, areas, sources, a family's consecutive rows) and whose cells
// are bad in every way a number can be, with the caches and with every
// cell parsed on its own, and compares the records (values, coefficients
// and exponents) and the problems.
func TestRepeatedValuesReadAsParsed(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	amounts := []string{"3 350 000", "3350000", "2 500 000,50", "1.5E6", "1e12", "350,000", "12345678901", "-200", "abc", "", " 75 ", "75", "75,0", "1.685", "0,05", "kr 4 000", "4000,-"}
	sources := []string{"Eiendomsverdi", "Eiendomsverdi", "Megler", "Takst\x07", "  Megler  ", ""}
	ids := []string{"F1", "F1", "F2", "F1", "F\u200b3", "Fa\u030a", "Få"}
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	sheets := map[string]func(i int) []string{
		SheetPurchases: func(i int) []string {
			return []string{pick(ids), "01.02.2020", pick(amounts), pick(amounts), strconv.Itoa(1 + i%6), pick(amounts), pick(amounts), pick(amounts)}
		},
		SheetValuations: func(i int) []string {
			return []string{pick(ids), "01.02.2021", pick(amounts), pick(sources)}
		},
	}
	headers := map[string][]string{
		SheetPurchases:  {ColFamilyID, ColBuyDate, ColPrice, ColStartLoan, ColRooms, ColArea, ColMonthly, ColRentBefore},
		SheetValuations: {ColFamilyID, ColDate, ColValue, ColSource},
	}
	for sheet, row := range sheets {
		rows := [][]string{headers[sheet]}
		for i := range 3000 {
			rows = append(rows, row(i))
		}
		got, want := newTestState(t, sheet), withoutRepeats(newTestState(t, sheet))
		gotPs, wantPs := feed(got, rows), feed(want, rows)
		if fmt.Sprint(gotPs) != fmt.Sprint(wantPs) {
			t.Errorf("%s: problems differ:\n got %v\nwant %v", sheet, gotPs, wantPs)
		}
		if !reflect.DeepEqual(got.data, want.data) {
			t.Errorf("%s: records differ", sheet)
		}
		if len(got.data.Purchases)+len(got.data.Valuations) == 0 {
			t.Errorf("%s: no records read", sheet)
		}
	}
}
