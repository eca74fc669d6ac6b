package compute

import (
	"slices"

	"bobra/data"
	"bobra/pipeline/results"
)

// statusAt returns the family's status at D and the date it began.
//
// Definition 2 (status at D). A family's status at D is its Status if
// Statusdato ≤ D (or Statusdato is blank), otherwise "bor i boligen": a
// later status had not happened yet at D. A blank or unknown Status is
// counted as "ukjent", with a warning.
func (c *computation) statusAt(f *data.Family) (string, data.Day) {
	switch {
	case f.Status == "":
		c.warn.family("status-mangler", f.At, "Status", f.ID,
			"FamilieID "+f.ID+" har kjøpt bolig, men mangler Status; familien telles som «ukjent».")
		return data.StatusUnknown, f.StatusDate
	case !slices.Contains(data.Statuses, f.Status):
		c.warn.family("status-ukjent-verdi", f.At, "Status", f.ID,
			"FamilieID "+f.ID+" har en Status som ikke er i listen; familien telles som «ukjent».")
		return data.StatusUnknown, f.StatusDate
	case f.StatusDate.After(c.d):
		return data.StatusLivesInHome, 0
	}
	return f.Status, f.StatusDate
}

// stable and left classify a status at D.
func stable(status string) bool {
	return status == data.StatusLivesInHome || status == data.StatusMovedToOwned
}

func left(status string) bool {
	return status == data.StatusSoldAndRents || status == data.StatusForcedSale
}

// stability computes definitions 2 and 3.
//
// Definition 2 (stability). Stable = status at D "bor i boligen" or
// "flyttet til annen eid bolig"; left = "solgt og leier" or "tvangssalg";
// "ukjent" is counted apart and kept out of the rate. Stability rate =
// stable / (stable + left), by Del and for all bought families; no rate
// when stable + left is 0.
//
// The Kaplan–Meier estimate is worked out on its own goroutine: stability
// returns without Retention and Curve, and the join gives them.
func (c *computation) stability() (results.Stability, func() kmResult) {
	var st results.Stability
	for _, h := range c.homes {
		for _, sc := range []*results.StabilityCounts{&st.All, st.ByPhase.Get(h.phase)} {
			switch {
			case stable(h.status):
				sc.Stable.N++
			case left(h.status):
				sc.Left.N++
			default:
				sc.Unknown.N++
			}
		}
	}
	for _, sc := range []*results.StabilityCounts{&st.All, &st.ByPhase.P1, &st.ByPhase.P2} {
		sc.Rate = share(sc.Stable.N, sc.Stable.N+sc.Left.N)
	}
	obs := c.observations() // its warnings, in the order found
	km := inBackground(func() kmResult {
		points, curve := kaplanMeier(obs)
		return kmResult{points, curve}
	})
	return st, km
}

// kmResult is what kaplanMeier returns.
type kmResult struct{ points, curve []results.RetentionPoint }
