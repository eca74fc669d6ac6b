package compute

import (
	"testing"

	"bobra/data"
)

// Without Eksempelbolig, the example is the bought home with the most
// valuations; a name that has not bought falls back to it with a warning.
func TestExampleChoice(t *testing.T) {
	for _, name := range []string{"", "F999"} {
		ds := data.Sample()
		ds.Assumptions.ExampleHome = name
		res := Compute(ds, data.SampleFollowUpDate)
		count := map[string]int{}
		for _, v := range ds.Valuations {
			if !v.Date.After(data.SampleFollowUpDate) {
				count[v.FamilyID]++
			}
		}
		most := 0
		for _, n := range count {
			most = max(most, n)
		}
		ex := res.Example
		if ex == nil || ex.Chosen != "flest verdivurderinger" || count[ex.FamilyID] != most {
			t.Errorf("%q: example %+v; want a home with %d valuations", name, ex, most)
		}
		warned := false
		for _, w := range res.Warnings {
			if w.Kind == "eksempelbolig-ukjent" {
				warned = true
			}
		}
		if warned != (name != "") {
			t.Errorf("%q: warned %v", name, warned)
		}
	}
	res := Compute(data.Sample(), data.SampleEvaluationDate)
	if ex := res.Example; ex == nil || ex.Chosen != "parameter" || ex.FamilyID != "F001" || ex.RentIncreaseMonth.V.IntPart() != 3260 {
		t.Errorf("sample example %+v; want F001 with +3 260 kr a month", ex)
	}
}
