package data

import (
	"sort"
	"strconv"
	"strings"
)

// Sorted returns the problems ordered for people, cause first: problems
// of the folder (such as a missing sheet), then of whole files, of whole
// sheets, of header rows, then of data rows, and last those that only
// follow from an earlier one; within each, by file, sheet, row and column,
// problems of the same cell in the order found.
func (ps Problems) Sorted() Problems {
	out := append(Problems(nil), ps...)
	// Each sheet's place once, not in every comparison: sheetOrder builds
	// the contract, and a national dataset can give tens of thousands of
	// problems.
	order := map[string]int{}
	for _, p := range out {
		if _, ok := order[p.Sheet]; !ok {
			order[p.Sheet] = sheetOrder(p.Sheet)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ra, rb := a.rank(), b.rank(); ra != rb {
			return ra < rb
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return order[a.Sheet] < order[b.Sheet] || (order[a.Sheet] == order[b.Sheet] && a.Sheet < b.Sheet)
		}
		ra, ca := splitCell(a.Cell)
		rb, cb := splitCell(b.Cell)
		if ra != rb {
			return ra < rb
		}
		if len(ca) != len(cb) {
			return len(ca) < len(cb)
		}
		return ca < cb
	})
	return out
}

// rank is a problem's place in the cause-first order: the folder, then
// files, sheets (a missing one too), header rows and the rows of data, and last what only
// follows from an earlier problem.
func (p Problem) rank() int {
	switch {
	case p.FollowsOn:
		return 5
	case p.Kind == KindMissingSheet:
		// A sheet is missing from the folder, often because the file that
		// held it could not be read: with the sheets, after the files.
		return 2
	case p.File == "":
		return 0
	case p.Sheet == "":
		return 1
	case p.Cell == "" || p.Kind == KindNoHeaderRow:
		return 2
	case headerKinds[p.Kind]:
		return 3
	}
	return 4
}

// sheetOrder puts contract sheets in contract order and others after them.
func sheetOrder(name string) int {
	for i, s := range Contract() {
		if s.Name == name || normName(s.Name) == normName(name) {
			return i
		}
	}
	return 1 << 20
}

// splitCell splits "C12" into 12 and "C", and "rad 7" into 7 and "".
func splitCell(cell string) (int, string) {
	cell = strings.TrimPrefix(cell, "rad ")
	i := strings.IndexFunc(cell, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return 0, cell
	}
	n, _ := strconv.Atoi(cell[i:])
	return n, cell[:i]
}
