package compute

import (
	"sort"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// RetentionYears are the times at which S(t) is reported (definition 3).
var RetentionYears = []int{1, 3, 5}

// kmPrecision is the places kept in the Kaplan–Meier product after each
// factor; the error this adds is below 10⁻¹⁵ even with 100 000 factors.
const kmPrecision = 20

// observation is one home in the Kaplan–Meier estimate: days from
// Kjøpsdato to the event or censoring, and whether it was an event.
type observation struct {
	days  int
	event bool
}

// observations and kaplanMeier compute definition 3.
//
// Definition 3 (staying in ownership, Kaplan–Meier). For each bought home,
// time runs from Kjøpsdato, in years = days / 365.25. The event is leaving
// ownership ("solgt og leier" or "tvangssalg") at its Statusdato ≤ D; every
// other home is censored at D, except "ukjent", censored at its Statusdato.
// At each time t_i with d_i events, with n_i homes whose observed time is
// ≥ t_i (so events come before censorings at the same time),
// S(t) = ∏_{t_i ≤ t} (1 − d_i / n_i). S(t) is given at 1, 3 and 5 years with
// at_risk(t) = homes whose observed time is ≥ t; a t where at_risk(t) is 0
// is left out. The curve has a point at 0 (S = 1, all homes at risk), one
// at each event time, and one at the longest observed time.
//
// Homes whose status lacks the date it began (other than "bor i boligen"),
// or whose Statusdato is before Kjøpsdato, are left out, with a warning.
//
// observations gives the homes in the estimate, with the warnings for
// those left out, and kaplanMeier the estimate (stability runs it on a
// goroutine of its own).
func (c *computation) observations() []observation {
	obs := make([]observation, 0, len(c.homes))
	for _, h := range c.homes {
		o, ok := c.observe(h)
		if ok {
			obs = append(obs, o)
		}
	}
	return obs
}

func (c *computation) observe(h *home) (observation, bool) {
	end, event := c.d, false
	switch {
	case left(h.status):
		end, event = h.statusDate.Date(), true
	case h.status == data.StatusUnknown:
		end = h.statusDate.Date()
	}
	if end.IsZero() {
		c.warn.family("km-mangler-dato", h.famAt, "Statusdato", h.id,
			"FamilieID "+h.id+" mangler Statusdato og er holdt utenfor beregningen av hvor lenge familiene blir boende.")
		return observation{}, false
	}
	days := h.buy.Date.DaysUntil(end)
	if days < 0 {
		c.warn.family("km-dato-for-kjop", h.famAt, "Statusdato", h.id,
			"FamilieID "+h.id+" har Statusdato før Kjøpsdato og er holdt utenfor beregningen av hvor lenge familiene blir boende.")
		return observation{}, false
	}
	return observation{days: days, event: event}, true
}

// kaplanMeier returns S(t) at RetentionYears and the whole step function.
func kaplanMeier(obs []observation) (points []results.RetentionPoint, curve []results.RetentionPoint) {
	points, curve = []results.RetentionPoint{}, []results.RetentionPoint{}
	if len(obs) == 0 {
		return points, curve
	}
	sort.Slice(obs, func(i, j int) bool {
		if obs[i].days != obs[j].days {
			return obs[i].days < obs[j].days
		}
		return obs[i].event && !obs[j].event
	})
	one := decimal.NewFromInt(1)
	s := one
	curve = append(curve, results.RetentionPoint{Years: results.Number{V: decimal.Zero}, Rate: results.S(one), AtRisk: results.C(len(obs))})
	// steps[k] is S just after the k-th event time, at days stepDays[k].
	var stepDays []int
	var steps []decimal.Decimal
	n := len(obs)
	for i := 0; i < len(obs); {
		j, events := i, 0
		for j < len(obs) && obs[j].days == obs[i].days {
			if obs[j].event {
				events++
			}
			j++
		}
		if events > 0 {
			factor := decimal.NewFromInt(int64(n-events)).DivRound(decimal.NewFromInt(int64(n)), kmPrecision)
			s = s.Mul(factor).Round(kmPrecision)
			stepDays = append(stepDays, obs[i].days)
			steps = append(steps, s)
			curve = append(curve, results.RetentionPoint{Years: results.Number{V: daysToYears(obs[i].days)}, Rate: results.S(s), AtRisk: results.C(n)})
		}
		n -= j - i
		i = j
	}
	last := obs[len(obs)-1].days
	if len(stepDays) == 0 || stepDays[len(stepDays)-1] < last {
		curve = append(curve, results.RetentionPoint{Years: results.Number{V: daysToYears(last)}, Rate: results.S(s),
			AtRisk: results.C(atRiskFrom(obs, last))})
	}

	for _, t := range RetentionYears {
		// days ≥ 365.25 t, in whole numbers: 100·days ≥ 36525·t.
		firstDay := (36525*t + 99) / 100
		atRisk := atRiskFrom(obs, firstDay)
		if atRisk == 0 {
			continue
		}
		rate := one
		for k, d := range stepDays {
			if d*100 <= 36525*t {
				rate = steps[k]
			}
		}
		points = append(points, results.RetentionPoint{Years: results.Number{V: decimal.NewFromInt(int64(t))}, Rate: results.S(rate), AtRisk: results.C(atRisk)})
	}
	return points, curve
}

// atRiskFrom counts observations with days ≥ from; obs is sorted by days.
func atRiskFrom(obs []observation, from int) int {
	i := sort.Search(len(obs), func(i int) bool { return obs[i].days >= from })
	return len(obs) - i
}

func daysToYears(days int) decimal.Decimal {
	return fastdec.DivRound(decimal.NewFromInt(int64(days)), DaysPerYear, Precision)
}
