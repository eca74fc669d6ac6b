package compute

import (
	"sort"
	"strconv"

	"bobra/data"
	"bobra/pipeline/results"
)

// MaxFamilyWarnings is how many warnings of one kind name a family each;
// the rest are summed up in one warning. resultater.xlsx and
// resultater.json list them all, for the project to put the data right,
// so the cap is high: more families than this with the same remark is a
// gap in a whole table (an SSB year, the price index), not a thousand
// typos, and one sentence says so. The HTML and PDF show the first few of
// each kind (reports.MaxWarningsPerKind); the reader's warnings are not
// capped at all.
const MaxFamilyWarnings = 1000

// warnings collects the remarks of one computation in the order found.
type warnings struct {
	list []results.Warning
	// perKind counts family warnings by kind; overflow counts those left out.
	perKind  map[string]int
	overflow map[string]int
	// once remembers keys of warnings given once per computation.
	once map[string]bool
}

// family adds a warning about one family, located at a row of the input.
func (w *warnings) family(kind string, at data.Loc, column, familyID, message string) {
	if w.perKind == nil {
		w.perKind, w.overflow = map[string]int{}, map[string]int{}
	}
	w.perKind[kind]++
	if w.perKind[kind] > MaxFamilyWarnings {
		w.overflow[kind]++
		return
	}
	w.list = append(w.list, results.Warning{Kind: kind, File: at.File(), Sheet: at.Sheet(), Cell: cellOf(at, column),
		FamilyID: familyID, Message: message})
}

// general adds a warning that names no family, once per key.
func (w *warnings) general(key, kind string, at data.Loc, column, message string) {
	if w.once == nil {
		w.once = map[string]bool{}
	}
	if w.once[key] {
		return
	}
	w.once[key] = true
	w.list = append(w.list, results.Warning{Kind: kind, File: at.File(), Sheet: at.Sheet(), Cell: cellOf(at, column), Message: message})
}

// done returns the warnings, with one summary per kind that overflowed.
func (w *warnings) done() []results.Warning {
	out := append([]results.Warning{}, w.list...)
	kinds := make([]string, 0, len(w.overflow))
	for k := range w.overflow {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		out = append(out, results.Warning{Kind: k, Count: w.overflow[k], Message: "Ytterligere " + strconv.Itoa(w.overflow[k]) +
			" familier har samme advarsel (" + k + "); se de " + strconv.Itoa(MaxFamilyWarnings) + " første over."})
	}
	return out
}

func cellOf(at data.Loc, column string) string {
	if at.Row == 0 {
		return ""
	}
	return at.Cell(column)
}
