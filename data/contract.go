package data

import (
	"github.com/shopspring/decimal"
	"strings"
)

// Kind is the kind of value a column holds. It decides how a cell is parsed
// and which drop-down or number format the input template gives the column.
type Kind int

const (
	KindText    Kind = iota // free text
	KindID                  // a pseudonymous case id (FamilieID): text, trimmed
	KindInt                 // a whole number, at least Column.Min
	KindYear                // a four-digit year
	KindDate                // a calendar day: Excel date or text 30.09.2024 / 2024-09-30
	KindMoney               // kroner, at least 0: 3 350 000, kr 3 350 000,-
	KindDecimal             // a number that may have decimals, comma or point
	KindShare               // a share: 5 %, 0,05
	KindBool                // ja/nei
	KindList                // one of Column.Allowed
)

// Description returns the kind as a Norwegian noun phrase for messages
// ("må være et heltall").
func (k Kind) Description() string {
	switch k {
	case KindID:
		return "en FamilieID"
	case KindInt:
		return "et heltall"
	case KindYear:
		return "et årstall med fire sifre"
	case KindDate:
		return "en dato (for eksempel 30.09.2024)"
	case KindMoney:
		return "et beløp i kroner"
	case KindDecimal:
		return "et tall"
	case KindShare:
		return "en andel (for eksempel 5 % eller 0,05)"
	case KindBool:
		return "ja eller nei"
	case KindList:
		return "en av de tillatte verdiene"
	default:
		return "tekst"
	}
}

// YesNo are the values the template offers for ja/nei columns; the reader
// also accepts j/n/x/yes/no/true/false/1/0.
var YesNo = []string{"ja", "nei"}

// Column is one column of a sheet in the input contract.
type Column struct {
	Name     string // canonical header, as the template writes it
	Required bool   // the column must exist, and every row must have a value
	Kind     Kind
	Allowed  []string // closed list for KindList and KindBool, in the order users see them
	Min      int      // smallest allowed value for KindInt
	Max      int      // largest allowed value for KindInt; 0 means the general ceiling
	Help     string   // short Norwegian help text, for the template's cell comment
	// Synonyms are other headers people really give the column; the
	// reader takes them as the column (with a note), the template never
	// writes them. Keep the list short: README's table lists them.
	Synonyms []string
}

// Sheet is one sheet of the input contract.
type Sheet struct {
	Name     string // canonical sheet name
	Required bool   // a data folder without this sheet is refused
	Help     string // one Norwegian sentence about what the sheet holds
	Columns  []Column
	// OpenColumns means headers not in Columns are data (for example the
	// statements of a survey export), not extra columns to note.
	OpenColumns bool
}

// Column returns the named column of the sheet.
func (s Sheet) Column(name string) (Column, bool) {
	for _, c := range s.Columns {
		if c.Name == name {
			return c, true
		}
	}
	return Column{}, false
}

// Canonical sheet names.
const (
	SheetFamilies    = "Familier"
	SheetChildren    = "Barn"
	SheetPurchases   = "Kjøp"
	SheetValuations  = "Verdivurderinger"
	SheetRent        = "SSB-leie"
	SheetPriceIndex  = "SSB-prisindeks"
	SheetFollowUps   = "Oppfølging"
	SheetContext     = "Kontekst"
	SheetAssumptions = "Forutsetninger"
)

// Canonical column names used by more than one sheet or by the checks.
const (
	ColFamilyID   = "FamilieID"
	ColPhase      = "Del"
	ColEnrolled   = "Innmeldt"
	ColHousehold  = "Husholdning"
	ColStatus     = "Status"
	ColStatusDate = "Statusdato"
	ColMoves      = "Flyttinger før"
	ColBirthYear  = "Fødselsår"
	ColBuyDate    = "Kjøpsdato"
	ColPrice      = "Kjøpesum"
	ColStartLoan  = "Startlån"
	ColRooms      = "Rom"
	ColArea       = "BRA"
	ColMonthly    = "Månedlige boutgifter"
	ColRentBefore = "Husleie før"
	ColDate       = "Dato"
	ColValue      = "Verdi"
	ColSource     = "Kilde"
	ColYear       = "År"
	ColRent       = "Månedsleie"
	ColRegion     = "Region"
	ColIndex      = "Indeks"
	ColAdultsWork = "Voksne i arbeid"
	ColSocial     = "Sosialhjelp"
	ColIndicator  = "Indikator"
	ColParameter  = "Parameter"
	ColNote       = "Merknad"
)

