package data

// The optional sheets for the families' own voice and the programme's
// cost: a survey export, quotes and resource use.

// Sheet names of the optional sheets.
const (
	SheetSurvey    = "Spørreundersøkelse"
	SheetQuotes    = "Sitater"
	SheetResources = "Ressursbruk"
)

// Column names of the optional sheets (År, Dato and FamilieID are shared).
const (
	ColTheme = "Tema"
	ColQuote = "Sitat"
	ColWho   = "Hvem"
	ColActor = "Aktør"
	ColHours = "Timer"
	ColCost  = "Kostnad"
)

// AnswerDontKnow is the survey answer counted as no answer, like a blank.
const AnswerDontKnow = "Vet ikke"

// SurveyChoices are the answers the template offers in a statement column:
// the scale and "Vet ikke".
var SurveyChoices = append(append([]string(nil), SurveyScale...), AnswerDontKnow)

// experienceSheets returns the optional sheets in template order.
func experienceSheets() []Sheet {
	return []Sheet{
		{Name: SheetSurvey, OpenColumns: true,
			Help: "Svar på spørreundersøkelsen, slik Nettskjema eller Questback eksporterer dem: én rad per person som svarte, én kolonne per påstand med påstanden som overskrift.",
			Columns: []Column{
				{Name: ColFamilyID, Kind: KindID,
					Help: "Familiens saksnummer (som i arket Familier), hvis svaret kan knyttes til en familie. Kan stå tom."},
				{Name: ColYear, Kind: KindYear,
					Help: "Året undersøkelsen ble gjort (runden). Tom betyr året i Dato."},
				{Name: ColDate, Kind: KindDate, Help: "Datoen personen svarte."},
			}},
		{Name: SheetQuotes, Help: "Sitater fra familiene, vist i rapportens kapittel for temaet, i den rekkefølgen de står her.",
			Columns: []Column{
				{Name: ColTheme, Required: true, Kind: KindList, Allowed: QuoteThemes,
					Help: "Kapittelet sitatet skal stå i: familier, stabilitet, erfaringer, verdi, leie, arbeid, samfunn eller ressurser."},
				{Name: ColQuote, Required: true, Kind: KindText,
					Help: "Sitatet, med familiens egne ord. Ikke skriv navn eller noe som kan kjenne igjen familien."},
				{Name: ColWho, Kind: KindText, Help: "Hvem som sa det, uten navn, for eksempel «mor, del 1»."},
			}},
		{Name: SheetResources, Help: "Hva prosjektet har kostet: timer og kroner per år og aktør.",
			Columns: []Column{
				{Name: ColYear, Required: true, Kind: KindYear, Help: "Året ressursbruken gjelder."},
				{Name: ColActor, Required: true, Kind: KindText, Help: "Hvem som brukte ressursene, for eksempel NAV eller Boligbistand."},
				{Name: ColHours, Kind: KindDecimal, Help: "Antall arbeidstimer brukt i prosjektet."},
				{Name: ColCost, Required: true, Kind: KindMoney, Help: "Kostnaden i kroner (lønn, tilskudd og andre utgifter)."},
			}},
	}
}
