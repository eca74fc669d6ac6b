package reports

import (
	"bobra/internal/norfmt"
	"errors"
	"fmt"
	"io"
	"strconv"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/internal/xlsxzip"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// XLSX writes resultater.xlsx: a sheet of key figures, then one sheet per
// area, numbers as real numbers with Norwegian number formats (the viewer's
// locale shows 3 350 000 and 21,5 %), the header row frozen. Every sheet is
// streamed by excelize's StreamWriter, and the homes sheet's rows are
// written by bobra and spliced in (see homesSheet), so the homes of a
// national run are never held in memory as cells.
type XLSX struct {
	// ExcelizeHomes writes the homes sheet through excelize like every
	// other sheet instead of splicing bobra's own rows in: the reference
	// the fast path is tested against, byte for byte.
	ExcelizeHomes bool
}

func (XLSX) Format() string   { return "xlsx" }
func (XLSX) FileName() string { return "resultater.xlsx" }

// Sheet names, in the order they appear.
const (
	SheetKeyFigures  = "Nøkkeltall"
	SheetFamilies    = "Familier og barn"
	SheetHomes       = "Boliger"
	SheetValue       = "Verdiutvikling"
	SheetRent        = "Leie"
	SheetSocietal    = "Samfunnsgevinst"
	SheetStability   = "Stabilitet"
	SheetWork        = "Arbeid"
	SheetContext     = "Utviklingstrekk"
	SheetWarnings    = "Advarsler"
	SheetAssumptions = "Forutsetninger"
)

// Render writes the workbook. Its bytes depend on res only: the document
// and its zip entries are dated the evaluation date, and xlsxzip
// writes the entries in name order (excelize itself writes streamed sheets
// in map order) and compresses them in pieces of a fixed size.
func (x XLSX) Render(w io.Writer, res *results.Results) error {
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, res)
	if err != nil {
		return err
	}
	b.excelizeHomes = x.ExcelizeHomes
	sheets := []struct {
		name  string
		write func(*sheet)
	}{
		{SheetKeyFigures, b.keyFigures},
		{SheetComparison, b.comparisonSheet},
		{SheetFamilies, b.familiesSheet},
		{SheetHomes, b.homesSheet},
		{SheetValue, b.valueSheet},
		{SheetRent, b.rentSheet},
		{SheetSocietal, b.societalSheet},
		{SheetStability, b.stabilitySheet},
		{SheetWork, b.workSheet},
		{SheetContext, b.contextSheet},
		{SheetSurvey, b.surveySheet},
		{SheetResources, b.resourcesSheet},
		{SheetWarnings, b.warningsSheet},
		{SheetAssumptions, b.assumptionsSheet},
	}
	splices := map[string]xlsxzip.Splice{}
	for i, s := range sheets {
		if s.name == SheetHomes && res.Public {
			continue // no family-level rows in public outputs
		}
		if s.name == SheetComparison && res.Comparison == nil {
			continue // only with --forrige
		}
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return err
		}
		sh := &sheet{sw: sw, b: b}
		s.write(sh)
		if sh.err != nil {
			return fmt.Errorf("ark %s: %w", s.name, sh.err)
		}
		if len(b.unknown) > 0 {
			return fmt.Errorf("intern feil i bobra: arket %s viser tall som ikke er i tallkatalogen: %v", s.name, b.unknown)
		}
		if sh.splice != nil {
			splices[s.name] = *sh.splice
		}
		if err := sw.Flush(); err != nil {
			return err
		}
	}
	// No SetActiveSheet(0): the first sheet is active already, and excelize
	// would decode every streamed sheet back into memory to set it (a
	// second of CPU at 10 000 homes).
	created := res.AsOf.Time().Format("2006-01-02T15:04:05Z")
	title := "Resultater"
	if res.Programme != "" {
		title += " – " + res.Programme
	}
	if err := f.SetDocProps(&excelize.DocProperties{
		Title:    title,
		Subject:  "Evaluering per " + res.AsOf.Norwegian(),
		Creator:  res.Municipality,
		Language: "nb-NO",
		Created:  created,
		Modified: created,
	}); err != nil {
		return err
	}
	// The fastest deflate level: half the CPU of the default on the homes
	// sheet of 100 000 homes, for a file about a fifth larger.
	//
	// The package is written straight to w as it is compressed. excelize
	// hands its zip writer a buffer of its own and copies that to w after
	// (WriteTo): the whole file in memory, some 15 MB at 100 000 homes,
	// grown step by step. It writes nothing else to the buffer unless
	// asked to encrypt or the package needs zip64 (entries of 4 GiB).
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		return xlsxzip.NewWriter(w, xlsxzip.Options{Modified: res.AsOf.Time(), Fast: true, Splices: splices})
	})
	buf, err := f.WriteToBuffer()
	if err == nil && buf.Len() > 0 {
		err = errors.New("intern feil i bobra: excelize skrev deler av resultater.xlsx utenom zip-skriveren")
	}
	return err
}