// RentRooms are the allowed Rom values of SSB-leie.
var RentRooms = []string{"1", "2", "3", "4", RoomsFivePlus, RoomsAll}

// Contract returns the input contract: every sheet in the order the
// template writes them. Each call returns a new slice.
func Contract() []Sheet {
	idCol := Column{Name: ColFamilyID, Required: true, Kind: KindID, Synonyms: []string{"Fam.nr", "Familienr", "Familienummer"},
		Help: "Familiens saksnummer i prosjektet (pseudonym, for eksempel F001). Aldri fødselsnummer eller navn."}
	sheets := []Sheet{
		{Name: SheetFamilies, Required: true, Help: "Én rad per familie i prosjektet.", Columns: []Column{
			withHelp(idCol, "Familiens saksnummer i prosjektet (pseudonym, for eksempel F001). Må være unikt. Aldri fødselsnummer eller navn."),
			{Name: ColPhase, Required: true, Kind: KindList, Allowed: []string{"1", "2"},
				Help: "Prosjektdel: 1 (startet 2016) eller 2 (Barn bor bra i Bærum, fra 2019)."},
			{Name: ColEnrolled, Kind: KindDate, Synonyms: []string{"Innmeldt dato", "Innmeldingsdato", "Dato innmeldt"}, Help: "Datoen familien ble med i prosjektet."},
			{Name: ColHousehold, Kind: KindList, Allowed: Households, Synonyms: []string{"Husholdningstype"}, Help: "Enslig forsørger eller to foreldre."},
			{Name: ColStatus, Kind: KindList, Allowed: Statuses,
				Help: "Hvordan familien bor nå. Må fylles ut når familien har kjøpt bolig."},
			{Name: ColStatusDate, Kind: KindDate, Synonyms: []string{"Dato for status"},
				Help: "Datoen statusen begynte (for eksempel salgsdato). Kan stå tom når status er «bor i boligen»."},
			{Name: ColMoves, Kind: KindInt, Min: 0, Max: 50, Synonyms: []string{"Flyttinger før kjøp", "Antall flyttinger"}, Help: "Antall flyttinger de fem årene før kjøpet (heltall, 0 eller mer)."},
		}},
		{Name: SheetChildren, Required: true, Help: "Én rad per barn i familiene.", Columns: []Column{
			withHelp(idCol, "Saksnummeret til familien barnet hører til (som i arket Familier)."),
			{Name: ColBirthYear, Required: true, Kind: KindYear, Synonyms: []string{"Født", "Født år"}, Help: "Barnets fødselsår med fire sifre. Ikke fødselsdato eller fødselsnummer."},
		}},
		{Name: SheetPurchases, Required: true, Help: "Én rad per boligkjøp.", Columns: []Column{
			withHelp(idCol, "Saksnummeret til familien som kjøpte (som i arket Familier)."),
			{Name: ColBuyDate, Required: true, Kind: KindDate, Synonyms: []string{"Kjøpt dato", "Dato kjøp", "Overtakelsesdato"}, Help: "Datoen kjøpet ble gjennomført (overtakelse eller kontrakt)."},
			{Name: ColPrice, Required: true, Kind: KindMoney, Synonyms: []string{"Kjøpspris", "Pris"}, Help: "Kjøpesum i kroner."},
			{Name: ColStartLoan, Kind: KindMoney, Help: "Startlån i kroner. Kan ikke være større enn kjøpesummen."},
			{Name: ColRooms, Required: true, Kind: KindInt, Min: 1, Max: 50, Synonyms: []string{"Antall rom"}, Help: "Antall rom (heltall, minst 1)."},
			{Name: ColArea, Kind: KindDecimal, Synonyms: []string{"Bruksareal", "Areal"}, Help: "Bruksareal (BRA) i kvadratmeter."},
			{Name: ColMonthly, Kind: KindMoney, Synonyms: []string{"Boutgifter", "Boutgifter per måned"}, Help: "Familiens boutgifter per måned etter kjøpet, i kroner."},
			{Name: ColRentBefore, Kind: KindMoney, Synonyms: []string{"Husleie før kjøp", "Leie før"}, Help: "Husleien per måned før kjøpet, i kroner."},
		}},
		{Name: SheetValuations, Help: "Verdivurderinger og salg av boligene etter kjøpet.", Columns: []Column{
			withHelp(idCol, "Saksnummeret til familien som eier boligen (som i arket Familier)."),
			{Name: ColDate, Required: true, Kind: KindDate, Help: "Datoen for verdivurderingen eller salget."},
			{Name: ColValue, Required: true, Kind: KindMoney, Synonyms: []string{"Verdivurdering", "Takst"}, Help: "Boligens verdi i kroner."},
			{Name: ColSource, Kind: KindText, Help: "Hvor verdien kommer fra, for eksempel megler eller salg."},
		}},
		{Name: SheetRent, Help: "Gjennomsnittlig månedsleie fra SSBs leiemarkedsundersøkelse.", Columns: []Column{
			{Name: ColYear, Required: true, Kind: KindYear, Help: "Året leien gjelder."},
			{Name: ColRooms, Required: true, Kind: KindList, Allowed: RentRooms,
				Help: "Antall rom: 1, 2, 3, 4, 5+ (fem eller flere) eller alle."},
			{Name: ColRent, Required: true, Kind: KindMoney, Help: "Gjennomsnittlig månedsleie i kroner."},
			{Name: ColRegion, Kind: KindText, Help: "SSBs region, for eksempel Oslo og Bærum. Vises i rapportene."},
			{Name: ColSource, Kind: KindText, Help: "Hvor tallet kommer fra, for eksempel SSB, tabell 09895, oppdatert 22.12.2025. Vises i rapportene."},
			{Name: ColNote, Kind: KindText, Help: "SSBs merknad til tabellen. Siteres i rapportens metodekapittel."},
		}},
		{Name: SheetPriceIndex, Help: "SSBs prisindeks for brukte boliger, brukes når en bolig ikke har verdivurdering.", Columns: []Column{
			{Name: ColYear, Required: true, Kind: KindYear, Help: "Året indeksen gjelder."},
			{Name: ColIndex, Required: true, Kind: KindDecimal, Help: "Indeksverdien (hvilket som helst basisår)."},
			{Name: ColRegion, Kind: KindText, Help: "SSBs region. Vises i rapportene."},
			{Name: ColSource, Kind: KindText, Help: "Hvor tallet kommer fra, for eksempel SSB, tabell 07221, oppdatert 12.01.2024."},
		}},
		{Name: SheetFollowUps, Help: "Oppfølging av familiene etter kjøpet.", Columns: []Column{
			withHelp(idCol, "Saksnummeret til familien (som i arket Familier)."),
			{Name: ColDate, Required: true, Kind: KindDate, Help: "Datoen for oppfølgingen."},
			{Name: ColAdultsWork, Kind: KindInt, Min: 0, Help: "Antall voksne i familien som er i arbeid (heltall, 0 eller mer)."},
			{Name: ColSocial, Kind: KindBool, Allowed: YesNo, Help: "Mottar familien sosialhjelp? ja eller nei."},
		}},
		{Name: SheetContext, Help: "Tall om kommunen som setter prosjektet i sammenheng.", Columns: []Column{
			{Name: ColIndicator, Required: true, Kind: KindText, Help: "Hva tallet viser, for eksempel Barn i vedvarende lavinntekt."},
			{Name: ColYear, Required: true, Kind: KindYear, Help: "Året tallet gjelder."},
			{Name: ColValue, Required: true, Kind: KindDecimal, Help: "Tallet."},
		}},
		{Name: SheetAssumptions, Help: "Forutsetningene for beregningene, med kilde.", Columns: []Column{
			{Name: ColParameter, Required: true, Kind: KindText, Help: "Navnet på forutsetningen. Skriv det nøyaktig som i malen."},
			{Name: ColValue, Required: true, Kind: KindText, Help: "Verdien som brukes i beregningene."},
			{Name: ColSource, Kind: KindText, Help: "Hvor verdien kommer fra."},
		}},
	}
	// The optional sheets (survey, quotes, resources) go last in the template.
	return append(sheets, experienceSheets()...)
}

