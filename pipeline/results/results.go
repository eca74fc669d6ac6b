// Package results is the schema of an evaluation's figures: Results and
// the value types (Count, Money, Share, Persons, Number) that carry exact
// decimals and fix how each is written in resultater.json. It is the
// contract between the computation, disclosure control and the reports;
// it computes nothing.
package results

import (
	"bytes"
	"encoding/json"
	"strconv"

	"bobra/data"
)

// SchemaVersion identifies the shape of resultater.json. Bump it when a
// field changes meaning or is removed; adding fields keeps it. A previous
// run's file is only compared with when its major version matches.
const SchemaVersion = "1.0"

// Results is every figure of an evaluation as of one date. It is computed
// by compute.Compute from a dataset and is the single source for every
// output format: resultater.json is this struct marshalled, and the
// reports read it.
//
// Definitions of each figure are written on the function that computes it
// (metrics.go) and repeated in the README and the report's method section.
type Results struct {
	Schema       string    `json:"schema"`
	AsOf         data.Date `json:"as_of"`
	Programme    string    `json:"programme"`
	Municipality string    `json:"municipality"`
	// Public is true when the small-number rule has been applied (--offentlig).
	Public bool `json:"public"`
	// Marking says in words whether the file may be shared, for a reader
	// who opens it without knowing what "public" means: MarkingInternal or
	// MarkingPublic.
	Marking string `json:"marking"`
	// Suppressed lists the JSON paths of figures withheld in public outputs.
	Suppressed []string `json:"suppressed"`

	Families     Families     `json:"families"`
	Children     Children     `json:"children"`
	Stability    Stability    `json:"stability"`
	Appreciation Appreciation `json:"appreciation"`
	Rent         Rent         `json:"rent"`
	Societal     Societal     `json:"societal"`
	Work         Work         `json:"work"`
	Context      []Indicator  `json:"context"`
	Survey       []SurveyItem `json:"survey"`
	Quotes       []Quote      `json:"quotes"`
	Resources    *Resources   `json:"resources"` // nil when Ressursbruk is empty
	Financing    Financing    `json:"financing"`
	// Example is one home worked through in the value and rent chapters,
	// as the 2021 evaluation explained its figures; nil without a bought
	// home. Its figures describe one family: hidden in public outputs
	// unless Forutsetninger allows it (Publishable).
	Example *Example `json:"example,omitempty"`
	// Homes are the family-level rows; empty in public outputs.
	Homes       []Home       `json:"homes"`
	Assumptions []Assumption `json:"assumptions"`
	Warnings    []Warning    `json:"warnings"`

	// Comparison is the change since a previous evaluation (--forrige);
	// nil without one. Reports show it as "Endring siden forrige evaluering".
	Comparison *Comparison `json:"comparison,omitempty"`
	// Run says how the run was made (tool, settings, inputs with checksums)
	// for the reports' "Om kjøringen"; set by Run, nil from Compute.
	Run *RunInfo `json:"run,omitempty"`
}

// The markings of a result set.
const (
	MarkingInternal = "INTERN: inneholder tall for enkeltfamilier (med FamilieID) og skal ikke deles utenfor prosjektet."
	MarkingPublic   = "OFFENTLIG: tall under prikkegrensen er skjult, og ingen tall gjelder enkeltfamilier."
)

// Families counts families in the programme (definition 1).
type Families struct {
	Enrolled          Count          `json:"enrolled"`
	Bought            Count          `json:"bought"`
	BoughtByPhase     ByPhase[Count] `json:"bought_by_phase"`
	BoughtByYear      []YearCount    `json:"bought_by_year"`
	SingleParent      Count          `json:"single_parent"`
	HouseholdKnown    Count          `json:"household_known"`
	SingleParentShare *Share         `json:"single_parent_share"`
}

// YearCount is purchases in one calendar year, by part.
type YearCount struct {
	Year    int            `json:"year"`
	ByPhase ByPhase[Count] `json:"by_phase"`
}

// Children counts children of bought families (definition 1).
type Children struct {
	Total   Count          `json:"total"`
	ByPhase ByPhase[Count] `json:"by_phase"`
	ByAge   AgeGroups      `json:"by_age"`
}

// AgeGroups splits children by age at the evaluation date.
type AgeGroups struct {
	Age0to5   Count `json:"0-5"`
	Age6to12  Count `json:"6-12"`
	Age13to17 Count `json:"13-17"`
	Age18Plus Count `json:"18+"`
}

