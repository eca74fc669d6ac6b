package compute

import (
	"testing"

	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

func TestResourceFigures(t *testing.T) {
	t.Parallel()
	hours := func(s string) *decimal.Decimal { d := dec(s); return &d }
	// The sample's assumptions: 16 400 000 kr per person, 2 / 5 / 10 %,
	// for 97 children: savings 31 816 000, 79 540 000, 159 080 000 kr.
	soc := results.Societal{
		CostPerPerson: results.M(dec("16400000")),
		Scenarios: []results.Scenario{
			{Name: "lav", Share: results.S(dec("0.02")), Savings: results.M(dec("31816000"))},
			{Name: "basis", Share: results.S(dec("0.05")), Savings: results.M(dec("79540000"))},
			{Name: "høy", Share: results.S(dec("0.10")), Savings: results.M(dec("159080000"))},
		},
	}
	rows := []data.Resource{
		{Year: 2016, Actor: "NAV", Hours: hours("100"), Cost: dec("200000")},
		{Year: 2016, Actor: "Boligbistand", Cost: dec("50000")},
		{Year: 2017, Actor: " nav ", Hours: hours("20.5"), Cost: dec("150000")},
		{Year: 2025, Actor: "NAV", Hours: hours("10"), Cost: dec("999")},
	}
	tests := []struct {
		name             string
		rows             []data.Resource
		bought, children int
		want             *results.Resources
	}{
		{name: "no rows", bought: 40, children: 97, want: nil},
		{name: "only rows after the evaluation year", rows: rows[3:], bought: 40, children: 97, want: nil},
		{
			// 400 000 kr: 10 000 per family; 31 816 000 / 400 000 = 79.54
			// per krone (lav), 198.85 (basis), 397.7 (høy); break-even
			// 400 000 / (97 × 16 400 000), and 400 000 / 16 400 000 = 0.02
			// rounded up is 1 child.
			name: "two actors, two years", rows: rows, bought: 40, children: 97,
			want: &results.Resources{
				CostTotal:  results.M(dec("400000")),
				HoursTotal: results.Number{V: dec("120.5")},
				ByYear: []results.ResourceRow{
					{Year: 2016, Hours: results.Number{V: dec("100")}, Cost: results.M(dec("250000"))},
					{Year: 2017, Hours: results.Number{V: dec("20.5")}, Cost: results.M(dec("150000"))},
				},
				ByActor: []results.ResourceRow{
					{Actor: "Boligbistand", Hours: results.Number{V: dec("0")}, Cost: results.M(dec("50000"))},
					{Actor: "NAV", Hours: results.Number{V: dec("120.5")}, Cost: results.M(dec("350000"))},
				},
				CostPerFamily: moneyPtr(dec("10000")),
				SavingsPerKrone: []results.Ratio{
					{Name: "lav", Ratio: results.Number{V: dec("79.54")}},
					{Name: "basis", Ratio: results.Number{V: dec("198.85")}},
					{Name: "høy", Ratio: results.Number{V: dec("397.7")}},
				},
				BreakEvenShare:    sharePtrOf(dec("400000").DivRound(dec("1590800000"), Precision)),
				BreakEvenChildren: results.C(1),
			},
		},
		{
			// 32 800 000 / 16 400 000 is exactly 2 children: 2 / 97 of them.
			name: "break-even exactly whole", bought: 3, children: 97,
			rows: []data.Resource{{Year: 2020, Actor: "NAV", Cost: dec("32800000")}},
			want: &results.Resources{
				CostTotal: results.M(dec("32800000")),
				ByYear:    []results.ResourceRow{{Year: 2020, Cost: results.M(dec("32800000"))}},
				ByActor:   []results.ResourceRow{{Actor: "NAV", Cost: results.M(dec("32800000"))}},
				// 32 800 000 / 3 = 10 933 333,33…
				CostPerFamily: moneyPtr(dec("32800000").DivRound(dec("3"), Precision)),
				SavingsPerKrone: []results.Ratio{
					{Name: "lav", Ratio: results.Number{V: dec("31816000").DivRound(dec("32800000"), Precision)}},
					{Name: "basis", Ratio: results.Number{V: dec("79540000").DivRound(dec("32800000"), Precision)}},
					{Name: "høy", Ratio: results.Number{V: dec("159080000").DivRound(dec("32800000"), Precision)}},
				},
				BreakEvenShare:    sharePtrOf(dec("2").DivRound(dec("97"), Precision)),
				BreakEvenChildren: results.C(2),
			},
		},
		{
			// 32 800 001 kr is a krone more than two persons cost: 3 children.
			name: "break-even rounded up", bought: 0, children: 97,
			rows: []data.Resource{{Year: 2020, Actor: "NAV", Cost: dec("32800001")}},
			want: &results.Resources{
				CostTotal: results.M(dec("32800001")),
				ByYear:    []results.ResourceRow{{Year: 2020, Cost: results.M(dec("32800001"))}},
				ByActor:   []results.ResourceRow{{Actor: "NAV", Cost: results.M(dec("32800001"))}},
				SavingsPerKrone: []results.Ratio{
					{Name: "lav", Ratio: results.Number{V: dec("31816000").DivRound(dec("32800001"), Precision)}},
					{Name: "basis", Ratio: results.Number{V: dec("79540000").DivRound(dec("32800001"), Precision)}},
					{Name: "høy", Ratio: results.Number{V: dec("159080000").DivRound(dec("32800001"), Precision)}},
				},
				// No bought family: no cost per family.
				BreakEvenShare:    sharePtrOf(dec("32800001").DivRound(dec("1590800000"), Precision)),
				BreakEvenChildren: results.C(3),
			},
		},
		{
			name: "no children", bought: 2, children: 0,
			rows: []data.Resource{{Year: 2020, Actor: "NAV", Cost: dec("100")}},
			want: &results.Resources{
				CostTotal:     results.M(dec("100")),
				ByYear:        []results.ResourceRow{{Year: 2020, Cost: results.M(dec("100"))}},
				ByActor:       []results.ResourceRow{{Actor: "NAV", Cost: results.M(dec("100"))}},
				CostPerFamily: moneyPtr(dec("50")),
				SavingsPerKrone: []results.Ratio{
					{Name: "lav", Ratio: results.Number{V: dec("318160")}},
					{Name: "basis", Ratio: results.Number{V: dec("795400")}},
					{Name: "høy", Ratio: results.Number{V: dec("1590800")}},
				},
				// No child: no break-even share.
			},
		},
		{
			// A programme that cost nothing has no savings per krone.
			name: "zero cost", bought: 1, children: 2,
			rows: []data.Resource{{Year: 2020, Actor: "NAV", Hours: hours("3"), Cost: dec("0")}},
			want: &results.Resources{
				HoursTotal:        results.Number{V: dec("3")},
				ByYear:            []results.ResourceRow{{Year: 2020, Hours: results.Number{V: dec("3")}}},
				ByActor:           []results.ResourceRow{{Actor: "NAV", Hours: results.Number{V: dec("3")}}},
				CostPerFamily:     moneyPtr(dec("0")),
				SavingsPerKrone:   []results.Ratio{},
				BreakEvenShare:    sharePtrOf(dec("0")),
				BreakEvenChildren: results.C(0),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resourceFigures(tt.rows, 2024, tt.bought, tt.children, soc)
			if !equalDecimals(got, tt.want) {
				t.Errorf("resourceFigures =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}
