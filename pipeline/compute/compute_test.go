package compute

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// Helpers for hand-made datasets. Figures are compared as they appear in
// resultater.json (whole values, marshalled), so a test reads like the
// contract: money in whole kroner, shares with 4 decimals.

func decimalOf(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func packedOf(s string) fastdec.Packed { return fastdec.Pack(decimalOf(s)) }

func day(s string) data.Date {
	if s == "" {
		return data.Date{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return data.DateOf(t)
}

func intPtr(n int) *int    { return &n }
func boolPtr(b bool) *bool { return &b }

func family(id string, phase int, status, statusDate string) data.Family {
	return data.Family{ID: id, Phase: phase, Status: status, StatusDate: data.DayOf(day(statusDate))}
}

func purchase(id, date, price string, rooms int) data.Purchase {
	return data.Purchase{FamilyID: id, Date: data.DayOf(day(date)), Price: packedOf(price), Rooms: rooms}
}

func testAssumptions() data.Assumptions {
	return data.Assumptions{Programme: "Test", Municipality: "Testkommune",
		CostPerPerson: decimalOf("16400000"), ShareLow: decimalOf("0.02"), ShareBase: decimalOf("0.05"),
		ShareHigh: decimalOf("0.1"), SmallCount: 3,
		Params: []data.Parameter{
			{Name: data.ParamCostPerPerson, Value: "16400000", Source: "kilde K"},
			{Name: data.ParamShareLow, Value: "0.02", Source: "kilde L"},
			{Name: data.ParamShareBase, Value: "0.05", Source: "kilde B"},
			{Name: data.ParamShareHigh, Value: "0.1", Source: "kilde H"},
		}}
}

// compact returns v as compact JSON, or the JSON text s compacted.
func compact(t *testing.T, v any) string {
	t.Helper()
	var b []byte
	if s, ok := v.(string); ok {
		b = []byte(s)
	} else {
		var err error
		if b, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatalf("bad JSON %s: %v", b, err)
	}
	return out.String()
}

func checkJSON(t *testing.T, what string, got any, want string) {
	t.Helper()
	if g, w := compact(t, got), compact(t, want); g != w {
		t.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

func warningKinds(ws []results.Warning) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.Kind)
	}
	return out
}

func TestFamiliesAndChildren(t *testing.T) {
	t.Parallel()
	// D = 2021-09-30, Y = 2021.
	ds := &data.Dataset{
		Families: []data.Family{
			{ID: "A", Phase: 1, Enrolled: data.DayOf(day("2016-01-01")), Household: data.HouseholdSingleParent, Status: data.StatusLivesInHome},
			{ID: "B", Phase: 1, Household: data.HouseholdTwoParents, Status: data.StatusLivesInHome},            // no Innmeldt: enrolled by buying
			{ID: "C", Phase: 2, Enrolled: data.DayOf(day("2019-01-01")), Status: data.StatusLivesInHome},        // no Husholdning
			{ID: "D", Phase: 2, Enrolled: data.DayOf(day("2021-01-01")), Household: data.HouseholdSingleParent}, // enrolled, not bought
			{ID: "E", Phase: 2, Enrolled: data.DayOf(day("2021-10-01")), Household: data.HouseholdSingleParent}, // enrolled after D
			{ID: "F", Phase: 2, Household: data.HouseholdSingleParent, Status: data.StatusLivesInHome},          // buys after D
		},
		Children: []data.Child{
			{FamilyID: "A", BirthYear: 2016}, // 5
			{FamilyID: "A", BirthYear: 2015}, // 6
			{FamilyID: "A", BirthYear: 2009}, // 12
			{FamilyID: "B", BirthYear: 2008}, // 13
			{FamilyID: "B", BirthYear: 2004}, // 17
			{FamilyID: "B", BirthYear: 2003}, // 18
			{FamilyID: "C", BirthYear: 2021}, // 0
			{FamilyID: "C", BirthYear: 2022}, // born after Y: not counted
			{FamilyID: "D", BirthYear: 2010}, // family has not bought
			{FamilyID: "F", BirthYear: 2010}, // bought after D
		},
		Purchases: []data.Purchase{
			purchase("A", "2016-06-15", "3000000", 3),
			purchase("B", "2017-03-01", "3000000", 3),
			purchase("C", "2021-09-30", "3000000", 3), // on D: counts
			purchase("F", "2021-10-01", "3000000", 3), // after D
		},
		Assumptions: testAssumptions(),
	}
	res := Compute(ds, day("2021-09-30"))
	checkJSON(t, "families", res.Families, `{
		"enrolled": 4, "bought": 3, "bought_by_phase": {"1": 2, "2": 1},
		"bought_by_year": [
			{"year": 2016, "by_phase": {"1": 1, "2": 0}},
			{"year": 2017, "by_phase": {"1": 1, "2": 0}},
			{"year": 2018, "by_phase": {"1": 0, "2": 0}},
			{"year": 2019, "by_phase": {"1": 0, "2": 0}},
			{"year": 2020, "by_phase": {"1": 0, "2": 0}},
			{"year": 2021, "by_phase": {"1": 0, "2": 1}}],
		"single_parent": 1, "household_known": 2, "single_parent_share": "0.5000"}`)
	checkJSON(t, "children", res.Children, `{
		"total": 7, "by_phase": {"1": 6, "2": 1},
		"by_age": {"0-5": 2, "6-12": 2, "13-17": 2, "18+": 1}}`)
}

func TestStabilityStatusAtD(t *testing.T) {
	t.Parallel()
	ds := &data.Dataset{
		Families: []data.Family{
			family("A", 1, data.StatusLivesInHome, ""),
			family("B", 1, data.StatusMovedToOwned, "2019-01-01"),
			family("C", 1, data.StatusSoldAndRents, "2019-06-01"),
			family("D", 1, data.StatusForcedSale, "2022-01-01"), // after D: still lives in the home
			family("E", 2, data.StatusUnknown, "2020-01-01"),    // unknown: kept out of the rate
			family("F", 2, data.StatusLivesInHome, ""),
			family("G", 2, data.StatusSoldAndRents, "2021-09-30"), // on D: has left
		},
		Purchases: []data.Purchase{
			purchase("A", "2017-01-01", "3000000", 3), purchase("B", "2017-01-01", "3000000", 3),
			purchase("C", "2017-01-01", "3000000", 3), purchase("D", "2017-01-01", "3000000", 3),
			purchase("E", "2019-01-01", "3000000", 3), purchase("F", "2019-01-01", "3000000", 3),
			purchase("G", "2019-01-01", "3000000", 3),
		},
		Assumptions: testAssumptions(),
	}
	res := Compute(ds, day("2021-09-30"))
	checkJSON(t, "stability counts", struct {
		All     results.StabilityCounts                  `json:"all"`
		ByPhase results.ByPhase[results.StabilityCounts] `json:"by_phase"`
	}{res.Stability.All, res.Stability.ByPhase}, `{
		"all": {"stable": 4, "left": 2, "unknown": 1, "rate": "0.6667"},
		"by_phase": {
			"1": {"stable": 3, "left": 1, "unknown": 0, "rate": "0.7500"},
			"2": {"stable": 1, "left": 1, "unknown": 1, "rate": "0.5000"}}}`)
	statuses := map[string]string{}
	for _, h := range res.Homes {
		statuses[h.FamilyID] = h.StatusAt
	}
	checkJSON(t, "status at D", statuses, `{"A": "bor i boligen", "B": "flyttet til annen eid bolig",
		"C": "solgt og leier", "D": "bor i boligen", "E": "ukjent", "F": "bor i boligen", "G": "solgt og leier"}`)

	// Only unknown statuses: no rate rather than a division by zero.
	only := &data.Dataset{Families: []data.Family{family("E", 2, data.StatusUnknown, "2020-01-01")},
		Purchases: []data.Purchase{purchase("E", "2019-01-01", "3000000", 3)}, Assumptions: testAssumptions()}
	checkJSON(t, "unknown only", Compute(only, day("2021-09-30")).Stability.All,
		`{"stable": 0, "left": 0, "unknown": 1, "rate": null}`)
}

func TestKaplanMeierByHand(t *testing.T) {
	t.Parallel()
	// Eight homes, times in days. At day 200 two events and one censoring
	// (events first: n = 8), at 1200 one event and one censoring (n = 3).
	//   S(200)  = 6/8             = 0.75
	//   S(800)  = 0.75 × 3/4      = 0.5625   (D censored at 500 left n = 4)
	//   S(1200) = 0.5625 × 2/3    = 0.375
	// at_risk(1 year = 365.25 d) = 5, at_risk(3 y = 1095.75 d) = 3,
	// at_risk(5 y = 1826.25 d) = 1.
	obs := []observation{
		{1200, true}, {200, true}, {200, false}, {200, true}, {500, false},
		{800, true}, {1200, false}, {2000, false},
	}
	points, curve := kaplanMeier(obs)
	checkJSON(t, "retention", points, `[
		{"years": "1.0000", "rate": "0.7500", "at_risk": 5},
		{"years": "3.0000", "rate": "0.5625", "at_risk": 3},
		{"years": "5.0000", "rate": "0.3750", "at_risk": 1}]`)
	checkJSON(t, "curve", curve, `[
		{"years": "0.0000", "rate": "1.0000", "at_risk": 8},
		{"years": "0.5476", "rate": "0.7500", "at_risk": 8},
		{"years": "2.1903", "rate": "0.5625", "at_risk": 4},
		{"years": "3.2854", "rate": "0.3750", "at_risk": 3},
		{"years": "5.4757", "rate": "0.3750", "at_risk": 1}]`)

	// Nobody followed for five years: t = 5 is left out. A censoring tied
	// with an event at 365 days does not lower the at-risk count of t = 1,
	// which starts at 365.25 days.
	points, _ = kaplanMeier([]observation{{365, true}, {365, false}, {366, false}, {1500, true}, {1600, false}})
	checkJSON(t, "short follow-up", points, `[
		{"years": "1.0000", "rate": "0.8000", "at_risk": 3},
		{"years": "3.0000", "rate": "0.8000", "at_risk": 2}]`)

	points, curve = kaplanMeier(nil)
	checkJSON(t, "no homes", []any{points, curve}, `[[], []]`)
}

func TestRetentionFromData(t *testing.T) {
	t.Parallel()
	// D = 2021-01-01. A leaves after 1 461 days (4 years), B is censored at
	// D, C's unknown status censors it at its Statusdato, D's sale after
	// the evaluation date is not seen.
	ds := &data.Dataset{
		Families: []data.Family{
			family("A", 1, data.StatusSoldAndRents, "2020-01-01"),
			family("B", 1, data.StatusLivesInHome, ""),
			family("C", 1, data.StatusUnknown, "2017-01-01"),
			family("D", 1, data.StatusForcedSale, "2022-01-01"),
		},
		Purchases: []data.Purchase{
			purchase("A", "2016-01-01", "3000000", 3), purchase("B", "2015-01-01", "3000000", 3),
			purchase("C", "2015-01-01", "3000000", 3), purchase("D", "2015-01-01", "3000000", 3),
		},
		Assumptions: testAssumptions(),
	}
	res := Compute(ds, day("2021-01-01"))
	// Times: A event 1 461 d (4 y); B, D censored 2 192 d; C censored 731 d.
	// S(4) = 1 − 1/3. at_risk(1) = 4, at_risk(3) = 3, at_risk(5) = 2.
	checkJSON(t, "retention", res.Stability.Retention, `[
		{"years": "1.0000", "rate": "1.0000", "at_risk": 4},
		{"years": "3.0000", "rate": "1.0000", "at_risk": 3},
		{"years": "5.0000", "rate": "0.6667", "at_risk": 2}]`)
}

func TestValue(t *testing.T) {
	t.Parallel()
	families := []data.Family{
		family("A", 1, data.StatusLivesInHome, ""), family("B", 1, data.StatusLivesInHome, ""),
		family("C", 2, data.StatusLivesInHome, ""), family("D", 2, data.StatusLivesInHome, ""),
		family("E", 2, data.StatusLivesInHome, ""),
	}
	purchases := []data.Purchase{
		purchase("A", "2016-06-15", "3350000", 4), // valued exactly 4 years later
		purchase("B", "2017-03-01", "2000000", 3), // estimated from the index
		purchase("C", "2014-05-01", "3000000", 2), // no valuation and no index for 2014
		purchase("D", "2020-02-01", "4000000", 3), // its only valuation is after D
		purchase("E", "2022-01-01", "5000000", 3), // bought after D: no home
	}
	valuations := []data.Valuation{
		{FamilyID: "A", Date: data.DayOf(day("2019-01-01")), Value: packedOf("3900000")},
		{FamilyID: "A", Date: data.DayOf(day("2020-06-15")), Value: packedOf("4100000")},
		{FamilyID: "A", Date: data.DayOf(day("2021-12-01")), Value: packedOf("9999999")}, // after D
		{FamilyID: "D", Date: data.DayOf(day("2021-10-01")), Value: packedOf("4400000")}, // after D
		{FamilyID: "E", Date: data.DayOf(day("2022-06-01")), Value: packedOf("5100000")},
	}
	// Kilde: distinct values, sorted, blank ones left out.
	index := []data.PriceIndexRow{{Year: 2016, Index: decimalOf("110"), Source: "SSB, tabell 07221"}, {Year: 2017, Index: decimalOf("120")},
		{Year: 2019, Index: decimalOf("132"), Source: " Anslag "}, {Year: 2020, Index: decimalOf("150"), Source: "SSB, tabell 07221"}}
	ds := &data.Dataset{Families: families, Purchases: purchases, Valuations: valuations, PriceIndex: index,
		Assumptions: testAssumptions()}

	res := Compute(ds, day("2021-09-30"))
	// B: 2 000 000 × 150/120 = 2 500 000, over 1 674 days to D:
	// 1.25^(365.25/1674) − 1 = 0.0499. D: 4 000 000 × 150/150, gain 0.
	// Gains 0.2239, 0.25, 0 → median 0.2239.
	checkJSON(t, "appreciation", res.Appreciation, `{
		"valued": 1, "estimated": 2, "missing": 1,
		"purchase_total": "9350000", "value_total": "10600000", "gain_total": "1250000",
		"gain_pct_median": "0.2239", "index_source": "Anslag; SSB, tabell 07221",
		"gain_pct_histogram": [
			{"from": "0.0000", "to": "0.1000", "count": 1},
			{"from": "0.1000", "to": "0.2000", "count": 0},
			{"from": "0.2000", "to": "0.3000", "count": 2}]}`)
	type value struct {
		ID        string           `json:"id"`
		Value     results.OptMoney `json:"value"`
		Date      data.Date        `json:"date"`
		Estimated bool             `json:"estimated"`
		Gain      results.OptMoney `json:"gain"`
		GainPct   results.OptShare `json:"gain_pct"`
		Annual    results.OptShare `json:"annual"`
	}
	var got []value
	for _, h := range res.Homes {
		got = append(got, value{h.FamilyID, h.Value, h.ValueDate, h.ValueEstimated, h.Gain, h.GainPct, h.AnnualPct})
	}
	checkJSON(t, "homes", got, `[
		{"id": "A", "value": "4100000", "date": "2020-06-15", "estimated": false, "gain": "750000", "gain_pct": "0.2239", "annual": "0.0518"},
		{"id": "B", "value": "2500000", "date": "2021-09-30", "estimated": true, "gain": "500000", "gain_pct": "0.2500", "annual": "0.0499"},
		{"id": "C", "value": null, "date": "", "estimated": false, "gain": null, "gain_pct": null, "annual": null},
		{"id": "D", "value": "4000000", "date": "2021-09-30", "estimated": true, "gain": "0", "gain_pct": "0.0000", "annual": "0.0000"}]`)
	checkJSON(t, "warnings", warningKinds(res.Warnings), `["verdi-mangler", "ssb-leie-mangler"]`)
	if w := res.Warnings[0]; w.FamilyID != "C" {
		t.Errorf("warning names family %q, want C", w.FamilyID)
	}

	// Y − 1 = 2021 is missing from the index at D = 2022-09-30: the latest
	// index year before it (2020) is used, with a warning; the median of
	// an even count is the mean of the two middle values.
	ds.Families, ds.Purchases, ds.Valuations = families[:2], purchases[:2], nil
	res = Compute(ds, day("2022-09-30"))
	// A: 3 350 000 × 150/110 = 4 568 181.8… (gain 0.3636…); B: 2 500 000
	// as above (0.25); median (0.3636… + 0.25) / 2.
	checkJSON(t, "appreciation, earlier index year", []any{res.Appreciation.ValueTotal, res.Appreciation.GainPctMedian},
		`["7068182", "0.3068"]`)
	checkJSON(t, "warnings, earlier index year", warningKinds(res.Warnings), `["ssb-prisindeks-aar", "ssb-leie-mangler"]`)
}

func TestAnnualRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		growth string
		days   int
		want   string
	}{
		{"1.2238805970149253731343", 1461, "0.0518"}, // 4 100 000 / 3 350 000 over four years
		{"2", 36525 / 25, "0.1892"},                  // 2^(1/4) − 1
		{"1", 1000, "0.0000"},
		{"0.9", 730, "-0.0514"},
	}
	for _, tt := range tests {
		got := annualRate(decimalOf(tt.growth), tt.days)
		if got == nil || got.Round(4).StringFixed(4) != tt.want {
			t.Errorf("annualRate(%s, %d) = %v, want %s", tt.growth, tt.days, got, tt.want)
		}
	}
}

