// Package data is bobra's input contract: the records a programme keeps in
// its workbooks, reading them from .xlsx files, parsing Norwegian numbers and
// dates, and checking them cell by cell.
//
// Every money amount and share is a decimal.Decimal built from the cell's
// text; nothing here goes through float64.
package data

import (
	"github.com/shopspring/decimal"

	"bobra/internal/fastdec"
)

// Phases of the programme: part 1 started in 2016, part 2 (with new
// criteria, under the name "Barn bor bra i Bærum") in 2019.
const (
	Phase1 = 1
	Phase2 = 2
)

// Household kinds, as written in the Husholdning column.
const (
	HouseholdSingleParent = "enslig forsørger"
	HouseholdTwoParents   = "to foreldre"
)

// Status values, as written in the Status column.
const (
	StatusLivesInHome  = "bor i boligen"
	StatusMovedToOwned = "flyttet til annen eid bolig"
	StatusSoldAndRents = "solgt og leier"
	StatusForcedSale   = "tvangssalg"
	StatusUnknown      = "ukjent"
)

// Statuses lists the allowed Status values in the order users see them.
var Statuses = []string{StatusLivesInHome, StatusMovedToOwned, StatusSoldAndRents, StatusForcedSale, StatusUnknown}

// Households lists the allowed Husholdning values.
var Households = []string{HouseholdSingleParent, HouseholdTwoParents}

// Loc says where a record came from, so that checks made after reading
// (cross-sheet references, date order) can still name the cell. The
// records of one sheet share its origin, so a location is two words: a
// national dataset has three quarters of a million records. The zero Loc
// is a record built in Go.
type Loc struct {
	from *origin
	Row  int // 1-based row number
}

// origin is the sheet records were read from.
type origin struct {
	file  string // base name of the workbook
	sheet string // sheet name as written in the workbook
	// cols maps a canonical column name (as in the contract, e.g.
	// "Kjøpsdato") to its column letters in this sheet.
	cols map[string]string
}

// NewLoc returns the location of row in sheet of file, whose columns have
// the letters in cols (by canonical column name; may be nil). Records of
// one sheet should share one cols map.
func NewLoc(file, sheet string, row int, cols map[string]string) Loc {
	return Loc{from: &origin{file: file, sheet: sheet, cols: cols}, Row: row}
}

// File is the base name of the workbook, or "".
func (l Loc) File() string {
	if l.from == nil {
		return ""
	}
	return l.from.file
}

// Sheet is the sheet name as written in the workbook, or "".
func (l Loc) Sheet() string {
	if l.from == nil {
		return ""
	}
	return l.from.sheet
}

// Cell returns the A1 reference of the named column on this record's row,
// or just the row ("rad 7") when the column is unknown.
func (l Loc) Cell(column string) string {
	if l.from != nil {
		if letters, ok := l.from.cols[column]; ok {
			return letters + itoa(l.Row)
		}
	}
	return "rad " + itoa(l.Row)
}

// Family is one row of Familier.
type Family struct {
	ID          string
	Phase       int    // Phase1 or Phase2
	Enrolled    Day    // zero when blank
	Household   string // HouseholdSingleParent, HouseholdTwoParents or ""
	Status      string // one of Statuses or "" when blank
	StatusDate  Day    // zero when blank
	MovesBefore *int   // moves in the five years before buying; nil when blank
	At          Loc
}

// Child is one row of Barn.
type Child struct {
	FamilyID  string
	BirthYear int
	At        Loc
}

// Purchase is one row of Kjøp. Its amounts are held packed (a national
// dataset has some 300 000 purchases, and a decimal.Decimal costs a
// big.Int on the heap, behind a pointer when optional): Decimal() gives
// the decimal to compute with, IsSet() whether the cell was given.
type Purchase struct {
	FamilyID     string
	Date         Day
	Price        fastdec.Packed // absent when blank or bad
	StartLoan    fastdec.Packed // absent when blank
	Area         fastdec.Packed // BRA in m²; absent when blank
	MonthlyCosts fastdec.Packed // Månedlige boutgifter; absent when blank
	RentBefore   fastdec.Packed // Husleie før, kr per month; absent when blank
	Rooms        int
	At           Loc
}

// Valuation is one row of Verdivurderinger.
type Valuation struct {
	FamilyID string
	Date     Day
	Value    fastdec.Packed // absent when blank or bad
	Source   string
	At       Loc
}

// RoomsAll and RoomsFivePlus are the non-numeric room keys of SSB-leie.
const (
	RoomsAll      = "alle"
	RoomsFivePlus = "5+"
)

// RentRoomsKey is the SSB-leie room key of a home with rooms rooms: the
// number, or 5+ for five rooms or more.
func RentRoomsKey(rooms int) string {
	if rooms >= 5 {
		return RoomsFivePlus
	}
	return itoa(rooms)
}

