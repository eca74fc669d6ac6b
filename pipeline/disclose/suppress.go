// Package disclose decides what a published figure may show: the public
// copy of the results under the small-number rule (Suppress, SmallCounts)
// and the comparison with a previous evaluation (Compare), which is itself
// a figure that could give a hidden count away.
package disclose

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"bobra/data"
	"bobra/internal/outscan"
	"bobra/pipeline/results"
)

// DefaultSmallCount is the small-number threshold (Prikkegrense) when the
// assumptions do not give one: counts of 1 or 2 are withheld.
const DefaultSmallCount = 3

// Suppress returns a public copy of res (--offentlig); res is not changed.
// It is Protect without the previous release, for callers that only show
// the copy (the slides check the audit themselves through Protect).
func Suppress(res *results.Results, limit int) *results.Results {
	p, _, _ := Protect(res, limit, nil, nil)
	return p
}

// Protect returns a public copy of res (--offentlig); res is not changed.
//
// The small-number rule, as documented in the README, with every figure
// and sum taken from the catalogue (results.CatalogueOf):
//   - no family-level rows: Homes is empty;
//   - primary: a count of families, children, homes or respondents
//     between 1 and limit−1 is hidden, and so is every share, mean,
//     median, sum of money or rate computed over fewer than limit units;
//   - secondary: wherever the published figures add up (the sums of the
//     catalogue, including the numbers a reader can form but no output
//     shows, such as the enrolled families that have not bought), more
//     counts are hidden by audit.Secondary's rule until the audit finds
//     every hidden count protected: given everything published, it could
//     be any of at least limit whole numbers;
//   - a figure computed from a hidden count is hidden;
//   - the Kaplan–Meier curve shows only steps of at least limit events
//     (publicCurve), and a retention figure only when the curve shows
//     every event before it;
//   - with prev (the previous release, public), the change in a count is
//     a figure too: a change between 1 and limit−1 either way is hidden,
//     and the audit includes the previous figures, which cannot be taken
//     back;
//   - warnings that point at a family (its FamilieID, or a cell in a sheet
//     of family rows) are replaced by one general sentence per kind.
//
// Last, the audit runs on the copy as it will be published; the error is
// an *AuditError naming a figure a reader could work out, and then
// nothing may be written. Hidden figures are written as null in
// resultater.json and their ids are listed in Results.Suppressed; reports
// show "færre enn N" or "skjult".
func Protect(res *results.Results, limit int, familyIDs []string, prev *results.Results) (*results.Results, Outcome, error) {
	if limit < 1 {
		limit = DefaultSmallCount
	}
	ids := append([]string{}, familyIDs...)
	for _, h := range res.Homes {
		ids = append(ids, h.FamilyID)
	}
	p := clonePublic(res)
	oldCmp := p.Comparison
	p.Comparison = nil
	if prev == nil && oldCmp != nil {
		// Results that already carry a comparison (the slides of an
		// internal run): its previous figures stand for the release.
		prev = previousFrom(oldCmp)
	}
	s := &control{limit: limit, prev: prev}
	s.curveCut = publicCurve(&p.Stability, limit)
	s.cat = results.CatalogueOf(p)
	s.primary()
	cmp := s.comparedCounts(p)
	cmp, err := s.secondary(cmp)
	s.dependents()
	if ex := p.Example; ex != nil && !ex.Publishable {
		// The rest of what would tell the home: its size and its years.
		ex.Rooms, ex.PurchaseYear, ex.ValueYear, ex.RentThenYear, ex.RentNowYear = 0, 0, 0, 0, 0
	}
	p.Warnings = publicWarnings(res.Warnings, ids)
	p.Homes = []results.Home{}
	p.Assumptions = publicAssumptions(res.Assumptions)
	if p.Example != nil {
		p.Example.FamilyID = ""
	}
	p.Public = true
	p.Marking = results.MarkingPublic
	if p.Run != nil {
		run := *p.Run
		run.Public, run.SmallCount = true, limit
		p.Run = &run
	}
	switch {
	case oldCmp != nil && prev != nil && prev.Schema == previousFromComparison:
		p.Comparison = recompare(oldCmp, p)
	case prev != nil:
		p.Comparison = Compare(prev, p)
	}
	hideComparison(p.Comparison, cmp)
	// The catalogue again, now with the comparison: its figures are listed
	// and audited as published.
	s.cat = results.CatalogueOf(p)
	p.Suppressed = s.cat.HiddenIDs()
	if s.curveCut {
		p.Suppressed = append(p.Suppressed, "stability.curve")
		sort.Strings(p.Suppressed)
	}
	if err != nil {
		return p, s.out, err
	}
	if err := s.check(comparedFromRows(p.Comparison, s.cat)); err != nil {
		return p, s.out, err
	}
	return p, s.out, nil
}

// publicAssumptions is the assumptions as a public output shows them:
// Eksempelbolig is a FamilieID, and is not.
func publicAssumptions(as []results.Assumption) []results.Assumption {
	out := make([]results.Assumption, len(as))
	for i, a := range as {
		if a.Name == data.ParamExampleHome && a.Value != "" {
			a.Value = "(skjult i den offentlige utgaven)"
		}
		out[i] = a
	}
	return out
}