// book holds the styles and values shared by the sheets.
type book struct {
	res           *results.Results
	cat           *results.Catalogue // of res, for the figures' labels
	excelizeHomes bool
	// unknown are the ids label was asked for that the catalogue does
	// not have: a bug in bobra, which Render reports.
	unknown []string

	header, bold, text, wrap              int
	integer, kroner, share, persons, date int
	decimal, years, year                  int
}

func newBook(f *excelize.File, res *results.Results) (*book, error) {
	b := &book{res: res, cat: results.CatalogueOf(res)}
	font := &excelize.Font{Family: "Calibri", Size: 11}
	bold := &excelize.Font{Family: "Calibri", Size: 11, Bold: true}
	styles := []struct {
		dst *int
		st  excelize.Style
	}{
		{&b.header, excelize.Style{Font: bold, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5F0"}},
			Border:    []excelize.Border{{Type: "bottom", Color: "1F4E79", Style: 1}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.bold, excelize.Style{Font: bold}},
		{&b.text, excelize.Style{Font: font}},
		{&b.wrap, excelize.Style{Font: font, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}},
		{&b.integer, excelize.Style{Font: font, CustomNumFmt: ptr("#,##0")}},
		{&b.kroner, excelize.Style{Font: font, CustomNumFmt: ptr("#,##0")}},
		{&b.share, excelize.Style{Font: font, CustomNumFmt: ptr("0.0 %")}},
		{&b.persons, excelize.Style{Font: font, CustomNumFmt: ptr("#,##0.00")}},
		{&b.date, excelize.Style{Font: font, CustomNumFmt: ptr("dd.mm.yyyy")}},
		{&b.decimal, excelize.Style{Font: font, CustomNumFmt: ptr("#,##0.0###")}},
		{&b.years, excelize.Style{Font: font, CustomNumFmt: ptr("0.00")}},
		{&b.year, excelize.Style{Font: font, CustomNumFmt: ptr("0")}},
	}
	for _, s := range styles {
		id, err := f.NewStyle(&s.st)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	return b, nil
}

func ptr[T any](v T) *T { return &v }

// Cell values. Numbers are rounded as in resultater.json (kroner to whole
// kroner, shares to 4 decimals, persons to 2) and only then turned into the
// float64 an xlsx cell stores.

func (b *book) str(s string) cell {
	if s == "" {
		return cell{}
	}
	return cell{kind: cellText, style: b.text, text: s}
}

func (b *book) long(s string) cell {
	if s == "" {
		return cell{}
	}
	return cell{kind: cellText, style: b.wrap, text: s}
}

// label is a figure's label from the catalogue, as a row's first cell:
// a figure is named the same in every output. A sum of money says "(kr)",
// since a workbook cell holds the number without its unit.
func (b *book) label(id string) cell {
	f := b.cat.Figure(id)
	if f == nil {
		b.unknown = append(b.unknown, id)
		return b.str(id)
	}
	return b.str(xlsxLabel(f))
}

// xlsxLabel is how the workbook names a figure.
func xlsxLabel(f *results.Figure) string {
	if f.Unit == results.UnitKroner {
		return f.Label + " (kr)"
	}
	return f.Label
}

func (b *book) title(s string) cell { return cell{kind: cellText, style: b.bold, text: s} }

func (b *book) num(d decimal.Decimal, places int32, style int) cell {
	return cell{kind: cellNumber, style: style, f: fastdec.RoundedFloat64(d, places)}
}

func (b *book) int(n int) cell { return cell{kind: cellInt, style: b.integer, n: int64(n)} }

// yr is a calendar year: a number without digit grouping.
func (b *book) yr(y int) cell { return cell{kind: cellInt, style: b.year, n: int64(y)} }

func (b *book) count(c results.Count) cell {
	if text, ok := withheldCount(c.Hidden, c.Small, b.res); ok {
		return b.str(text)
	}
	return b.int(c.N)
}

func (b *book) money(m results.Money) cell {
	if m.Hidden {
		return b.str(Withheld)
	}
	return b.num(m.V, 0, b.kroner)
}

func (b *book) moneyPtr(m *results.Money) cell {
	if m == nil {
		return cell{}
	}
	return b.money(*m)
}

// scaledCells is false only in the test that writes the homes' figures
// as the float64s they were written as before cellScaled.
var scaledCells = true

// scaledOf is p rounded to places as a cellScaled's n, when it is one.
func scaledOf(p fastdec.Packed, places int32) (int64, bool) {
	q, ok := p.Rounded(places)
	return q, ok && q > -maxScaled && q < maxScaled
}

// optNum is a home's optional figure: empty when absent, as moneyPtr and
// sharePtr write a nil one.
func (b *book) optNum(p fastdec.Packed, places int32, style int) cell {
	switch {
	case !p.IsSet():
		return cell{}
	case p.Flag:
		return b.str(Withheld)
	}
	if q, ok := scaledOf(p, places); ok && scaledCells {
		return cell{kind: cellScaled, places: uint8(places), style: style, n: q}
	}
	return cell{kind: cellNumber, style: style, f: p.RoundedFloat64(places)}
}

func (b *book) shareVal(s results.Share) cell {
	if s.Hidden {
		return b.str(Withheld)
	}
	return b.num(s.V, 4, b.share)
}

func (b *book) sharePtr(s *results.Share) cell {
	if s == nil {
		return cell{}
	}
	return b.shareVal(*s)
}

func (b *book) personsVal(p results.Persons) cell {
	if p.Hidden {
		return b.str(Withheld)
	}
	return b.num(p.V, 2, b.persons)
}

func (b *book) number(n results.Number) cell {
	if n.Hidden {
		return b.str(Withheld)
	}
	v := n.V.Round(4)
	if v.IsInteger() {
		return b.num(v, 0, b.integer)
	}
	return b.num(v, 4, b.decimal)
}

func (b *book) day(d data.Date) cell {
	if d.IsZero() {
		return cell{}
	}
	return cell{kind: cellDate, style: b.date, day: d}
}

func (b *book) yesNo(v bool) cell {
	if v {
		return b.str("ja")
	}
	return b.str("nei")
}

// sheet writes rows one after another; the first error sticks.
type sheet struct {
	sw  *excelize.StreamWriter
	b   *book
	row int
	err error
	// splice, when set, holds the sheet's rows after those written (see
	// homesSheet); excelize writes the rest of the sheet.
	splice *xlsxzip.Splice
}

// setup sets column widths and freezes the first row; call before rows.
func (s *sheet) setup(widths ...float64) {
	for i, w := range widths {
		if s.err == nil {
			s.err = s.sw.SetColWidth(i+1, i+1, w)
		}
	}
	if s.err == nil {
		s.err = s.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
	}
}

func (s *sheet) header(cols ...string) {
	cells := make([]cell, len(cols))
	for i, c := range cols {
		cells[i] = cell{kind: cellText, style: s.b.header, text: c}
	}
	s.write(cells...)
}

func (s *sheet) write(cells ...cell) {
	if s.err != nil {
		return
	}
	s.row++
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c.value()
	}
	s.err = s.sw.SetRow("A"+strconv.Itoa(s.row), vals)
}

func (s *sheet) blank() { s.row++ }

// keyFigures is the first sheet: the figures of Sammendrag, one a row.
func (b *book) keyFigures(s *sheet) {
	r := b.res
	s.setup(52, 18, 70)
	// Whether the workbook may be shared is said where everyone looks:
	// the first cell of the first sheet.
	title := "Nøkkeltall – INTERN: inneholder tall for enkeltfamilier og skal ikke deles utenfor prosjektet"
	if r.Public {
		title = "Nøkkeltall – offentlig utgave"
	}
	s.header(title, "Verdi", "Forklaring")
	s.write(b.str("Evalueringsdato"), b.day(r.AsOf), b.long("Alle tall gjelder per denne datoen."))
	s.write(b.label("families.enrolled"), b.count(r.Families.Enrolled), b.long("Innmeldt til og med evalueringsdatoen (eller kjøpt, når innmeldingsdato mangler)."))
	s.write(b.label("families.bought"), b.count(r.Families.Bought), b.long("Familier med kjøp til og med evalueringsdatoen."))
	s.write(b.str("  del 1"), b.count(r.Families.BoughtByPhase.P1), cell{})
	s.write(b.str("  del 2"), b.count(r.Families.BoughtByPhase.P2), cell{})
	s.write(b.label("children.total"), b.count(r.Children.Total), b.long("Barn født til og med evalueringsåret i familier som har kjøpt."))
	s.write(b.str("  del 1"), b.count(r.Children.ByPhase.P1), cell{})
	s.write(b.str("  del 2"), b.count(r.Children.ByPhase.P2), cell{})
	s.write(b.label("families.single_parent_share"), b.sharePtr(r.Families.SingleParentShare), b.long("Blant familiene som har kjøpt og har oppgitt husholdning."))
	s.write(b.label("stability.all.rate"), b.sharePtr(r.Stability.All.Rate), b.long("Stabile / (stabile + flyttet ut av eid bolig); ukjent status holdes utenfor."))
	s.write(b.label("stability.by_phase.1.rate"), b.sharePtr(r.Stability.ByPhase.P1.Rate), b.long(countsText(r.Stability.ByPhase.P1)))
	s.write(b.label("stability.by_phase.2.rate"), b.sharePtr(r.Stability.ByPhase.P2.Rate), b.long(countsText(r.Stability.ByPhase.P2)))
	for i, p := range r.Stability.Retention {
		s.write(b.label(fmt.Sprintf("stability.retention[%d].rate", i)), b.shareVal(p.Rate),
			b.long("Kaplan–Meier-estimat; "+b.countText(p.AtRisk)+" boliger fulgt så lenge."))
	}
	a := r.Appreciation
	s.write(b.label("appreciation.gain_total"), b.money(a.GainTotal), b.long(valuedText(a)))
	s.write(b.label("appreciation.gain_pct_median"), b.sharePtr(a.GainPctMedian), b.long("Median av boligenes verdistigning i prosent av kjøpesum."))
	rent := r.Rent
	s.write(b.label("rent.increase_month_total"), b.money(rent.IncreaseMonthTotal), b.long("SSB-leie nå ("+strconv.Itoa(rent.LatestYear)+") minus i kjøpsåret, summert over boligene."))
	s.write(b.label("rent.increase_year_total"), b.money(rent.IncreaseYearTotal), cell{})
	s.write(b.label("rent.rent_not_paid_total"), b.money(rent.RentNotPaidTotal), b.long("SSB-leie for hver hele måned fra kjøpet til evalueringsmåneden."))
	if rent.NetSavingTotal != nil {
		s.write(b.label("rent.net_saving_total"), b.moneyPtr(rent.NetSavingTotal), b.long("For "+b.countText(rent.NetSavingHomes)+" boliger med oppgitte månedlige boutgifter."))
	}
	for i, sc := range r.Societal.Scenarios {
		s.write(b.label(fmt.Sprintf("societal.scenarios[%d].savings", i)), b.money(sc.Savings),
			b.long(scenarioText(r.Societal, sc)))
	}
	wk := r.Work
	s.write(b.label("work.in_work.baseline"), b.sharePtr(wk.InWork.Baseline), b.long("Blant "+b.countText(wk.InWork.Known)+" familier fulgt opp to ganger."))
	s.write(b.label("work.in_work.latest"), b.sharePtr(wk.InWork.Latest), cell{})
	s.write(b.label("work.social_assistance.baseline"), b.sharePtr(wk.SocialAssistance.Baseline), b.long("Blant "+b.countText(wk.SocialAssistance.Known)+" familier fulgt opp to ganger."))
	s.write(b.label("work.social_assistance.latest"), b.sharePtr(wk.SocialAssistance.Latest), cell{})
	for _, ind := range r.Context {
		if len(ind.Series) < 2 {
			continue
		}
		first, last := ind.Series[0], ind.Series[len(ind.Series)-1]
		s.write(b.str(ind.Indicator+", endring "+strconv.Itoa(first.Year)+"–"+strconv.Itoa(last.Year)), b.number(ind.Change),
			b.long(norfmt.Number(first.Value.V, 0)+" → "+norfmt.Number(last.Value.V, 0)+changePct(ind.ChangePct)))
	}
	s.write(b.str("Advarsler"), b.int(len(r.Warnings)), b.long("Se arket "+SheetWarnings+"."))
}

// valuedText explains the value totals; a count withheld by the
// small-number rule is never written out.
func valuedText(a results.Appreciation) string {
	if a.Valued.Hidden || a.Estimated.Hidden {
		return "Over boligene med verdi (vurdert eller estimert med prisindeks)."
	}
	return "Over " + norfmt.Int(a.Valued.N+a.Estimated.N) + " boliger med verdi (" + norfmt.Int(a.Estimated.N) + " estimert med prisindeks)."
}

// scenarioText writes a scenario's arithmetic out.
func scenarioText(soc results.Societal, sc results.Scenario) string {
	if soc.Children.Hidden || sc.Persons.Hidden || soc.CostPerPerson.Hidden {
		return soc.Formula
	}
	return norfmt.Int(soc.Children.N) + " barn × " + norfmt.PercentPlaces(sc.Share.V, 1) + " = " + norfmt.Number(sc.Persons.V, 2) +
		" personer × " + norfmt.Kroner(soc.CostPerPerson.V)
}

func countsText(c results.StabilityCounts) string {
	if c.Stable.Hidden || c.Left.Hidden {
		return ""
	}
	return norfmt.Int(c.Stable.N) + " av " + norfmt.Int(c.Stable.N+c.Left.N) + " bor stabilt"
}

func changePct(p *results.Share) string {
	if p == nil || p.Hidden {
		return ""
	}
	return " (" + norfmt.Signed(p.V, norfmt.Percent(p.V)) + ")"
}

func (b *book) familiesSheet(s *sheet) {
	r := b.res
	s.setup(24, 14, 14, 14)
	s.header("Kjøpsår", "Del 1", "Del 2", "Sum")
	for _, y := range r.Families.BoughtByYear {
		s.write(b.yr(y.Year), b.count(y.ByPhase.P1), b.count(y.ByPhase.P2), b.count(sumCounts(y.ByPhase.P1, y.ByPhase.P2)))
	}
	s.write(b.title("Alle år"), b.count(r.Families.BoughtByPhase.P1), b.count(r.Families.BoughtByPhase.P2), b.count(r.Families.Bought))
	s.blank()
	s.header("Barn etter alder", "Antall")
	for i, n := range r.Children.ByAge.Counts() {
		s.write(b.str(results.AgeGroupLabels[i].Label), b.count(*n))
	}
	s.write(b.title("Alle barn"), b.count(r.Children.Total))
	s.write(b.str("  del 1"), b.count(r.Children.ByPhase.P1))
	s.write(b.str("  del 2"), b.count(r.Children.ByPhase.P2))
	s.blank()
	s.header("Husholdning", "Antall")
	s.write(b.label("families.enrolled"), b.count(r.Families.Enrolled))
	s.write(b.label("families.single_parent"), b.count(r.Families.SingleParent))
	s.write(b.label("families.household_known"), b.count(r.Families.HouseholdKnown))
	s.write(b.label("families.single_parent_share"), b.sharePtr(r.Families.SingleParentShare))
	s.blank()
	fin := r.Financing
	s.header("Startlån", "Verdi")
	s.write(b.label("financing.with_loan"), b.count(fin.WithLoan))
	s.write(b.label("financing.loan_total"), b.money(fin.LoanTotal))
	s.write(b.label("financing.loan_share_median"), b.sharePtr(fin.LoanShareMedian))
}

// homesSheet streams one row per home; at national scale it is the only
// place family-level figures appear.
// homesPerPiece is how many homes one piece of the homes sheet holds (see
// xlsxzip.Splice): some 800 kB of sheet XML.
const homesPerPiece = 1024

// homesSheet writes one row per home. The rows are serialized by bobra
// itself (homeRowWriter, the bytes of appendRowXML) and spliced into the sheet excelize streamed, in
// pieces made and compressed on every core: excelize's per-cell work was
// most of the time of a national run's workbook. Homes with a text or date
// that only excelize's own encoding writes right (rowsArePlain) go through
// excelize as every other sheet does.
func (b *book) homesSheet(s *sheet) {
	s.setup(12, 6, 12, 14, 6, 14, 12, 10, 14, 10, 10, 12, 12, 12, 14, 10, 9, 14, 14, 24)
	s.header("FamilieID", "Del", "Kjøpsdato", "Kjøpesum (kr)", "Rom", "Verdi (kr)", "Verdidato", "Estimert verdi",
		"Verdistigning (kr)", "Verdistigning", "Per år", "Leie i kjøpsåret (kr/mnd)", "Leie nå (kr/mnd)",
		"Økning (kr/mnd)", "Økning (kr/år)", "Økning", "Måneder", "Leie ikke betalt (kr)", "Netto spart (kr)", "Status ved evalueringsdato")
	homes := b.res.Homes
	if b.excelizeHomes || !b.rowsArePlain(homes) {
		var row [homeColumns]cell
		for i := range homes {
			s.write(b.homeRow(&homes[i], &row)...)
		}
		return
	}
	rw := newHomeRowWriter(b)
	rw.keepRents(homes)
	first := s.row + 1
	s.splice = &xlsxzip.Splice{
		Pieces: (len(homes) + homesPerPiece - 1) / homesPerPiece,
		Piece: func(k int, dst []byte) ([]byte, error) {
			end := min(len(homes), (k+1)*homesPerPiece)
			for i := k * homesPerPiece; i < end; i++ {
				dst = rw.appendRow(dst, first+i, &homes[i])
			}
			return dst, nil
		},
	}
	s.row += len(homes)
}

const homeColumns = 20

// homeRow fills row with the cells of one home and returns them.
func (b *book) homeRow(h *results.Home, row *[homeColumns]cell) []cell {
	var estimated, months cell
	rent := h.Rent()
	if h.Value.IsSet() {
		estimated = b.yesNo(h.ValueEstimated)
	}
	if rent.RentThen.IsSet() {
		months = b.int(rent.RentMonths)
	}
	*row = [homeColumns]cell{b.str(h.FamilyID), b.int(h.Phase), b.day(h.PurchaseDate), b.money(h.Price), b.int(h.Rooms),
		b.optNum(h.Value.Packed(), 0, b.kroner), b.day(h.ValueDate), estimated, b.optNum(h.Gain.Packed(), 0, b.kroner), b.optNum(h.GainPct.Packed(), 4, b.share), b.optNum(h.AnnualPct.Packed(), 4, b.share),
		b.optNum(rent.RentThen.Packed(), 0, b.kroner), b.optNum(rent.RentNow.Packed(), 0, b.kroner), b.optNum(rent.RentIncreaseMonth.Packed(), 0, b.kroner), b.optNum(rent.RentIncreaseYear.Packed(), 0, b.kroner),
		b.optNum(rent.RentIncreasePct.Packed(), 4, b.share), months, b.optNum(rent.RentNotPaid.Packed(), 0, b.kroner), b.optNum(h.NetSaving.Packed(), 0, b.kroner), b.str(h.StatusAt)}
	return row[:]
}

// rowsArePlain reports whether every text and date of the homes is one
// appendRowXML writes as excelize would (the numbers always are).
func (b *book) rowsArePlain(homes []results.Home) bool {
	fewer, _ := withheldCount(true, true, b.res)
	for _, t := range []string{Withheld, fewer, "ja", "nei"} {
		if !inlineAsIs(t) {
			return false
		}
	}
	for i := range homes {
		h := &homes[i]
		for _, t := range []string{h.FamilyID, h.StatusAt} {
			if t != "" && !inlineAsIs(t) {
				return false
			}
		}
		for _, d := range []data.Date{h.PurchaseDate, h.ValueDate} {
			if !d.IsZero() && !plainDate(d) {
				return false
			}
		}
	}
	return true
}

// columnNames returns the names of the first n columns: A, B, ….
func columnNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i], _ = excelize.ColumnNumberToName(i + 1) // 1 ≤ i+1 ≤ n
	}
	return out
}

