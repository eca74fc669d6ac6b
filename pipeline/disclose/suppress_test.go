package disclose

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

func shareOf(s string) *results.Share { v := results.S(decimal.RequireFromString(s)); return &v }

// small builds results with the given family and stability counts.
func smallResults(p1, p2 int, stab1, stab2 [3]int) *results.Results {
	r := &results.Results{Schema: results.SchemaVersion}
	r.Families.Enrolled = results.C(p1 + p2)
	r.Families.Bought = results.C(p1 + p2)
	r.Families.BoughtByPhase = results.ByPhase[results.Count]{P1: results.C(p1), P2: results.C(p2)}
	set := func(sc *results.StabilityCounts, v [3]int) {
		sc.Stable, sc.Left, sc.Unknown = results.C(v[0]), results.C(v[1]), results.C(v[2])
		if v[0]+v[1] > 0 {
			sc.Rate = shareOf(decimal.NewFromInt(int64(v[0])).DivRound(decimal.NewFromInt(int64(v[0]+v[1])), 10).String())
		}
	}
	set(&r.Stability.ByPhase.P1, stab1)
	set(&r.Stability.ByPhase.P2, stab2)
	set(&r.Stability.All, [3]int{stab1[0] + stab2[0], stab1[1] + stab2[1], stab1[2] + stab2[2]})
	r.Homes = []results.Home{{FamilyID: "F001"}}
	return r
}

func TestSuppressCounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		res  *results.Results
		want []string // Suppressed
	}{
		{
			"nothing small",
			smallResults(13, 27, [3]int{10, 3, 0}, [3]int{27, 0, 0}),
			[]string{},
		},
		{
			// Part 2 has 2 families: hidden; part 1 would give it away via
			// the total, so part 1 is hidden too. Part 2's 2 stable are
			// hidden, and part 1's stable with them (all stable = 1 + 2);
			// the rates resting on them go. All stable (12) may stay: with
			// both parts hidden it gives neither away.
			"small part",
			smallResults(13, 2, [3]int{10, 3, 0}, [3]int{2, 0, 0}),
			[]string{
				"families.bought_by_phase.1", "families.bought_by_phase.2",
				"stability.by_phase.1.stable", "stability.by_phase.1.rate",
				"stability.by_phase.2.stable", "stability.by_phase.2.rate",
			},
		},
		{
			// One family left in part 1: left hidden; stable + left +
			// unknown = part 1 gives it away, so stable goes too; the rates
			// rest on both.
			"one left",
			smallResults(13, 27, [3]int{12, 1, 0}, [3]int{27, 0, 0}),
			[]string{
				"stability.all.left", "stability.all.rate", "stability.all.stable",
				"stability.by_phase.1.left", "stability.by_phase.1.rate", "stability.by_phase.1.stable",
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before, _ := json.Marshal(tc.res)
			p := Suppress(tc.res, 3)
			after, _ := json.Marshal(tc.res)
			if string(before) != string(after) {
				t.Error("Suppress changed its input")
			}
			if !reflect.DeepEqual(p.Suppressed, sortedCopy(tc.want)) {
				t.Errorf("suppressed =\n%q\nwant\n%q", p.Suppressed, sortedCopy(tc.want))
			}
			if !p.Public || len(p.Homes) != 0 {
				t.Errorf("public=%v homes=%d", p.Public, len(p.Homes))
			}
			checkNoSmallVisible(t, p, 3)
		})
	}
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// checkNoSmallVisible walks the public JSON and fails on any visible
// count between 1 and limit−1 (counts are the JSON integers of the
// result tree; years and rooms are not counts).
func checkNoSmallVisible(t *testing.T, res *results.Results, limit int) {
	t.Helper()
	for _, f := range SmallCounts(res, limit) {
		t.Errorf("visible small count at %s", f)
	}
}

