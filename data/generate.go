package data

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// The scale generator: a synthetic, national-size dataset of N families
// for benchmarks and for trying the reports at scale (`bobra eksempel
// --familier N`). Nothing in it describes a real family.
//
// Memory does not grow with N: every sheet is written in one pass, row by
// row, through excelize's StreamWriter, and each family is drawn afresh
// from its own random stream, seeded from (seed, family number). So the
// sheets agree with each other (a family's children, purchase and
// follow-ups are drawn the same whichever sheet is being written) without
// any sheet keeping the families in memory, and each workbook can be
// written on its own, in parallel with the others.
//
// Proportions, roughly: 97 % of the families have bought a home (3 % are
// enrolled without a purchase yet); 2.45 children per family, every child
// under 18 in the year of purchase; one purchase per family, 0.5 % with a
// second one (a move to another owned home); 0–3 valuations per home;
// 0–4 follow-ups per family; statuses 78 % "bor i boligen", 8 % "flyttet
// til annen eid bolig", 7 % "solgt og leier", 2 % "tvangssalg" and 5 %
// "ukjent". Purchases run from 2005 to the evaluation date, part 1 before
// 2019 and part 2 after. SSB rent (every room count) and the price index
// cover every year the data needs. Every value is valid input: the only
// warnings are the "more than one purchase" ones.

// GeneratorVersion changes whenever the generator writes different data
// for the same families and seed, so that cached datasets (the
// benchmarks') are made anew.
const GeneratorVersion = 2

// GenerateEvaluationDate is the Evalueringsdato of every generated dataset.
var GenerateEvaluationDate = NewDate(2024, time.September, 30)

// generateFirstYear is the first year of a generated purchase.
const generateFirstYear = 2005

// generateRegion is the SSB region of the generated tables.
const generateRegion = "Hele landet (syntetisk)"

// GeneratedWorkbooks lists the files of a generated dataset. The large
// sheets each get a workbook of their own, so that the reader reads them
// in parallel.
func GeneratedWorkbooks() []Workbook {
	return []Workbook{
		{"familier.xlsx", []string{SheetFamilies}},
		{"barn.xlsx", []string{SheetChildren}},
		{"kjop.xlsx", []string{SheetPurchases}},
		{"verdivurderinger.xlsx", []string{SheetValuations}},
		{"oppfolging.xlsx", []string{SheetFollowUps}},
		{"ssb-og-forutsetninger.xlsx", []string{SheetRent, SheetPriceIndex, SheetContext, SheetAssumptions, SheetResources}},
	}
}

// Generator writes the synthetic dataset of Families families drawn with
// Seed. The same Families and Seed always give the same bytes.
type Generator struct {
	Families int
	Seed     uint64
}

// WriteWorkbook writes the generated workbook called name (one of
// GeneratedWorkbooks) to w.
func (g Generator) WriteWorkbook(w io.Writer, name string) error {
	for _, wb := range GeneratedWorkbooks() {
		if wb.Name == name {
			return g.writeWorkbook(w, wb.Sheets)
		}
	}
	return fmt.Errorf("generatoren lager ikke filen %q", name)
}