func (b *book) valueSheet(s *sheet) {
	a := b.res.Appreciation
	s.setup(44, 18)
	s.header("Verdiutvikling", "Verdi")
	s.write(b.label("appreciation.valued"), b.count(a.Valued))
	s.write(b.label("appreciation.estimated"), b.count(a.Estimated))
	s.write(b.label("appreciation.missing"), b.count(a.Missing))
	s.write(b.label("appreciation.purchase_total"), b.money(a.PurchaseTotal))
	s.write(b.label("appreciation.value_total"), b.money(a.ValueTotal))
	s.write(b.label("appreciation.gain_total"), b.money(a.GainTotal))
	s.write(b.label("appreciation.gain_pct_median"), b.sharePtr(a.GainPctMedian))
	s.blank()
	b.histogram(s, "Verdistigning fra", a.GainPctHistogram)
}

func (b *book) histogram(s *sheet, label string, buckets []results.Bucket) {
	s.header(label, "Til (ikke med)", "Boliger")
	for _, h := range buckets {
		s.write(b.shareVal(h.From), b.shareVal(h.To), b.count(h.Count))
	}
}

func (b *book) rentSheet(s *sheet) {
	rent := b.res.Rent
	s.setup(44, 18, 14, 14, 14, 14, 14)
	s.header("Leie eller eie", "Verdi")
	s.write(b.str("Region (SSB-leie)"), b.str(rent.Region))
	s.write(b.str("Siste brukte år i SSB-leie"), yearCell(b, rent.LatestYear))
	s.write(b.label("rent.homes"), b.count(rent.Homes))
	s.write(b.label("rent.increase_month_total"), b.money(rent.IncreaseMonthTotal))
	s.write(b.label("rent.increase_year_total"), b.money(rent.IncreaseYearTotal))
	s.write(b.label("rent.months_total"), b.count(rent.MonthsTotal))
	s.write(b.label("rent.rent_not_paid_total"), b.money(rent.RentNotPaidTotal))
	if rent.NetSavingTotal != nil {
		s.write(b.label("rent.net_saving_homes"), b.count(rent.NetSavingHomes))
		s.write(b.label("rent.housing_costs_total"), b.moneyPtr(rent.HousingCostsTotal))
		s.write(b.label("rent.net_saving_total"), b.moneyPtr(rent.NetSavingTotal))
	}
	s.blank()
	if len(rent.Series) > 0 {
		// SSB rent by year: one column per room count.
		years, byYear := rentByYear(rent.Series)
		cols := []string{"SSB-leie (kr/mnd), år"}
		for _, l := range rent.Series {
			cols = append(cols, roomsLabel(l.Rooms))
		}
		s.header(cols...)
		for _, y := range years {
			row := []cell{b.yr(y)}
			for i := range rent.Series {
				var v cell
				if m, ok := byYear[i][y]; ok {
					v = b.money(m)
				}
				row = append(row, v)
			}
			s.write(row...)
		}
		s.blank()
	}
	b.histogram(s, "Leieøkning fra", rent.IncreasePctHistogram)
}