func TestRent(t *testing.T) {
	t.Parallel()
	rents := []data.RentRow{}
	for _, r := range []struct {
		year  int
		rooms string
		rent  string
	}{
		{2018, "3", "14000"}, {2019, "3", "15000"}, {2021, "3", "16000"}, // 2020 missing for 3 rooms
		{2018, "5+", "20000"}, {2019, "5+", "21000"}, {2020, "5+", "22000"}, {2021, "5+", "23000"},
		{2018, "alle", "10000"}, {2019, "alle", "11000"}, {2020, "alle", "12000"}, {2021, "alle", "13000"},
		{2024, "alle", "99999"}, // after D: never used
	} {
		rents = append(rents, data.RentRow{Year: r.year, Rooms: r.rooms, Monthly: decimalOf(r.rent), Region: "Testby"})
	}
	big := purchase("B", "2019-03-15", "6000000", 6) // 6 rooms → 5+
	big.MonthlyCosts = packedOf("15000")
	ds := &data.Dataset{
		Families: []data.Family{family("A", 1, data.StatusLivesInHome, ""), family("B", 1, data.StatusLivesInHome, ""),
			family("C", 2, data.StatusLivesInHome, "")},
		Purchases: []data.Purchase{
			purchase("A", "2019-03-15", "3000000", 3),
			big,
			purchase("C", "2019-03-15", "3000000", 2), // no rows for 2 rooms → alle
		},
		Rents:       rents,
		Assumptions: testAssumptions(),
	}
	// D = 2022-09-30: Y − 1 = 2021 is the latest usable year. Months April
	// 2019 – August 2022 = 41, all priced at the year's rent (2022 → 2021).
	res := Compute(ds, day("2022-09-30"))
	type rent struct {
		ID       string           `json:"id"`
		Then     results.OptMoney `json:"then"`
		Now      results.OptMoney `json:"now"`
		IncMonth results.OptMoney `json:"inc_month"`
		IncYear  results.OptMoney `json:"inc_year"`
		IncPct   results.OptShare `json:"inc_pct"`
		Months   int              `json:"months"`
		NotPaid  results.OptMoney `json:"not_paid"`
		Net      results.OptMoney `json:"net"`
	}
	var got []rent
	for _, h := range res.Homes {
		got = append(got, rent{h.FamilyID, h.RentThen, h.RentNow, h.RentIncreaseMonth, h.RentIncreaseYear,
			h.RentIncreasePct, h.RentMonths, h.RentNotPaid, h.NetSaving})
	}
	// A (3 rooms): 9×15 000 (2019) + 12×15 000 (2020 missing → 2019)
	//   + 12×16 000 (2021) + 8×16 000 (2022 → 2021) = 635 000.
	// B (5+): 9×21 000 + 12×22 000 + 20×23 000 = 913 000; net 913 000 − 41×15 000 = 298 000.
	// C (alle): 9×11 000 + 12×12 000 + 20×13 000 = 503 000.
	checkJSON(t, "homes", got, `[
		{"id": "A", "then": "15000", "now": "16000", "inc_month": "1000", "inc_year": "12000", "inc_pct": "0.0667", "months": 41, "not_paid": "635000", "net": null},
		{"id": "B", "then": "21000", "now": "23000", "inc_month": "2000", "inc_year": "24000", "inc_pct": "0.0952", "months": 41, "not_paid": "913000", "net": "298000"},
		{"id": "C", "then": "11000", "now": "13000", "inc_month": "2000", "inc_year": "24000", "inc_pct": "0.1818", "months": 41, "not_paid": "503000", "net": null}]`)
	checkJSON(t, "totals", struct {
		Homes, IncMonth, IncYear, NotPaid, Months, Costs, Net, NetHomes any
	}{res.Rent.Homes, res.Rent.IncreaseMonthTotal, res.Rent.IncreaseYearTotal, res.Rent.RentNotPaidTotal,
		res.Rent.MonthsTotal, res.Rent.HousingCostsTotal, res.Rent.NetSavingTotal, res.Rent.NetSavingHomes},
		`{"Homes": 3, "IncMonth": "5000", "IncYear": "60000", "NotPaid": "2051000", "Months": 123, "Costs": "615000", "Net": "298000", "NetHomes": 1}`)
	checkJSON(t, "warnings", warningKinds(res.Warnings),
		`["verdi-mangler", "verdi-mangler", "verdi-mangler", "ssb-leie-aar-mangler", "ssb-leie-rom-mangler"]`)
	checkJSON(t, "series", res.Rent.Series, `[
		{"rooms": "3", "points": [{"year": 2018, "value": "14000"}, {"year": 2019, "value": "15000"}, {"year": 2021, "value": "16000"}]},
		{"rooms": "5+", "points": [{"year": 2018, "value": "20000"}, {"year": 2019, "value": "21000"}, {"year": 2020, "value": "22000"}, {"year": 2021, "value": "23000"}]},
		{"rooms": "alle", "points": [{"year": 2018, "value": "10000"}, {"year": 2019, "value": "11000"}, {"year": 2020, "value": "12000"}, {"year": 2021, "value": "13000"}]}]`)
	if res.Rent.Region != "Testby" || res.Rent.LatestYear != 2021 {
		t.Errorf("region %q, latest year %d", res.Rent.Region, res.Rent.LatestYear)
	}
}

