// Package disclose decides what a published figure may show: the public
// copy of the results under the small-number rule (Suppress, SmallCounts)
// and the comparison with a previous evaluation (Compare), which is itself
// a figure that could give a hidden count away.
package disclose

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"

	"bobra/data"
	"bobra/pipeline/results"
)

// DefaultSmallCount is the small-number threshold (Prikkegrense) when the
// assumptions do not give one: counts of 1 or 2 are withheld.
const DefaultSmallCount = 3

// Suppress returns a public copy of res (--offentlig); res is not changed.
//
// The small-number rule, as documented in the README:
//   - no family-level rows: Homes is empty;
//   - a count of families, children, homes or respondents between 1 and
//     limit−1 is hidden (primary suppression), and so is a count whose
//     complement within a shown total is that small (3 of 4 in work would
//     tell that 1 is not);
//   - secondary suppression: wherever the published figures add up (part 1
//   - part 2 = all, the age groups = all children, stable + left + unknown
//     = bought, the years of purchase = the part, a histogram = its homes),
//     a hidden count must not be the only unknown of the sum; if it is, the
//     smallest other count in the sum is hidden too, until no sum gives a
//     hidden count away;
//   - a share, amount or rate that rests on a hidden count is hidden;
//   - warnings that point at a family (its FamilieID, or a cell in a sheet
//     of family rows) are replaced by one general sentence per kind.
//
// Hidden figures are written as null in resultater.json and their paths
// are listed in Results.Suppressed; reports show "færre enn N".
func Suppress(res *results.Results, limit int) *results.Results {
	return SuppressWith(res, limit, nil, nil)
}

// SuppressWith is Suppress with the FamilieIDs of the dataset, so that warnings
// naming a family without a purchase are caught too. With prev (a public
// copy of the previous evaluation), the copy's Comparison is made against
// it once the figures are hidden, and hidden where it would tell a small
// count.
func SuppressWith(res *results.Results, limit int, familyIDs []string, prev *results.Results) *results.Results {
	if limit < 1 {
		limit = DefaultSmallCount
	}
	ids := append([]string{}, familyIDs...)
	for _, h := range res.Homes {
		ids = append(ids, h.FamilyID)
	}
	p := clonePublic(res)
	s := &suppressor{limit: limit, hiddenPaths: map[string]bool{}}
	for _, path := range res.Suppressed {
		s.hiddenPaths[path] = true
	}
	s.counts(p)
	s.dependents(p)
	p.Warnings = publicWarnings(res.Warnings, ids)
	p.Homes = []results.Home{}
	p.Public = true
	if p.Run != nil {
		run := *p.Run
		run.Public, run.SmallCount = true, limit
		p.Run = &run
	}
	if prev != nil {
		p.Comparison = Compare(prev, p)
	}
	s.comparison(p)
	p.Suppressed = make([]string, 0, len(s.hiddenPaths))
	for path := range s.hiddenPaths {
		p.Suppressed = append(p.Suppressed, path)
	}
	sort.Strings(p.Suppressed)
	return p
}

// FamilyIDs lists every FamilieID in the dataset, for SuppressWith.
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
	if res.Comparison != nil {
		c := *res.Comparison
		c.Rows = append([]results.ComparisonRow(nil), c.Rows...)
		p.Comparison = &c
	}
	return &p
}

type suppressor struct {
	limit       int
	hiddenPaths map[string]bool
}

func (s *suppressor) small(n int) bool { return n >= 1 && n < s.limit }

// cellRef is a count that may be published, or (virtual) a number that is
// not published but follows from published ones, such as the families
// that are not in work.
type cellRef struct {
	c       *results.Count
	path    string
	virtual int // the value of a virtual cell (c == nil)
	total   bool
}

// equation is a set of cells that add up: the totals equal the sum of the
// others. An attacker who knows every cell but one can work that one out.
type equation []cellRef

