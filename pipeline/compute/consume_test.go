package compute

import (
	"reflect"
	"testing"

	"bobra/data"
)

// computeCase is a dataset and an evaluation date to compute it at.
type computeCase struct {
	name string
	ds   func() *data.Dataset
	asOf data.Date
}

// computeCases are the datasets on which two ways of computing must agree:
// the sample and a dataset of the national workbooks' shape, each at a
// date that sees all of it and at one that sees only its start.
func computeCases() []computeCase {
	return []computeCase{
		{"sample", data.Sample, data.SampleEvaluationDate},
		{"sample 2021", data.Sample, day("2021-09-30")},
		{"national shape", func() *data.Dataset { return syntheticDataset(3000) }, day("2024-09-30")},
		{"national shape, earlier", func() *data.Dataset { return syntheticDataset(3000) }, day("2016-06-30")},
	}
}

// Consume must give what Compute gives, field for field, and leave the
// dataset with its Assumptions and Files only.
func TestConsumeMatchesCompute(t *testing.T) {
	t.Parallel()
	withExample := func(ds *data.Dataset, id string) *data.Dataset {
		ds.Assumptions.ExampleHome = id
		return ds
	}
	tests := append(computeCases(), []computeCase{
		{"example named", func() *data.Dataset { return withExample(syntheticDataset(500), "S0000042") }, day("2024-09-30")},
		{"example unknown", func() *data.Dataset { return withExample(syntheticDataset(500), "X") }, day("2024-09-30")},
		{"empty", func() *data.Dataset { return &data.Dataset{} }, day("2024-09-30")},
		{"rough rows", func() *data.Dataset {
			// A duplicate FamilieID, a purchase without a family, a blank
			// status, no SSB tables: every warning of the early stages.
			return &data.Dataset{
				Families: []data.Family{family("A", 1, data.StatusLivesInHome, ""), family("B", 2, "", ""),
					family("A", 2, data.StatusForcedSale, "2020-01-01"), family("C", 1, data.StatusSoldAndRents, "")},
				Children: []data.Child{{FamilyID: "A", BirthYear: 2015}, {FamilyID: "X", BirthYear: 2010}},
				Purchases: []data.Purchase{purchase("A", "2019-05-01", "4000000", 4), purchase("A", "2017-05-01", "3000000", 3),
					purchase("B", "2018-05-01", "3000000", 7), purchase("C", "2018-02-01", "2500000", 2),
					purchase("X", "2018-05-01", "3000000", 3)},
				FollowUps:   []data.FollowUp{{FamilyID: "A", Date: data.DayOf(day("2018-01-01"))}, {FamilyID: "A", Date: data.DayOf(day("2020-01-01"))}},
				Assumptions: testAssumptions(),
			}
		}, day("2021-09-30")},
	}...)
	for _, tt := range tests {
		want := Compute(tt.ds(), tt.asOf)
		ds := tt.ds()
		kept := data.Dataset{Assumptions: ds.Assumptions, Files: ds.Files}
		got := Consume(ds, tt.asOf)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Consume gives\n%s\nCompute gives\n%s", tt.name, compact(t, got), compact(t, want))
		}
		if !reflect.DeepEqual(*ds, kept) {
			t.Errorf("%s: Consume left rows in the dataset", tt.name)
		}
	}
}
