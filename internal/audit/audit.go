// Package audit proves that the hidden cells of a published table cannot be
// worked out from what is published, and chooses the secondary cells to
// hide when they could.
//
// A table is a set of cells, each a whole count (≥ 0, or of any sign for a
// change between two releases), linked by linear equations with integer
// coefficients: the sums a report publishes (parts → total), and the
// equation "now − before = change" between two releases. A reader who
// knows every visible value and every equation can bound a hidden cell:
// the smallest and largest value it can take are the optima of two linear
// programs,
//
//	minimise / maximise  x_h
//	subject to           Σ a_ij x_j = b_i   for every equation,
//	                     x_j ≥ 0            for every count,
//
// with the visible cells fixed at their values. This is the audit
// τ-Argus and sdcTable run after suppression. A hidden cell is protected
// when the interval [⌈min⌉, ⌊max⌋] holds at least threshold whole numbers
// (an unbounded maximum always does).
//
// The linear programs bound the real solutions, which include the whole
// ones, so an interval found this way is never narrower than the true one.
// For the tables a report publishes (sums over a hierarchy or a two-way
// table with margins) the constraint matrix is totally unimodular and the
// optima are whole numbers, so the bounds are also exact; the tests check
// that against an exhaustive search on small tables.
package audit

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// Cell is one published number.
type Cell struct {
	ID     string // the figure's stable id, for messages
	Value  int64
	Hidden bool
	// Signed marks a cell that may be negative, such as the change in a
	// count between two releases.
	Signed bool
	// Free marks a hidden cell that needs no protection: a number no one
	// publishes but a reader may form (the families that have not bought)
	// whose value is not small, or a figure of an earlier release.
	Free bool
	// Fixed marks a visible cell that cannot be hidden any more: it was
	// published in an earlier release.
	Fixed bool
}

// Term is one coefficient of an equation.
type Term struct {
	Cell int
	Coef int64
}

// Equation is Σ Coef·x[Cell] = Const over its terms.
type Equation struct {
	Terms []Term
	Const int64
}

// Sum is the equation total = Σ parts.
func Sum(total int, parts ...int) Equation {
	e := Equation{Terms: []Term{{total, 1}}}
	for _, p := range parts {
		e.Terms = append(e.Terms, Term{p, -1})
	}
	return e
}

// Table is the cells and their equations.
type Table struct {
	Cells     []Cell
	Equations []Equation
}

// Bound is what a reader can work out about one hidden cell.
type Bound struct {
	Cell      int
	Lo, Hi    int64 // the smallest and largest whole value it can take
	Unbounded bool  // no largest value: Hi is meaningless
	Protected bool
}

// Width is the number of whole values in the bound, or MaxInt64 when it
// is unbounded.
func (b Bound) Width() int64 {
	if b.Unbounded {
		return math.MaxInt64
	}
	return b.Hi - b.Lo + 1
}

// ErrInconsistent means the visible values do not satisfy the equations:
// the table was built wrong, and nothing about it can be proved.
var ErrInconsistent = errors.New("audit: the published values contradict the equations")

// Audit bounds every hidden cell of t, in cell order.
func Audit(t Table, threshold int) ([]Bound, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	var out []Bound
	for _, comp := range t.components() {
		bs, err := t.auditComponent(comp, threshold)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Cell < out[j].Cell })
	return out, nil
}

// Unprotected returns the bounds of the hidden cells that are not
// protected.
func Unprotected(bs []Bound) []Bound {
	var out []Bound
	for _, b := range bs {
		if !b.Protected {
			out = append(out, b)
		}
	}
	return out
}

func (t Table) check() error {
	for i, e := range t.Equations {
		for _, term := range e.Terms {
			if term.Cell < 0 || term.Cell >= len(t.Cells) {
				return fmt.Errorf("audit: equation %d names cell %d of %d", i, term.Cell, len(t.Cells))
			}
		}
		var sum int64
		for _, term := range e.Terms {
			sum += term.Coef * t.Cells[term.Cell].Value
		}
		if sum != e.Const {
			return fmt.Errorf("%w: equation %d (%s) gives %d, not %d", ErrInconsistent, i, t.describe(e), sum, e.Const)
		}
	}
	return nil
}

func (t Table) describe(e Equation) string {
	s := ""
	for i, term := range e.Terms {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%+d·%s", term.Coef, t.Cells[term.Cell].ID)
	}
	return s
}

// component is a set of hidden cells linked by equations, and those
// equations: a reader learns nothing about one component from another.
type component struct {
	cells     []int
	equations []int
}

// components groups the hidden cells: two are in one component when an
// equation holds both.
func (t Table) components() []component {
	parent := map[int]int{}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	for i, c := range t.Cells {
		if c.Hidden {
			parent[i] = i
		}
	}
	for _, e := range t.Equations {
		first := -1
		for _, term := range e.Terms {
			if !t.Cells[term.Cell].Hidden || term.Coef == 0 {
				continue
			}
			if first < 0 {
				first = term.Cell
				continue
			}
			a, b := find(first), find(term.Cell)
			if a != b {
				if a > b {
					a, b = b, a
				}
				parent[b] = a
			}
		}
	}
	byRoot := map[int]*component{}
	var roots []int
	for i, c := range t.Cells {
		if !c.Hidden {
			continue
		}
		r := find(i)
		if byRoot[r] == nil {
			byRoot[r] = &component{}
			roots = append(roots, r)
		}
		byRoot[r].cells = append(byRoot[r].cells, i)
	}
	for ei, e := range t.Equations {
		for _, term := range e.Terms {
			if t.Cells[term.Cell].Hidden && term.Coef != 0 {
				c := byRoot[find(term.Cell)]
				c.equations = append(c.equations, ei)
				break
			}
		}
	}
	out := make([]component, len(roots))
	for i, r := range roots {
		out[i] = *byRoot[r]
	}
	return out
}

