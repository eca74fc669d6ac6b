package compute

import (
	"sort"

	"bobra/data"
	"bobra/pipeline/results"
)

// surveyItems summarises Spørreundersøkelse.
//
// Survey: per round (År, else the year of Dato) and statement, the
// respondents who gave an answer on the five-step scale (Answered), those
// who answered "Vet ikke" or left the statement blank (NoAnswer), the
// answers per scale step, and the share agreeing = (Litt enig + Helt enig)
// / Answered. AgreeChange is this round's share minus the share for the
// same statement in the latest earlier round, when both exist. Rounds after
// year(D) are left out, as is a statement nobody in a round answered on the
// scale (a statement first asked in a later round shows as all blanks in
// the earlier one, and a share of nothing says nothing).
//
// Items come by round, oldest first, and within a round in the order the
// statements were first met (the sheet's column order).
func surveyItems(answers []data.SurveyAnswer, lastYear int) []results.SurveyItem {
	type key struct {
		round     int
		statement string
	}
	index := map[key]int{}
	var items []results.SurveyItem
	for _, a := range answers {
		if a.Round > lastYear {
			continue
		}
		k := key{a.Round, a.Statement}
		i, ok := index[k]
		if !ok {
			i = len(items)
			index[k] = i
			items = append(items, results.SurveyItem{Round: a.Round, Statement: a.Statement, Counts: make([]results.Count, len(data.SurveyScale))})
		}
		it := &items[i]
		if a.Step >= 1 && a.Step <= len(data.SurveyScale) {
			it.Answered.N++
			it.Counts[a.Step-1].N++
		} else {
			it.NoAnswer.N++
		}
	}

	out := make([]results.SurveyItem, 0, len(items))
	for _, it := range items {
		if it.Answered.N == 0 {
			continue
		}
		it.AgreeShare = share(it.Counts[3].N+it.Counts[4].N, it.Answered.N)
		out = append(out, it)
	}
	// Stable: statements keep their first-met order within a round.
	sort.SliceStable(out, func(i, j int) bool { return out[i].Round < out[j].Round })

	for i := range out {
		prev := results.PreviousRound(out, i)
		if prev == nil || prev.AgreeShare == nil || out[i].AgreeShare == nil {
			continue
		}
		ch := results.S(out[i].AgreeShare.V.Sub(prev.AgreeShare.V))
		out[i].AgreeChange = &ch
	}
	return out
}