func withHelp(c Column, help string) Column {
	c.Help = help
	return c
}

// ParamSpec describes one known parameter of Forutsetninger.
type ParamSpec struct {
	Name    string
	Kind    Kind   // KindText, KindDate, KindMoney, KindShare or KindInt
	Default string // the value used when the row is missing, as plain text ("" = none)
	Source  string // where the default comes from
	Help    string // short Norwegian help text
}

// ParamKind is what the known parameter named name is; KindText for any
// other name (such as those the computation adds to the assumptions).
func ParamKind(name string) Kind {
	for _, spec := range KnownParams() {
		if spec.Name == name {
			return spec.Kind
		}
	}
	return KindText
}

// KnownParams returns the known parameters in the order the template lists
// them. An unknown name in Forutsetninger is an error, so that a typo never
// silently falls back to a default.
func KnownParams() []ParamSpec {
	return []ParamSpec{
		{ParamProgramme, KindText, "Barn bor bra i Bærum", "Innovasjonsbeskrivelsen",
			"Prosjektets navn, slik det står på rapportene."},
		{ParamMunicipality, KindText, "Bærum kommune", "Innovasjonsbeskrivelsen",
			"Kommunen som eier prosjektet. Står som forfatter av rapportene."},
		{ParamEvaluationDate, KindDate, "", "",
			"Datoen evalueringen gjelder. Tom betyr dagens dato."},
		{ParamCostPerPerson, KindMoney, "16400000",
			"Evalueringen 2021: «ca 16 millioner kroner» per ungdom i utenforskap (Sørvoll & Aarset 2015); 16,4 mill. kr passer med regnestykket 4,85 × 16,4 mill. ≈ 79,5 mill. kr",
			"Hva én ungdom i utenforskap koster samfunnet gjennom livsløpet, i kroner."},
		{ParamShareLow, KindShare, "0.02", "Illustrativ forutsetning for følsomhetsberegning",
			"Lav andel av barna som antas å unngå utenforskap takket være prosjektet."},
		{ParamShareBase, KindShare, "0.05", "Evalueringen 2021: «dersom vi tenker at 5 % kunne ha gjort det»",
			"Andelen av barna som antas å unngå utenforskap takket være prosjektet (hovedberegningen)."},
		{ParamShareHigh, KindShare, "0.10", "Illustrativ forutsetning for følsomhetsberegning",
			"Høy andel av barna som antas å unngå utenforskap takket være prosjektet."},
		{ParamSmallCount, KindInt, "3", "Vanlig grense for små tall i offentlig statistikk",
			"Tall under denne grensen vises som «færre enn N» i offentlige rapporter (heltall)."},
		{ParamExampleHome, KindText, "", "Valgt av prosjektet",
			"FamilieID til boligen kapitlene om verdi og leie bruker som regneeksempel. Tom: boligen med flest verdivurderinger."},
		{ParamExamplePublic, KindBool, "nei", "Ett eksempel beskriver én familie",
			"ja: regneeksempelet tas med i offentlige rapporter (familien har sagt ja). nei: bare i interne."},
	}
}

