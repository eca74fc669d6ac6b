package compute

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"bobra/data"
	"bobra/internal/fastdec"

	"github.com/shopspring/decimal"
)

// syntheticDataset builds n families with the proportions of a national
// run (about 2.4 children, one purchase, 0–3 valuations and 0–4 follow-ups
// per family, SSB tables for every year and room count), the same for a
// given n.
func syntheticDataset(n int) *data.Dataset {
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	ds := &data.Dataset{}
	statuses := []string{data.StatusLivesInHome, data.StatusLivesInHome, data.StatusLivesInHome, data.StatusLivesInHome,
		data.StatusMovedToOwned, data.StatusSoldAndRents, data.StatusForcedSale, data.StatusUnknown}
	households := []string{data.HouseholdSingleParent, data.HouseholdTwoParents, ""}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("S%07d", i)
		bought := data.NewDate(2005+rng.IntN(19), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
		f := data.Family{ID: id, Phase: 1 + rng.IntN(2), Enrolled: data.DayOf(data.DateOf(bought.Time().AddDate(0, -3, 0))),
			Household: households[rng.IntN(3)], Status: statuses[rng.IntN(len(statuses))]}
		if f.Status != data.StatusLivesInHome {
			f.StatusDate = data.DayOf(data.DateOf(bought.Time().AddDate(0, 0, 30+rng.IntN(3000))))
		}
		ds.Families = append(ds.Families, f)
		for k := 0; k < 1+rng.IntN(3)+rng.IntN(2); k++ {
			ds.Children = append(ds.Children, data.Child{FamilyID: id, BirthYear: bought.Year - 15 + rng.IntN(18)})
		}
		price := decimal.NewFromInt(int64(1500000 + rng.IntN(4000000)))
		p := data.Purchase{FamilyID: id, Date: data.DayOf(bought), Price: fastdec.Pack(price), Rooms: 1 + rng.IntN(6)}
		if rng.IntN(2) == 0 {
			c := decimal.NewFromInt(int64(8000 + rng.IntN(12000)))
			p.MonthlyCosts = fastdec.Pack(c)
		}
		if rng.IntN(5) > 0 {
			l := price.Mul(decimal.RequireFromString("0.9"))
			p.StartLoan = fastdec.Pack(l)
		}
		ds.Purchases = append(ds.Purchases, p)
		for k := 0; k < rng.IntN(4); k++ {
			d := data.DateOf(bought.Time().AddDate(0, 0, 100+rng.IntN(4000)))
			v := price.Mul(decimal.NewFromInt(int64(90 + rng.IntN(80)))).Div(decimal.NewFromInt(100))
			ds.Valuations = append(ds.Valuations, data.Valuation{FamilyID: id, Date: data.DayOf(d), Value: fastdec.Pack(v)})
		}
		for k := 0; k < rng.IntN(5); k++ {
			d := data.DateOf(bought.Time().AddDate(0, 0, -90+400*k+rng.IntN(300)))
			w, a := rng.IntN(3), rng.IntN(2) == 0
			ds.FollowUps = append(ds.FollowUps, data.FollowUp{FamilyID: id, Date: data.DayOf(d), AdultsInWork: &w, SocialAssistance: &a})
		}
	}
	for y := 2004; y <= 2024; y++ {
		for k, rooms := range []string{"1", "2", "3", "4", data.RoomsFivePlus, data.RoomsAll} {
			ds.Rents = append(ds.Rents, data.RentRow{Year: y, Rooms: rooms,
				Monthly: decimal.NewFromInt(int64(6000 + 2500*k + 300*(y-2004))), Region: "Norge"})
		}
		ds.PriceIndex = append(ds.PriceIndex, data.PriceIndexRow{Year: y,
			Index: decimal.RequireFromString(strconv.Itoa(60+4*(y-2004)) + ".5")})
		ds.Context = append(ds.Context, data.ContextRow{Indicator: "Barn i vedvarende lavinntekt", Year: y,
			Value: decimal.NewFromInt(int64(90000 + 1000*(y-2004)))})
	}
	ds.Assumptions = data.Assumptions{Programme: "Syntetisk", Municipality: "Norge",
		CostPerPerson: decimal.NewFromInt(16400000), ShareLow: decimal.RequireFromString("0.02"),
		ShareBase: decimal.RequireFromString("0.05"), ShareHigh: decimal.RequireFromString("0.1"), SmallCount: 3}
	return ds
}

func BenchmarkCompute(b *testing.B) {
	asOf := data.NewDate(2024, time.September, 30)
	for _, n := range []int{40, 10000, 100000} {
		ds := syntheticDataset(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Compute(ds, asOf)
			}
		})
	}
}

// BenchmarkSortAndHistogram sorts and buckets 100 000 shares of 16 places,
// as the gain and rent shares of a national run are.
func BenchmarkSortAndHistogram(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	v := make([]decimal.Decimal, 100000)
	for i := range v {
		v[i] = decimal.New(rng.Int64N(2e16)-4e15, -Precision)
	}
	w := make([]decimal.Decimal, len(v))
	b.ReportAllocs()
	for b.Loop() {
		copy(w, v)
		sortDecimals(w)
		histogram(w)
	}
}
