package compute

import (
	"testing"

	"bobra/data"
	"bobra/pipeline/results"
)

// homeOf returns the home of family id.
func homeOf(t *testing.T, res *results.Results, id string) results.Home {
	t.Helper()
	for _, h := range res.Homes {
		if h.FamilyID == id {
			return h
		}
	}
	t.Fatalf("no home for %s", id)
	return results.Home{}
}

// TestSample2021 checks the figures of the programme's 2021 evaluation, as
// the seed documents give them (with their arithmetic slips corrected).
func TestSample2021(t *testing.T) {
	t.Parallel()
	res := Compute(data.Sample(), data.SampleEvaluationDate)
	if res.AsOf != data.NewDate(2021, 9, 30) || res.Programme != "Barn bor bra i Bærum" || res.Municipality != "Bærum kommune" {
		t.Errorf("header: %v %q %q", res.AsOf, res.Programme, res.Municipality)
	}
	checkJSON(t, "bought families", []any{res.Families.Bought, res.Families.BoughtByPhase}, `[40, {"1": 13, "2": 27}]`)
	checkJSON(t, "children", []any{res.Children.Total, res.Children.ByPhase}, `[97, {"1": 34, "2": 63}]`)
	// Part 1: 10 of the 13 first families live stably.
	checkJSON(t, "stability part 1", res.Stability.ByPhase.P1, `{"stable": 10, "left": 3, "unknown": 0, "rate": "0.7692"}`)
	// Events 508, 549 and 854 days after purchase with 25, 24 and 15 homes
	// at risk: S = 24/25 × 23/24 × 14/15 = 0.8587 from day 854 on.
	checkJSON(t, "retention", res.Stability.Retention, `[
		{"years": "1.0000", "rate": "1.0000", "at_risk": 29},
		{"years": "3.0000", "rate": "0.8587", "at_risk": 10},
		{"years": "5.0000", "rate": "0.8587", "at_risk": 2}]`)

	// The example home: 4 rooms, 89 m², bought 2016 for 3 350 000, valued
	// 4 100 000 four years later. Rent now is SSB(Y − 1) = SSB(2020).
	// Months July 2016 – August 2021 = 62; not paid = 6 × 15 150 +
	// 12 × (15 690 + 16 440 + 17 310 + 18 410) + 8 × 18 410 (2021 → 2020).
	checkJSON(t, "example home", homeOf(t, res, "F001"), `{
		"family_id": "F001", "phase": 1, "purchase_date": "2016-06-15", "price": "3350000", "rooms": 4,
		"value": "4100000", "value_date": "2020-06-15", "value_estimated": false,
		"gain": "750000", "gain_pct": "0.2239", "annual_pct": "0.0518",
		"rent_then": "15150", "rent_now": "18410", "rent_increase_month": "3260", "rent_increase_year": "39120",
		"rent_increase_pct": "0.2152", "rent_months": 62, "rent_not_paid": "1052380", "net_saving": "190580",
		"status_at": "bor i boligen"}`)

	// 97 × 5 % = 4.85 persons × 16 400 000 = 79 540 000 (the seed says 79 500 000).
	checkJSON(t, "base scenario", res.Societal.Scenarios[1], `{"name": "basis", "share": "0.0500",
		"source": "Evalueringen 2021: «dersom vi tenker at 5 % kunne ha gjort det»", "persons": "4.85", "savings": "79540000"}`)
	// 1 685 → 1 782 is 97 more children (the seed says 102).
	checkJSON(t, "context", res.Context, `[{"indicator": "Barn i vedvarende lavinntekt",
		"series": [{"year": 2017, "value": "1685.0000"}, {"year": 2018, "value": "1782.0000"}],
		"change": "97.0000", "change_pct": "0.0576"}]`)
	checkJSON(t, "warnings", res.Warnings, `[]`)
}

// TestSample2024 runs the same data as of the follow-up: later purchases,
// statuses, valuations and SSB years come in, and nothing else changes.
func TestSample2024(t *testing.T) {
	t.Parallel()
	res := Compute(data.Sample(), data.SampleFollowUpDate)
	checkJSON(t, "bought families", []any{res.Families.Bought, res.Families.BoughtByPhase}, `[44, {"1": 13, "2": 31}]`)
	checkJSON(t, "children", []any{res.Children.Total, res.Children.ByPhase}, `[105, {"1": 34, "2": 71}]`)
	// F025's status is unknown from 2022 (out of the rate), F030 sold in 2024.
	checkJSON(t, "stability", []any{res.Stability.ByPhase.P1, res.Stability.ByPhase.P2}, `[
		{"stable": 10, "left": 3, "unknown": 0, "rate": "0.7692"},
		{"stable": 29, "left": 1, "unknown": 1, "rate": "0.9667"}]`)
	// The newer valuation (2024-04-15) and SSB 2023 are used: months July
	// 2016 – August 2024 = 98, 2024's months priced at 2023's rent.
	h := homeOf(t, res, "F001")
	checkJSON(t, "example home", []any{h.Value, h.ValueDate, h.Gain, h.GainPct, h.AnnualPct, h.RentThen, h.RentNow,
		h.RentIncreaseMonth, h.RentIncreaseYear, h.RentIncreasePct, h.RentMonths, h.RentNotPaid, h.NetSaving},
		`["4650000", "2024-04-15", "1300000", "0.3881", "0.0428", "15150", "20620", "5470", "65640", "0.3611", 98, "1776380", "414180"]`)
	checkJSON(t, "base scenario", []any{res.Societal.Scenarios[1].Persons, res.Societal.Scenarios[1].Savings}, `["5.25", "86100000"]`)
	if res.Rent.LatestYear != 2023 {
		t.Errorf("latest SSB-leie year %d, want 2023", res.Rent.LatestYear)
	}

	// The two evaluations differ, and each equals a fresh computation.
	again := Compute(data.Sample(), data.SampleEvaluationDate)
	if compact(t, again) == compact(t, res) {
		t.Error("the 2021 and 2024 results are the same")
	}
	if compact(t, Compute(data.Sample(), data.SampleFollowUpDate)) != compact(t, res) {
		t.Error("computing twice gave different results")
	}
}
