package data

import (
	"fmt"
	"strings"
)

// minGroup is how many cells with the same problem in one column become
// one line.
const minGroup = 3

// Lines returns the problems as people read them, one line each, cause
// first (see Sorted), with the same problem in many cells of one column
// (the same kind, file, sheet and column) as one line naming the range,
// the count and the first values: "feil: boliger.xlsx, ark Kjøp, B2–B45
// (44 celler, Kjøpsdato): …". Logs for machines keep one record per cell.
func (ps Problems) Lines() []string {
	sorted := ps.Sorted()
	type key struct {
		sev                       Severity
		kind, file, sheet, column string
	}
	groups := map[key][]int{}
	keyOf := func(p Problem) (key, bool) {
		if p.Column == "" || p.FollowsOn || !isA1(p.Cell) {
			return key{}, false
		}
		return key{p.Severity, p.Kind, p.File, p.Sheet, p.Column}, true
	}
	for i, p := range sorted {
		if k, ok := keyOf(p); ok {
			groups[k] = append(groups[k], i)
		}
	}
	var out []string
	for i, p := range sorted {
		k, ok := keyOf(p)
		if !ok || len(groups[k]) < minGroup {
			out = append(out, p.Error())
			continue
		}
		g := groups[k]
		if g[0] != i {
			continue // listed with the first of its group
		}
		out = append(out, groupLine(sorted, g))
	}
	return out
}

// groupLine is the line of a group of problems, the first one's message
// standing for all.
func groupLine(ps Problems, idx []int) string {
	first, last := ps[idx[0]], ps[idx[len(idx)-1]]
	cell := fmt.Sprintf("%s–%s (%d celler, %s)", first.Cell, last.Cell, len(idx), first.Column)
	var values []string
	seen := map[string]bool{}
	for _, i := range idx {
		v := ps[i].Value
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		if len(values) < 3 {
			values = append(values, "«"+v+"»")
		}
	}
	p := first
	p.Message = fmt.Sprintf("%s Det samme gjelder %d celler til i kolonnen", strings.TrimSpace(first.Message), len(idx)-1)
	if len(values) > 0 {
		p.Message += "; de første verdiene er " + joinAnd(values)
	}
	p.Message += "."
	return p.line(cell)
}

// isA1 reports whether cell is an A1 reference such as "C12".
func isA1(cell string) bool {
	i := 0
	for i < len(cell) && cell[i] >= 'A' && cell[i] <= 'Z' {
		i++
	}
	return i > 0 && i < len(cell) && onlyDigits(cell[i:])
}

// joinAnd joins «a», «b» and «c» as Norwegians list them.
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " og " + items[len(items)-1]
}
