package data

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"bobra/internal/fastdec"

	"github.com/shopspring/decimal"
)

// These tests pin the sample's raw facts (the seeds' figures and the
// sample's own consistency); the metrics engine tests the computed figures.

// samplePurchaseOf returns each family's earliest purchase.
func samplePurchaseOf(ds *Dataset) map[string]Purchase {
	out := map[string]Purchase{}
	for _, p := range ds.Purchases {
		if q, ok := out[p.FamilyID]; !ok || p.Date.Before(q.Date.Date()) {
			out[p.FamilyID] = p
		}
	}
	return out
}

func TestSampleCountsAsOf(t *testing.T) {
	t.Parallel()
	type counts struct {
		Bought, Phase1, Phase2, Children int
		Stable1, Left1, Stable2, Left2   int
		Unknown                          int
		Enrolled                         int
	}
	tests := []struct {
		asOf Date
		want counts
	}{
		{SampleEvaluationDate, counts{Bought: 40, Phase1: 13, Phase2: 27, Children: 97,
			Stable1: 10, Left1: 3, Stable2: 27, Left2: 0, Unknown: 0, Enrolled: 43}},
		{SampleFollowUpDate, counts{Bought: 44, Phase1: 13, Phase2: 31, Children: 105,
			Stable1: 10, Left1: 3, Stable2: 29, Left2: 1, Unknown: 1, Enrolled: 47}},
	}
	for _, tt := range tests {
		t.Run(tt.asOf.String(), func(t *testing.T) {
			ds := Sample()
			bought := samplePurchaseOf(ds)
			var got counts
			boughtBy := map[string]bool{}
			for _, f := range ds.Families {
				p, ok := bought[f.ID]
				if !f.Enrolled.IsZero() && !f.Enrolled.After(tt.asOf) || f.Enrolled.IsZero() && ok && !p.Date.After(tt.asOf) {
					got.Enrolled++
				}
				if !ok || p.Date.After(tt.asOf) {
					continue
				}
				boughtBy[f.ID] = true
				got.Bought++
				status := StatusLivesInHome
				if !f.StatusDate.IsZero() && !f.StatusDate.After(tt.asOf) {
					status = f.Status
				}
				stable := status == StatusLivesInHome || status == StatusMovedToOwned
				left := status == StatusSoldAndRents || status == StatusForcedSale
				switch {
				case status == StatusUnknown:
					got.Unknown++
				case f.Phase == Phase1 && stable:
					got.Stable1++
				case f.Phase == Phase1 && left:
					got.Left1++
				case stable:
					got.Stable2++
				case left:
					got.Left2++
				}
				if f.Phase == Phase1 {
					got.Phase1++
				} else {
					got.Phase2++
				}
			}
			for _, c := range ds.Children {
				if boughtBy[c.FamilyID] && c.BirthYear <= tt.asOf.Year {
					got.Children++
				}
			}
			if got != tt.want {
				t.Errorf("as of %s:\n got %+v\nwant %+v", tt.asOf, got, tt.want)
			}
		})
	}
}

func TestSamplePhasesAndStatuses(t *testing.T) {
	t.Parallel()
	ds := Sample()
	bought := samplePurchaseOf(ds)
	statuses := map[string]int{}
	for _, f := range ds.Families {
		p, ok := bought[f.ID]
		if !ok {
			continue
		}
		y := p.Date.Year()
		switch {
		case f.Phase == Phase1 && (y < 2016 || y > 2018):
			t.Errorf("%s: part 1 bought in %d", f.ID, y)
		case f.Phase == Phase2 && y < 2019:
			t.Errorf("%s: part 2 bought in %d", f.ID, y)
		}
		if f.Phase == Phase1 {
			statuses[f.Status]++
			if (f.Status == StatusSoldAndRents || f.Status == StatusForcedSale) && !f.StatusDate.Before(SampleEvaluationDate) {
				t.Errorf("%s left ownership on %s, not before the evaluation", f.ID, f.StatusDate)
			}
		}
	}
	// Part 1 shows every kind of stable and left status.
	want := map[string]int{StatusLivesInHome: 8, StatusMovedToOwned: 2, StatusSoldAndRents: 2, StatusForcedSale: 1}
	if !reflect.DeepEqual(statuses, want) {
		t.Errorf("part-1 statuses = %v, want %v", statuses, want)
	}
}

