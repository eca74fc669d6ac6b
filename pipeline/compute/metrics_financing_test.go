package compute

import (
	"testing"
	"time"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"
)

func TestFinancing(t *testing.T) {
	t.Parallel()
	pack := func(s string) fastdec.Packed { return fastdec.Pack(dec(s)) }
	day := func(y int) data.Date { return data.NewDate(y, time.March, 1) }
	families := []data.Family{{ID: "F1", Phase: 1}, {ID: "F2", Phase: 1}, {ID: "F3", Phase: 2}, {ID: "F4", Phase: 2}, {ID: "F5", Phase: 2}}
	f1 := data.Purchase{FamilyID: "F1", Date: data.DayOf(day(2017)), Price: pack("3000000"), StartLoan: pack("2400000"), Rooms: 3}
	f1Later := data.Purchase{FamilyID: "F1", Date: data.DayOf(day(2020)), Price: pack("5000000"), StartLoan: pack("5000000"), Rooms: 4}
	f2 := data.Purchase{FamilyID: "F2", Date: data.DayOf(day(2018)), Price: pack("2000000"), StartLoan: pack("2000000"), Rooms: 3}
	f3 := data.Purchase{FamilyID: "F3", Date: data.DayOf(day(2019)), Price: pack("4000000"), Rooms: 4}
	f4 := data.Purchase{FamilyID: "F4", Date: data.DayOf(day(2019)), Price: pack("1000000"), StartLoan: pack("500000"), Rooms: 2}
	f5After := data.Purchase{FamilyID: "F5", Date: data.DayOf(day(2023)), Price: pack("1000000"), StartLoan: pack("900000"), Rooms: 2}

	tests := []struct {
		name      string
		purchases []data.Purchase
		want      results.Financing
	}{
		{name: "no purchases", want: results.Financing{}},
		{name: "no start loans", purchases: []data.Purchase{f3}, want: results.Financing{}},
		{
			// Loan shares 0.8, 1.0 and 0.5: median 0.8. F1's later purchase
			// and F5's purchase after D do not count; F3 has no loan.
			name:      "odd count",
			purchases: []data.Purchase{f1Later, f1, f2, f3, f4, f5After},
			want:      results.Financing{WithLoan: results.C(3), LoanTotal: results.M(dec("4900000")), LoanShareMedian: sharePtrOf(dec("0.8"))},
		},
		{
			// Shares 0.8 and 0.5: the median is their mean, 0.65.
			name:      "even count",
			purchases: []data.Purchase{f1, f3, f4},
			want:      results.Financing{WithLoan: results.C(2), LoanTotal: results.M(dec("2900000")), LoanShareMedian: sharePtrOf(dec("0.65"))},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := &data.Dataset{Families: families, Purchases: tt.purchases, Assumptions: data.DefaultAssumptions()}
			c := newComputation(ds, data.NewDate(2021, time.September, 30), false)
			c.selectHomes()
			if got := c.financing(); !equalDecimals(got, tt.want) {
				t.Errorf("financing = %+v, want %+v", got, tt.want)
			}
		})
	}
}