// GenerateDir writes every workbook of the generated dataset into dir
// (which must exist), two at a time. A file that fails is removed; the
// error names it.
func GenerateDir(dir string, families int, seed uint64) error {
	g := Generator{Families: families, Seed: seed}
	wbs := GeneratedWorkbooks()
	errs := make([]error, len(wbs))
	inParallel(len(wbs), 2, func(i int) {
		errs[i] = g.writeFile(filepath.Join(dir, wbs[i].Name), wbs[i].Name)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (g Generator) writeFile(path, name string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = g.WriteWorkbook(f, name)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func (g Generator) writeWorkbook(w io.Writer, sheetNames []string) error {
	sheets, err := chooseSheets(sheetNames)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := startWorkbook(f, excelize.DocProperties{
		Title:       fmt.Sprintf("Syntetiske data: %d familier, frø %d", g.Families, g.Seed),
		Description: "Oppdiktede data laget av «bobra eksempel --familier». Ingen rader beskriver virkelige familier.",
	}, namesOf(sheets))
	if err != nil {
		return err
	}
	for _, s := range sheets {
		if err := g.writeSheet(f, st, s); err != nil {
			return fmt.Errorf("ark %s: %w", s.Name, err)
		}
	}
	// No SetActiveSheet: the first sheet already is, and excelize would
	// read every streamed sheet back into memory to set it.
	return f.Write(w)
}

// genSheet streams the rows of one generated sheet.
type genSheet struct {
	sw    *excelize.StreamWriter
	st    *writeStyles
	col   map[string]int // column name → index in the row
	cells []any
	row   int // the last row written
}

// set puts a cell value in the named column of the current row.
func (gs *genSheet) set(column string, v any) {
	if i, ok := gs.col[column]; ok {
		gs.cells[i] = v
	}
}

// flush writes the current row and starts a new, blank one.
func (gs *genSheet) flush() error {
	gs.row++
	cell, err := excelize.CoordinatesToCellName(1, gs.row)
	if err != nil {
		return err
	}
	if err := gs.sw.SetRow(cell, gs.cells); err != nil {
		return err
	}
	clear(gs.cells)
	return nil
}

// Cell values as a person would type them, with the template's styles.
func (gs *genSheet) date(d Date) any {
	return excelize.Cell{StyleID: gs.st.date, Value: d.ExcelSerial()}
}
func (gs *genSheet) money(n int64) any { return excelize.Cell{StyleID: gs.st.money, Value: n} }
func (gs *genSheet) text(s string) any { return s }
func (gs *genSheet) id(s string) any   { return excelize.Cell{StyleID: gs.st.id, Value: s} }
func (gs *genSheet) num(n int) any     { return excelize.Cell{Value: n} }

func (g Generator) writeSheet(f *excelize.File, st *writeStyles, s Sheet) error {
	cols := s.Columns
	sw, err := startSheet(f, st, s.Name, cols, false)
	if err != nil {
		return err
	}
	gs := &genSheet{sw: sw, st: st, col: map[string]int{}, cells: make([]any, len(cols)), row: 1}
	for i, c := range cols {
		gs.col[c.Name] = i
	}
	if err := g.sheetRows(s.Name, gs); err != nil {
		return err
	}
	return sw.Flush()
}

// sheetRows writes the data rows of the named sheet.
func (g Generator) sheetRows(name string, gs *genSheet) error {
	switch name {
	case SheetFamilies, SheetChildren, SheetPurchases, SheetValuations, SheetFollowUps:
		var fam genFamily
		for i := range g.Families {
			g.family(i, &fam)
			if err := fam.rows(name, gs); err != nil {
				return err
			}
		}
	case SheetRent:
		for y := generateFirstYear; y <= GenerateEvaluationDate.Year; y++ {
			for _, rooms := range RentRooms {
				gs.set(ColYear, gs.num(y))
				if n, err := strconv.Atoi(rooms); err == nil {
					gs.set(ColRooms, gs.num(n))
				} else {
					gs.set(ColRooms, gs.text(rooms))
				}
				gs.set(ColRent, gs.money(genRent(y, rooms)))
				gs.set(ColRegion, gs.text(generateRegion))
				if err := gs.flush(); err != nil {
					return err
				}
			}
		}
	case SheetPriceIndex:
		for y := generateFirstYear - 1; y <= GenerateEvaluationDate.Year; y++ {
			t := genIndex(y)
			gs.set(ColYear, gs.num(y))
			// Tenths as text "123,4", the way a number is often pasted from
			// SSB's tables; the reader parses it exactly.
			gs.set(ColIndex, gs.text(strconv.FormatInt(t/10, 10)+","+strconv.FormatInt(t%10, 10)))
			gs.set(ColRegion, gs.text(generateRegion))
			if err := gs.flush(); err != nil {
				return err
			}
		}
	case SheetContext:
		for y := generateFirstYear; y < GenerateEvaluationDate.Year; y++ {
			gs.set(ColIndicator, gs.text("Barn i vedvarende lavinntekt"))
			gs.set(ColYear, gs.num(y))
			gs.set(ColValue, gs.num(genLowIncomeChildren(y)))
			if err := gs.flush(); err != nil {
				return err
			}
		}
	case SheetAssumptions:
		for _, p := range g.parameters() {
			if p.Value == "" {
				continue
			}
			gs.set(ColParameter, gs.text(p.Name))
			v, err := gs.st.param(paramValue{kind: ParamKind(p.Name), text: p.Value})
			if err != nil {
				return fmt.Errorf("%s: %w", p.Name, err)
			}
			gs.set(ColValue, v)
			gs.set(ColSource, gs.text(p.Source))
			if err := gs.flush(); err != nil {
				return err
			}
		}
	case SheetResources:
		// Illustrative running costs that grow with the number of families:
		// per year, each actor's cost per family bought that year on average.
		perYear := int64(g.Families) / int64(GenerateEvaluationDate.Year-generateFirstYear+1)
		actors := []struct {
			name      string
			perFamily int64 // kroner
		}{{"NAV", 24000}, {"Boligbistand", 16000}, {"Husbanken", 6000}}
		for y := generateFirstYear; y <= GenerateEvaluationDate.Year; y++ {
			for _, a := range actors {
				cost := max(perYear*a.perFamily, a.perFamily)
				gs.set(ColYear, gs.num(y))
				gs.set(ColActor, gs.text(a.name))
				gs.set(ColHours, gs.num(int(cost/900)))
				gs.set(ColCost, gs.money(cost))
				if err := gs.flush(); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// parameters is the generated Forutsetninger: the defaults with their
// sources, a name that says the data is synthetic, and the evaluation date.
func (g Generator) parameters() []Parameter {
	var out []Parameter
	for _, spec := range KnownParams() {
		p := Parameter{Name: spec.Name, Value: spec.Default, Source: spec.Source}
		switch spec.Name {
		case ParamProgramme:
			p.Value = fmt.Sprintf("Syntetiske data (%d familier)", g.Families)
			p.Source = fmt.Sprintf("bobra eksempel --familier %d --frø %d (oppdiktet)", g.Families, g.Seed)
		case ParamMunicipality:
			p.Value = generateRegion
			p.Source = "Oppdiktet"
		case ParamEvaluationDate:
			p.Value = GenerateEvaluationDate.String()
			p.Source = "Fast dato for syntetiske data"
		}
		out = append(out, p)
	}
	return out
}

// genFamily is one generated family with all its rows. The slices are
// reused from family to family.
type genFamily struct {
	id         string
	phase      int
	enrolled   Date // zero = blank
	household  string
	status     string
	statusDate Date
	moves      int // -1 = blank
	children   []int
	purchases  []genPurchase
	valuations []genValuation
	followUps  []genFollowUp
}

type genPurchase struct {
	date       Date
	price      int64
	loan       int64 // 0 = blank
	rooms      int
	area       int
	costs      int64 // 0 = blank
	rentBefore int64 // 0 = blank
}

type genValuation struct {
	date   Date
	value  int64
	source string
}

type genFollowUp struct {
	date       Date
	inWork     int    // -1 = blank
	assistance string // "ja", "nei" or "" (blank)
}

// familyRand returns family i's own random stream. splitmix64 spreads
// neighbouring family numbers over the whole state, so the streams of
// families i and i+1 are unrelated.
func (g Generator) familyRand(i int) *rand.Rand {
	a := splitmix64(g.Seed ^ splitmix64(uint64(i)))
	b := splitmix64(a ^ 0x6a09e667f3bcc909)
	return rand.New(rand.NewPCG(a, b))
}

func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// family draws family i into f. Every draw happens in the same order
// whichever sheet asks, so all sheets see the same family.
func (g Generator) family(i int, f *genFamily) {
	r := g.familyRand(i)
	end := GenerateEvaluationDate
	*f = genFamily{
		id:         fmt.Sprintf("G%06d", i+1),
		moves:      -1,
		children:   f.children[:0],
		purchases:  f.purchases[:0],
		valuations: f.valuations[:0],
		followUps:  f.followUps[:0],
	}
	switch x := r.IntN(100); {
	case x < 55:
		f.household = HouseholdSingleParent
	case x < 95:
		f.household = HouseholdTwoParents
	}
	if r.IntN(100) < 85 {
		f.moves = pick(r, []int{0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6})
	}
	nChildren := pick(r, []int{1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 5})

	if r.IntN(100) < 3 {
		// Enrolled, no purchase yet.
		f.enrolled = addDays(end, -r.IntN(900))
		f.phase = phaseOf(f.enrolled)
		for range nChildren {
			f.children = append(f.children, end.Year-r.IntN(17))
		}
		return
	}

	span := NewDate(generateFirstYear, time.January, 1).DaysUntil(end)
	bought := addDays(NewDate(generateFirstYear, time.January, 1), r.IntN(span+1))
	f.enrolled = addDays(bought, -(30 + r.IntN(510)))
	if r.IntN(100) < 2 {
		f.enrolled = Date{} // not recorded; enrolment counts the purchase
	}
	f.phase = phaseOf(bought)
	if !f.enrolled.IsZero() {
		f.phase = phaseOf(f.enrolled)
	}
	for range nChildren {
		// Under 18 in the year of purchase, some born after it.
		f.children = append(f.children, min(bought.Year-r.IntN(18)+r.IntN(4), end.Year))
	}

	p := genPurchase{date: bought, rooms: pick(r, []int{1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 6, 7})}
	p.area = 20 + 17*p.rooms + r.IntN(21)
	perM2 := genPricePerM2(bought.Year) * int64(600+r.IntN(1001)) / 1000
	perM2 = min(max(perM2, 10500), 145000)
	p.price = roundTo(int64(p.area)*perM2, 1000)
	if r.IntN(100) < 80 {
		p.loan = roundDown(p.price*int64(300+r.IntN(701))/1000, 1000)
	}
	if r.IntN(100) < 70 {
		p.costs = roundTo(p.price*int64(30+r.IntN(21))/10000, 100)
	}
	if r.IntN(100) < 60 {
		p.rentBefore = roundTo(genRent(bought.Year, RentRoomsKey(p.rooms))*int64(800+r.IntN(401))/1000, 100)
	}
	f.purchases = append(f.purchases, p)

	// Status at the evaluation date, dated after the purchase.
	room := bought.DaysUntil(end) - 60
	f.status = StatusLivesInHome
	if room > 0 {
		switch x := r.IntN(100); {
		case x < 78:
		case x < 86:
			f.status = StatusMovedToOwned
		case x < 93:
			f.status = StatusSoldAndRents
		case x < 95:
			f.status = StatusForcedSale
		default:
			f.status = StatusUnknown
		}
		if f.status != StatusLivesInHome {
			f.statusDate = addDays(bought, 60+r.IntN(room+1))
		}
		if r.IntN(1000) < 5 {
			// A move to another owned home, recorded as a second purchase.
			f.status = StatusMovedToOwned
			f.statusDate = addDays(bought, 60+r.IntN(room+1))
			second := genPurchase{date: f.statusDate, rooms: min(p.rooms+1, 7), area: p.area + 15}
			second.price = roundTo(p.price*genIndex(f.statusDate.Year)/genIndex(bought.Year)*12/10, 1000)
			second.loan = roundDown(second.price/2, 1000)
			f.purchases = append(f.purchases, second)
		}
	}

	// Valuations of the programme home, in date order.
	if room := bought.DaysUntil(end) - 30; room > 0 {
		n := pick(r, []int{0, 0, 0, 1, 1, 1, 2, 2, 2, 3})
		last := 30
		for k := range n {
			// Spread over the time left, one after the other.
			step := (room - last) / (n - k)
			if step < 1 {
				break
			}
			last += 1 + r.IntN(step)
			d := addDays(bought, last)
			v := p.price * genIndex(d.Year) / genIndex(bought.Year) * int64(900+r.IntN(251)) / 1000
			f.valuations = append(f.valuations, genValuation{
				date: d, value: roundTo(v, 1000), source: pick(r, []string{"megler", "megler", "takst", "bank"}),
			})
		}
	}

	// Follow-ups: a baseline at enrolment, then about yearly after buying.
	n := r.IntN(5)
	maxAdults := 1
	if f.household == HouseholdTwoParents {
		maxAdults = 2
	}
	for k := range n {
		d := f.enrolled
		if k > 0 || d.IsZero() {
			d = addDays(bought, 300*k+r.IntN(120))
		}
		if d.After(end) {
			break
		}
		fu := genFollowUp{inWork: r.IntN(maxAdults + 1), assistance: "nei"}
		if r.IntN(100) < 35-10*min(k, 3) {
			fu.assistance = "ja"
		}
		if r.IntN(100) < 5 {
			fu.inWork = -1
		}
		if r.IntN(100) < 5 {
			fu.assistance = ""
		}
		fu.date = d
		f.followUps = append(f.followUps, fu)
	}
}

// rows writes this family's rows of the named sheet.
func (f *genFamily) rows(sheet string, gs *genSheet) error {
	switch sheet {
	case SheetFamilies:
		gs.set(ColFamilyID, gs.id(f.id))
		gs.set(ColPhase, gs.num(f.phase))
		if !f.enrolled.IsZero() {
			gs.set(ColEnrolled, gs.date(f.enrolled))
		}
		if f.household != "" {
			gs.set(ColHousehold, gs.text(f.household))
		}
		if f.status != "" {
			gs.set(ColStatus, gs.text(f.status))
		}
		if !f.statusDate.IsZero() {
			gs.set(ColStatusDate, gs.date(f.statusDate))
		}
		if f.moves >= 0 {
			gs.set(ColMoves, gs.num(f.moves))
		}
		return gs.flush()
	case SheetChildren:
		for _, y := range f.children {
			gs.set(ColFamilyID, gs.id(f.id))
			gs.set(ColBirthYear, gs.num(y))
			if err := gs.flush(); err != nil {
				return err
			}
		}
	case SheetPurchases:
		for _, p := range f.purchases {
			gs.set(ColFamilyID, gs.id(f.id))
			gs.set(ColBuyDate, gs.date(p.date))
			gs.set(ColPrice, gs.money(p.price))
			if p.loan > 0 {
				gs.set(ColStartLoan, gs.money(p.loan))
			}
			gs.set(ColRooms, gs.num(p.rooms))
			gs.set(ColArea, gs.num(p.area))
			if p.costs > 0 {
				gs.set(ColMonthly, gs.money(p.costs))
			}
			if p.rentBefore > 0 {
				gs.set(ColRentBefore, gs.money(p.rentBefore))
			}
			if err := gs.flush(); err != nil {
				return err
			}
		}
	case SheetValuations:
		for _, v := range f.valuations {
			gs.set(ColFamilyID, gs.id(f.id))
			gs.set(ColDate, gs.date(v.date))
			gs.set(ColValue, gs.money(v.value))
			gs.set(ColSource, gs.text(v.source))
			if err := gs.flush(); err != nil {
				return err
			}
		}
	case SheetFollowUps:
		for _, o := range f.followUps {
			gs.set(ColFamilyID, gs.id(f.id))
			gs.set(ColDate, gs.date(o.date))
			if o.inWork >= 0 {
				gs.set(ColAdultsWork, gs.num(o.inWork))
			}
			if o.assistance != "" {
				gs.set(ColSocial, gs.text(o.assistance))
			}
			if err := gs.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// phaseOf is the programme part a family joined in: part 2 from 2019.
func phaseOf(d Date) int {
	if d.Year < 2019 {
		return Phase1
	}
	return Phase2
}

// The generated SSB tables and prices follow fixed yearly growth rates
// (per mille, shaped like Norway's house prices and rents since 2005), in
// whole-number arithmetic so every platform draws the same values.
var (
	genIndexGrowth = map[int]int64{ // house prices, per mille per year
		2005: 80, 2006: 140, 2007: 120, 2008: -10, 2009: 20, 2010: 80, 2011: 80, 2012: 70, 2013: 40, 2014: 30,
		2015: 60, 2016: 80, 2017: 50, 2018: 10, 2019: 30, 2020: 50, 2021: 100, 2022: 50, 2023: -10, 2024: 20,
	}
	genRentGrowth = map[int]int64{ // rents, per mille per year
		2006: 30, 2007: 40, 2008: 50, 2009: 40, 2010: 30, 2011: 30, 2012: 40, 2013: 40, 2014: 30, 2015: 30,
		2016: 30, 2017: 20, 2018: 20, 2019: 20, 2020: 20, 2021: 20, 2022: 40, 2023: 60, 2024: 60,
	}
	genRentBase = map[string]int64{ // monthly rent in 2005, kroner
		"1": 5200, "2": 6800, "3": 8300, "4": 9800, RoomsFivePlus: 11800, RoomsAll: 7400,
	}
)

// genIndex is the price index of year y in tenths (2004 = 100.0).
func genIndex(y int) int64 {
	t := int64(1000)
	for year := generateFirstYear; year <= y; year++ {
		t = t * (1000 + genIndexGrowth[year]) / 1000
	}
	return t
}

// genRent is SSB's average monthly rent in year y for the rooms key.
func genRent(y int, rooms string) int64 {
	r := genRentBase[rooms] * 10
	for year := generateFirstYear + 1; year <= y; year++ {
		r = r * (1000 + genRentGrowth[year]) / 1000
	}
	return roundTo(r/10, 10)
}

// genPricePerM2 is the typical price per m² in year y: 18 000 kr in 2005,
// following the index.
func genPricePerM2(y int) int64 {
	return 18000 * genIndex(y) / genIndex(generateFirstYear)
}

// genLowIncomeChildren is the national number of children in persistent
// low income in year y (illustrative, shaped like SSB's series).
func genLowIncomeChildren(y int) int {
	if y <= 2019 {
		return 70000 + 3200*(y-generateFirstYear)
	}
	return 70000 + 3200*(2019-generateFirstYear) - 1500*(y-2019)
}

func addDays(d Date, n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

func roundTo(n, unit int64) int64   { return (n + unit/2) / unit * unit }
func roundDown(n, unit int64) int64 { return n / unit * unit }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
