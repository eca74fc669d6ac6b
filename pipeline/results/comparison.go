package results

import "bobra/data"

// Comparison sets this evaluation's key figures beside those of a previous
// evaluation (--forrige), for the section "Endring siden forrige
// evaluering" and the sheet of the same name in resultater.xlsx.
type Comparison struct {
	PreviousAsOf data.Date `json:"previous_as_of"`
	// PreviousPublic says the previous file was a public one, so some of
	// its figures may be missing.
	PreviousPublic bool            `json:"previous_public"`
	Rows           []ComparisonRow `json:"rows"`
}

// Units of a comparison row, saying how to format its figures.
const (
	UnitCount = "count" // whole number
	UnitMoney = "money" // kroner
	UnitShare = "share" // proportion; Change is in share points
)

// ComparisonRow is one key figure then and now. A nil figure was not
// available in that evaluation (e.g. no retention at 5 years yet); a
// figure with Hidden set is withheld by the small-number rule.
type ComparisonRow struct {
	// ID is the figure's path in resultater.json, e.g. "stability.by_phase.1.rate".
	ID       string  `json:"id"`
	Label    string  `json:"label"` // Norwegian, e.g. "Andel som bor stabilt, del 1"
	Unit     string  `json:"unit"`
	Previous *Number `json:"previous"`
	Current  *Number `json:"current"`
	// Change is Current − Previous (for shares: the difference in share
	// points, 0.05 = 5 percentage points).
	Change *Number `json:"change"`
	// ChangePct is Change / Previous; nil for shares and when Previous is 0.
	ChangePct *Share `json:"change_pct"`
}