func yearCell(b *book, y int) cell {
	if y == 0 {
		return b.str("ingen")
	}
	return b.yr(y)
}

func (b *book) societalSheet(s *sheet) {
	soc := b.res.Societal
	s.setup(30, 14, 14, 20, 20, 20, 60)
	s.header("Scenario", "Andel", "Personer", "Samfunnsgevinst (kr)", "", "", "Kilde for andelen")
	for _, sc := range soc.Scenarios {
		s.write(b.str(sc.Name), b.shareVal(sc.Share), b.personsVal(sc.Persons), b.money(sc.Savings), cell{}, cell{}, b.long(sc.Source))
	}
	s.blank()
	s.write(b.title("Barn"), b.count(soc.Children))
	s.write(b.title("Kostnad per person (kr)"), b.money(soc.CostPerPerson), cell{}, b.long(soc.CostSource))
	s.write(b.title("Formel"), b.long(soc.Formula))
	s.blank()
	// The sensitivity grid: scenarios down, cost per person across.
	changes := []results.SensCell{}
	for _, c := range soc.Sensitivity {
		if len(soc.Scenarios) > 0 && c.Scenario == soc.Scenarios[0].Name {
			changes = append(changes, c)
		}
	}
	head := []string{"Følsomhet: gevinst (kr)", "Andel", "Personer"}
	for _, c := range changes {
		head = append(head, "Kostnad "+costChangeLabel(c.CostChange.V))
	}
	s.header(head...)
	row := []cell{b.str("Kostnad per person (kr)"), cell{}, cell{}}
	for _, c := range changes {
		row = append(row, b.money(c.CostPerPerson))
	}
	s.write(row...)
	for _, sc := range soc.Scenarios {
		row := []cell{b.str(sc.Name), b.shareVal(sc.Share), b.personsVal(sc.Persons)}
		for _, c := range soc.Sensitivity {
			if c.Scenario == sc.Name {
				row = append(row, b.money(c.Savings))
			}
		}
		s.write(row...)
	}
}

