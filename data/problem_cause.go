package data

import (
	"fmt"
	"strings"

	"bobra/internal/editdist"
)

// KindNoFamilies is the problem of a folder whose Familier sheet has no
// families yet (an empty template).
const KindNoFamilies = "ingen-familier"

// finishProblems adds the checks' problems to the reader's, drops those at
// cells that already have an error, and collapses the problems that only
// follow from an earlier one, so that the cause is what a person reads
// first.
func finishProblems(ds *Dataset, read, checked Problems) Problems {
	problems := append(inColumnsRead(nearSheets(read), read), newCells(inColumnsRead(checked, read), read)...)
	if brokenSheet(read, SheetFamilies) {
		problems = collapse(problems, KindUnknownID, func(first Problem, more int) string {
			return fmt.Sprintf("%s Det samme gjelder %d %s i andre ark som viser til familier (følger av feilen i arket Familier over).",
				first.Message, more, plural(more, "rad", "rader"))
		})
	}
	if brokenSheet(read, SheetChildren) {
		problems = collapse(problems, KindNoChildren, func(first Problem, more int) string {
			return fmt.Sprintf("%s Det samme gjelder %d %s til (følger av feilen i arket Barn over).",
				first.Message, more, plural(more, "familie", "familier"))
		})
	}
	if !problems.HasErrors() && ds != nil && len(ds.Families) == 0 {
		problems = append(problems, Problem{Severity: Warning, Kind: KindNoFamilies, Sheet: SheetFamilies,
			Message: "Arket Familier har ingen familier ennå; fyll ut arbeidsbøkene før du lager rapportene."})
	}
	return problems
}

// brokenSheet reports whether a sheet's rows could not be used at all: the
// sheet is missing (also because its file could not be read), damaged, no
// header row was found, or a required column is missing from it.
func brokenSheet(ps Problems, sheet string) bool {
	contract := Contract()
	for _, p := range ps {
		if p.Severity != Error {
			continue
		}
		// A file that could not be read is not enough: if it held the
		// sheet, the sheet is missing, and that is reported too.
		switch p.Kind {
		case KindMissingSheet, KindMissingColumn, KindNoHeaderRow, KindDamaged:
			if spec, ok := sheetSpec(contract, p.Sheet); ok && spec.Name == sheet {
				return true
			}
		}
	}
	return false
}

// collapse replaces every problem of kind by one, at the first of them,
// saying how many more there are; it is marked as following from an
// earlier problem, so it is listed after the cause.
func collapse(ps Problems, kind string, message func(first Problem, more int) string) Problems {
	var out Problems
	at, n := -1, 0
	for _, p := range ps {
		if p.Kind != kind {
			out = append(out, p)
			continue
		}
		if n++; at < 0 {
			at = len(out)
			out = append(out, p)
		}
	}
	if n > 1 {
		out[at].Message = message(out[at], n-1)
		out[at].Count = n
	}
	if at >= 0 {
		out[at].FollowsOn = true
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// inColumnsRead drops the errors and the notes about the cells of a
// column the reader found unusable as a whole (dates in English order,
// where no slash date can be trusted): they would only repeat that error
// in other words, or say a date was read that is not used.
func inColumnsRead(checked, read Problems) Problems {
	type key struct{ file, sheet, column string }
	bad := map[key]bool{}
	for _, p := range read {
		if p.Kind == KindEnglishDate {
			bad[key{p.File, p.Sheet, p.Column}] = true
		}
	}
	if len(bad) == 0 {
		return checked
	}
	var out Problems
	for _, p := range checked {
		if (p.Kind == KindDateForm || (p.Severity == Error && p.Kind != KindEnglishDate)) && bad[key{p.File, p.Sheet, p.Column}] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// nearSheets adds to each missing sheet the sheet that nearly has its name
// ("Kjøp 2016", "Kjopp"), if a workbook has one: the person meant it.
func nearSheets(ps Problems) Problems {
	var unknown []Problem
	for _, p := range ps {
		if p.Kind == KindUnknownSheet {
			unknown = append(unknown, p)
		}
	}
	if len(unknown) == 0 {
		return ps
	}
	out := append(Problems(nil), ps...)
	for i, p := range out {
		if p.Kind != KindMissingSheet {
			continue
		}
		want := normName(p.Sheet)
		for _, u := range unknown {
			got := normName(u.Sheet)
			if (len(want) >= 3 && strings.HasPrefix(got, want)) || editdist.Distance(got, want) <= nearLimit(want) {
				out[i].Message = fmt.Sprintf("%s Arket «%s» i %s ligner; mente du %s? Gi det navnet %s.", p.Message, u.Sheet, u.File, p.Sheet, p.Sheet)
				break
			}
		}
	}
	return out
}