// DefaultAssumptions returns the assumptions used when Forutsetninger does
// not give them, with Params listing every known parameter and its source.
func DefaultAssumptions() Assumptions {
	a := Assumptions{}
	for _, spec := range KnownParams() {
		a.Params = append(a.Params, Parameter{Name: spec.Name, Value: spec.Default, Source: spec.Source})
		setAssumption(&a, spec, spec.Default)
	}
	return a
}

// setAssumption stores an already valid parameter value in its field.
// It reports whether the value could be parsed.
func setAssumption(a *Assumptions, spec ParamSpec, text string) bool {
	switch spec.Name {
	case ParamProgramme:
		a.Programme = text
	case ParamMunicipality:
		a.Municipality = text
	case ParamEvaluationDate:
		if text == "" {
			a.EvaluationDate = Date{}
			return true
		}
		d, ok := parseDateText(text)
		if !ok {
			return false
		}
		a.EvaluationDate = d
	case ParamCostPerPerson:
		return setDecimal(&a.CostPerPerson, text, ParseNumber)
	case ParamShareLow:
		return setDecimal(&a.ShareLow, text, ParseShare)
	case ParamShareBase:
		return setDecimal(&a.ShareBase, text, ParseShare)
	case ParamShareHigh:
		return setDecimal(&a.ShareHigh, text, ParseShare)
	case ParamSmallCount:
		n, err := ParseInt(text)
		if err != nil {
			return false
		}
		a.SmallCount = n
	case ParamExampleHome:
		a.ExampleHome = strings.TrimSpace(text)
	case ParamExamplePublic:
		b, err := ParseBool(text)
		if err != nil {
			return false
		}
		a.ExamplePublic = b
	}
	return true
}

func setDecimal(dst *decimal.Decimal, text string, parse func(string) (decimal.Decimal, error)) bool {
	d, err := parse(text)
	if err != nil {
		return false
	}
	*dst = d
	return true
}