// RentRow is one row of SSB-leie: the average monthly rent in a year for
// homes with a number of rooms ("1".."4", "5+" or "alle").
type RentRow struct {
	Year    int
	Rooms   string
	Monthly decimal.Decimal
	Region  string
	Source  string // Kilde: "SSB, tabell 09895, oppdatert 22.12.2025 (CC BY 4.0)"
	Note    string // Merknad: SSB's notes to the table, one per line
	At      Loc
}

// PriceIndexRow is one row of SSB-prisindeks.
type PriceIndexRow struct {
	Year   int
	Index  decimal.Decimal
	Region string
	Source string // Kilde
	At     Loc
}

// FollowUp is one row of Oppfølging.
type FollowUp struct {
	FamilyID         string
	Date             Day
	AdultsInWork     *int  // nil when blank
	SocialAssistance *bool // nil when blank
	At               Loc
}

// ContextRow is one row of Kontekst: an indicator's value in a year.
type ContextRow struct {
	Indicator string
	Year      int
	Value     decimal.Decimal
	At        Loc
}

// Parameter names known in Forutsetninger.
const (
	ParamProgramme      = "Prosjektnavn"
	ParamMunicipality   = "Kommune"
	ParamEvaluationDate = "Evalueringsdato"
	ParamCostPerPerson  = "Kostnad per ungdom i utenforskap"
	ParamShareLow       = "Andel barn som unngår utenforskap (lav)"
	ParamShareBase      = "Andel barn som unngår utenforskap (basis)"
	ParamShareHigh      = "Andel barn som unngår utenforskap (høy)"
	ParamSmallCount     = "Prikkegrense"
	ParamExampleHome    = "Eksempelbolig"
	ParamExamplePublic  = "Eksempelbolig kan publiseres"
)

// Parameter is one row of Forutsetninger, as given.
type Parameter struct {
	Name   string // canonical name, one of the Param constants
	Value  string // the cell text as read
	Source string
	At     Loc
}

// Assumptions are the parsed parameters of Forutsetninger, with defaults
// filled in for those not given (see DefaultAssumptions).
type Assumptions struct {
	Programme      string
	Municipality   string
	EvaluationDate Date // zero when not given
	CostPerPerson  decimal.Decimal
	ShareLow       decimal.Decimal
	ShareBase      decimal.Decimal
	ShareHigh      decimal.Decimal
	SmallCount     int // counts below this are suppressed in public outputs
	// ExampleHome is the FamilieID whose home the value and rent chapters
	// use as a worked example; "" means the home with the longest
	// valuation history.
	ExampleHome string
	// ExamplePublic allows the worked example in public outputs. One
	// home's price and value describe one family, so it is off unless
	// Forutsetninger says ja.
	ExamplePublic bool
	// Params lists every parameter in contract order, with its value as
	// used and its source, whether given or defaulted.
	Params []Parameter
}

// Survey answers on the five-step scale, and the "no answer" value.
const (
	AnswerStronglyDisagree = "Helt uenig"
	AnswerDisagree         = "Litt uenig"
	AnswerNeutral          = "Verken enig eller uenig"
	AnswerAgree            = "Litt enig"
	AnswerStronglyAgree    = "Helt enig"
)

// SurveyScale lists the answers from 1 to 5.
var SurveyScale = []string{AnswerStronglyDisagree, AnswerDisagree, AnswerNeutral, AnswerAgree, AnswerStronglyAgree}

// SurveyAnswer is one respondent's answer to one statement in
// Spørreundersøkelse. Step is 1..5, or 0 for no answer (blank or "Vet ikke").
type SurveyAnswer struct {
	Round      int // survey round (År, else year of Dato)
	Statement  string
	Step       int
	Respondent int // row number; answers with the same Round and Respondent came from one person
	At         Loc
}

// QuoteThemes are the report sections a quote may appear in.
var QuoteThemes = []string{"familier", "stabilitet", "erfaringer", "verdi", "leie", "arbeid", "samfunn", "ressurser"}

// Quote is one row of Sitater.
type Quote struct {
	Theme string
	Text  string
	Who   string
	At    Loc
}

// Resource is one row of Ressursbruk.
type Resource struct {
	Year  int
	Actor string
	Hours *decimal.Decimal // nil when blank
	Cost  decimal.Decimal
	At    Loc
}

// InputFile describes a workbook read into a Dataset, for the run record.
type InputFile struct {
	Name   string // base name
	Size   int64
	SHA256 string // hex
	Sheets []SheetCount
}

// SheetCount is the number of data rows read from a sheet.
type SheetCount struct {
	Sheet string // canonical sheet name
	Rows  int
}

// Dataset is everything read from a data folder, in the order rows were
// read (files sorted by name, then sheet order, then row order).
type Dataset struct {
	Families    []Family
	Children    []Child
	Purchases   []Purchase
	Valuations  []Valuation
	Rents       []RentRow
	PriceIndex  []PriceIndexRow
	FollowUps   []FollowUp
	Context     []ContextRow
	Assumptions Assumptions
	Survey      []SurveyAnswer
	Quotes      []Quote
	Resources   []Resource
	Files       []InputFile
}