func (s *suppressor) hide(c *results.Count, path string) {
	c.Hidden = true
	s.hiddenPaths[path] = true
}

func (s *suppressor) hideShare(pp **results.Share, path string) {
	if *pp == nil {
		return
	}
	*pp = &results.Share{Hidden: true}
	s.hiddenPaths[path] = true
}

func (s *suppressor) hideMoney(m *results.Money, path string) {
	*m = results.Money{Hidden: true}
	s.hiddenPaths[path] = true
}

func (s *suppressor) hideMoneyPtr(pp **results.Money, path string) {
	if *pp == nil {
		return
	}
	*pp = &results.Money{Hidden: true}
	s.hiddenPaths[path] = true
}

func ref(c *results.Count, path string) cellRef      { return cellRef{c: c, path: path} }
func totalRef(c *results.Count, path string) cellRef { return cellRef{c: c, path: path, total: true} }

// sumEquation returns the equation total = Σ parts when the published
// figures do add up that way (if they do not, the sum gives nothing away).
func sumEquation(total cellRef, parts ...cellRef) (equation, bool) {
	sum := 0
	for _, p := range parts {
		sum += p.c.N
	}
	if sum != total.c.N {
		return nil, false
	}
	total.total = true
	return append(equation{total}, parts...), true
}

// complement returns the equation total = part + (total − part), with the
// difference as a virtual cell: published or not, it must not be small.
func complement(total, part cellRef) equation {
	total.total = true
	return equation{total, part, {virtual: total.c.N - part.c.N}}
}