func TestRentMonths(t *testing.T) {
	t.Parallel()
	// The example of definition 5, and the edges of "strictly after the
	// purchase month and strictly before D's month".
	rents := []data.RentRow{{Year: 2000, Rooms: "alle", Monthly: decimalOf("1")}}
	tests := []struct {
		bought, asOf string
		months       int
	}{
		{"2019-03-15", "2024-09-30", 65},
		{"2019-03-31", "2019-04-01", 0},
		{"2019-03-01", "2019-05-31", 1},
		{"2019-12-31", "2020-02-01", 1},
		{"2019-03-15", "2019-03-20", 0},
	}
	for _, tt := range tests {
		ds := &data.Dataset{Families: []data.Family{family("A", 1, data.StatusLivesInHome, "")},
			Purchases: []data.Purchase{purchase("A", tt.bought, "1", 9)}, Rents: rents, Assumptions: testAssumptions()}
		res := Compute(ds, day(tt.asOf))
		if h := res.Homes[0]; h.RentMonths != tt.months || !h.RentNotPaid.IsSet() || !h.RentNotPaid.Ptr().V.Equal(decimal.NewFromInt(int64(tt.months))) {
			t.Errorf("bought %s, D %s: %d months, not paid %v; want %d", tt.bought, tt.asOf, h.RentMonths, h.RentNotPaid, tt.months)
		}
	}
}