func TestSuppressComplementAndDependents(t *testing.T) {
	t.Parallel()
	r := smallResults(20, 20, [3]int{20, 0, 0}, [3]int{20, 0, 0})
	r.Work.Families = results.C(10)
	r.Work.ByPhase.P1.Families = results.C(10)
	r.Work.InWork = results.BaselineLatest{Known: results.C(10), BaselineCount: results.C(5), LatestCount: results.C(9), Baseline: shareOf("0.5"), Latest: shareOf("0.9")}
	r.Work.ByPhase.P1.InWork = r.Work.InWork
	r.Children.Total = results.C(50)
	r.Children.ByPhase = results.ByPhase[results.Count]{P1: results.C(25), P2: results.C(25)}
	r.Children.ByAge = results.AgeGroups{Age0to5: results.C(20), Age6to12: results.C(20), Age13to17: results.C(9), Age18Plus: results.C(1)}
	r.Societal.Children = results.C(50)
	r.Societal.Scenarios = []results.Scenario{{Name: "basis", Share: results.S(decimal.RequireFromString("0.05")), Savings: results.M(decimal.NewFromInt(41000000))}}
	p := Suppress(r, 3)
	// 9 of 10 in work tells that 1 is not: the latest count and share go.
	if !p.Work.InWork.LatestCount.Hidden || !p.Work.InWork.Latest.Hidden {
		t.Errorf("latest in work visible: %+v", p.Work.InWork)
	}
	if p.Work.InWork.BaselineCount.Hidden || p.Work.InWork.Baseline.Hidden {
		t.Errorf("baseline hidden without cause: %+v", p.Work.InWork)
	}
	// One child of 18+: hidden, and the next-smallest age group with it.
	if !p.Children.ByAge.Age18Plus.Hidden || !p.Children.ByAge.Age13to17.Hidden || p.Children.ByAge.Age0to5.Hidden || p.Children.Total.Hidden {
		t.Errorf("age groups = %+v", p.Children.ByAge)
	}
	if p.Societal.Scenarios[0].Savings.Hidden {
		t.Error("savings hidden though the children count is large")
	}
	checkNoSmallVisible(t, p, 3)

	r.Children.Total, r.Societal.Children = results.C(2), results.C(2)
	p = Suppress(r, 3)
	if !p.Societal.Scenarios[0].Savings.Hidden || !p.Societal.Scenarios[0].Persons.Hidden {
		t.Error("savings resting on 2 children are visible")
	}
}

func TestSuppressWarnings(t *testing.T) {
	t.Parallel()
	r := smallResults(13, 27, [3]int{10, 3, 0}, [3]int{27, 0, 0})
	r.Homes = []results.Home{{FamilyID: "F017"}}
	r.Warnings = []results.Warning{
		{Kind: "ssb-aar-mangler", Sheet: "SSB-leie", Message: "SSB-leie mangler 2024; bruker 2023."},
		{Kind: "flere-kjop", File: "kjop.xlsx", Sheet: "Kjøp", Cell: "A7", Message: "F017 har mer enn ett kjøp."},
		{Kind: "flere-kjop", File: "kjop.xlsx", Sheet: "Kjøp", Cell: "A9", Message: "F020 har mer enn ett kjøp."},
		{Kind: "mangler-verdi", Message: "Boligen til F017 har verken verdivurdering eller prisindeks."},
		{Kind: "uten-kjop", Message: "Familie F044 er innmeldt uten kjøp."},
		// A summary of the remarks beyond MaxFamilyWarnings: its count is of families.
		{Kind: "leie-mangler", Count: 2, Message: "Ytterligere 2 familier har samme advarsel (leie-mangler); se de 20 første over."},
	}
	p, _, _ := Protect(r, 3, []string{"F044"}, nil)
	want := []results.Warning{
		r.Warnings[0],
		{Kind: "flere-kjop", Message: "Dataene har advarsler av typen «flere-kjop» som gjelder enkeltfamilier; detaljene står bare i den interne rapporten.", FamilyLevel: true},
		{Kind: "mangler-verdi", Message: "Dataene har advarsler av typen «mangler-verdi» som gjelder enkeltfamilier; detaljene står bare i den interne rapporten.", FamilyLevel: true},
		{Kind: "uten-kjop", Message: "Dataene har advarsler av typen «uten-kjop» som gjelder enkeltfamilier; detaljene står bare i den interne rapporten.", FamilyLevel: true},
		{Kind: "leie-mangler", Message: "Dataene har advarsler av typen «leie-mangler» som gjelder enkeltfamilier; detaljene står bare i den interne rapporten.", FamilyLevel: true},
	}
	if !reflect.DeepEqual(p.Warnings, want) {
		t.Errorf("warnings =\n%+v\nwant\n%+v", p.Warnings, want)
	}
	b, _ := json.Marshal(p)
	for _, id := range []string{"F017", "F020", "F044", "A7", "A9", "Ytterligere", `"count"`} {
		if strings.Contains(string(b), id) {
			t.Errorf("public results contain %s", id)
		}
	}
}