func costChangeLabel(d decimal.Decimal) string {
	if d.IsZero() {
		return "som gitt"
	}
	return norfmt.Signed(d, norfmt.PercentPlaces(d, 0))
}

func (b *book) stabilitySheet(s *sheet) {
	st := b.res.Stability
	s.setup(34, 14, 14, 14, 14)
	s.header("Status ved evalueringsdato", "Stabile", "Flyttet ut", "Ukjent", "Andel stabile")
	for _, p := range []struct {
		label string
		c     results.StabilityCounts
	}{{"Del 1", st.ByPhase.P1}, {"Del 2", st.ByPhase.P2}, {"Alle", st.All}} {
		s.write(b.str(p.label), b.count(p.c.Stable), b.count(p.c.Left), b.count(p.c.Unknown), b.sharePtr(p.c.Rate))
	}
	s.blank()
	s.header("Bor i eid bolig etter (år)", "Andel (Kaplan–Meier)", results.LabelFollowed)
	for _, p := range st.Retention {
		s.write(b.number(p.Years), b.shareVal(p.Rate), b.count(p.AtRisk))
	}
	s.blank()
	s.header("Kurve: år etter kjøp", "Andel i eid bolig", "Boliger i risiko")
	for _, p := range st.Curve {
		s.write(b.num(p.Years.V, 2, b.years), b.shareVal(p.Rate), b.count(p.AtRisk))
	}
}