// Stability is status at D and staying in ownership (definitions 2 and 3).
type Stability struct {
	All       StabilityCounts          `json:"all"`
	ByPhase   ByPhase[StabilityCounts] `json:"by_phase"`
	Retention []RetentionPoint         `json:"retention"`
	// Curve is the whole Kaplan–Meier step function, for the chart.
	Curve []RetentionPoint `json:"curve"`
}

// StabilityCounts counts homes by status at D; Rate = Stable/(Stable+Left),
// nil when that denominator is zero.
type StabilityCounts struct {
	Stable  Count  `json:"stable"`
	Left    Count  `json:"left"`
	Unknown Count  `json:"unknown"`
	Rate    *Share `json:"rate"`
}

// RetentionPoint is S(t) of the Kaplan–Meier estimate.
type RetentionPoint struct {
	Years  Number `json:"years"`
	Rate   Share  `json:"rate"`
	AtRisk Count  `json:"at_risk"`
}

// Appreciation sums value development over homes with a value (definition 4).
type Appreciation struct {
	Valued        Count  `json:"valued"`
	Estimated     Count  `json:"estimated"`
	Missing       Count  `json:"missing"`
	PurchaseTotal Money  `json:"purchase_total"`
	ValueTotal    Money  `json:"value_total"`
	GainTotal     Money  `json:"gain_total"`
	GainPctMedian *Share `json:"gain_pct_median"`
	// IndexSource is SSB-prisindeks's Kilde, the distinct values sorted
	// and joined; "" when the sheet has none.
	IndexSource string `json:"index_source"`
	// GainPctHistogram buckets the homes' gain %, for reports at scale.
	GainPctHistogram []Bucket `json:"gain_pct_histogram"`
}

// Bucket is one bar of a histogram: [From, To) and the number of homes.
type Bucket struct {
	From  Share `json:"from"`
	To    Share `json:"to"`
	Count Count `json:"count"`
}

// Rent is what renting would have cost (definition 5).
type Rent struct {
	Region string `json:"region"`
	// Source is SSB-leie's Kilde ("SSB, tabell 09895, oppdatert
	// 22.12.2025 (CC BY 4.0)"), the distinct values sorted and joined; ""
	// when the sheet has none.
	Source string `json:"source"`
	// Notes are SSB's notes to the table from SSB-leie's Merknad, each
	// line once, in the order read; the method section quotes them.
	Notes              []string   `json:"notes"`
	LatestYear         int        `json:"latest_year"`
	Homes              Count      `json:"homes"`
	IncreaseMonthTotal Money      `json:"increase_month_total"`
	IncreaseYearTotal  Money      `json:"increase_year_total"`
	RentNotPaidTotal   Money      `json:"rent_not_paid_total"`
	MonthsTotal        Count      `json:"months_total"`
	HousingCostsTotal  *Money     `json:"housing_costs_total,omitempty"`
	NetSavingTotal     *Money     `json:"net_saving_total,omitempty"`
	NetSavingHomes     Count      `json:"net_saving_homes"`
	Series             []RentLine `json:"series"`
	// IncreasePctHistogram buckets the homes' rent increase %, for reports at scale.
	IncreasePctHistogram []Bucket `json:"increase_pct_histogram"`
}

// RentLine is SSB's monthly rent by year for one room count.
type RentLine struct {
	Rooms  string      `json:"rooms"`
	Points []YearMoney `json:"points"`
}

// YearMoney is an amount in a year.
type YearMoney struct {
	Year  int   `json:"year"`
	Value Money `json:"value"`
}

// Societal is the estimate of savings to society (definition 6).
type Societal struct {
	Children      Count      `json:"children"`
	CostPerPerson Money      `json:"cost_per_person"`
	CostSource    string     `json:"cost_source"`
	Scenarios     []Scenario `json:"scenarios"`
	Sensitivity   []SensCell `json:"sensitivity"`
	Formula       string     `json:"formula"`
}

// Scenario is one row of the savings estimate.
type Scenario struct {
	Name    string  `json:"name"` // lav, basis, høy
	Share   Share   `json:"share"`
	Source  string  `json:"source"`
	Persons Persons `json:"persons"`
	Savings Money   `json:"savings"`
}

// SensCell is one cell of the sensitivity grid: a scenario's share with the
// cost per person changed by CostChange (−0.25, 0, +0.25).
type SensCell struct {
	Scenario      string `json:"scenario"`
	Share         Share  `json:"share"`
	CostChange    Share  `json:"cost_change"`
	CostPerPerson Money  `json:"cost_per_person"`
	Savings       Money  `json:"savings"`
}

