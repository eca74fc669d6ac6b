package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"bobra/data"

	"github.com/shopspring/decimal"
)

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

// figure reads one key figure from a result set: its value, whether it is
// hidden, and whether it exists at all.
type figure func(r *Results) (v decimal.Decimal, hidden, ok bool)

type figureSpec struct {
	id, label, unit string
	get             figure
}

func countFig(f func(r *Results) Count) figure {
	return func(r *Results) (decimal.Decimal, bool, bool) {
		c := f(r)
		return decimal.NewFromInt(int64(c.N)), c.Hidden, true
	}
}

func moneyFig(f func(r *Results) Money) figure {
	return func(r *Results) (decimal.Decimal, bool, bool) {
		m := f(r)
		return m.V, m.Hidden, true
	}
}

func shareFig(f func(r *Results) *Share) figure {
	return func(r *Results) (decimal.Decimal, bool, bool) {
		s := f(r)
		if s == nil {
			return decimal.Zero, false, false
		}
		return s.V, s.Hidden, true
	}
}

func retentionFig(years int64) figure {
	return func(r *Results) (decimal.Decimal, bool, bool) {
		for _, p := range r.Stability.Retention {
			if p.Years.V.Equal(decimal.NewFromInt(years)) {
				return p.Rate.V, p.Rate.Hidden || p.Years.Hidden, true
			}
		}
		return decimal.Zero, false, false
	}
}

func scenarioFig(name string) figure {
	return func(r *Results) (decimal.Decimal, bool, bool) {
		for _, s := range r.Societal.Scenarios {
			if s.Name == name {
				return s.Savings.V, s.Savings.Hidden, true
			}
		}
		return decimal.Zero, false, false
	}
}

// comparedFigures are the key figures of the comparison, in report order.
var comparedFigures = []figureSpec{
	{"families.enrolled", "Innmeldte familier", UnitCount, countFig(func(r *Results) Count { return r.Families.Enrolled })},
	{"families.bought", "Familier som har kjøpt bolig", UnitCount, countFig(func(r *Results) Count { return r.Families.Bought })},
	{"families.bought_by_phase.1", "Familier som har kjøpt bolig, del 1", UnitCount, countFig(func(r *Results) Count { return r.Families.BoughtByPhase.P1 })},
	{"families.bought_by_phase.2", "Familier som har kjøpt bolig, del 2", UnitCount, countFig(func(r *Results) Count { return r.Families.BoughtByPhase.P2 })},
	{"children.total", "Barn i familiene", UnitCount, countFig(func(r *Results) Count { return r.Children.Total })},
	{"stability.all.stable", "Familier som bor stabilt i eid bolig", UnitCount, countFig(func(r *Results) Count { return r.Stability.All.Stable })},
	{"stability.all.left", "Familier som har gått ut av eid bolig", UnitCount, countFig(func(r *Results) Count { return r.Stability.All.Left })},
	{"stability.by_phase.1.rate", "Andel som bor stabilt, del 1", UnitShare, shareFig(func(r *Results) *Share { return r.Stability.ByPhase.P1.Rate })},
	{"stability.by_phase.2.rate", "Andel som bor stabilt, del 2", UnitShare, shareFig(func(r *Results) *Share { return r.Stability.ByPhase.P2.Rate })},
	{"stability.all.rate", "Andel som bor stabilt, alle", UnitShare, shareFig(func(r *Results) *Share { return r.Stability.All.Rate })},
	{"stability.retention[years=1].rate", "Fortsatt i eid bolig etter 1 år", UnitShare, retentionFig(1)},
	{"stability.retention[years=3].rate", "Fortsatt i eid bolig etter 3 år", UnitShare, retentionFig(3)},
	{"stability.retention[years=5].rate", "Fortsatt i eid bolig etter 5 år", UnitShare, retentionFig(5)},
	{"appreciation.gain_total", "Samlet verdiøkning", UnitMoney, moneyFig(func(r *Results) Money { return r.Appreciation.GainTotal })},
	{"appreciation.gain_pct_median", "Median verdiøkning", UnitShare, shareFig(func(r *Results) *Share { return r.Appreciation.GainPctMedian })},
	{"rent.increase_year_total", "Økning i årlig husleie siden kjøpet", UnitMoney, moneyFig(func(r *Results) Money { return r.Rent.IncreaseYearTotal })},
	{"rent.rent_not_paid_total", "Husleie familiene ikke har betalt", UnitMoney, moneyFig(func(r *Results) Money { return r.Rent.RentNotPaidTotal })},
	{"societal.scenarios[name=lav].savings", "Samfunnsøkonomisk gevinst, lav", UnitMoney, scenarioFig("lav")},
	{"societal.scenarios[name=basis].savings", "Samfunnsøkonomisk gevinst, basis", UnitMoney, scenarioFig("basis")},
	{"societal.scenarios[name=høy].savings", "Samfunnsøkonomisk gevinst, høy", UnitMoney, scenarioFig("høy")},
	{"work.in_work.latest", "Andel med minst én voksen i arbeid (siste oppfølging)", UnitShare, shareFig(func(r *Results) *Share { return r.Work.InWork.Latest })},
}