// counts applies primary and secondary suppression to every count.
func (s *suppressor) counts(p *results.Results) {
	var cells []cellRef
	var eqs []equation
	add := func(e equation, ok bool) {
		if ok {
			eqs = append(eqs, e)
		}
	}
	phaseName := [2]string{"1", "2"}

	f := &p.Families
	enrolled := ref(&f.Enrolled, "families.enrolled")
	bought := ref(&f.Bought, "families.bought")
	bp := [2]cellRef{ref(&f.BoughtByPhase.P1, "families.bought_by_phase.1"), ref(&f.BoughtByPhase.P2, "families.bought_by_phase.2")}
	single := ref(&f.SingleParent, "families.single_parent")
	known := ref(&f.HouseholdKnown, "families.household_known")
	cells = append(cells, enrolled, bought, bp[0], bp[1], single, known)
	add(sumEquation(bought, bp[0], bp[1]))
	// Families enrolled without a purchase must not be few; if they are,
	// hide the enrolled count rather than the key figure of bought families.
	eqs = append(eqs, equation{enrolled, totalRef(bought.c, bought.path), {virtual: f.Enrolled.N - f.Bought.N}},
		complement(known, single))
	var yearCol [2][]cellRef
	for i := range f.BoughtByYear {
		y := &f.BoughtByYear[i]
		for k, c := range []*results.Count{&y.ByPhase.P1, &y.ByPhase.P2} {
			r := ref(c, fmt.Sprintf("families.bought_by_year[%d].by_phase.%s", i, phaseName[k]))
			cells = append(cells, r)
			yearCol[k] = append(yearCol[k], r)
		}
	}
	for k := range 2 {
		if len(yearCol[k]) > 0 {
			add(sumEquation(bp[k], yearCol[k]...))
		}
	}

	ch := &p.Children
	childTotal := ref(&ch.Total, "children.total")
	cp := [2]cellRef{ref(&ch.ByPhase.P1, "children.by_phase.1"), ref(&ch.ByPhase.P2, "children.by_phase.2")}
	ages := []cellRef{
		ref(&ch.ByAge.Age0to5, "children.by_age.0-5"), ref(&ch.ByAge.Age6to12, "children.by_age.6-12"),
		ref(&ch.ByAge.Age13to17, "children.by_age.13-17"), ref(&ch.ByAge.Age18Plus, "children.by_age.18+"),
	}
	cells = append(cells, childTotal, cp[0], cp[1])
	cells = append(cells, ages...)
	add(sumEquation(childTotal, cp[0], cp[1]))
	add(sumEquation(childTotal, ages...))

	st := &p.Stability
	stabCells := func(sc *results.StabilityCounts, prefix string) []cellRef {
		return []cellRef{ref(&sc.Stable, prefix+".stable"), ref(&sc.Left, prefix+".left"), ref(&sc.Unknown, prefix+".unknown")}
	}
	all := stabCells(&st.All, "stability.all")
	byp := [2][]cellRef{stabCells(&st.ByPhase.P1, "stability.by_phase.1"), stabCells(&st.ByPhase.P2, "stability.by_phase.2")}
	cells = append(cells, all...)
	cells = append(cells, byp[0]...)
	cells = append(cells, byp[1]...)
	for i := range all {
		add(sumEquation(all[i], byp[0][i], byp[1][i]))
	}
	add(sumEquation(bought, all...))
	for k := range 2 {
		add(sumEquation(bp[k], byp[k]...))
	}
	for i := range st.Retention {
		cells = append(cells, ref(&st.Retention[i].AtRisk, fmt.Sprintf("stability.retention[%d].at_risk", i)))
	}
	for i := range st.Curve {
		cells = append(cells, ref(&st.Curve[i].AtRisk, fmt.Sprintf("stability.curve[%d].at_risk", i)))
	}

	ap := &p.Appreciation
	valued := ref(&ap.Valued, "appreciation.valued")
	estimated := ref(&ap.Estimated, "appreciation.estimated")
	missing := ref(&ap.Missing, "appreciation.missing")
	cells = append(cells, valued, estimated, missing)
	add(sumEquation(bought, valued, estimated, missing))
	gainBuckets := s.bucketCells(ap.GainPctHistogram, "appreciation.gain_pct_histogram")
	cells = append(cells, gainBuckets...)
	if len(gainBuckets) > 0 {
		// The histogram adds up to the homes with a value: valued + estimated.
		sum := 0
		for _, b := range gainBuckets {
			sum += b.c.N
		}
		if sum == ap.Valued.N+ap.Estimated.N {
			e := equation{totalRef(&ap.Valued, "appreciation.valued"), totalRef(&ap.Estimated, "appreciation.estimated")}
			for _, b := range gainBuckets {
				e = append(e, b)
			}
			eqs = append(eqs, e)
		}
	}

	rt := &p.Rent
	rentHomes := ref(&rt.Homes, "rent.homes")
	netHomes := ref(&rt.NetSavingHomes, "rent.net_saving_homes")
	cells = append(cells, rentHomes, netHomes)
	eqs = append(eqs, complement(rentHomes, netHomes))
	if rt.Homes.N == f.Bought.N {
		eqs = append(eqs, equation{totalRef(&f.Bought, "families.bought"), rentHomes})
	}
	rentBuckets := s.bucketCells(rt.IncreasePctHistogram, "rent.increase_pct_histogram")
	cells = append(cells, rentBuckets...)
	if len(rentBuckets) > 0 {
		add(sumEquation(rentHomes, rentBuckets...))
	}

	societalChildren := ref(&p.Societal.Children, "societal.children")
	cells = append(cells, societalChildren)
	if p.Societal.Children.N == ch.Total.N {
		eqs = append(eqs, equation{totalRef(&ch.Total, "children.total"), societalChildren})
	}

	w := &p.Work
	workFamilies := ref(&w.Families, "work.families")
	wp := [2]*results.WorkCounts{&w.ByPhase.P1, &w.ByPhase.P2}
	cells = append(cells, workFamilies)
	var wpFamilies []cellRef
	for k, wc := range wp {
		r := ref(&wc.Families, "work.by_phase."+phaseName[k]+".families")
		wpFamilies = append(wpFamilies, r)
		cells = append(cells, r)
	}
	add(sumEquation(workFamilies, wpFamilies...))
	type blPair struct {
		bl     *results.BaselineLatest
		prefix string
		fam    cellRef
	}
	pairs := []blPair{
		{&w.InWork, "work.in_work", workFamilies}, {&w.SocialAssistance, "work.social_assistance", workFamilies},
	}
	for k, wc := range wp {
		pairs = append(pairs,
			blPair{&wc.InWork, "work.by_phase." + phaseName[k] + ".in_work", wpFamilies[k]},
			blPair{&wc.SocialAssistance, "work.by_phase." + phaseName[k] + ".social_assistance", wpFamilies[k]})
	}
	for _, pr := range pairs {
		b := ref(&pr.bl.BaselineCount, pr.prefix+".baseline_count")
		l := ref(&pr.bl.LatestCount, pr.prefix+".latest_count")
		cells = append(cells, b, l)
		eqs = append(eqs, complement(pr.fam, b), complement(pr.fam, l))
	}
	for _, field := range []struct {
		get  func(*results.Work) *results.BaselineLatest
		getP func(*results.WorkCounts) *results.BaselineLatest
		name string
	}{
		{func(w *results.Work) *results.BaselineLatest { return &w.InWork }, func(w *results.WorkCounts) *results.BaselineLatest { return &w.InWork }, "in_work"},
		{func(w *results.Work) *results.BaselineLatest { return &w.SocialAssistance }, func(w *results.WorkCounts) *results.BaselineLatest { return &w.SocialAssistance }, "social_assistance"},
	} {
		tot, p1, p2 := field.get(w), field.getP(wp[0]), field.getP(wp[1])
		add(sumEquation(ref(&tot.BaselineCount, "work."+field.name+".baseline_count"),
			ref(&p1.BaselineCount, "work.by_phase.1."+field.name+".baseline_count"),
			ref(&p2.BaselineCount, "work.by_phase.2."+field.name+".baseline_count")))
		add(sumEquation(ref(&tot.LatestCount, "work."+field.name+".latest_count"),
			ref(&p1.LatestCount, "work.by_phase.1."+field.name+".latest_count"),
			ref(&p2.LatestCount, "work.by_phase.2."+field.name+".latest_count")))
	}

	withLoan := ref(&p.Financing.WithLoan, "financing.with_loan")
	cells = append(cells, withLoan)
	eqs = append(eqs, complement(bought, withLoan))

	byRound := map[int][]int{}
	var rounds []int
	for i := range p.Survey {
		it := &p.Survey[i]
		prefix := fmt.Sprintf("survey[%d]", i)
		answered := ref(&it.Answered, prefix+".answered")
		noAnswer := ref(&it.NoAnswer, prefix+".no_answer")
		cells = append(cells, answered, noAnswer)
		var steps []cellRef
		for j := range it.Counts {
			r := ref(&it.Counts[j], prefix+".counts."+results.ScaleLabel(j))
			steps = append(steps, r)
			cells = append(cells, r)
		}
		add(sumEquation(answered, steps...))
		if _, seen := byRound[it.Round]; !seen {
			rounds = append(rounds, it.Round)
		}
		byRound[it.Round] = append(byRound[it.Round], i)
	}
	// Within a round every statement had the same respondents, so answered
	// + no answer is the same for all of them.
	for _, round := range rounds {
		items := byRound[round]
		for a := 0; a < len(items); a++ {
			for b := a + 1; b < len(items); b++ {
				x, y := &p.Survey[items[a]], &p.Survey[items[b]]
				if x.Answered.N+x.NoAnswer.N != y.Answered.N+y.NoAnswer.N {
					continue
				}
				eqs = append(eqs, equation{
					totalRef(&x.Answered, fmt.Sprintf("survey[%d].answered", items[a])),
					totalRef(&x.NoAnswer, fmt.Sprintf("survey[%d].no_answer", items[a])),
					ref(&y.Answered, fmt.Sprintf("survey[%d].answered", items[b])),
					ref(&y.NoAnswer, fmt.Sprintf("survey[%d].no_answer", items[b])),
				})
			}
		}
	}

	// Primary suppression.
	for _, c := range cells {
		if !c.c.Hidden && s.small(c.c.N) {
			s.hide(c.c, c.path)
			c.c.Small = true
		}
	}
	// Secondary suppression, to a fixed point: each round hides at least
	// one more cell, and there are finitely many.
	for changed := true; changed; {
		changed = false
		for _, e := range eqs {
			if s.secondary(e) {
				changed = true
			}
		}
	}
}

