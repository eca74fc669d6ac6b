package reports

import (
	"bobra/internal/norfmt"
	"strconv"

	"bobra/data"
	"bobra/pipeline/results"
)

// Sheets of resultater.xlsx for the families' answers and the programme's cost.
const (
	SheetSurvey    = "Spørreundersøkelse"
	SheetResources = "Ressursbruk"
)

// surveySheet writes one row per survey round and statement: the answers
// per scale step, the share agreeing and its change since the round before.
func (b *book) surveySheet(s *sheet) {
	s.setup(10, 60, 12, 14, 12, 12, 14, 12, 12, 14, 18)
	head := []string{"Runde", "Påstand", "Svarte", "Vet ikke / ubesvart"}
	head = append(head, data.SurveyScale...)
	head = append(head, "Andel enige", "Endring fra forrige runde")
	s.header(head...)
	if len(b.res.Survey) == 0 {
		s.write(cell{}, b.str("Dataene har ingen spørreundersøkelse."))
		return
	}
	for _, it := range b.res.Survey {
		row := []cell{b.yr(it.Round), b.long(it.Statement), b.count(it.Answered), b.count(it.NoAnswer)}
		for _, c := range it.Counts {
			row = append(row, b.count(c))
		}
		row = append(row, b.sharePtr(it.AgreeShare), b.sharePtr(it.AgreeChange))
		s.write(row...)
	}
	s.blank()
	s.write(cell{}, b.long("Andel enige = (Litt enig + Helt enig) / de som svarte på skalaen. «Vet ikke» og tomme svar regnes som ubesvart."))
}

// resourcesSheet writes cost and hours by year and by actor, then what the
// programme pays back.
func (b *book) resourcesSheet(s *sheet) {
	s.setup(60, 16, 18, 60)
	r := b.res.Resources
	if r == nil {
		s.header("Ressursbruk", "Timer", "Kostnad (kr)")
		s.write(b.str("Dataene har ingen ressursbruk til og med evalueringsåret."))
		return
	}
	s.header("År", "Timer", "Kostnad (kr)")
	for _, y := range r.ByYear {
		s.write(b.yr(y.Year), b.number(y.Hours), b.money(y.Cost))
	}
	s.write(b.title("Sum"), b.number(r.HoursTotal), b.money(r.CostTotal))
	s.blank()
	s.header("Aktør", "Timer", "Kostnad (kr)")
	for _, a := range r.ByActor {
		s.write(b.str(a.Actor), b.number(a.Hours), b.money(a.Cost))
	}
	s.write(b.title("Sum"), b.number(r.HoursTotal), b.money(r.CostTotal))
	s.blank()
	s.header("Lønnsomhet", "Verdi", "", "Forklaring")
	s.write(b.str("Kostnad per familie som har kjøpt (kr)"), b.moneyPtr(r.CostPerFamily), cell{},
		b.long("Samlet kostnad / "+b.countText(b.res.Families.Bought)+" familier som har kjøpt."))
	for _, sp := range r.SavingsPerKrone {
		s.write(b.str("Samfunnsgevinst per krone, "+sp.Name), b.number(sp.Ratio), cell{},
			b.long("Samfunnsgevinsten i scenario "+sp.Name+" / samlet kostnad."))
	}
	soc := b.res.Societal
	s.write(b.str("Andel barn som må unngå utenforskap"), b.sharePtr(r.BreakEvenShare), cell{},
		b.long("Samlet kostnad / ("+b.countText(soc.Children)+" barn × "+norfmt.Kroner(soc.CostPerPerson.V)+"): andelen som må unngå utenforskap for at tiltaket skal lønne seg."))
	if r.BreakEvenShare != nil {
		s.write(b.str("Antall barn som må unngå utenforskap"), b.count(r.BreakEvenChildren), cell{},
			b.long("Andelen ganger antall barn, rundet opp."))
	}
}

// countText is a count as prose, or the small-number text when hidden.
func (b *book) countText(c results.Count) string {
	if text, ok := withheldCount(c.Hidden, c.Small, b.res); ok {
		return text
	}
	return strconv.Itoa(c.N)
}