func TestSampleAgeGroups(t *testing.T) {
	t.Parallel()
	ds := Sample()
	bought := samplePurchaseOf(ds)
	groups := map[string]int{}
	for _, c := range ds.Children {
		p, ok := bought[c.FamilyID]
		if !ok || p.Date.After(SampleEvaluationDate) {
			continue
		}
		switch age := 2021 - c.BirthYear; {
		case age <= 5:
			groups["0-5"]++
		case age <= 12:
			groups["6-12"]++
		case age <= 17:
			groups["13-17"]++
		default:
			groups["18+"]++
		}
	}
	for _, g := range []string{"0-5", "6-12", "13-17", "18+"} {
		if groups[g] == 0 {
			t.Errorf("no child aged %s in 2021: %v", g, groups)
		}
	}
}

func TestSampleExampleHome(t *testing.T) {
	t.Parallel()
	ds := Sample()
	var p Purchase
	for _, q := range ds.Purchases {
		if q.FamilyID == "F001" {
			p = q
		}
	}
	if p.Date.Date() != NewDate(2016, time.June, 15) || !p.Price.Decimal().Equal(decimal.NewFromInt(3350000)) ||
		p.Rooms != 4 || !p.Area.IsSet() || !p.Area.Decimal().Equal(decimal.NewFromInt(89)) {
		t.Fatalf("example home = %+v", p)
	}
	var v Valuation
	for _, w := range ds.Valuations {
		if w.FamilyID == "F001" && w.Date.Year() == 2020 {
			v = w
		}
	}
	// Valued exactly four years after purchase, so the yearly growth is
	// (4100000/3350000)^(1/4) - 1.
	if v.Date.Date() != NewDate(2020, time.June, 15) || !v.Value.Decimal().Equal(decimal.NewFromInt(4100000)) {
		t.Errorf("example valuation = %+v", v)
	}
	if gain := v.Value.Decimal().Sub(p.Price.Decimal()); !gain.Equal(decimal.NewFromInt(750000)) {
		t.Errorf("gain = %s", gain)
	}
	var f Family
	for _, g := range ds.Families {
		if g.ID == "F001" {
			f = g
		}
	}
	if f.Phase != Phase1 || f.Status != StatusLivesInHome {
		t.Errorf("example family = %+v", f)
	}
}