// auditComponent solves the two linear programs of every cell in comp.
func (t Table) auditComponent(comp component, threshold int) ([]Bound, error) {
	// Variables: one per hidden count, two (x⁺ − x⁻) per signed cell.
	col := map[int]int{}
	ncol := 0
	for _, c := range comp.cells {
		col[c] = ncol
		ncol++
		if t.Cells[c].Signed {
			ncol++
		}
	}
	// Rows: the equations with the visible cells moved to the right.
	var rows [][]*big.Rat
	var rhs []*big.Rat
	for _, ei := range comp.equations {
		e := t.Equations[ei]
		row := make([]*big.Rat, ncol)
		for j := range row {
			row[j] = new(big.Rat)
		}
		b := big.NewRat(e.Const, 1)
		for _, term := range e.Terms {
			cell := t.Cells[term.Cell]
			if !cell.Hidden {
				b.Sub(b, big.NewRat(term.Coef*cell.Value, 1))
				continue
			}
			j := col[term.Cell]
			row[j].Add(row[j], big.NewRat(term.Coef, 1))
			if cell.Signed {
				row[j+1].Sub(row[j+1], big.NewRat(term.Coef, 1))
			}
		}
		rows = append(rows, row)
		rhs = append(rhs, b)
	}
	rows, rhs, err := independentRows(rows, rhs)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		// No equation holds a hidden cell of this component: each is only
		// known to be a count.
		var out []Bound
		for _, c := range comp.cells {
			lo := int64(0)
			if t.Cells[c].Signed {
				lo = math.MinInt64
			}
			out = append(out, Bound{Cell: c, Lo: lo, Unbounded: true, Protected: true})
		}
		return out, nil
	}
	a := mat.NewDense(len(rows), ncol, nil)
	b := make([]float64, len(rows))
	for i, row := range rows {
		for j, v := range row {
			f, _ := v.Float64()
			a.Set(i, j, f)
		}
		b[i], _ = rhs[i].Float64()
	}
	var out []Bound
	for _, c := range comp.cells {
		j := col[c]
		obj := make([]float64, ncol)
		obj[j] = 1
		if t.Cells[c].Signed {
			obj[j+1] = -1
		}
		lo, loUnbounded, err := solve(obj, a, b)
		if err != nil {
			return nil, fmt.Errorf("audit: %s: %w", t.Cells[c].ID, err)
		}
		for k := range obj {
			obj[k] = -obj[k]
		}
		negHi, hiUnbounded, err := solve(obj, a, b)
		if err != nil {
			return nil, fmt.Errorf("audit: %s: %w", t.Cells[c].ID, err)
		}
		bd := Bound{Cell: c, Unbounded: hiUnbounded}
		if loUnbounded {
			// Only a signed cell can go down without end; it can also go
			// up without end then, or no equation would bound it below.
			bd.Unbounded = true
		}
		bd.Lo = int64(math.Ceil(lo - 1e-6))
		if !bd.Unbounded {
			bd.Hi = int64(math.Floor(-negHi + 1e-6))
		}
		bd.Protected = t.Cells[c].Free || bd.Width() >= int64(threshold)
		out = append(out, bd)
	}
	return out, nil
}

// solve minimises obj·x over A x = b, x ≥ 0, and reports an unbounded
// minimum.
func solve(obj []float64, a *mat.Dense, b []float64) (float64, bool, error) {
	f, _, err := lp.Simplex(obj, a, b, 1e-10, nil)
	switch {
	case errors.Is(err, lp.ErrUnbounded):
		return 0, true, nil
	case errors.Is(err, lp.ErrInfeasible):
		return 0, false, ErrInconsistent
	case err != nil:
		return 0, false, err
	}
	return f, false, nil
}

// independentRows drops the equations that follow from the others (the
// simplex needs full row rank), exactly, by Gaussian elimination over the
// rationals; an equation that reduces to 0 = c with c ≠ 0 is a
// contradiction.
func independentRows(rows [][]*big.Rat, rhs []*big.Rat) ([][]*big.Rat, []*big.Rat, error) {
	type reduced struct {
		row   []*big.Rat
		b     *big.Rat
		pivot int
	}
	var basis []reduced
	var keepRows [][]*big.Rat
	var keepRHS []*big.Rat
	for i, row := range rows {
		r := make([]*big.Rat, len(row))
		for j, v := range row {
			r[j] = new(big.Rat).Set(v)
		}
		b := new(big.Rat).Set(rhs[i])
		for _, p := range basis {
			if r[p.pivot].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(r[p.pivot], p.row[p.pivot])
			for j := range r {
				r[j].Sub(r[j], new(big.Rat).Mul(f, p.row[j]))
			}
			b.Sub(b, new(big.Rat).Mul(f, p.b))
		}
		pivot := -1
		for j, v := range r {
			if v.Sign() != 0 {
				pivot = j
				break
			}
		}
		if pivot < 0 {
			if b.Sign() != 0 {
				return nil, nil, ErrInconsistent
			}
			continue
		}
		basis = append(basis, reduced{r, b, pivot})
		keepRows = append(keepRows, rows[i])
		keepRHS = append(keepRHS, rhs[i])
	}
	return keepRows, keepRHS, nil
}