func TestRentYearsMissing(t *testing.T) {
	t.Parallel()
	// SSB-leie stops in 2019, D = 2022-09-30: L = 2019, with a warning; a
	// home bought before SSB's first year gets no rent figures.
	ds := &data.Dataset{
		Families: []data.Family{family("A", 1, data.StatusLivesInHome, ""), family("B", 1, data.StatusLivesInHome, "")},
		Purchases: []data.Purchase{purchase("A", "2018-06-01", "3000000", 4),
			purchase("B", "2016-06-01", "3000000", 4)},
		Rents: []data.RentRow{{Year: 2018, Rooms: "4", Monthly: decimalOf("15000")},
			{Year: 2019, Rooms: "4", Monthly: decimalOf("16000")}},
		Assumptions: testAssumptions(),
	}
	res := Compute(ds, day("2022-09-30"))
	checkJSON(t, "rent", []any{res.Rent.LatestYear, res.Rent.Homes, res.Homes[0].RentNow, res.Homes[1].RentThen},
		`[2019, 1, "16000", null]`)
	checkJSON(t, "warnings", warningKinds(res.Warnings), `["verdi-mangler", "verdi-mangler", "ssb-leie-aar", "leie-mangler"]`)

	// No SSB-leie at all: no rent figures, one warning.
	ds.Rents = nil
	res = Compute(ds, day("2022-09-30"))
	checkJSON(t, "no SSB-leie", []any{res.Rent.Homes, res.Rent.RentNotPaidTotal, res.Rent.NetSavingTotal, warningKinds(res.Warnings)},
		`[0, "0", null, ["verdi-mangler", "verdi-mangler", "ssb-leie-mangler"]]`)
}