// The sample as of both evaluation dates: the public results show no
// small count, no family row and no FamilieID.
func TestSuppressSample(t *testing.T) {
	t.Parallel()
	for _, asOf := range []data.Date{data.SampleEvaluationDate, data.SampleFollowUpDate} {
		ds := data.Sample()
		res := compute.Compute(ds, asOf)
		p, _, _ := Protect(res, 3, FamilyIDs(ds), nil)
		checkNoSmallVisible(t, p, 3)
		b, _ := json.Marshal(p)
		for _, f := range ds.Families {
			if strings.Contains(string(b), `"`+f.ID+`"`) || strings.Contains(string(b), f.ID+" ") {
				t.Errorf("%s: public results name family %s", asOf, f.ID)
			}
		}
		if p.Families.Bought.Hidden || p.Children.Total.Hidden {
			t.Errorf("%s: key totals hidden", asOf)
		}
	}
}

// Only a count that is itself small is marked Small ("færre enn N"); one
// hidden to protect another is not, since it may be large.
func TestSuppressMarksOnlySmallCounts(t *testing.T) {
	t.Parallel()
	p := Suppress(smallResults(13, 2, [3]int{10, 3, 0}, [3]int{2, 0, 0}), 3)
	got := []results.Count{p.Families.BoughtByPhase.P1, p.Families.BoughtByPhase.P2, p.Stability.ByPhase.P1.Stable, p.Stability.ByPhase.P2.Stable}
	want := []results.Count{{N: 13, Hidden: true}, {N: 2, Hidden: true, Small: true}, {N: 10, Hidden: true}, {N: 2, Hidden: true, Small: true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

func TestPublicWarnings(t *testing.T) {
	general := func(kind string) results.Warning {
		return results.Warning{
			Kind:        kind,
			Message:     "Dataene har advarsler av typen «" + kind + "» som gjelder enkeltfamilier; detaljene står bare i den interne rapporten.",
			FamilyLevel: true,
		}
	}
	assumption := results.Warning{Kind: "antakelse", Sheet: "Forutsetninger", Cell: "B3", Message: "Husleien er anslått."}
	cases := []struct {
		name string
		in   []results.Warning
		want []results.Warning
	}{
		{"none", nil, []results.Warning{}},
		{"not about a family is kept", []results.Warning{assumption}, []results.Warning{assumption}},
		{"at a family sheet's cell, once per kind", []results.Warning{
			{Kind: "flere-kjop", Sheet: "Kjøp", Cell: "B4", Message: "Familien har flere kjøp."},
			{Kind: "flere-kjop", Sheet: "kjøp ", Cell: "B9", Message: "Familien har flere kjøp."},
			assumption,
		}, []results.Warning{general("flere-kjop"), assumption}},
		{"names a FamilieID elsewhere", []results.Warning{
			{Kind: "notat", Sheet: "Forutsetninger", Cell: "B7", Message: "Se familie g-0042."},
		}, []results.Warning{general("notat")}},
		{"a summary or a family's own warning", []results.Warning{
			{Kind: "sammendrag", Message: "12 advarsler til.", Count: 12},
			{Kind: "status", FamilyID: "X1", Message: "Status mangler."},
		}, []results.Warning{general("sammendrag"), general("status")}},
	}
	for _, c := range cases {
		if got := publicWarnings(c.in, []string{"G-0042", "X1"}); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}