func TestSampleSSB(t *testing.T) {
	t.Parallel()
	ds := Sample()
	rent := map[int]map[string]decimal.Decimal{}
	for _, r := range ds.Rents {
		if r.Region != "Oslo og Bærum kommune" || r.Source != "SSB, tabell 09895, oppdatert 22.12.2025 (CC BY 4.0)" {
			t.Errorf("rent region %q, source %q", r.Region, r.Source)
		}
		if !strings.Contains(r.Note, "Gjennomsnittsleiene er ikke direkte sammenlignbare mellom årganger") {
			t.Errorf("rent note %q lacks SSB's note on comparing years", r.Note)
		}
		if rent[r.Year] == nil {
			rent[r.Year] = map[string]decimal.Decimal{}
		}
		if _, dup := rent[r.Year][r.Rooms]; dup {
			t.Errorf("duplicate rent %d %s", r.Year, r.Rooms)
		}
		rent[r.Year][r.Rooms] = r.Monthly
	}
	// SSB's table 09895, zone 01, Husleie, read off the document by hand.
	want := map[string][]int64{
		"1":  {6300, 6810, 6930, 7170, 7740, 8160, 8750, 8930, 8750, 8860, 9660, 10410, 9730, 10090},
		"2":  {8500, 9000, 9320, 9900, 10200, 10710, 11240, 11650, 12080, 12310, 12770, 13850, 14400, 15260},
		"3":  {10750, 11370, 11750, 12460, 12880, 13120, 13500, 14100, 14810, 14920, 15680, 16790, 17630, 19030},
		"4":  {12800, 13530, 13980, 14560, 15150, 15900, 16460, 17150, 18410, 18690, 19370, 20530, 21100, 23200},
		"5+": {15470, 17350, 17150, 16830, 18260, 18410, 20480, 21430, 22270, 23010, 22780, 24990, 27300, 26250},
	}
	got := map[string][]int64{}
	for y := 2012; y <= 2025; y++ {
		for _, rooms := range []string{"1", "2", "3", "4", "5+"} {
			m, ok := rent[y][rooms]
			if !ok {
				t.Errorf("no rent for %d, %s rooms", y, rooms)
				continue
			}
			got[rooms] = append(got[rooms], m.IntPart())
		}
	}
	if !reflect.DeepEqual(got, want) || len(ds.Rents) != 70 {
		t.Errorf("rents = %v (%d rows), want SSB's %v", got, len(ds.Rents), want)
	}
	// The price index is invented, and its Kilde says so.
	for _, r := range ds.PriceIndex {
		if !strings.HasPrefix(r.Source, "Illustrativ (oppdiktet") {
			t.Errorf("price index %d has Kilde %q", r.Year, r.Source)
		}
	}
	for _, tt := range []struct {
		year int
		want int64
	}{{2016, 15150}, {2020, 18410}} {
		if got := rent[tt.year]["4"]; !got.Equal(decimal.NewFromInt(tt.want)) {
			t.Errorf("4-room rent %d = %s, want %d", tt.year, got, tt.want)
		}
	}
	var years []int
	for _, p := range ds.PriceIndex {
		years = append(years, p.Year)
		if !p.Index.IsPositive() {
			t.Errorf("index %d = %s", p.Year, p.Index)
		}
	}
	if !reflect.DeepEqual(years, []int{2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023}) {
		t.Errorf("index years = %v", years)
	}
}