func TestSocietal(t *testing.T) {
	t.Parallel()
	ds := &data.Dataset{Assumptions: testAssumptions()}
	c := newComputation(ds, day("2021-09-30"), false)
	checkJSON(t, "societal", c.societal(results.C(97)), `{
		"children": 97, "cost_per_person": "16400000", "cost_source": "kilde K",
		"scenarios": [
			{"name": "lav", "share": "0.0200", "source": "kilde L", "persons": "1.94", "savings": "31816000"},
			{"name": "basis", "share": "0.0500", "source": "kilde B", "persons": "4.85", "savings": "79540000"},
			{"name": "høy", "share": "0.1000", "source": "kilde H", "persons": "9.70", "savings": "159080000"}],
		"sensitivity": [
			{"scenario": "lav", "share": "0.0200", "cost_change": "-0.2500", "cost_per_person": "12300000", "savings": "23862000"},
			{"scenario": "lav", "share": "0.0200", "cost_change": "0.0000", "cost_per_person": "16400000", "savings": "31816000"},
			{"scenario": "lav", "share": "0.0200", "cost_change": "0.2500", "cost_per_person": "20500000", "savings": "39770000"},
			{"scenario": "basis", "share": "0.0500", "cost_change": "-0.2500", "cost_per_person": "12300000", "savings": "59655000"},
			{"scenario": "basis", "share": "0.0500", "cost_change": "0.0000", "cost_per_person": "16400000", "savings": "79540000"},
			{"scenario": "basis", "share": "0.0500", "cost_change": "0.2500", "cost_per_person": "20500000", "savings": "99425000"},
			{"scenario": "høy", "share": "0.1000", "cost_change": "-0.2500", "cost_per_person": "12300000", "savings": "119310000"},
			{"scenario": "høy", "share": "0.1000", "cost_change": "0.0000", "cost_per_person": "16400000", "savings": "159080000"},
			{"scenario": "høy", "share": "0.1000", "cost_change": "0.2500", "cost_per_person": "20500000", "savings": "198850000"}],
		"formula": "personer = barn × andel; gevinst = personer × kostnad per person"}`)
}