// Work is follow-up on work and social assistance (definition 7).
type Work struct {
	Families         Count               `json:"families"`
	InWork           BaselineLatest      `json:"in_work"`
	SocialAssistance BaselineLatest      `json:"social_assistance"`
	ByPhase          ByPhase[WorkCounts] `json:"by_phase"`
}

// WorkCounts is Work for one part.
type WorkCounts struct {
	Families         Count          `json:"families"`
	InWork           BaselineLatest `json:"in_work"`
	SocialAssistance BaselineLatest `json:"social_assistance"`
}

// BaselineLatest is a share at the first and at the latest follow-up:
// BaselineCount and LatestCount families out of Known, the families whose
// answer is filled at both.
type BaselineLatest struct {
	Known         Count  `json:"known"`
	BaselineCount Count  `json:"baseline_count"`
	LatestCount   Count  `json:"latest_count"`
	Baseline      *Share `json:"baseline"`
	Latest        *Share `json:"latest"`
}

// Indicator is one Kontekst series (definition 8).
type Indicator struct {
	Indicator string       `json:"indicator"`
	Series    []YearNumber `json:"series"`
	Change    Number       `json:"change"`
	ChangePct *Share       `json:"change_pct"`
}

// YearNumber is a value in a year.
type YearNumber struct {
	Year  int    `json:"year"`
	Value Number `json:"value"`
}

// ScaleCounts are the answers per step of the survey scale, indexed 0..4 in
// data.SurveyScale order. In JSON they are an object keyed by the answer
// as written ("Helt uenig" … "Helt enig"), in scale order, so a reader of
// resultater.json need not know the order.
type ScaleCounts []Count