// FamilyIDs lists every FamilieID in the dataset, for Protect.
func FamilyIDs(ds *data.Dataset) []string {
	var ids []string
	for _, f := range ds.Families {
		ids = append(ids, f.ID)
	}
	return ids
}

// clonePublic copies res deeply enough that suppress can hide figures in
// the copy without touching res: every slice that suppress edits is copied,
// and pointers are replaced, never written through.
func clonePublic(res *results.Results) *results.Results {
	p := *res
	p.Families.BoughtByYear = append([]results.YearCount(nil), res.Families.BoughtByYear...)
	p.Stability.Retention = append([]results.RetentionPoint(nil), res.Stability.Retention...)
	p.Stability.Curve = append([]results.RetentionPoint(nil), res.Stability.Curve...)
	p.Appreciation.GainPctHistogram = append([]results.Bucket(nil), res.Appreciation.GainPctHistogram...)
	p.Rent.IncreasePctHistogram = append([]results.Bucket(nil), res.Rent.IncreasePctHistogram...)
	p.Societal.Scenarios = append([]results.Scenario(nil), res.Societal.Scenarios...)
	p.Societal.Sensitivity = append([]results.SensCell(nil), res.Societal.Sensitivity...)
	p.Survey = make([]results.SurveyItem, len(res.Survey))
	for i, it := range res.Survey {
		it.Counts = append(results.ScaleCounts(nil), it.Counts...)
		p.Survey[i] = it
	}
	if res.Resources != nil {
		r := *res.Resources
		r.SavingsPerKrone = append([]results.Ratio(nil), r.SavingsPerKrone...)
		p.Resources = &r
	}
	if res.Example != nil {
		e := *res.Example
		p.Example = &e
	}
	if res.Comparison != nil {
		c := *res.Comparison
		c.Rows = append([]results.ComparisonRow(nil), c.Rows...)
		p.Comparison = &c
	}
	return &p
}

// familySheets are the sheets whose rows are about one family each; a
// warning located in one of them points at a family.
var familySheets = []string{
	normSheet(data.SheetFamilies), normSheet(data.SheetChildren), normSheet(data.SheetPurchases),
	normSheet(data.SheetValuations), normSheet(data.SheetFollowUps), normSheet(data.SheetSurvey),
}

var sheetFolder = strings.NewReplacer(" ", "", "-", "", "_", "", "ø", "o", "å", "a", "æ", "ae")

// normSheet folds a sheet name as written in a warning for comparison with
// familySheets.
func normSheet(s string) string {
	return sheetFolder.Replace(strings.ToLower(s))
}

// publicWarnings keeps the warnings that say nothing about a family and
// replaces the others by one general sentence per kind, in order.
func publicWarnings(ws []results.Warning, familyIDs []string) []results.Warning {
	// The matcher of every FamilieID is built only for a warning that
	// nothing else marks as about a family: at national scale it is a map
	// of every family, and most warnings are at a family sheet's cell.
	var names *outscan.IDs
	out := []results.Warning{}
	seen := map[string]bool{}
	for _, w := range ws {
		// A summary counts remarks about families; its number could be small.
		family := slices.Contains(familySheets, normSheet(w.Sheet)) || w.Count > 0 || w.FamilyID != ""
		if !family {
			if names == nil {
				ids := outscan.NewIDs(familyIDs)
				names = &ids
			}
			family = names.Names(w.Message) || names.Names(w.Cell)
		}
		if !family {
			out = append(out, w)
			continue
		}
		if seen[w.Kind] {
			continue
		}
		seen[w.Kind] = true
		out = append(out, results.Warning{
			Kind:        w.Kind,
			Message:     fmt.Sprintf("Dataene har advarsler av typen «%s» som gjelder enkeltfamilier; detaljene står bare i den interne rapporten.", w.Kind),
			FamilyLevel: true,
		})
	}
	return out
}

// notCounts are the JSON keys whose whole numbers are not counts of
// families, children, homes or respondents.
var notCounts = map[string]bool{
	"year": true, "rooms": true, "phase": true, "latest_year": true, "round": true,
	"size": true, "rows": true, "small_count": true, "months_total": true,
	"rent_months": true, "break_even_children": true,
}

// SmallCounts returns the JSON path of every visible count in res between
// 1 and limit−1. A public result set must have none: Run checks it before
// writing, as a guard against a figure the rule above missed.
func SmallCounts(res *results.Results, limit int) []string {
	b, err := json.Marshal(res)
	if err != nil {
		return []string{"(kan ikke kontrolleres: " + err.Error() + ")"}
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		return []string{"(kan ikke kontrolleres: " + err.Error() + ")"}
	}
	var out []string
	var walk func(v any, path, key string)
	walk = func(v any, path, key string) {
		switch x := v.(type) {
		case map[string]any:
			if key == "run" {
				return // the run record: file sizes and row counts
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k], path+"."+k, k)
			}
		case []any:
			for i, e := range x {
				walk(e, fmt.Sprintf("%s[%d]", path, i), key)
			}
		case float64:
			if !notCounts[key] && x == float64(int(x)) && int(x) >= 1 && int(x) < limit {
				out = append(out, strings.TrimPrefix(path, "."))
			}
		}
	}
	walk(tree, "", "")
	return out
}