func TestWork(t *testing.T) {
	t.Parallel()
	fu := func(id, date string, work int, aid string) data.FollowUp {
		f := data.FollowUp{FamilyID: id, Date: data.DayOf(day(date))}
		if work >= 0 {
			f.AdultsInWork = intPtr(work)
		}
		if aid != "" {
			f.SocialAssistance = boolPtr(aid == "ja")
		}
		return f
	}
	ds := &data.Dataset{
		Families: []data.Family{
			family("A", 1, data.StatusLivesInHome, ""), family("B", 1, data.StatusLivesInHome, ""),
			family("C", 2, data.StatusLivesInHome, ""), family("D", 2, data.StatusLivesInHome, ""),
			family("E", 2, data.StatusLivesInHome, ""), family("F", 2, data.StatusLivesInHome, ""),
		},
		Purchases: []data.Purchase{
			purchase("A", "2017-01-01", "1", 3), purchase("B", "2017-01-01", "1", 3), purchase("C", "2019-01-01", "1", 3),
			purchase("D", "2019-01-01", "1", 3), purchase("E", "2019-01-01", "1", 3),
		},
		FollowUps: []data.FollowUp{
			fu("A", "2021-06-01", 2, "nei"), fu("A", "2016-01-01", 0, "ja"), fu("A", "2019-01-01", 0, "ja"), // order does not matter
			fu("B", "2016-01-01", 1, "ja"), fu("B", "2021-06-01", 1, "ja"), fu("B", "2022-01-01", 0, "nei"), // after D
			fu("C", "2019-01-01", 0, "ja"),                                   // one observation only
			fu("D", "2018-06-01", -1, "ja"), fu("D", "2021-01-01", 1, "nei"), // work unknown at baseline
			fu("E", "2020-01-01", 0, "ja"), fu("E", "2020-01-01", 1, "nei"), // same day only: no latest
			fu("F", "2018-01-01", 0, "ja"), fu("F", "2021-01-01", 1, "nei"), // not bought
		},
		Assumptions: testAssumptions(),
	}
	res := Compute(ds, day("2021-09-30"))
	checkJSON(t, "work", res.Work, `{
		"families": 3,
		"in_work": {"known": 2, "baseline_count": 1, "latest_count": 2, "baseline": "0.5000", "latest": "1.0000"},
		"social_assistance": {"known": 3, "baseline_count": 3, "latest_count": 1, "baseline": "1.0000", "latest": "0.3333"},
		"by_phase": {
			"1": {"families": 2,
				"in_work": {"known": 2, "baseline_count": 1, "latest_count": 2, "baseline": "0.5000", "latest": "1.0000"},
				"social_assistance": {"known": 2, "baseline_count": 2, "latest_count": 1, "baseline": "1.0000", "latest": "0.5000"}},
			"2": {"families": 1,
				"in_work": {"known": 0, "baseline_count": 0, "latest_count": 0, "baseline": null, "latest": null},
				"social_assistance": {"known": 1, "baseline_count": 1, "latest_count": 0, "baseline": "1.0000", "latest": "0.0000"}}}}`)
}

