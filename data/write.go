package data

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"bobra/internal/fastdec"
	"bobra/internal/xlsxzip"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// Writing a Dataset as the workbook a person would keep: one sheet per
// sheet of the contract, headers in a frozen first row with the contract's
// help text as a cell comment, drop-downs on the closed lists, and each
// value as the cell a person would type (dates as Excel dates shown
// dd.mm.yyyy, amounts as numbers with thousands separators, shares as
// percentages, ja/nei as text). Reading the result gives the dataset back.
//
// Rows go through excelize's StreamWriter, so a workbook of 100 000
// families is not built in memory cell by cell.

// WriteOptions says what WriteWorkbookWith writes.
type WriteOptions struct {
	// Sheets are the canonical names of the sheets to write; they are
	// written in contract order. Empty means every sheet of the contract.
	Sheets []string
	// Guide adds a first sheet "Veiledning" with instructions. The reader
	// ignores it as an unknown sheet.
	Guide bool
	// InputRows is how many rows below the header get drop-downs and
	// number formats, at least. Zero means the data rows plus 1 000.
	InputRows int
}

// GuideSheet is the name of the instructions sheet of the template.
const GuideSheet = "Veiledning"

// WriteWorkbook writes every sheet of the contract with the dataset's rows
// as one .xlsx workbook. The same dataset always gives the same bytes.
func WriteWorkbook(w io.Writer, ds *Dataset) error {
	return WriteWorkbookWith(w, ds, WriteOptions{})
}

// WriteWorkbookWith writes the dataset's rows of the chosen sheets as one
// .xlsx workbook. The same dataset and options always give the same bytes.
func WriteWorkbookWith(w io.Writer, ds *Dataset, opt WriteOptions) error {
	sheets, err := chooseSheets(opt.Sheets)
	if err != nil {
		return err
	}
	names := namesOf(sheets)
	title := strings.Join(names, ", ")
	if opt.Guide {
		names = append([]string{GuideSheet}, names...)
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := startWorkbook(f, excelize.DocProperties{Title: title}, names)
	if err != nil {
		return err
	}
	if opt.Guide {
		if err := writeGuide(f, st); err != nil {
			return err
		}
	}
	for _, s := range sheets {
		if err := writeSheet(f, st, s, ds, opt.InputRows); err != nil {
			return fmt.Errorf("ark %s: %w", s.Name, err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// startWorkbook sets up a new file as every workbook bobra writes: the
// sorting zip writer, document properties (props' Title and Description,
// the rest fixed, so that the same data gives the same bytes), the styles,
// and the named sheets in order. The new file's only sheet is renamed
// rather than deleted, so the workbook never has a stray "Sheet1".
func startWorkbook(f *excelize.File, props excelize.DocProperties, names []string) (*writeStyles, error) {
	// Each StreamWriter is kept in a map inside excelize and written in map
	// order; the sorting zip writer makes the bytes independent of it.
	f.SetZipWriter(newSortedZip)
	props.Creator, props.LastModifiedBy, props.Language = "bobra", "bobra", "nb-NO"
	props.Created, props.Modified = "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z"
	if err := f.SetDocProps(&props); err != nil {
		return nil, err
	}
	st, err := newWriteStyles(f)
	if err != nil {
		return nil, err
	}
	if err := f.SetSheetName("Sheet1", names[0]); err != nil {
		return nil, err
	}
	for _, n := range names[1:] {
		if _, err := f.NewSheet(n); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func namesOf(sheets []Sheet) []string {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = s.Name
	}
	return names
}

// chooseSheets returns the contract's sheets named in want, in contract
// order; all of them when want is empty.
func chooseSheets(want []string) ([]Sheet, error) {
	all := Contract()
	if len(want) == 0 {
		return all, nil
	}
	var out []Sheet
	for _, s := range all {
		for _, n := range want {
			if n == s.Name {
				out = append(out, s)
				break
			}
		}
	}
	for _, n := range want {
		found := false
		for _, s := range all {
			found = found || s.Name == n
		}
		if !found {
			return nil, fmt.Errorf("arket %q finnes ikke i kontrakten", n)
		}
	}
	return out, nil
}

// writeStyles are the cell styles of a written workbook.
type writeStyles struct {
	header, headerRequired int
	text, id, date         int
	money, plain           int
	percent, percentFrac   int
	guideTitle             int
}

func newWriteStyles(f *excelize.File) (*writeStyles, error) {
	var st writeStyles
	dateFmt := "dd.mm.yyyy"
	pctFrac := "0.0##%"
	headerBorder := []excelize.Border{{Type: "bottom", Color: "5B7BA6", Style: 2}}
	specs := []struct {
		dst   *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Border:    headerBorder,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.headerRequired, excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"9BC2E6"}},
			Border:    headerBorder,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.text, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.id, excelize.Style{NumFmt: 49}}, // "@": "0012" stays text
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt}},
		{&st.money, excelize.Style{NumFmt: 3}}, // #,##0
		{&st.plain, excelize.Style{NumFmt: 0}},
		{&st.percent, excelize.Style{NumFmt: 9}}, // 0%
		{&st.percentFrac, excelize.Style{CustomNumFmt: &pctFrac}},
		{&st.guideTitle, excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}},
	}
	for _, s := range specs {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return nil, err
		}
		*s.dst = id
	}
	return &st, nil
}