func (b *book) workSheet(s *sheet) {
	wk := b.res.Work
	s.setup(34, 14, 14, 14, 14, 14, 14, 14)
	s.header("Arbeid og sosialhjelp", "Familier fulgt opp", "Med svar", "Ved start (antall)", "Siste (antall)", "Ved start", "Siste")
	for _, p := range []struct {
		label    string
		families results.Count
		in       results.BaselineLatest
	}{
		{"Minst én voksen i arbeid, del 1", wk.ByPhase.P1.Families, wk.ByPhase.P1.InWork},
		{"Minst én voksen i arbeid, del 2", wk.ByPhase.P2.Families, wk.ByPhase.P2.InWork},
		{"Minst én voksen i arbeid, alle", wk.Families, wk.InWork},
		{"Mottar sosialhjelp, del 1", wk.ByPhase.P1.Families, wk.ByPhase.P1.SocialAssistance},
		{"Mottar sosialhjelp, del 2", wk.ByPhase.P2.Families, wk.ByPhase.P2.SocialAssistance},
		{"Mottar sosialhjelp, alle", wk.Families, wk.SocialAssistance},
	} {
		s.write(b.str(p.label), b.count(p.families), b.count(p.in.Known), b.count(p.in.BaselineCount), b.count(p.in.LatestCount),
			b.sharePtr(p.in.Baseline), b.sharePtr(p.in.Latest))
	}
}