func TestContext(t *testing.T) {
	t.Parallel()
	row := func(ind string, year int, v string) data.ContextRow {
		return data.ContextRow{Indicator: ind, Year: year, Value: decimalOf(v)}
	}
	ds := &data.Dataset{
		Context: []data.ContextRow{
			row("Barn i vedvarende lavinntekt", 2018, "1782"), row("Barn i vedvarende lavinntekt", 2017, "1685"),
			row("Barn i vedvarende lavinntekt", 2022, "2000"), // after Y
			row("Andel", 2019, "0"), row("Andel", 2020, "0.5"),
			row("Ett år", 2020, "12.5"),
		},
		Assumptions: testAssumptions(),
	}
	res := Compute(ds, day("2021-09-30"))
	checkJSON(t, "context", res.Context, `[
		{"indicator": "Barn i vedvarende lavinntekt", "series": [{"year": 2017, "value": "1685.0000"}, {"year": 2018, "value": "1782.0000"}],
		 "change": "97.0000", "change_pct": "0.0576"},
		{"indicator": "Andel", "series": [{"year": 2019, "value": "0.0000"}, {"year": 2020, "value": "0.5000"}],
		 "change": "0.5000", "change_pct": null},
		{"indicator": "Ett år", "series": [{"year": 2020, "value": "12.5000"}], "change": "0.0000", "change_pct": null}]`)
}

