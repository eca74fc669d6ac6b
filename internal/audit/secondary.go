package audit

import (
	"errors"
	"fmt"
)

// ErrCannotProtect means a hidden cell stays derivable even with every
// cell of its equations hidden: an equation with a constant other than 0
// and nothing left to hide.
var ErrCannotProtect = errors.New("audit: a hidden cell cannot be protected")

// Secondary hides more cells of t until every hidden cell is protected,
// and returns the table with them hidden and the cells it hid, in the
// order it chose them. The cells already hidden in t are the primary
// ones and are never shown.
//
// The rule, greedy and deterministic (the same table always gives the
// same choice):
//  1. Audit the table. If every hidden cell is protected, stop.
//  2. Of the equations that hold an unprotected cell and still have a
//     visible cell, take the one with the fewest hidden cells (an equation
//     with one hidden cell gives it away outright), then the one whose
//     unprotected cell has the narrowest interval, then the first.
//  3. Hide one visible cell of that equation. In x + y = s a reader can
//     tell x only within 0 … vx + vy, so the pair is safe once
//     vx + vy + 1 ≥ threshold. Of the visible cells whose value makes
//     that true, the smallest is hidden; if none does, the largest. Among
//     equals, the cell in the fewest equations (hiding it tells least
//     elsewhere), then the first.
//  4. Go to 1.
//
// Every round hides one more cell, so the loop ends; it prefers few and
// small cells as statistics offices do, though, like τ-Argus's
// heuristics, it does not promise the fewest possible.
func Secondary(t Table, threshold int) (Table, []int, error) {
	cells := append([]Cell(nil), t.Cells...)
	t = Table{Cells: cells, Equations: t.Equations}
	inEquations := make([]int, len(cells))
	for _, e := range t.Equations {
		for _, term := range e.Terms {
			inEquations[term.Cell]++
		}
	}
	var added []int
	for {
		bs, err := Audit(t, threshold)
		if err != nil {
			return t, added, err
		}
		bad := Unprotected(bs)
		if len(bad) == 0 {
			return t, added, nil
		}
		width := map[int]int64{}
		for _, b := range bad {
			width[b.Cell] = b.Width()
		}
		type candidate struct {
			eq, cell, hidden int
			width            int64
		}
		best := candidate{eq: -1}
		for ei, e := range t.Equations {
			hidden, visible := 0, 0
			narrowest, cell := int64(-1), -1
			for _, term := range e.Terms {
				if !t.Cells[term.Cell].Hidden {
					// Only a cell that choose could pick counts: it
					// skips fixed cells and terms without weight.
					if !t.Cells[term.Cell].Fixed && term.Coef != 0 {
						visible++
					}
					continue
				}
				hidden++
				if w, ok := width[term.Cell]; ok && (cell < 0 || w < narrowest) {
					narrowest, cell = w, term.Cell
				}
			}
			if cell < 0 || visible == 0 {
				continue
			}
			c := candidate{ei, cell, hidden, narrowest}
			if best.eq < 0 || c.hidden < best.hidden || (c.hidden == best.hidden && c.width < best.width) {
				best = c
			}
		}
		if best.eq < 0 {
			return t, added, fmt.Errorf("%w: %s", ErrCannotProtect, t.Cells[bad[0].Cell].ID)
		}
		pick := choose(t, t.Equations[best.eq], best.cell, threshold, inEquations)
		t.Cells[pick].Hidden = true
		added = append(added, pick)
	}
}

// choose picks the visible cell of e to hide for the hidden cell h, by
// step 3 of Secondary's rule, or −1 when e has no visible cell.
func choose(t Table, e Equation, h, threshold int, inEquations []int) int {
	need := int64(threshold) - 1 - t.Cells[h].Value
	best := -1
	better := func(a, b int) bool {
		va, vb := t.Cells[a].Value, t.Cells[b].Value
		okA, okB := va >= need, vb >= need
		switch {
		case okA != okB:
			return okA
		case va != vb:
			if okA {
				return va < vb
			}
			return va > vb
		case inEquations[a] != inEquations[b]:
			return inEquations[a] < inEquations[b]
		}
		return a < b
	}
	for _, term := range e.Terms {
		c := term.Cell
		if t.Cells[c].Hidden || t.Cells[c].Fixed || term.Coef == 0 {
			continue
		}
		if best < 0 || better(c, best) {
			best = c
		}
	}
	return best
}