// Compare sets the key figures of cur beside those of prev. A figure hidden
// on either side hides the change, since the change and the visible side
// would give the hidden one away. Compare is pure.
func Compare(prev, cur *Results) *Comparison {
	c := &Comparison{PreviousAsOf: prev.AsOf, PreviousPublic: prev.Public}
	for _, spec := range comparedFigures {
		row := ComparisonRow{ID: spec.id, Label: spec.label, Unit: spec.unit}
		pv, ph, pok := spec.get(prev)
		cv, ch, cok := spec.get(cur)
		if pok {
			row.Previous = &Number{V: pv, Hidden: ph}
		}
		if cok {
			row.Current = &Number{V: cv, Hidden: ch}
		}
		if pok && cok {
			switch {
			case ph || ch:
				row.Change = &Number{Hidden: true}
				if spec.unit != UnitShare {
					row.ChangePct = &Share{Hidden: true}
				}
			default:
				d := cv.Sub(pv)
				row.Change = &Number{V: d}
				if spec.unit != UnitShare && !pv.IsZero() {
					row.ChangePct = &Share{V: d.DivRound(pv, 10)}
				}
			}
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// ResultsFileName is the JSON output's file name, which --forrige looks for
// when given a folder.
const ResultsFileName = "resultater.json"

// LoadPrevious reads a previous run's resultater.json, given the file or
// the folder it is in. Its errors are Norwegian sentences (*UsageError).
func LoadPrevious(path string) (*Results, InputRecord, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, InputRecord{}, usageErrorf("fant ikke forrige evaluering %q (--forrige).", path)
		}
		return nil, InputRecord{}, usageErrorf("kan ikke lese forrige evaluering %q: %v.", path, err)
	}
	if st.IsDir() {
		path = filepath.Join(path, ResultsFileName)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, InputRecord{}, usageErrorf("mappen %q har ingen %s fra en tidligere kjøring (--forrige).", filepath.Dir(path), ResultsFileName)
		}
		return nil, InputRecord{}, usageErrorf("kan ikke lese forrige evaluering %q: %v.", path, err)
	}
	sum := sha256.Sum256(b)
	rec := InputRecord{Name: filepath.Base(path), Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(b, &head); err != nil || head.Schema == "" {
		return nil, rec, usageErrorf("%s er ikke en resultatfil fra bobra (--forrige): den mangler feltet «schema».", path)
	}
	if major(head.Schema) != major(SchemaVersion) {
		return nil, rec, usageErrorf("%s er laget med en annen versjon av resultatformatet (%s) enn denne (%s), og kan ikke sammenlignes (--forrige).", path, head.Schema, SchemaVersion)
	}
	var prev Results
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&prev); err != nil {
		return nil, rec, usageErrorf("%s kan ikke leses som resultater fra bobra (--forrige): %v.", path, err)
	}
	return &prev, rec, nil
}

// CheckComparable refuses a previous evaluation of another programme or
// municipality, or one made after the current evaluation date.
func CheckComparable(prev, cur *Results, prevName string) error {
	if !sameName(prev.Programme, cur.Programme) {
		return usageErrorf("forrige evaluering (%s) gjelder prosjektet «%s», ikke «%s», og kan ikke sammenlignes (--forrige).", prevName, prev.Programme, cur.Programme)
	}
	if !sameName(prev.Municipality, cur.Municipality) {
		return usageErrorf("forrige evaluering (%s) gjelder kommunen «%s», ikke «%s», og kan ikke sammenlignes (--forrige).", prevName, prev.Municipality, cur.Municipality)
	}
	if prev.AsOf.IsZero() {
		return usageErrorf("forrige evaluering (%s) mangler evalueringsdato (as_of) (--forrige).", prevName)
	}
	if prev.AsOf.After(cur.AsOf) {
		return usageErrorf("forrige evaluering (%s) er per %s, som er etter denne evalueringen (%s) (--forrige).", prevName, prev.AsOf, cur.AsOf)
	}
	return nil
}

func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

func major(schema string) string {
	m, _, _ := strings.Cut(strings.TrimSpace(schema), ".")
	return m
}

// UsageError is wrong use of the command: a flag value that cannot work,
// such as a missing data folder or an output folder inside the data folder.
// Its message is one Norwegian sentence. Nothing is written.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}