func TestMorePurchasesAndUnknownStatus(t *testing.T) {
	t.Parallel()
	ds := &data.Dataset{
		Families: []data.Family{family("A", 1, data.StatusLivesInHome, ""), family("B", 2, "", "")},
		Purchases: []data.Purchase{
			purchase("A", "2019-05-01", "4000000", 4),
			purchase("A", "2017-05-01", "3000000", 3), // the earliest is the programme purchase
			purchase("B", "2018-05-01", "3000000", 3),
			purchase("X", "2018-05-01", "3000000", 3), // no such family
		},
		Assumptions: testAssumptions(),
	}
	res := Compute(ds, day("2021-09-30"))
	checkJSON(t, "homes", []any{len(res.Homes), res.Homes[0].Price, res.Homes[0].PurchaseDate, res.Homes[1].StatusAt},
		`[2, "3000000", "2017-05-01", "ukjent"]`)
	checkJSON(t, "warnings", warningKinds(res.Warnings), `["kjop-uten-familie", "status-mangler", "km-mangler-dato", "verdi-mangler", "verdi-mangler", "ssb-leie-mangler"]`)
	for _, w := range res.Warnings {
		if w.FamilyID != "" && !bytes.Contains([]byte(w.Message), []byte(w.FamilyID)) {
			t.Errorf("warning %q does not name its family %s", w.Message, w.FamilyID)
		}
	}
}

func TestWarningsCapped(t *testing.T) {
	t.Parallel()
	ds := &data.Dataset{Assumptions: testAssumptions()}
	for i := range MaxFamilyWarnings + 5 {
		id := "F" + string(rune('A'+i/26)) + string(rune('A'+i%26))
		ds.Families = append(ds.Families, family(id, 1, data.StatusLivesInHome, ""))
		ds.Purchases = append(ds.Purchases, purchase(id, "2019-01-01", "1", 3))
	}
	res := Compute(ds, day("2021-09-30"))
	var valueWarnings []results.Warning
	for _, w := range res.Warnings {
		if w.Kind == "verdi-mangler" {
			valueWarnings = append(valueWarnings, w)
		}
	}
	if len(valueWarnings) != MaxFamilyWarnings+1 {
		t.Fatalf("%d value warnings, want %d", len(valueWarnings), MaxFamilyWarnings+1)
	}
	if last := valueWarnings[MaxFamilyWarnings]; last.FamilyID != "" || last.Count != 5 ||
		last.Message != "Ytterligere 5 familier har samme advarsel (verdi-mangler); se de "+strconv.Itoa(MaxFamilyWarnings)+" første over." {
		t.Errorf("summary warning = %+v", last)
	}
}

func TestComputeIsDeterministic(t *testing.T) {
	t.Parallel()
	// Rows in another order (no ties) give the same bytes: nothing depends
	// on input order or map iteration.
	ds := syntheticDataset(500)
	asOf := day("2024-09-30")
	first := compact(t, Compute(ds, asOf))
	rev := *ds
	rev.Families = reversed(ds.Families)
	rev.Children = reversed(ds.Children)
	rev.Purchases = reversed(ds.Purchases)
	rev.FollowUps = reversed(ds.FollowUps)
	rev.Rents = reversed(ds.Rents)
	rev.PriceIndex = reversed(ds.PriceIndex)
	for range 3 {
		if again := compact(t, Compute(&rev, asOf)); again != first {
			t.Fatal("Compute gave different results for the same data in another order")
		}
	}
}

func reversed[T any](s []T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

// SSB-leie's Kilde and Merknad reach the results: the sources distinct and
// sorted, the notes line by line, each once, in the order read.
func TestRentSourceAndNotes(t *testing.T) {
	ds := &data.Dataset{
		Families:    []data.Family{family("A", 1, data.StatusLivesInHome, "")},
		Purchases:   []data.Purchase{purchase("A", "2019-03-15", "3000000", 3)},
		Assumptions: testAssumptions(),
		Rents: []data.RentRow{
			{Year: 2019, Rooms: "3", Monthly: decimalOf("1"), Source: "SSB, tabell 09895", Note: "Første.\nAndre."},
			{Year: 2020, Rooms: "3", Monthly: decimalOf("1"), Source: "Egen telling", Note: "Andre.\n\n Tredje. "},
			{Year: 2021, Rooms: "3", Monthly: decimalOf("1"), Source: "SSB, tabell 09895"},
		},
	}
	res := Compute(ds, day("2022-09-30"))
	checkJSON(t, "rent source and notes", []any{res.Rent.Source, res.Rent.Notes},
		`["Egen telling; SSB, tabell 09895", ["Første.", "Andre.", "Tredje."]]`)
	res = Compute(&data.Dataset{Assumptions: testAssumptions()}, day("2022-09-30"))
	checkJSON(t, "no rows", []any{res.Rent.Source, res.Rent.Notes}, `["", []]`)
}