func (sc ScaleCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range sc {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(ScaleLabel(i))
		if err != nil {
			return nil, err
		}
		val, _ := c.MarshalJSON()
		b.Write(key)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (sc *ScaleCounts) UnmarshalJSON(b []byte) error {
	var byLabel map[string]Count
	if err := json.Unmarshal(b, &byLabel); err != nil {
		return err
	}
	out := make(ScaleCounts, len(data.SurveyScale))
	for i := range out {
		out[i] = byLabel[ScaleLabel(i)]
	}
	*sc = out
	return nil
}

// ScaleLabel names step i (0-based) of the survey scale.
func ScaleLabel(i int) string {
	if i >= 0 && i < len(data.SurveyScale) {
		return data.SurveyScale[i]
	}
	return strconv.Itoa(i + 1)
}

// SurveyItem is the answers to one statement in one survey round.
type SurveyItem struct {
	Round       int         `json:"round"`
	Statement   string      `json:"statement"`
	Answered    Count       `json:"answered"`
	NoAnswer    Count       `json:"no_answer"`
	Counts      ScaleCounts `json:"counts"` // by step 1..5, in data.SurveyScale order
	AgreeShare  *Share      `json:"agree_share"`
	AgreeChange *Share      `json:"agree_change"` // vs the previous round, when there is one
}

// PreviousRound returns the item for the same statement in the latest
// earlier round, or nil: the round AgreeChange compares with.
func PreviousRound(items []SurveyItem, i int) *SurveyItem {
	var best *SurveyItem
	for j := range items {
		it := &items[j]
		if it.Statement == items[i].Statement && it.Round < items[i].Round && (best == nil || it.Round > best.Round) {
			best = it
		}
	}
	return best
}

// Quote is a family's own words, shown in the section of its theme.
type Quote struct {
	Theme string `json:"theme"`
	Text  string `json:"text"`
	Who   string `json:"who"`
}

// Resources is what the programme cost, and what it pays back.
type Resources struct {
	CostTotal       Money         `json:"cost_total"`
	HoursTotal      Number        `json:"hours_total"`
	ByYear          []ResourceRow `json:"by_year"`
	ByActor         []ResourceRow `json:"by_actor"`
	CostPerFamily   *Money        `json:"cost_per_family"`
	SavingsPerKrone []Ratio       `json:"savings_per_krone"`
	BreakEvenShare  *Share        `json:"break_even_share"`
	// BreakEvenChildren is the break-even share times the children, rounded up.
	BreakEvenChildren Count `json:"break_even_children"`
}

// ResourceRow is cost and hours for a year or an actor.
type ResourceRow struct {
	Year  int    `json:"year,omitempty"`
	Actor string `json:"actor,omitempty"`
	Hours Number `json:"hours"`
	Cost  Money  `json:"cost"`
}

// Ratio is a named ratio (savings per krone spent in a scenario).
type Ratio struct {
	Name  string `json:"name"`
	Ratio Number `json:"ratio"`
}

// Financing is start loans among bought homes.
type Financing struct {
	WithLoan        Count  `json:"with_loan"`
	LoanTotal       Money  `json:"loan_total"`
	LoanShareMedian *Share `json:"loan_share_median"`
}

// Home is one bought home's figures (family-level; internal outputs only).
// The optional figures are values, not pointers: a national run holds
// 300 000 homes.
type Home struct {
	FamilyID       string    `json:"family_id"`
	Phase          int       `json:"phase"`
	PurchaseDate   data.Date `json:"purchase_date"`
	Price          Money     `json:"price"`
	Rooms          int       `json:"rooms"`
	Value          OptMoney  `json:"value"`
	ValueDate      data.Date `json:"value_date"`
	ValueEstimated bool      `json:"value_estimated"`
	Gain           OptMoney  `json:"gain"`
	GainPct        OptShare  `json:"gain_pct"`
	AnnualPct      OptShare  `json:"annual_pct"`
	// HomeRent is the home's rent figures, which depend only on its room
	// count and purchase month: homes that share those share one. Read
	// them through Rent, which stands in for a nil one (Compute always
	// sets it).
	*HomeRent
	NetSaving OptMoney `json:"net_saving"`
	StatusAt  string   `json:"status_at"`
}

// HomeRent is what renting a home would have cost (definition 5); absent
// figures when SSB-leie has none for it.
type HomeRent struct {
	RentThen          OptMoney `json:"rent_then"`
	RentNow           OptMoney `json:"rent_now"`
	RentIncreaseMonth OptMoney `json:"rent_increase_month"`
	RentIncreaseYear  OptMoney `json:"rent_increase_year"`
	RentIncreasePct   OptShare `json:"rent_increase_pct"`
	RentMonths        int      `json:"rent_months"`
	RentNotPaid       OptMoney `json:"rent_not_paid"`
}

// Rent returns the home's rent figures, all absent when it has none.
func (h *Home) Rent() *HomeRent {
	if h.HomeRent == nil {
		return &HomeRent{}
	}
	return h.HomeRent
}

// Example is the worked example: one home's price and value, and SSB's
// rent for a home of its size then and now.
type Example struct {
	// FamilyID names the home; empty in public outputs.
	FamilyID string `json:"family_id,omitempty"`
	// Chosen says how the home was chosen: "parameter" (Eksempelbolig) or
	// "flest verdivurderinger".
	Chosen      string `json:"chosen"`
	Publishable bool   `json:"publishable"`
	Rooms       int    `json:"rooms"`
	// PurchaseYear and ValueYear are the years of the purchase and of the
	// value used (the latest valuation, or D for an estimate).
	PurchaseYear   int    `json:"purchase_year"`
	Price          Money  `json:"price"`
	Value          *Money `json:"value"`
	ValueYear      int    `json:"value_year"`
	ValueEstimated bool   `json:"value_estimated"`
	Gain           *Money `json:"gain"`
	GainPct        *Share `json:"gain_pct"`
	// RentThenYear and RentNowYear are the SSB years of the rents.
	RentThenYear      int    `json:"rent_then_year"`
	RentThen          *Money `json:"rent_then"`
	RentNowYear       int    `json:"rent_now_year"`
	RentNow           *Money `json:"rent_now"`
	RentIncreaseMonth *Money `json:"rent_increase_month"`
	RentIncreaseYear  *Money `json:"rent_increase_year"`
	RentIncreasePct   *Share `json:"rent_increase_pct"`
}

// Assumption is a parameter as used, with its source.
type Assumption struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

// Warning is a data-quality remark that did not stop the run.
type Warning struct {
	Kind  string `json:"kind"`
	File  string `json:"file,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
	// FamilyID is set when the warning is about one family, so that public
	// outputs can leave it out; the message then names the family by its
	// FamilieID and by nothing else.
	FamilyID string `json:"family_id,omitempty"`
	Message  string `json:"message"`
	// Count, when set, is how many remarks of Kind this one warning stands
	// for: a summary of the remarks left out of the list (see
	// MaxFamilyWarnings). Unset means one.
	Count int `json:"count,omitempty"`
	// FamilyLevel marks, in public outputs, the one general sentence that
	// stands for all of a kind's remarks about single families; how many
	// there were is not told.
	FamilyLevel bool `json:"family_level,omitempty"`
}