func (b *book) contextSheet(s *sheet) {
	s.setup(44, 10, 16, 16, 14)
	s.header("Indikator", "År", "Verdi", "Endring fra første år", "Endring i %")
	for _, ind := range b.res.Context {
		for i, p := range ind.Series {
			if i < len(ind.Series)-1 {
				s.write(b.str(ind.Indicator), b.yr(p.Year), b.number(p.Value))
				continue
			}
			s.write(b.str(ind.Indicator), b.yr(p.Year), b.number(p.Value), b.number(ind.Change), b.sharePtr(ind.ChangePct))
		}
	}
}

func (b *book) warningsSheet(s *sheet) {
	s.setup(90, 22, 22, 10, 12, 24)
	s.header("Advarsel", "Fil", "Ark", "Celle", "FamilieID", "Type")
	for _, w := range b.res.Warnings {
		s.write(b.long(w.Message), b.str(w.File), b.str(w.Sheet), b.str(w.Cell), b.str(w.FamilyID), b.str(w.Kind))
	}
}

func (b *book) assumptionsSheet(s *sheet) {
	s.setup(52, 30, 90)
	s.header("Forutsetning", "Verdi", "Kilde")
	for _, a := range b.res.Assumptions {
		s.write(b.str(a.Name), b.str(a.Value), b.long(a.Source))
	}
}
