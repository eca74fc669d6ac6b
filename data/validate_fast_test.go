package data

import (
	"math/rand/v2"
	"slices"
	"testing"

	"bobra/internal/fastdec"

	"github.com/shopspring/decimal"
)

// The checks give the same problems, in any order of the children (whose
// count is taken by runs of one family) and with prices per m² on both
// sides of each bound (checked in machine integers), as the rules say: a
// warning for each family that bought with no child, for each child 18 or
// older in the year of purchase, and for each quotient outside the range.
func TestPurchaseChecksByRule(t *testing.T) {
	t.Parallel()
	ds := &Dataset{}
	r := rand.New(rand.NewPCG(13, 14))
	var wantKinds []string
	for i := range 400 {
		id := "F" + itoa(1000+i)
		ds.Families = append(ds.Families, Family{ID: id, Status: StatusLivesInHome})
		buy := NewDate(2018, 3, 1)
		// area 80 m², prices around 80 × 10 000 and 80 × 150 000
		price := []int64{799_959, 799_960, 800_000, 11_999_960, 12_000_039, 12_000_040, 3_000_000}[i%7]
		area := decimal.New(80, 0)
		if i%5 == 0 {
			area = decimal.New(800, -1) // the same area with a decimal
		}
		ds.Purchases = append(ds.Purchases, Purchase{FamilyID: id, Date: DayOf(buy),
			Price: fastdec.PackInt(price, 0), Area: fastdec.Pack(area)})
		if q := decimal.New(price, 0).DivRound(area, 0); q.LessThan(minPricePerM2) || q.GreaterThan(maxPricePerM2) {
			wantKinds = append(wantKinds, KindPricePerM2)
		}
		switch n := i % 4; n {
		case 0:
			wantKinds = append(wantKinds, KindNoChildren)
		default:
			for k := range n {
				year := 2010 - k*5 // the third child is 18 in 2018
				ds.Children = append(ds.Children, Child{FamilyID: id, BirthYear: year})
				if 2018-year >= 18 {
					wantKinds = append(wantKinds, KindChildAdult)
				}
			}
		}
	}
	check := func(name string, ds *Dataset) {
		t.Helper()
		v := validation{ds: ds, today: NewDate(2024, 10, 1)}
		v.families()
		v.purchases()
		var got []string
		for _, p := range v.problems {
			got = append(got, p.Kind)
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(wantKinds))
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d problems %v…, want %d", name, len(got), got[:min(len(got), 5)], len(want))
		}
	}
	check("children by family", ds)
	shuffled := *ds
	shuffled.Children = slices.Clone(ds.Children)
	r.Shuffle(len(shuffled.Children), func(i, j int) {
		shuffled.Children[i], shuffled.Children[j] = shuffled.Children[j], shuffled.Children[i]
	})
	check("children shuffled", &shuffled)
}
