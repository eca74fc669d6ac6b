package reports

import (
	"strconv"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// The sections "Familienes erfaringer" (the survey and the families' own
// words) and "Ressursbruk og lønnsomhet" (what the programme cost and what
// it pays back).

// Survey answer colours: disagreeing in orange, agreeing in blue, the
// strong answers darker, so the two sides differ also in greyscale.
var surveyColors = []string{Palette[1], "#e3a47a", "#7ea6cf", Palette[0]}

// surveyRound is one round of the survey for the templates
// ({{ range .undersøkelsesrunder }}): its statements in sheet order.
type surveyRound struct {
	Round int
	Items []surveyLine
}

// surveyLine is a statement in a round, with the round it is compared with
// (0 when there is none).
type surveyLine struct {
	results.SurveyItem
	PrevRound int
}

// surveyRounds groups the survey by round, oldest first.
func surveyRounds(res *results.Results) []surveyRound {
	var out []surveyRound
	for i, it := range res.Survey {
		if len(out) == 0 || out[len(out)-1].Round != it.Round {
			out = append(out, surveyRound{Round: it.Round})
		}
		line := surveyLine{SurveyItem: it}
		if prev := results.PreviousRound(res.Survey, i); it.AgreeChange != nil && prev != nil {
			line.PrevRound = prev.Round
		}
		out[len(out)-1].Items = append(out[len(out)-1].Items, line)
	}
	return out
}

// SurveyChart is the answers of one round as diverging bars: "Helt uenig"
// and "Litt uenig" to the left of zero, "Litt enig" and "Helt enig" to the
// right. Neutral answers and no answer are kept apart: they are in the
// chart's table, not in the bars, so they pull neither way.
func SurveyChart(res *results.Results, r surveyRound) *Chart {
	year := strconv.Itoa(r.Round)
	ch := &Chart{ID: "erfaringer-" + year, Kind: DivergingBarChart, Title: "Familienes svar, " + year,
		XName: "Antall svar (uenige til venstre, enige til høyre)", YName: "Påstand", Unit: UnitCount,
		Source: "Spørreundersøkelse blant familiene, " + year + " (arket Spørreundersøkelse)"}
	steps := []int{0, 1, 3, 4} // indexes into data.SurveyScale
	figs := make([][]any, len(steps))
	for _, line := range r.Items {
		ch.Categories = append(ch.Categories, line.Statement)
		for k, step := range steps {
			figs[k] = append(figs[k], line.Counts[step])
		}
	}
	for k, step := range steps {
		s := seriesOf(data.SurveyScale[step], 0, figs[k])
		s.Color = surveyColors[k]
		ch.Series = append(ch.Series, s)
	}
	c := newCells(res)
	ch.Description = describe(ch) + " Nøytrale svar og ubesvarte står bare i tabellen."
	ch.Table = surveyTable(ch.Title, ch.Source, r, c)
	return ch
}

// surveyTable is a round's answers as counts: every step of the scale,
// no answer, and the share agreeing.
func surveyTable(caption, source string, r surveyRound, c cells) *Table {
	t := &Table{Caption: caption, Header: []string{"Påstand"}, Numeric: []bool{false}, Source: source}
	t.Header = append(t.Header, data.SurveyScale...)
	t.Header = append(t.Header, "Vet ikke / ubesvart", "Svarte", "Andel enige")
	for range len(t.Header) - 1 {
		t.Numeric = append(t.Numeric, true)
	}
	for _, line := range r.Items {
		row := []string{line.Statement}
		for _, n := range line.Counts {
			row = append(row, c.count(n))
		}
		row = append(row, c.count(line.NoAnswer), c.count(line.Answered), c.share(line.AgreeShare))
		t.Rows = append(t.Rows, row)
	}
	return t
}

// agreeTable is the share agreeing with each statement in every round,
// and the change since the round before, in percentage points.
func agreeTable(res *results.Results, rounds []surveyRound, c cells) *Table {
	t := &Table{Caption: "Andel enige per påstand og runde", Header: []string{"Påstand"}, Numeric: []bool{false},
		Source: "Spørreundersøkelse blant familiene; andel enige = (Litt enig + Helt enig) / de som svarte"}
	col := map[int]int{}
	for i, r := range rounds {
		col[r.Round] = i
		t.Header = append(t.Header, "Enige "+strconv.Itoa(r.Round))
		t.Numeric = append(t.Numeric, true)
	}
	last := rounds[len(rounds)-1]
	if len(rounds) > 1 {
		t.Header = append(t.Header, "Endring til "+strconv.Itoa(last.Round))
		t.Numeric = append(t.Numeric, true)
	}
	rowOf := map[string]int{}
	for _, it := range res.Survey {
		r, ok := rowOf[it.Statement]
		if !ok {
			r = len(t.Rows)
			rowOf[it.Statement] = r
			t.Rows = append(t.Rows, undefinedRow(it.Statement, len(t.Header)))
		}
		t.Rows[r][col[it.Round]+1] = c.share(it.AgreeShare)
		if len(rounds) > 1 && it.Round == last.Round && it.AgreeChange != nil {
			t.Rows[r][len(t.Header)-1] = c.percentPoints(it.AgreeChange)
		}
	}
	return t
}

func surveyBlocks(res *results.Results) []namedBlock {
	rounds := surveyRounds(res)
	if len(rounds) == 0 {
		return nil
	}
	var out []namedBlock
	for _, r := range rounds {
		out = append(out, chartBlock(SurveyChart(res, r)))
	}
	return append(out, tableBlock("enighet", agreeTable(res, rounds, newCells(res))))
}

// includeExperiences: the section is there when there are answers or
// quotes to show.
func includeExperiences(res *results.Results) bool {
	return len(res.Survey) > 0 || hasQuotes(res, "erfaringer")
}

// includeResources: the section is there when there are costs or quotes.
func includeResources(res *results.Results) bool {
	return res.Resources != nil || hasQuotes(res, "ressurser")
}

func hasQuotes(res *results.Results, theme string) bool {
	for _, q := range res.Quotes {
		if q.Theme == theme {
			return true
		}
	}
	return false
}

// ResourcesChart is the programme's cost per year.
func ResourcesChart(res *results.Results) *Chart {
	ch := &Chart{ID: "ressurser-ar", Kind: BarChart, Title: "Prosjektets kostnad per år",
		XName: "År", YName: "Kostnad", Unit: UnitKroner, Source: "Arket Ressursbruk"}
	var cost []any
	if r := res.Resources; r != nil {
		for _, y := range r.ByYear {
			ch.Categories = append(ch.Categories, strconv.Itoa(y.Year))
			cost = append(cost, y.Cost)
		}
	}
	ch.Series = []Series{seriesOf("Kostnad", 0, cost)}
	return finish(ch, "År")
}

func resourceBlocks(res *results.Results) []namedBlock {
	r := res.Resources
	if r == nil {
		return nil
	}
	c := newCells(res)
	actors := &Table{Caption: "Ressursbruk etter aktør", Header: []string{"Aktør", "Timer", "Kostnad", "Andel av kostnaden"},
		Numeric: []bool{false, true, true, true}, Source: "Arket Ressursbruk"}
	for _, a := range r.ByActor {
		var part *results.Share
		if r.CostTotal.V.IsPositive() {
			s := results.S(a.Cost.V.DivRound(r.CostTotal.V, compute.Precision))
			part = &s
		}
		actors.Rows = append(actors.Rows, []string{a.Actor, c.number(a.Hours), c.money(a.Cost), c.share(part)})
	}
	actors.Rows = append(actors.Rows, []string{"Sum", c.number(r.HoursTotal), c.money(r.CostTotal), c.share(&results.Share{V: decimal.NewFromInt(1)})})

	payback := &Table{Caption: "Samfunnsøkonomisk gevinst per krone brukt",
		Header:  []string{"Scenario", "Gevinst", "Kostnad", "Gevinst per krone"},
		Numeric: []bool{false, true, true, true},
		Source:  "Gevinst fra kapitlet Samfunnsøkonomisk gevinst; kostnad fra arket Ressursbruk"}
	for _, sp := range r.SavingsPerKrone {
		row := []string{sp.Name, Undefined, c.money(r.CostTotal), c.number(sp.Ratio)}
		for _, sc := range res.Societal.Scenarios {
			if sc.Name == sp.Name {
				row[0] = scenarioLabel(sc, c)
				row[1] = c.money(sc.Savings)
			}
		}
		payback.Rows = append(payback.Rows, row)
	}
	return []namedBlock{chartBlock(ResourcesChart(res)), tableBlock("ressurser-aktor", actors), tableBlock("lonnsomhet", payback)}
}
