package compute

import (
	"bobra/data"
	"bobra/pipeline/results"
)

// work computes definition 7.
//
// Definition 7 (work and welfare). For each bought family, over its
// Oppfølging rows with Dato ≤ D: the baseline is the earliest (the first
// row read among rows of that day), the latest is the latest (the last row
// read among rows of that day) if it is later than the baseline. Over the
// families that have both (Families): the share with at least one adult in
// work, and the share on social assistance, at baseline and at latest, by
// Del and for all. Each share counts only the families whose answer is
// filled at both observations (Known), so baseline and latest describe the
// same families. A family with one observation only is not counted.
func (c *computation) work() results.Work {
	// By the family's row in Familier: a map by FamilieID, grown a family
	// at a time, cost more than the rest of the section.
	type pair struct{ first, last *data.FollowUp }
	obs := make([]pair, len(c.homeAt))
	find := homeCursor{c: c}
	for i := range c.ds.FollowUps {
		f := &c.ds.FollowUps[i]
		if f.Date.IsZero() || f.Date.After(c.d) {
			continue
		}
		fi, h := find.find(f.FamilyID)
		if h == nil {
			continue
		}
		p := &obs[fi]
		if p.first == nil {
			*p = pair{f, f}
			continue
		}
		if f.Date < p.first.Date {
			p.first = f
		}
		if f.Date >= p.last.Date {
			p.last = f
		}
	}
	var w results.Work
	var all workTally
	var byPhase results.ByPhase[workTally]
	for _, h := range c.homes {
		p := &obs[h.fam]
		if p.first == nil || p.last.Date <= p.first.Date {
			continue
		}
		all.add(p.first, p.last)
		byPhase.Get(h.phase).add(p.first, p.last)
	}
	w.Families, w.InWork, w.SocialAssistance = all.result()
	w.ByPhase.P1.Families, w.ByPhase.P1.InWork, w.ByPhase.P1.SocialAssistance = byPhase.P1.result()
	w.ByPhase.P2.Families, w.ByPhase.P2.InWork, w.ByPhase.P2.SocialAssistance = byPhase.P2.result()
	return w
}

type workTally struct {
	families                  int
	workKnown, workBase, work int
	aidKnown, aidBase, aid    int
}

func (t *workTally) add(base, latest *data.FollowUp) {
	t.families++
	if base.AdultsInWork != nil && latest.AdultsInWork != nil {
		t.workKnown++
		if *base.AdultsInWork >= 1 {
			t.workBase++
		}
		if *latest.AdultsInWork >= 1 {
			t.work++
		}
	}
	if base.SocialAssistance != nil && latest.SocialAssistance != nil {
		t.aidKnown++
		if *base.SocialAssistance {
			t.aidBase++
		}
		if *latest.SocialAssistance {
			t.aid++
		}
	}
}

func (t *workTally) result() (results.Count, results.BaselineLatest, results.BaselineLatest) {
	return results.C(t.families),
		results.BaselineLatest{Known: results.C(t.workKnown), BaselineCount: results.C(t.workBase), LatestCount: results.C(t.work),
			Baseline: share(t.workBase, t.workKnown), Latest: share(t.work, t.workKnown)},
		results.BaselineLatest{Known: results.C(t.aidKnown), BaselineCount: results.C(t.aidBase), LatestCount: results.C(t.aid),
			Baseline: share(t.aidBase, t.aidKnown), Latest: share(t.aid, t.aidKnown)}
}