// columnStyle is the style a column's cells get, also where they are empty,
// so that what a person types in the template is shown the same way.
func (st *writeStyles) columnStyle(c Column) int {
	switch c.Kind {
	case KindID:
		return st.id
	case KindDate:
		return st.date
	case KindMoney:
		return st.money
	case KindShare:
		return st.percentFrac
	}
	return 0
}

// columnWidth is a width that fits the header and typical values.
func columnWidth(sheet string, c Column) float64 {
	w := float64(len([]rune(c.Name))) + 4
	var typical float64
	switch c.Kind {
	case KindID:
		typical = 12
	case KindDate:
		typical = 12
	case KindMoney:
		typical = 14
	case KindList, KindBool:
		typical = 8
		for _, a := range c.Allowed {
			typical = max(typical, float64(len([]rune(a)))+5)
		}
	case KindText:
		typical = 24
	default:
		typical = 9
	}
	switch {
	case sheet == SheetAssumptions && c.Name == ColParameter:
		typical = 44
	case sheet == SheetAssumptions && c.Name == ColValue:
		typical = 22
	case c.Name == ColSource:
		typical = 40
	case c.Name == ColIndicator:
		typical = 32
	case c.Name == ColQuote:
		typical = 70
	}
	return max(w, typical)
}

// writeSheet writes one sheet: header, comments, drop-downs, then rows.
func writeSheet(f *excelize.File, st *writeStyles, s Sheet, ds *Dataset, inputRows int) error {
	rows := sheetRows(s, ds)
	cols := rows.columns
	last := rows.count + 1
	if inputRows == 0 {
		inputRows = rows.count + 1000
	}
	lastInput := max(last, inputRows+1)

	// Comments and validations belong to the worksheet XML that the stream
	// writer copies, so they are added before it starts.
	for i, c := range cols {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if help := columnHelp(c); help != "" {
			if err := f.AddComment(s.Name, excelize.Comment{
				Cell: cell, Author: "bobra", Text: help, Width: 300, Height: 110,
			}); err != nil {
				return err
			}
		}
		allowed := c.Allowed
		if s.Name == SheetAssumptions && c.Name == ColParameter {
			allowed = paramNames()
		}
		if len(allowed) == 0 {
			continue
		}
		if err := addDropDown(f, s.Name, c.Name, i+1, i+1, lastInput, allowed); err != nil {
			return err
		}
	}
	if s.Name == SheetSurvey && len(cols) == len(s.Columns) {
		// An empty survey sheet (the template): the statements go in the
		// columns to the right, so those get the answer drop-down and the
		// first of them a comment saying so.
		first := len(cols) + 1
		cell, _ := excelize.CoordinatesToCellName(first, 1)
		if err := f.AddComment(s.Name, excelize.Comment{Cell: cell, Author: "bobra", Width: 300, Height: 110,
			Text: "Skriv hver påstand som overskrift her og i kolonnene til høyre, og svarene under: " +
				strings.Join(SurveyChoices, ", ") + ". Tom celle betyr ikke svart."}); err != nil {
			return err
		}
		if err := addDropDown(f, s.Name, "Påstand", first, first+surveyStatementColumns-1, lastInput, SurveyChoices); err != nil {
			return err
		}
	}

	sw, err := startSheet(f, st, s.Name, cols, true)
	if err != nil {
		return err
	}
	cells := make([]any, len(cols))
	values := make([]any, len(cols))
	for r := 0; r < rows.count; r++ {
		clear(values)
		rows.row(r, values)
		for i, v := range values {
			cells[i], err = st.cell(cols[i], v)
			if err != nil {
				return fmt.Errorf("rad %d, kolonne %s: %w", r+2, cols[i].Name, err)
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// surveyStatementColumns is how many statement columns the template's
// survey sheet prepares.
const surveyStatementColumns = 40

// addDropDown adds a drop-down of allowed values to columns from..to, rows
// 2..lastRow, that refuses other values with a Norwegian message.
func addDropDown(f *excelize.File, sheet, title string, from, to, lastRow int, allowed []string) error {
	a, _ := excelize.ColumnNumberToName(from)
	b, _ := excelize.ColumnNumberToName(to)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = a + "2:" + b + strconv.Itoa(lastRow)
	if err := dv.SetDropList(allowed); err != nil {
		return fmt.Errorf("kolonne %s: %w", title, err)
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, title,
		"Velg en av verdiene i listen: "+strings.Join(allowed, ", ")+".")
	return f.AddDataValidation(sheet, dv)
}

// columnHelp is the comment on a column's header.
func columnHelp(c Column) string {
	help := c.Help
	if c.Required {
		help = "Må fylles ut. " + help
	}
	return help
}

func paramNames() []string {
	specs := KnownParams()
	out := make([]string, len(specs))
	for i, p := range specs {
		out[i] = p.Name
	}
	return out
}

// cell turns a row value into the cell a person would type. A value is
// one of: nil (blank), string, int, bool (ja/nei), Date or Day,
// decimal.Decimal (formatted by the column's kind) or a paramValue.
func (st *writeStyles) cell(c Column, v any) (any, error) {
	if d, ok := v.(Day); ok {
		v = d.Date()
	}
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string:
		if v == "" {
			return nil, nil
		}
		if c.Kind == KindList && onlyDigits(v) {
			// Del 1/2 and SSB rooms 1–4: a person types a number.
			n, _ := strconv.Atoi(v)
			return excelize.Cell{Value: n}, nil
		}
		return excelize.Cell{StyleID: st.columnStyle(c), Value: v}, nil
	case int:
		return excelize.Cell{Value: v}, nil
	case bool:
		if v {
			return excelize.Cell{Value: "ja"}, nil
		}
		return excelize.Cell{Value: "nei"}, nil
	case Date:
		if v.IsZero() {
			return nil, nil
		}
		return excelize.Cell{StyleID: st.date, Value: v.ExcelSerial()}, nil
	case decimal.Decimal:
		return st.number(c.Kind, v), nil
	case paramValue:
		return st.param(v)
	}
	return nil, fmt.Errorf("verdien %v (%T) kan ikke skrives", v, v)
}

// number writes a decimal as a numeric cell when a float64 carries its
// exact digits (always so for kroner and shares as typed), else as text,
// which the reader parses just as exactly.
func (st *writeStyles) number(kind Kind, d decimal.Decimal) any {
	style := st.plain
	switch kind {
	case KindMoney:
		style = st.money
		if !d.IsInteger() {
			style = st.plain
		}
	case KindShare:
		style = st.percentFrac
		if d.Shift(2).IsInteger() {
			style = st.percent
		}
	}
	text := d.String()
	// The reader sees a cell's raw text and refuses 158.175 as ambiguous
	// (thousands or decimals); a decimal comma is not. Only a point before
	// the last three digits can be, so the parse stays off every other
	// number's path.
	if strings.IndexByte(text, '.') == len(text)-4 {
		if _, err := ParseNumber(text); err != nil {
			return excelize.Cell{Value: strings.Replace(text, ".", ",", 1)}
		}
	}
	f := d.InexactFloat64()
	if strconv.FormatFloat(f, 'f', -1, 64) != text {
		return excelize.Cell{Value: text}
	}
	return excelize.Cell{StyleID: style, Value: f}
}

// paramValue is a Forutsetninger value, written by its parameter's kind.
type paramValue struct {
	kind Kind
	text string
}

func (st *writeStyles) param(p paramValue) (any, error) {
	if p.text == "" {
		return nil, nil
	}
	switch p.kind {
	case KindDate:
		d, ok := parseDateText(p.text)
		if !ok {
			return nil, fmt.Errorf("%q er ikke en dato", p.text)
		}
		return st.cell(Column{Kind: KindDate}, d)
	case KindMoney, KindShare:
		parse := ParseNumber
		if p.kind == KindShare {
			parse = ParseShare
		}
		d, err := parse(p.text)
		if err != nil {
			return nil, err
		}
		return st.number(p.kind, d), nil
	case KindInt:
		n, err := ParseInt(p.text)
		if err != nil {
			return nil, err
		}
		return excelize.Cell{Value: n}, nil
	}
	return excelize.Cell{Value: p.text}, nil
}

// rowSource yields the rows of one sheet, values in the order of columns.
type rowSource struct {
	columns []Column
	count   int
	row     func(i int, values []any)
}

// sheetRows returns the rows of sheet s in ds. Values are placed by column
// name, so the contract may order its columns as it likes.
func sheetRows(s Sheet, ds *Dataset) rowSource {
	src := rowSource{columns: s.Columns}
	idx := map[string]int{}
	for i, c := range s.Columns {
		idx[c.Name] = i
	}
	put := func(values []any, name string, v any) {
		if i, ok := idx[name]; ok {
			values[i] = v
		}
	}
	switch s.Name {
	case SheetFamilies:
		src.count = len(ds.Families)
		src.row = func(i int, v []any) {
			f := &ds.Families[i]
			put(v, ColFamilyID, f.ID)
			if f.Phase != 0 {
				put(v, ColPhase, strconv.Itoa(f.Phase))
			}
			put(v, ColEnrolled, f.Enrolled)
			put(v, ColHousehold, f.Household)
			put(v, ColStatus, f.Status)
			put(v, ColStatusDate, f.StatusDate)
			if f.MovesBefore != nil {
				put(v, ColMoves, *f.MovesBefore)
			}
		}
	case SheetChildren:
		src.count = len(ds.Children)
		src.row = func(i int, v []any) {
			c := &ds.Children[i]
			put(v, ColFamilyID, c.FamilyID)
			put(v, ColBirthYear, c.BirthYear)
		}
	case SheetPurchases:
		src.count = len(ds.Purchases)
		src.row = func(i int, v []any) {
			p := &ds.Purchases[i]
			put(v, ColFamilyID, p.FamilyID)
			put(v, ColBuyDate, p.Date)
			put(v, ColPrice, p.Price.Decimal())
			putPacked(put, v, ColStartLoan, p.StartLoan)
			put(v, ColRooms, p.Rooms)
			putPacked(put, v, ColArea, p.Area)
			putPacked(put, v, ColMonthly, p.MonthlyCosts)
			putPacked(put, v, ColRentBefore, p.RentBefore)
		}
	case SheetValuations:
		src.count = len(ds.Valuations)
		src.row = func(i int, v []any) {
			r := &ds.Valuations[i]
			put(v, ColFamilyID, r.FamilyID)
			put(v, ColDate, r.Date)
			put(v, ColValue, r.Value.Decimal())
			put(v, ColSource, r.Source)
		}
	case SheetRent:
		src.count = len(ds.Rents)
		src.row = func(i int, v []any) {
			r := &ds.Rents[i]
			put(v, ColYear, r.Year)
			put(v, ColRooms, r.Rooms)
			put(v, ColRent, r.Monthly)
			put(v, ColRegion, r.Region)
			put(v, ColSource, r.Source)
			put(v, ColNote, r.Note)
		}
	case SheetPriceIndex:
		src.count = len(ds.PriceIndex)
		src.row = func(i int, v []any) {
			r := &ds.PriceIndex[i]
			put(v, ColYear, r.Year)
			put(v, ColIndex, r.Index)
			put(v, ColRegion, r.Region)
			put(v, ColSource, r.Source)
		}
	case SheetFollowUps:
		src.count = len(ds.FollowUps)
		src.row = func(i int, v []any) {
			r := &ds.FollowUps[i]
			put(v, ColFamilyID, r.FamilyID)
			put(v, ColDate, r.Date)
			if r.AdultsInWork != nil {
				put(v, ColAdultsWork, *r.AdultsInWork)
			}
			if r.SocialAssistance != nil {
				put(v, ColSocial, *r.SocialAssistance)
			}
		}
	case SheetContext:
		src.count = len(ds.Context)
		src.row = func(i int, v []any) {
			r := &ds.Context[i]
			put(v, ColIndicator, r.Indicator)
			put(v, ColYear, r.Year)
			put(v, ColValue, r.Value)
		}
	case SheetAssumptions:
		params := ds.Assumptions.Params
		// A parameter without a value (Evalueringsdato by default) is left
		// out: Verdi is required, and a missing row means "use the default".
		var given []Parameter
		for _, p := range params {
			if p.Value != "" {
				given = append(given, p)
			}
		}
		src.count = len(given)
		src.row = func(i int, v []any) {
			p := given[i]
			put(v, ColParameter, p.Name)
			put(v, ColValue, paramValue{kind: ParamKind(p.Name), text: p.Value})
			put(v, ColSource, p.Source)
		}
	case SheetQuotes:
		src.count = len(ds.Quotes)
		src.row = func(i int, v []any) {
			q := &ds.Quotes[i]
			put(v, ColTheme, q.Theme)
			put(v, ColQuote, q.Text)
			put(v, ColWho, q.Who)
		}
	case SheetResources:
		src.count = len(ds.Resources)
		src.row = func(i int, v []any) {
			r := &ds.Resources[i]
			put(v, ColYear, r.Year)
			put(v, ColActor, r.Actor)
			putDecimal(put, v, ColHours, r.Hours)
			put(v, ColCost, r.Cost)
		}
	case SheetSurvey:
		return surveyRows(s, ds)
	}
	return src // a sheet without rows: count is 0, so row is never called
}

func putPacked(put func([]any, string, any), v []any, name string, d fastdec.Packed) {
	if d.IsSet() {
		put(v, name, d.Decimal())
	}
}

func putDecimal(put func([]any, string, any), v []any, name string, d *decimal.Decimal) {
	if d != nil {
		put(v, name, *d)
	}
}

// surveyRows lays the survey out as survey tools export it: one row per
// respondent (answers with the same round and respondent number, in the
// order they first appear), one column per statement in the order
// statements first appear. Step 0 (no answer) is written "Vet ikke", so that
// it reads back as an answer rather than as a missing one.
func surveyRows(s Sheet, ds *Dataset) rowSource {
	type respondent struct{ round, number int }
	cols := append([]Column(nil), s.Columns...)
	statementCol := map[string]int{}
	for _, a := range ds.Survey {
		if _, ok := statementCol[a.Statement]; !ok {
			statementCol[a.Statement] = len(cols)
			cols = append(cols, Column{Name: a.Statement, Kind: KindList, Allowed: SurveyChoices})
		}
	}
	var order []respondent
	answers := map[respondent][]SurveyAnswer{}
	for _, a := range ds.Survey {
		k := respondent{a.Round, a.Respondent}
		if _, ok := answers[k]; !ok {
			order = append(order, k)
		}
		answers[k] = append(answers[k], a)
	}
	yearCol := -1
	for i, c := range s.Columns {
		if c.Name == ColYear {
			yearCol = i
		}
	}
	return rowSource{columns: cols, count: len(order), row: func(i int, v []any) {
		k := order[i]
		if yearCol >= 0 {
			v[yearCol] = k.round
		}
		for _, a := range answers[k] {
			switch {
			case a.Step >= 1 && a.Step <= len(SurveyScale):
				v[statementCol[a.Statement]] = SurveyScale[a.Step-1]
			case a.Step == 0:
				v[statementCol[a.Statement]] = AnswerDontKnow
			}
		}
	}}
}

// newSortedZip is the zip writer of the workbooks the data package writes
// (xlsxzip with archive/zip's default compression and no dates).
func newSortedZip(w io.Writer) excelize.ZipWriter { return xlsxzip.NewWriter(w, xlsxzip.Options{}) }

// startSheet opens a stream writer on the sheet and writes what every
// sheet bobra writes has: column widths (and, with colStyles, the columns'
// number formats), a frozen header row, and the header cells, darker for
// required columns.
func startSheet(f *excelize.File, st *writeStyles, sheet string, cols []Column, colStyles bool) (*excelize.StreamWriter, error) {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	// excelize puts each newly set column first in <cols>; going from the
	// last column to the first leaves them in the ascending order Excel
	// requires.
	for i := len(cols) - 1; i >= 0; i-- {
		c := cols[i]
		if err := sw.SetColWidth(i+1, i+1, columnWidth(sheet, c)); err != nil {
			return nil, err
		}
		if !colStyles {
			continue
		}
		if style := st.columnStyle(c); style != 0 {
			if err := sw.SetColStyle(i+1, i+1, style); err != nil {
				return nil, err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		style := st.header
		if c.Required {
			style = st.headerRequired
		}
		header[i] = excelize.Cell{StyleID: style, Value: c.Name}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: 30}); err != nil {
		return nil, err
	}
	return sw, nil
}