func TestSampleContextAndAssumptions(t *testing.T) {
	t.Parallel()
	ds := Sample()
	type ctx struct {
		Indicator string
		Year      int
		Value     string
	}
	var got []ctx
	for _, c := range ds.Context {
		got = append(got, ctx{c.Indicator, c.Year, c.Value.String()})
	}
	want := []ctx{{"Barn i vedvarende lavinntekt", 2017, "1685"}, {"Barn i vedvarende lavinntekt", 2018, "1782"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("context = %v, want %v", got, want)
	}
	a := ds.Assumptions
	if a.Programme != "Barn bor bra i Bærum" || a.Municipality != "Bærum kommune" || a.EvaluationDate != SampleEvaluationDate ||
		!a.CostPerPerson.Equal(decimal.NewFromInt(16400000)) || a.SmallCount != 3 ||
		a.ShareLow.String() != "0.02" || a.ShareBase.String() != "0.05" || a.ShareHigh.String() != "0.1" {
		t.Errorf("assumptions = %+v", a)
	}
	// 97 children × 5 % = 4.85 persons × 16 400 000 kr = 79 540 000 kr.
	if s := decimal.NewFromInt(97).Mul(a.ShareBase).Mul(a.CostPerPerson); !s.Equal(decimal.NewFromInt(79540000)) {
		t.Errorf("base savings = %s", s)
	}
	for _, p := range a.Params {
		if p.Source == "" {
			t.Errorf("parameter %s has no source", p.Name)
		}
	}
}

// TestSampleConsistent checks the rules the validator enforces, so the
// sample reads without errors or warnings.
func TestSampleConsistent(t *testing.T) {
	t.Parallel()
	ds := Sample()
	last := SampleFollowUpDate
	id := regexp.MustCompile(`^F\d{3}$`)
	families := map[string]Family{}
	for _, f := range ds.Families {
		if !id.MatchString(f.ID) {
			t.Errorf("family id %q is not a case pseudonym", f.ID)
		}
		if _, dup := families[f.ID]; dup {
			t.Errorf("duplicate family %s", f.ID)
		}
		families[f.ID] = f
		if f.Status != "" && f.Status != StatusLivesInHome && f.StatusDate.IsZero() {
			t.Errorf("%s: status %q without date", f.ID, f.Status)
		}
		if f.Enrolled.After(last) || f.StatusDate.After(last) {
			t.Errorf("%s: date after %s", f.ID, last)
		}
	}
	children := map[string]int{}
	for _, c := range ds.Children {
		if _, ok := families[c.FamilyID]; !ok {
			t.Errorf("child of unknown family %s", c.FamilyID)
		}
		children[c.FamilyID]++
	}
	purchases := map[string]int{}
	for _, p := range ds.Purchases {
		purchases[p.FamilyID]++
		f, ok := families[p.FamilyID]
		if !ok {
			t.Errorf("purchase of unknown family %s", p.FamilyID)
			continue
		}
		if p.Date.After(last) {
			t.Errorf("%s: purchase after %s", p.FamilyID, last)
		}
		if !f.Enrolled.IsZero() && p.Date.Before(f.Enrolled.Date()) {
			t.Errorf("%s: purchase before enrolment", f.ID)
		}
		if !f.StatusDate.IsZero() && f.StatusDate.Before(p.Date.Date()) {
			t.Errorf("%s: status date before purchase", f.ID)
		}
		if f.Status == "" {
			t.Errorf("%s: purchase without status", f.ID)
		}
		if p.StartLoan.IsSet() && p.StartLoan.Decimal().GreaterThan(p.Price.Decimal()) {
			t.Errorf("%s: start loan above price", f.ID)
		}
		if p.Area.IsSet() {
			perM2 := p.Price.Decimal().Div(p.Area.Decimal())
			if perM2.LessThan(decimal.NewFromInt(10000)) || perM2.GreaterThan(decimal.NewFromInt(150000)) {
				t.Errorf("%s: %s kr per m²", f.ID, perM2.StringFixed(0))
			}
		}
		if children[f.ID] == 0 {
			t.Errorf("%s: purchase without children", f.ID)
		}
		for _, c := range ds.Children {
			if c.FamilyID == f.ID && p.Date.Year()-c.BirthYear >= 18 {
				t.Errorf("%s: child born %d is adult in the purchase year", f.ID, c.BirthYear)
			}
		}
	}
	for id, n := range purchases {
		if n > 1 {
			t.Errorf("%s has %d purchases", id, n)
		}
	}
	bought := samplePurchaseOf(ds)
	for _, v := range ds.Valuations {
		p, ok := bought[v.FamilyID]
		if !ok || !v.Date.After(p.Date.Date()) || v.Date.After(last) || v.Source == "" {
			t.Errorf("valuation %+v: no purchase before it, after %s or without source", v, last)
		}
	}
	for _, o := range ds.FollowUps {
		if _, ok := families[o.FamilyID]; !ok || o.Date.After(last) {
			t.Errorf("follow-up %+v", o)
		}
	}
}

func TestSampleIsFresh(t *testing.T) {
	t.Parallel()
	a, b := Sample(), Sample()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Sample is not deterministic")
	}
	a.Families[0].ID = "X"
	a.Purchases[0].StartLoan = fastdec.Packed{}
	if b.Families[0].ID != "F001" || !b.Purchases[0].StartLoan.IsSet() {
		t.Error("changing one sample changed another")
	}
}