func (s *suppressor) bucketCells(buckets []results.Bucket, prefix string) []cellRef {
	var out []cellRef
	for i := range buckets {
		out = append(out, ref(&buckets[i].Count, fmt.Sprintf("%s[%d].count", prefix, i)))
	}
	return out
}

// secondary hides one more cell of e when exactly one of its cells is
// unknown to a reader and that cell needs protecting (a hidden count, or
// an unpublished difference that is small). It reports whether it hid one.
func (s *suppressor) secondary(e equation) bool {
	unknown, sensitive := 0, false
	for _, c := range e {
		switch {
		case c.c == nil:
			unknown++
			sensitive = sensitive || s.small(c.virtual)
		case c.c.Hidden:
			unknown++
			sensitive = true
		}
	}
	if unknown != 1 || !sensitive {
		return false
	}
	// Hide the smallest visible non-zero part (least information lost);
	// then a zero part; a total only when no part is left.
	best := -1
	rank := func(c cellRef) [3]int {
		zero := 0
		if c.c.N == 0 {
			zero = 1
		}
		tot := 0
		if c.total {
			tot = 1
		}
		return [3]int{tot, zero, c.c.N}
	}
	for i, c := range e {
		if c.c == nil || c.c.Hidden {
			continue
		}
		if best < 0 || less3(rank(c), rank(e[best])) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	s.hide(e[best].c, e[best].path)
	return true
}

func less3(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// dependents hides every share, amount and rate that rests on a hidden count.
func (s *suppressor) dependents(p *results.Results) {
	f := &p.Families
	if f.SingleParent.Hidden || f.HouseholdKnown.Hidden {
		s.hideShare(&f.SingleParentShare, "families.single_parent_share")
	}

	st := &p.Stability
	rate := func(sc *results.StabilityCounts, path string) {
		if sc.Stable.Hidden || sc.Left.Hidden {
			s.hideShare(&sc.Rate, path)
		}
	}
	rate(&st.All, "stability.all.rate")
	rate(&st.ByPhase.P1, "stability.by_phase.1.rate")
	rate(&st.ByPhase.P2, "stability.by_phase.2.rate")
	for i := range st.Retention {
		pt := &st.Retention[i]
		if pt.AtRisk.Hidden && !pt.Rate.Hidden {
			pt.Rate = results.Share{Hidden: true}
			s.hiddenPaths[fmt.Sprintf("stability.retention[%d].rate", i)] = true
		}
	}
	// The curve is drawn, not read: points resting on too few homes are
	// left out rather than drawn as hidden. At-risk only falls with time,
	// so this cuts the tail of the curve.
	curve := st.Curve[:0:0]
	for _, pt := range st.Curve {
		if !pt.AtRisk.Hidden {
			curve = append(curve, pt)
		}
	}
	if len(curve) != len(st.Curve) {
		s.hiddenPaths["stability.curve"] = true
	}
	st.Curve = curve

	ap := &p.Appreciation
	if n := ap.Valued.N + ap.Estimated.N; s.small(n) || (ap.Valued.Hidden && ap.Estimated.Hidden) {
		s.hideMoney(&ap.PurchaseTotal, "appreciation.purchase_total")
		s.hideMoney(&ap.ValueTotal, "appreciation.value_total")
		s.hideMoney(&ap.GainTotal, "appreciation.gain_total")
		s.hideShare(&ap.GainPctMedian, "appreciation.gain_pct_median")
	}

	rt := &p.Rent
	if rt.Homes.Hidden {
		s.hideMoney(&rt.IncreaseMonthTotal, "rent.increase_month_total")
		s.hideMoney(&rt.IncreaseYearTotal, "rent.increase_year_total")
		s.hideMoney(&rt.RentNotPaidTotal, "rent.rent_not_paid_total")
		if !rt.MonthsTotal.Hidden {
			s.hide(&rt.MonthsTotal, "rent.months_total")
		}
	}
	if rt.NetSavingHomes.Hidden || rt.Homes.Hidden {
		s.hideMoneyPtr(&rt.HousingCostsTotal, "rent.housing_costs_total")
		s.hideMoneyPtr(&rt.NetSavingTotal, "rent.net_saving_total")
	}

	so := &p.Societal
	childrenHidden := so.Children.Hidden || p.Children.Total.Hidden
	if childrenHidden {
		for i := range so.Scenarios {
			so.Scenarios[i].Persons = results.Persons{Hidden: true}
			so.Scenarios[i].Savings = results.Money{Hidden: true}
			s.hiddenPaths[fmt.Sprintf("societal.scenarios[%d].persons", i)] = true
			s.hiddenPaths[fmt.Sprintf("societal.scenarios[%d].savings", i)] = true
		}
		for i := range so.Sensitivity {
			so.Sensitivity[i].Savings = results.Money{Hidden: true}
			s.hiddenPaths[fmt.Sprintf("societal.sensitivity[%d].savings", i)] = true
		}
	}

	w := &p.Work
	shares := func(bl *results.BaselineLatest, families results.Count, prefix string) {
		if bl.BaselineCount.Hidden || families.Hidden {
			s.hideShare(&bl.Baseline, prefix+".baseline")
		}
		if bl.LatestCount.Hidden || families.Hidden {
			s.hideShare(&bl.Latest, prefix+".latest")
		}
	}
	shares(&w.InWork, w.Families, "work.in_work")
	shares(&w.SocialAssistance, w.Families, "work.social_assistance")
	shares(&w.ByPhase.P1.InWork, w.ByPhase.P1.Families, "work.by_phase.1.in_work")
	shares(&w.ByPhase.P1.SocialAssistance, w.ByPhase.P1.Families, "work.by_phase.1.social_assistance")
	shares(&w.ByPhase.P2.InWork, w.ByPhase.P2.Families, "work.by_phase.2.in_work")
	shares(&w.ByPhase.P2.SocialAssistance, w.ByPhase.P2.Families, "work.by_phase.2.social_assistance")

	fi := &p.Financing
	if fi.WithLoan.Hidden {
		s.hideMoney(&fi.LoanTotal, "financing.loan_total")
		s.hideShare(&fi.LoanShareMedian, "financing.loan_share_median")
	}

	if r := p.Resources; r != nil {
		if f.Bought.Hidden {
			s.hideMoneyPtr(&r.CostPerFamily, "resources.cost_per_family")
		}
		if childrenHidden {
			for i := range r.SavingsPerKrone {
				r.SavingsPerKrone[i].Ratio = results.Number{Hidden: true}
				s.hiddenPaths[fmt.Sprintf("resources.savings_per_krone[%d].ratio", i)] = true
			}
			s.hideShare(&r.BreakEvenShare, "resources.break_even_share")
			if !r.BreakEvenChildren.Hidden {
				s.hide(&r.BreakEvenChildren, "resources.break_even_children")
			}
		}
	}

	// Survey: the share agreeing rests on the agreeing counts (steps 4 and
	// 5) and on the answered; its change rests on this round's and the
	// previous round's shares.
	for i := range p.Survey {
		it := &p.Survey[i]
		hidden := it.Answered.Hidden
		for j := 3; j < len(it.Counts) && j < 5; j++ {
			hidden = hidden || it.Counts[j].Hidden
		}
		if hidden {
			s.hideShare(&it.AgreeShare, fmt.Sprintf("survey[%d].agree_share", i))
		}
	}
	for i := range p.Survey {
		it := &p.Survey[i]
		if it.AgreeChange == nil {
			continue
		}
		prev := results.PreviousRound(p.Survey, i)
		if (it.AgreeShare != nil && it.AgreeShare.Hidden) || (prev != nil && prev.AgreeShare != nil && prev.AgreeShare.Hidden) {
			s.hideShare(&it.AgreeChange, fmt.Sprintf("survey[%d].agree_change", i))
		}
	}
}

// comparison hides, in the change since the previous evaluation, counts
// that are small on either side, and any change resting on a hidden figure.
func (s *suppressor) comparison(p *results.Results) {
	if p.Comparison == nil {
		return
	}
	for i := range p.Comparison.Rows {
		r := &p.Comparison.Rows[i]
		prefix := fmt.Sprintf("comparison.rows[%d]", i)
		hideNum := func(pp **results.Number, name string) {
			if *pp != nil && !(*pp).Hidden {
				*pp = &results.Number{Hidden: true}
				s.hiddenPaths[prefix+"."+name] = true
			}
		}
		if r.Unit == results.UnitCount {
			for _, side := range []struct {
				pp   **results.Number
				name string
			}{{&r.Previous, "previous"}, {&r.Current, "current"}} {
				if *side.pp != nil && !(*side.pp).Hidden && s.small(int((*side.pp).V.IntPart())) && (*side.pp).V.IsInteger() {
					hideNum(side.pp, side.name)
				}
			}
		}
		if (r.Previous != nil && r.Previous.Hidden) || (r.Current != nil && r.Current.Hidden) {
			hideNum(&r.Change, "change")
			if r.ChangePct != nil && !r.ChangePct.Hidden {
				r.ChangePct = &results.Share{Hidden: true}
				s.hiddenPaths[prefix+".change_pct"] = true
			}
		}
	}
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
	names := newIDMatcher(familyIDs)
	out := []results.Warning{}
	seen := map[string]bool{}
	for _, w := range ws {
		family := slices.Contains(familySheets, normSheet(w.Sheet))
		if names.in(w.Message) || names.in(w.Cell) {
			family = true
		}
		if w.Count > 0 || w.FamilyID != "" {
			// A summary counts remarks about families; its number could be small.
			family = true
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

// idMatcher finds a FamilieID named in a text. An id counts as named when
// it stands on its own, not as part of a longer word or number: for an id
// of letters and digits only (nearly all of them), when it is one of the
// text's words, found in a set; for any other id, by a regular expression.
// One expression of 100 000 alternatives took a quarter of a second to
// build, for every public copy.
type idMatcher struct {
	words map[string]bool
	other *regexp.Regexp
}

func newIDMatcher(ids []string) idMatcher {
	m := idMatcher{words: make(map[string]bool, len(ids))}
	var quoted []string
	for _, id := range ids {
		id = strings.TrimSpace(id)
		switch {
		case id == "":
		case strings.IndexFunc(id, notWordRune) < 0:
			m.words[id] = true
		default:
			quoted = append(quoted, regexp.QuoteMeta(id))
		}
	}
	if len(quoted) > 0 {
		sort.Slice(quoted, func(i, j int) bool { return len(quoted[i]) > len(quoted[j]) })
		m.other = regexp.MustCompile(`(?:^|[^\pL\pN])(?:` + strings.Join(quoted, "|") + `)(?:$|[^\pL\pN])`)
	}
	return m
}

// in reports whether text names one of the ids.
func (m idMatcher) in(text string) bool {
	if len(m.words) > 0 {
		for _, word := range strings.FieldsFunc(text, notWordRune) {
			if m.words[word] {
				return true
			}
		}
	}
	return m.other != nil && m.other.MatchString(text)
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

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
