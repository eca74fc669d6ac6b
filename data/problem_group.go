package data

import (
	"fmt"
	"strings"
)

// minGroup is how many cells with the same problem in one column become
// one line.
const minGroup = 3

// Line is one line of valider's output and the problems it stands for.
type Line struct {
	// Problem is the line's problem; for a group it is the first cell's,
	// with Cell the range ("B2–B45") and the message standing for all.
	Problem Problem
	// Place is where, as the line writes it: "boliger.xlsx, ark Kjøp,
	// celle C4 (Kjøpesum)", "…, B2–B45 (44 celler, Kjøpsdato)" or
	// "…, rad 1 (overskriftsraden)"; "" for the folder as a whole.
	Place string
	// Message is the line's message as printed.
	Message string
	// Text is the whole line: "feil: " + Place + ": " + Message.
	Text string
	// Cells are the problems the line stands for, one per cell, in
	// order: one for a line that is not a group.
	Cells Problems
}

// Lines returns the problems as people read them, one line each, cause
// first (see Sorted), with the same problem in many cells of one column
// (the same kind, file, sheet and column) as one line naming the range,
// the count and the first values: "feil: boliger.xlsx, ark Kjøp, B2–B45
// (44 celler, Kjøpsdato): …". Logs for machines keep one record per cell.
func (ps Problems) Lines() []string {
	lines := ps.Grouped()
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Text
	}
	return out
}

// Grouped is Lines with each line's parts and the problems behind it, so
// that another view of the check (the local web page) shows exactly what
// valider prints.
func (ps Problems) Grouped() []Line {
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
	var out []Line
	for i, p := range sorted {
		k, ok := keyOf(p)
		if !ok || len(groups[k]) < minGroup {
			out = append(out, newLine(p, p.cellText(), sorted[i:i+1]))
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
func groupLine(ps Problems, idx []int) Line {
	first, last := ps[idx[0]], ps[idx[len(idx)-1]]
	cell := fmt.Sprintf("%s–%s (%d celler, %s)", first.Cell, last.Cell, len(idx), first.Column)
	var values []string
	seen := map[string]bool{}
	cells := make(Problems, 0, len(idx))
	withValue := 0
	for _, i := range idx {
		cells = append(cells, ps[i])
		v := ps[i].Value
		if v != "" {
			withValue++
		}
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		if len(values) < 3 {
			values = append(values, "«"+v+"»")
		}
	}
	p := first
	p.Cell = first.Cell + "–" + last.Cell
	p.Message = fmt.Sprintf("%s Det samme gjelder %d celler til i kolonnen", strings.TrimSpace(first.Message), len(idx)-1)
	// "The first values" only when there are more than those shown.
	switch {
	case len(seen) == 1 && withValue == len(idx):
		p.Message += "; alle har verdien " + values[0]
	case len(seen) > 0 && len(seen) <= len(values):
		p.Message += "; verdiene er " + joinAnd(values)
	case len(values) > 0:
		p.Message += "; de første verdiene er " + joinAnd(values)
	}
	p.Message += "."
	return newLine(p, cell, cells)
}

func newLine(p Problem, cell string, cells Problems) Line {
	return Line{Problem: p, Place: visible(p.place(cell)), Message: visible(p.Message),
		Text: p.line(cell), Cells: cells}
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
