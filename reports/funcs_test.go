package reports

import (
	"testing"

	"bobra/data"
	"bobra/internal/norfmt"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"
)

// resultater.json holds an assumption's value; the reports write it in
// Norwegian by what the parameter is.
func TestFormatAssumption(t *testing.T) {
	t.Parallel()
	const nb = norfmt.NBSP
	tests := []struct {
		name, value, want string
	}{
		{data.ParamShareBase, "0.05", "5" + nb + "%"},
		{data.ParamCostPerPerson, "16400000", "kr" + nb + "16" + nb + "400" + nb + "000"},
		{data.ParamEvaluationDate, "2021-09-30", "30.09.2021"},
		{"Dager per år", "365.25", "365,25"},
		{compute.ParamCostChanges, "-0.25, 0, 0.25", "−25" + nb + "%, 0" + nb + "%, +25" + nb + "%"},
		{compute.ParamCostChanges, "ikke et tall", "ikke et tall"},
		{"Prosjektnavn", "Barn bor bra i Bærum", "Barn bor bra i Bærum"},
	}
	for _, tt := range tests {
		if got := FormatAssumption(results.Assumption{Name: tt.name, Value: tt.value}); got != tt.want {
			t.Errorf("%s = %q: %q, want %q", tt.name, tt.value, got, tt.want)
		}
	}
}
