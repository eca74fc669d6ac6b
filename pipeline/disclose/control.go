package disclose

import (
	"errors"
	"fmt"
	"strings"

	"bobra/internal/audit"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// Outcome is what disclosure control did to one result set, for the
// manifest.
type Outcome struct {
	Primary   int // counts hidden because they are small, and figures over too few units
	Secondary int // counts hidden so that no hidden count can be worked out
	// Audited is the number of hidden counts the audit bounded; the audit
	// passed when Protect returned no error.
	Audited int
}

// AuditError says which figure a reader could work out. Protect returns
// it when the audit fails; nothing must be written then.
type AuditError struct {
	ID, Label string
	Lo, Hi    int64
}

func (e *AuditError) Error() string {
	if e.Lo == e.Hi {
		return fmt.Sprintf("kontrollen av småtallsregelen fant at «%s» (%s) kan regnes ut av de publiserte tallene; ingen filer er skrevet.", e.Label, e.ID)
	}
	return fmt.Sprintf("kontrollen av småtallsregelen fant at «%s» (%s) kan snevres inn til %d–%d av de publiserte tallene; ingen filer er skrevet.", e.Label, e.ID, e.Lo, e.Hi)
}

// control is disclosure control of one public copy.
type control struct {
	limit int
	cat   *results.Catalogue
	prev  *results.Results // the previous public release, or nil
	out   Outcome
	// curveCut is set when the public curve leaves steps out.
	curveCut bool
}

func (s *control) small(n int) bool { return n >= 1 && n < s.limit }

// primary hides every count of families, children, homes or respondents
// below the threshold (but not 0: no one is described by a zero), and
// every other figure computed over fewer units than the threshold (but
// not over none, which describes no one either).
func (s *control) primary() {
	for _, f := range s.cat.Figures {
		if f.Unpublished || f.Hidden() || !f.Present() {
			continue
		}
		if f.Count() != nil && f.Unit.IsCount() {
			if s.small(f.N()) {
				f.Hide(true)
				s.out.Primary++
			}
			continue
		}
		if len(f.Over) > 0 {
			n := 0
			for _, id := range f.Over {
				n += s.cat.Figure(id).N()
			}
			if s.small(n) {
				f.Hide(false)
				s.out.Primary++
			}
		}
	}
}

// dependents hides every figure computed from a hidden count.
func (s *control) dependents() {
	for _, f := range s.cat.Figures {
		if f.Unpublished || f.Hidden() || !f.Present() || f.Unit.IsCount() && f.Count() != nil {
			continue
		}
		for _, id := range f.RestsOn {
			if on := s.cat.Figure(id); on != nil && on.Hidden() {
				f.Hide(false)
				break
			}
		}
	}
}

// comparedCount is a count compared with the previous release: its
// previous value and the change, which is a figure too.
type comparedCount struct {
	id           string // the count today, in the catalogue
	prev         int
	prevHidden   bool
	change       int
	changeHidden bool
}

// table is the audit's view of the published counts: every count and
// unpublished difference of the catalogue with its sums, and for each
// compared count the previous release's value (published, so fixed) and
// the change (now − before = change).
type table struct {
	audit.Table
	figure []*results.Figure // the catalogue figure of each cell; nil for comparison cells
	change []int             // for a change cell, its index in the compared counts; −1 otherwise
}

func (s *control) table(cmp []comparedCount) table {
	var t table
	index := map[string]int{}
	for _, f := range s.cat.Figures {
		if f.Count() == nil && !f.Unpublished || f.Count() != nil && !f.Unit.IsCount() {
			continue
		}
		index[f.ID] = len(t.Cells)
		hidden := f.Hidden()
		t.Cells = append(t.Cells, audit.Cell{ID: f.ID, Value: int64(f.N()), Hidden: hidden,
			Free: f.Unpublished && !s.small(f.N())})
		t.figure = append(t.figure, f)
		t.change = append(t.change, -1)
	}
	for _, sum := range s.cat.Sums {
		total, ok := index[sum.Total]
		if !ok {
			continue
		}
		var parts []int
		for _, p := range sum.Parts {
			i, ok := index[p]
			if !ok {
				parts = nil
				break
			}
			parts = append(parts, i)
		}
		if parts != nil {
			t.Equations = append(t.Equations, audit.Sum(total, parts...))
		}
	}
	for k, c := range cmp {
		cur, ok := index[c.id]
		if !ok {
			continue
		}
		prev := len(t.Cells)
		t.Cells = append(t.Cells, audit.Cell{ID: c.id + " (forrige)", Value: int64(c.prev), Hidden: c.prevHidden, Fixed: true, Free: c.prevHidden})
		t.figure = append(t.figure, nil)
		t.change = append(t.change, -1)
		ch := len(t.Cells)
		t.Cells = append(t.Cells, audit.Cell{ID: c.id + " (endring)", Value: int64(c.change), Hidden: c.changeHidden, Signed: true,
			Free: !s.small(abs(c.change))})
		t.figure = append(t.figure, nil)
		t.change = append(t.change, k)
		t.Equations = append(t.Equations, audit.Equation{Terms: []audit.Term{{Cell: cur, Coef: 1}, {Cell: prev, Coef: -1}, {Cell: ch, Coef: -1}}})
	}
	return t
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// secondary hides counts until the audit finds every hidden count
// protected (audit.Secondary's rule), and hides the changes it chose.
func (s *control) secondary(cmp []comparedCount) ([]comparedCount, error) {
	t := s.table(cmp)
	out, added, err := audit.Secondary(t.Table, s.limit)
	if err != nil {
		return cmp, s.auditError(t, err)
	}
	for _, i := range added {
		if f := t.figure[i]; f != nil {
			f.Hide(false)
		} else if k := t.change[i]; k >= 0 {
			cmp[k].changeHidden = true
		}
		_ = out
		s.out.Secondary++
	}
	return cmp, nil
}

// check audits the final public figures: every hidden count must hold at
// least the threshold of whole values given all that is published.
func (s *control) check(cmp []comparedCount) error {
	t := s.table(cmp)
	bs, err := audit.Audit(t.Table, s.limit)
	if err != nil {
		return s.auditError(t, err)
	}
	s.out.Audited = len(bs)
	if bad := audit.Unprotected(bs); len(bad) > 0 {
		b := bad[0]
		e := &AuditError{ID: t.Cells[b.Cell].ID, Label: t.Cells[b.Cell].ID, Lo: b.Lo, Hi: b.Hi}
		if f := t.figure[b.Cell]; f != nil {
			e.Label = f.Label
		}
		return e
	}
	return nil
}

func (s *control) auditError(t table, err error) error {
	var id string
	if errors.Is(err, audit.ErrCannotProtect) {
		id = strings.TrimPrefix(err.Error(), audit.ErrCannotProtect.Error()+": ")
	}
	if f := s.cat.Figure(id); f != nil {
		return &AuditError{ID: f.ID, Label: f.Label}
	}
	return fmt.Errorf("intern feil i kontrollen av småtallsregelen: %v; ingen filer er skrevet", err)
}

// comparedCounts pairs the counts of the comparison with the previous
// release, from the figures as they stand.
func (s *control) comparedCounts(cur *results.Results) []comparedCount {
	if s.prev == nil {
		return nil
	}
	prevCat := results.CatalogueOf(s.prev)
	var out []comparedCount
	for _, id := range comparedFigures {
		pf, cf := prevCat.Figure(id), s.cat.Figure(id)
		if pf == nil || cf == nil || !cf.Unit.IsCount() || cf.Count() == nil {
			continue
		}
		if pf == nil || cf == nil {
			continue
		}
		out = append(out, comparedCount{id: id, prev: pf.N(), prevHidden: pf.Hidden(), change: cf.N() - pf.N(),
			changeHidden: cf.Hidden() || pf.Hidden() || s.small(abs(cf.N()-pf.N()))})
	}
	return out
}

// comparedFromRows reads the compared counts back from a comparison as it
// will be published, for the final audit.
func comparedFromRows(c *results.Comparison, cat *results.Catalogue) []comparedCount {
	if c == nil {
		return nil
	}
	var out []comparedCount
	for _, r := range c.Rows {
		if r.Unit != results.UnitCount || cat.Figure(r.ID) == nil || r.Previous == nil || r.Current == nil || r.Change == nil {
			continue
		}
		cur := cat.Figure(r.ID).N()
		prev := int(r.Previous.V.IntPart())
		cc := comparedCount{id: r.ID, prev: prev, prevHidden: r.Previous.Hidden, changeHidden: r.Change.Hidden}
		if r.Previous.Hidden {
			// Hidden in the previous release: only known to be a count.
			cc.prev, cc.change = 0, cur
		} else {
			cc.change = cur - prev
		}
		out = append(out, cc)
	}
	return out
}

// hideComparison hides, in the published comparison, every change the
// control chose to hide (small ones, and those hidden to protect them),
// with the percentage change that would tell it.
func hideComparison(c *results.Comparison, cmp []comparedCount) {
	if c == nil {
		return
	}
	hidden := map[string]bool{}
	for _, cc := range cmp {
		if cc.changeHidden {
			hidden[cc.id] = true
		}
	}
	for i := range c.Rows {
		r := &c.Rows[i]
		if !hidden[r.ID] || r.Change == nil {
			continue
		}
		r.Change = &results.Number{Hidden: true}
		if r.ChangePct != nil {
			r.ChangePct = &results.Share{Hidden: true}
		}
	}
}

// publicCurve keeps, of the Kaplan–Meier curve, only steps that each rest
// on at least limit events: consecutive event times are merged into one
// step until they hold that many, and the step is drawn at the last of
// them. Events after the last such step are not shown, and the curve ends
// there. A point whose homes at risk are fewer than limit ends the curve
// too. A retention figure (S at 1, 3, 5 years) is shown only when the
// curve shows every event before it, so the two never tell apart events
// the curve merged; otherwise its rate is hidden. Two homes-at-risk
// figures that are both shown tell by their difference how many homes
// left or stopped being followed between them, so no two shown may differ
// by a small count: a step that would is merged into the next, and a
// retention point that would is hidden, its rate with it. It reports whether
// anything was left out.
func publicCurve(st *results.Stability, limit int) bool {
	curve := st.Curve
	if len(curve) == 0 {
		return false
	}
	var out []results.RetentionPoint
	cut := false
	if curve[0].AtRisk.N < limit {
		st.Curve = []results.RetentionPoint{}
		for i := range st.Retention {
			st.Retention[i].Rate = results.Share{Hidden: true}
		}
		return true
	}
	out = append(out, curve[0])
	shown := []int{curve[0].AtRisk.N}
	// shownUntil is the time of the last event the public curve shows.
	shownUntil := curve[0].Years.V
	pending := 0
	// The events of each step, found once: the retention points ask for
	// them again, and each costs two decimal divisions.
	events := make([]int, len(curve))
	for i := 1; i < len(curve); i++ {
		events[i] = eventsAt(curve[i-1].Rate.V, curve[i].Rate.V, curve[i].AtRisk.N)
	}
	for i := 1; i < len(curve); i++ {
		p := curve[i]
		if events[i] == 0 {
			// The point at the longest observed time: drawn only when no
			// event is left unshown before it.
			if pending == 0 && p.AtRisk.N >= limit && spaced(shown, p.AtRisk.N, limit) {
				out = append(out, p)
				shown = append(shown, p.AtRisk.N)
			} else {
				cut = true
			}
			continue
		}
		pending += events[i]
		if pending < limit {
			cut = true
			continue
		}
		if p.AtRisk.N < limit {
			cut = true
			break
		}
		if !spaced(shown, p.AtRisk.N, limit) {
			// Its events go into the next step that is far enough from
			// every shown one. Ending the curve here instead cut a national
			// curve of thousands of homes after its first year: with an
			// event nearly every day, a step's homes at risk are often one
			// or two below the step before.
			cut = true
			continue
		}
		out = append(out, p)
		shown = append(shown, p.AtRisk.N)
		shownUntil = p.Years.V
		pending = 0
	}
	if pending > 0 {
		cut = true
	}
	if len(out) != len(curve) {
		cut = true
	}
	st.Curve = out
	for i := range st.Retention {
		r := &st.Retention[i]
		if !coveredBy(curve, events, shownUntil, r.Years.V) {
			r.Rate = results.Share{Hidden: true}
		}
		if r.AtRisk.Hidden {
			continue
		}
		if !spaced(shown, r.AtRisk.N, limit) {
			r.AtRisk = results.Count{Hidden: true}
			r.Rate = results.Share{Hidden: true}
			continue
		}
		shown = append(shown, r.AtRisk.N)
	}
	return cut
}

// spaced reports whether n differs from every shown homes-at-risk figure
// by 0 or by at least limit.
func spaced(shown []int, n, limit int) bool {
	for _, m := range shown {
		if d := max(m-n, n-m); d > 0 && d < limit {
			return false
		}
	}
	return true
}

// coveredBy reports whether every event time of the curve up to t is at
// or before shownUntil, given the events of each of its steps.
func coveredBy(curve []results.RetentionPoint, events []int, shownUntil, t decimal.Decimal) bool {
	for i, p := range curve {
		if events[i] > 0 && p.Years.V.LessThanOrEqual(t) && p.Years.V.GreaterThan(shownUntil) {
			return false
		}
	}
	return true
}

// eventsAt recovers the events of one step of the curve: S falls by the
// factor 1 − d/n, so d = n (1 − S/S_before), a whole number up to the
// rounding of S (20 decimals), which rounding to the nearest removes.
func eventsAt(before, after decimal.Decimal, atRisk int) int {
	if before.IsZero() {
		return 0
	}
	d := decimal.NewFromInt(int64(atRisk)).Mul(decimal.NewFromInt(1).Sub(after.DivRound(before, 24)))
	return int(d.Round(0).IntPart())
}

// previousFromComparison marks the stand-in previous release that
// previousFrom makes.
const previousFromComparison = "fra sammenligningen"

// previousFrom makes a stand-in for the previous release from the
// previous figures of a comparison: only its compared counts are set,
// which is all the control reads of it.
func previousFrom(c *results.Comparison) *results.Results {
	prev := &results.Results{Schema: previousFromComparison, AsOf: c.PreviousAsOf, Public: c.PreviousPublic}
	cat := results.CatalogueOf(prev)
	for _, r := range c.Rows {
		f := cat.Figure(r.ID)
		if f == nil || f.Count() == nil || r.Previous == nil {
			continue
		}
		*f.Count() = results.Count{N: int(r.Previous.V.IntPart()), Hidden: r.Previous.Hidden}
	}
	return prev
}
