package data

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"bobra/internal/editdist"
	"bobra/internal/fastdec"
	"bobra/internal/norfmt"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// Problem kinds for cell values.
const (
	KindMissingValue = "mangler-verdi"
	KindUnknownValue = "ukjent-verdi"
	KindTooSmall     = "for-lite-tall"
	KindDateAsYear   = "dato-som-aar"
)

// sheetState is a contract sheet being read: where its columns are and
// the records decoded so far.
type sheetState struct {
	spec     Sheet
	date1904 bool
	cols     map[string]int // canonical column name -> 0-based index; nil until the header row
	at       []colAt        // the contract's columns with their indexes, from cols (see column)
	origin   *origin        // file and sheet name; the columns' letters once the header is read
	extra    []headerCell   // columns not in the contract, for sheets with OpenColumns
	skip     bool           // a required column is missing: rows are not decoded
	data     *Dataset
	rows     int
	table    tableState // where the table starts and ends (read_table.go)
	names    []columnName
	decoder  func(r *rowCtx, ds *Dataset) // the sheet's, from decoders
	row      rowCtx                       // the row being decoded, kept to spare an allocation per row
	// Values that repeat down a sheet (a valuation's Kilde, round
	// amounts, areas, the FamilieID of a family's consecutive rows) are
	// kept once: a national dataset holds millions of cells, and each
	// parsed amount is a big.Int of its own. The results are the same
	// values the parse gives; the caches only live while the sheet is read.
	texts map[string]string
	// numbers are parsed number cells by their text: [1] read as amounts,
	// [0] as other numbers (a map by string is quicker than one by a pair).
	numbers [2]map[string]decimal.Decimal
	lastID  string
}

// maxRepeated bounds each cache of repeated values of a sheet, so that a
// sheet of all different values costs a fixed amount of memory.
const maxRepeated = 4096

// headerCell is a header the contract does not name.
type headerCell struct {
	index int
	text  string
}

// Problem kinds for headers.
const (
	KindNearColumn = "nesten-kolonne"
	KindSynonym    = "kolonne-synonym"
)

// header reads a row as column headers: each cell is matched to a
// contract column by its name or a synonym (see normName); a header close
// to a column it does not match is a warning naming the column meant.
func (s *sheetState) header(cells []string, row int) Problems {
	var problems Problems
	s.cols = map[string]int{}
	s.table.headerRow = row
	s.table.known = make([]bool, len(cells))
	var extra, renamed []string
	var others []headerCell
	for i, c := range cells {
		text := strings.TrimSpace(c)
		if text == "" {
			continue
		}
		s.table.known[i] = true
		col, ok := s.matchColumn(text)
		if !ok {
			others = append(others, headerCell{i, text})
			continue
		}
		if first, dup := s.cols[col.Name]; dup {
			problems = append(problems, Problem{Severity: Error, Kind: KindDuplicateCol, File: s.origin.file, Sheet: s.origin.sheet,
				Cell: columnLetters(i) + itoa(row), Column: col.Name, Value: shorten(text),
				Message: fmt.Sprintf("Kolonnen %s finnes også i kolonne %s; fjern den ene.", col.Name, columnLetters(first))})
			continue
		}
		if normName(text) != normName(col.Name) || strings.ContainsAny(text, "([") {
			renamed = append(renamed, fmt.Sprintf("«%s» (%s) som %s", shorten(oneLine(text)), columnLetters(i), col.Name))
		}
		s.cols[col.Name] = i
		s.origin.cols[col.Name] = columnLetters(i)
	}
	near := map[string]headerCell{} // canonical column -> the header that nearly names it
	for _, u := range others {
		if col, ok := s.nearColumn(u.text); ok {
			if _, taken := near[col.Name]; !taken {
				near[col.Name] = u
				continue
			}
		}
		s.extra = append(s.extra, u)
		extra = append(extra, fmt.Sprintf("«%s» (%s)", shorten(oneLine(u.text)), columnLetters(u.index)))
	}
	for _, col := range s.spec.Columns {
		_, ok := s.cols[col.Name]
		u, isNear := near[col.Name]
		switch {
		case ok:
		case col.Required:
			s.skip = true
			msg := fmt.Sprintf("Mangler kolonnen %s i overskriftsraden (rad %d).", col.Name, row)
			if isNear {
				msg = fmt.Sprintf("Mangler kolonnen %s i overskriftsraden (rad %d): kolonne %s heter «%s»; mente du «%s»? Gi den navnet fra malen.",
					col.Name, row, columnLetters(u.index), shorten(oneLine(u.text)), col.Name)
			}
			problems = append(problems, Problem{Severity: Error, Kind: KindMissingColumn, File: s.origin.file, Sheet: s.origin.sheet,
				Cell: "rad " + itoa(row), Column: col.Name, Message: msg})
		case isNear:
			problems = append(problems, Problem{Severity: Warning, Kind: KindNearColumn, File: s.origin.file, Sheet: s.origin.sheet,
				Cell: columnLetters(u.index) + itoa(row), Column: col.Name, Value: shorten(u.text),
				Message: fmt.Sprintf("Kolonnen «%s» blir ikke brukt; mente du «%s»? Gi den navnet fra malen, ellers mangler %s i beregningene.",
					shorten(oneLine(u.text)), col.Name, col.Name)})
		}
	}
	if len(renamed) > 0 {
		problems = append(problems, Problem{Severity: Note, Kind: KindSynonym, File: s.origin.file, Sheet: s.origin.sheet,
			Cell:    "rad " + itoa(row),
			Message: "Disse overskriftene er lest som kolonnene i malen: " + listSome(renamed) + "."})
	}
	if len(extra) > 0 && !s.spec.OpenColumns {
		problems = append(problems, Problem{Severity: Note, Kind: KindExtraColumns, File: s.origin.file, Sheet: s.origin.sheet,
			Cell:    "rad " + itoa(row),
			Message: "Disse kolonnene er ikke i malen og blir ikke brukt: " + listSome(extra) + "."})
	}
	return problems
}

// columnName is a name a column is known by, folded by normName.
type columnName struct {
	norm    string
	col     Column
	synonym bool
}

// columnNames lists the sheet's column names and then their synonyms,
// folded once per sheet: the first rows are matched cell by cell.
func (s *sheetState) columnNames() []columnName {
	if s.names == nil {
		for _, c := range s.spec.Columns {
			s.names = append(s.names, columnName{normName(c.Name), c, false})
		}
		for _, c := range s.spec.Columns {
			for _, syn := range c.Synonyms {
				s.names = append(s.names, columnName{normName(syn), c, true})
			}
		}
	}
	return s.names
}

// matchColumn finds the contract column a header names, by its name or
// one of its synonyms.
func (s *sheetState) matchColumn(header string) (Column, bool) {
	n := normName(header)
	if n == "" {
		return Column{}, false
	}
	for _, name := range s.columnNames() {
		if name.norm == n {
			return name.col, true
		}
	}
	return Column{}, false
}

// nearColumn finds the contract column a header that matches none nearly
// names: a typo (a small edit distance) or the name with a word more
// ("Kjøpesum totalt").
func (s *sheetState) nearColumn(header string) (Column, bool) {
	n := normName(header)
	if len(n) < 3 {
		return Column{}, false
	}
	best, bestDist := Column{}, 1<<30
	for _, name := range s.columnNames() {
		c, cn := name.col, name.norm
		if _, matched := s.cols[c.Name]; matched {
			continue // the header is an extra column, not a typo of this one
		}
		limit := nearLimit(cn)
		// Only names of about the same length can be within the limit;
		// a header row of thousands of cells stays cheap.
		if diff := len(n) - len(cn); diff <= 2*limit && diff >= -2*limit {
			if d := editdist.Distance(n, cn); d <= limit && d < bestDist {
				best, bestDist = c, d
			}
		}
		if len(cn) >= 4 && n != cn && (strings.HasPrefix(n, cn) || strings.HasSuffix(n, cn)) && bestDist > limit {
			best, bestDist = c, limit
		}
	}
	return best, bestDist < 1<<30
}

// nearLimit is how many edits still make a header a typo of name: one for
// short names, two from eight letters on.
func nearLimit(name string) int {
	switch n := len([]rune(name)); {
	case n < 4:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// listSome joins the first items of a list for a message, and says how
// many more there are, so that a row of thousands of headers gives one
// readable line.
func listSome(items []string) string {
	const most = 20
	if len(items) <= most {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:most], ", ") + fmt.Sprintf(" og %d til", len(items)-most)
}

// oneLine shows a header with line breaks as one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// rowCtx is one data row being decoded. Its getters parse a cell by the
// column's kind and record a problem for a bad or missing value, returning
// the zero value (or nil) in that case, so a decoder reads as a plain list
// of fields.
type rowCtx struct {
	s        *sheetState
	cells    []string
	dates    []bool // beside cells: the cell shows a date (nil: none does)
	row      int
	tainted  []int // cells that held an identity number (now blank)
	problems Problems
}

// loc returns the record's location.
func (r *rowCtx) loc() Loc {
	return Loc{from: r.s.origin, Row: r.row}
}

// colAt is a contract column of a sheet and the cell index its header
// has, -1 when the sheet lacks it.
type colAt struct {
	col   *Column
	index int
}

// noColumn is a name the sheet's contract does not have.
var noColumn = colAt{col: &Column{}, index: -1}

// column finds a contract column and its index, resolved once per sheet
// from the header: the decoders ask for every cell of every row by name,
// and a short list of the sheet's own constants is quicker to search than
// a map is to hash.
func (s *sheetState) column(name string) *colAt {
	if s.at == nil && s.cols != nil {
		s.at = make([]colAt, len(s.spec.Columns))
		for i := range s.spec.Columns {
			c := &s.spec.Columns[i]
			idx, ok := s.cols[c.Name]
			if !ok {
				idx = -1
			}
			s.at[i] = colAt{c, idx}
		}
	}
	for i := range s.at {
		if s.at[i].col.Name == name {
			return &s.at[i]
		}
	}
	return &noColumn
}

// cell returns the trimmed text of a column, "" when blank or absent.
func (r *rowCtx) cell(name string) string {
	return r.cellAt(r.s.column(name))
}

func (r *rowCtx) cellAt(c *colAt) string {
	if c.index < 0 || c.index >= len(r.cells) {
		return ""
	}
	return trimCell(r.cells[c.index])
}

// trimCell is strings.TrimSpace(s), without the call for a text that
// starts and ends with a visible ASCII character, as nearly every cell
// does: no space, ASCII or not, can start or end it then
// (TestTrimCellMatchesTrimSpace).
func trimCell(s string) string {
	// c-'!' < utf8.RuneSelf-'!': c is from '!' to the end of ASCII
	if n := len(s); n == 0 || s[0]-'!' < utf8.RuneSelf-'!' && s[n-1]-'!' < utf8.RuneSelf-'!' {
		return s
	}
	return strings.TrimSpace(s)
}

// value returns a column and its trimmed text, and false when the text is
// blank, having recorded a problem when the column is required (unless
// the cell held an identity number, already reported): a getter's one
// look-up.
func (r *rowCtx) value(name string) (*colAt, string, bool) {
	c := r.s.column(name)
	if v := r.cellAt(c); v != "" {
		return c, v, true
	}
	if c.col.Required && !(c.index >= 0 && slices.Contains(r.tainted, c.index)) {
		r.add(Error, KindMissingValue, name, "", fmt.Sprintf("%s mangler; cellen må fylles ut.", name))
	}
	return c, "", false
}

// add records a problem at the column's cell on this row.
func (r *rowCtx) add(sev Severity, kind, column, value, message string) {
	r.problems = append(r.problems, Problem{Severity: sev, Kind: kind, File: r.s.origin.file, Sheet: r.s.origin.sheet,
		Cell: r.loc().Cell(column), Column: column, Value: shorten(r.shown(column, value)), Message: message})
}

// isDate reports whether the column's cell on this row shows a date.
func (r *rowCtx) isDate(name string) bool {
	i := r.s.column(name).index
	return i >= 0 && i < len(r.dates) && r.dates[i]
}

// shown is a cell's value as the user sees it in Excel: a date cell holds
// a serial number, shown as dd.mm.åååå.
func (r *rowCtx) shown(column, value string) string {
	if !r.isDate(column) || !looksLikeSerial(strings.TrimSpace(value)) {
		return value
	}
	d, err := ParseDate(value, r.s.date1904)
	if err != nil {
		return value
	}
	return d.Norwegian()
}

// bad records a value that could not be parsed.
func (r *rowCtx) bad(column, value string, err error) {
	kind := KindWrongValue
	reason := "er ikke " + r.s.column(column).col.Kind.Description()
	var ve *ValueError
	if errors.As(err, &ve) {
		kind, reason = ve.Code, ve.Reason
	}
	r.add(Error, kind, column, value, fmt.Sprintf("«%s» %s.", shorten(r.shown(column, value)), reason))
}

// text returns a text column. Control characters other than line breaks
// and tabs (an escape sequence pasted from a terminal, a stray form feed)
// are dropped, so that they never reach a report.
func (r *rowCtx) text(name string) string {
	_, v, ok := r.value(name)
	if !ok {
		return ""
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c == 0xc2 {
			v = strings.Map(dropControl, v)
			break
		}
	}
	return r.s.repeated(v)
}

// repeated returns the string equal to v kept from an earlier row of the
// sheet, keeping v for later rows while there is room.
func (s *sheetState) repeated(v string) string {
	if kept, ok := s.texts[v]; ok {
		return kept
	}
	// v is part of its row's text: the record keeps a copy of its own.
	v = strings.Clone(v)
	if len(s.texts) < maxRepeated && len(v) <= 64 {
		if s.texts == nil {
			s.texts = map[string]string{}
		}
		s.texts[v] = v
	}
	return v
}

func dropControl(c rune) rune {
	if c != '\n' && c != '\t' && unicode.IsControl(c) {
		return -1
	}
	return c
}

// intVal returns a whole-number column, nil when blank or bad.
func (r *rowCtx) intVal(name string) *int {
	if n, ok := r.intValue(name); ok {
		return &n
	}
	return nil
}

// intValue returns a whole-number column, false when blank or bad.
func (r *rowCtx) intValue(name string) (int, bool) {
	c, v, ok := r.value(name)
	if !ok {
		return 0, false
	}
	n, err := ParseInt(v)
	if err != nil {
		r.bad(name, v, wrong("er ikke et heltall"))
		return 0, false
	}
	col := c.col
	if n < col.Min {
		r.add(Error, KindTooSmall, name, v, fmt.Sprintf("%s må være minst %d, ikke %s.", name, col.Min, norwegianInt(n)))
		return 0, false
	}
	if col.Max > 0 && n > col.Max {
		r.add(Error, KindTooLargeValue, name, v, fmt.Sprintf("%s kan ikke være mer enn %d, ikke %s; sjekk tallet.", name, col.Max, norwegianInt(n)))
		return 0, false
	}
	return n, true
}

// year returns a four-digit year column, 0 when blank or bad.
func (r *rowCtx) year(name string) int {
	_, v, ok := r.value(name)
	if !ok {
		return 0
	}
	if r.isDate(name) && looksLikeSerial(v) {
		// A real date typed where the year goes: its year is meant.
		if d, err := ParseDate(v, r.s.date1904); err == nil {
			r.add(Note, KindDateAsYear, name, v, fmt.Sprintf("%s er en dato (%s); året %d er brukt.", name, d.Norwegian(), d.Year))
			return d.Year
		}
	}
	y, err := ParseYear(v)
	if err != nil {
		r.bad(name, v, err)
		return 0
	}
	if name == ColBirthYear && y < minBirthYear {
		r.add(Error, KindOldDate, name, v, fmt.Sprintf("Fødselsåret %d er før %d; sjekk årstallet.", y, minBirthYear))
		return 0
	}
	return y
}

// The earliest dates the programme's data can hold: it started in 2016,
// and a child is born after 1900. Anything earlier is a typo, or a year
// or a number Excel took for a day.
var (
	minDate      = Date{1990, 1, 1}
	minBirthYear = 1900
)

// date returns a date column, the zero date when blank or bad.
func (r *rowCtx) date(name string) Date {
	_, v, ok := r.value(name)
	if !ok {
		return Date{}
	}
	// A date cell's serial number (ParseDate's fast path) is read here,
	// so that the form it has is known without looking at it again.
	var d Date
	var err error
	serial, isSerial := plainSerial(v)
	if isSerial {
		d, err = serialDay(serial, r.s.date1904)
	} else {
		d, err = parseDateGeneral(v, r.s.date1904)
	}
	if err != nil {
		var ve *ValueError
		if errors.As(err, &ve) && ve.Code == KindEnglishDate {
			// One error for the column (see finish): if one date is
			// month/day, every slash date in it may be.
			if r.s.table.english == nil {
				r.s.table.english = map[string]englishDate{}
			}
			e, seen := r.s.table.english[name]
			if !seen {
				e = englishDate{cell: r.loc().Cell(name), value: shorten(v)}
			}
			e.cells++
			r.s.table.english[name] = e
			return Date{}
		}
		r.bad(name, v, err)
		return Date{}
	}
	if d.Before(minDate) {
		r.add(Error, KindOldDate, name, d.Norwegian(), fmt.Sprintf("Datoen %s er før %s; sjekk datoen.", d.Norwegian(), minDate.Norwegian()))
		return Date{}
	}
	if !isSerial && typedForm(v) { // a serial number is no typed form
		// Read as meant, but say how: a two-digit year or a month name is
		// read by a rule a person may want to check.
		r.add(Note, KindDateForm, name, v, fmt.Sprintf("«%s» er lest som %s.", shorten(v), d.Norwegian()))
	}
	return d
}

// KindDateForm is the note on a date typed in another form than
// 30.09.2024, 2024-09-30 or a real date cell.
const KindDateForm = "datoform"

// typedForm reports whether a date that parsed was typed in one of the
// forms beyond the template's: a month name, a two-digit year, "/" or
// day-first "-".
func typedForm(v string) bool {
	if looksLikeSerial(v) || (len(v) >= 10 && v[4] == '-') { // a serial number, or ISO (also with a time)
		return false
	}
	if strings.ContainsAny(v, "/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return true
	}
	if i := strings.IndexByte(v, '-'); i >= 0 {
		return i <= 2
	}
	if i := strings.LastIndexByte(v, '.'); i >= 0 {
		return len(strings.TrimSpace(v[i+1:])) == 2
	}
	return false
}

// maxAmount is the ceiling of every amount and number a cell may hold:
// more than a thousand million kroner is a typo (or 1e308), and no
// renderer should ever meet it.
var maxAmount = decimal.NewFromInt(1_000_000_000)

// number returns a money or decimal column, nil when blank or bad.
func (r *rowCtx) number(name string) *decimal.Decimal {
	if d, ok := r.numberValue(name); ok {
		return &d
	}
	return nil
}

// packed returns a money or decimal column, absent when blank or bad.
// A number cell's text under ten characters (every ordinary amount and
// area, and below the ceiling by its length) is packed from the integer
// its digits make, with neither a decimal nor the cache: parsing the
// digits again is quicker than hashing them, and the Packed holds no
// big.Int to share. Anything else takes numberValue's way, with its checks
// (TestPackedMatchesNumberValue).
func (r *rowCtx) packed(name string) fastdec.Packed {
	c := r.s.column(name)
	if v := r.cellAt(c); v != "" && len(v) < 10 {
		if n, exp, ok := plainCoef(v); ok {
			return fastdec.PackInt(n, exp)
		}
	}
	if d, ok := r.numberValue(name); ok {
		return fastdec.Pack(d)
	}
	return fastdec.Packed{}
}

// numberValue returns a money or decimal column, false when blank or bad.
func (r *rowCtx) numberValue(name string) (decimal.Decimal, bool) {
	c, v, ok := r.value(name)
	if !ok {
		return decimal.Decimal{}, false
	}
	kind := c.col.Kind
	cache := &r.s.numbers[0]
	if kind == KindMoney {
		cache = &r.s.numbers[1]
	}
	if d, ok := (*cache)[v]; ok {
		return d, true
	}
	parse := ParseNumber
	if kind == KindMoney {
		parse = ParseMoney
	}
	d, err := parse(v)
	if err != nil {
		r.bad(name, v, err)
		return decimal.Decimal{}, false
	}
	// Below ten characters only Excel's exponent form ("1e308") can pass
	// the ceiling; the check itself costs a decimal, so it is skipped for
	// the ordinary amounts of a national dataset.
	if (len(v) >= 10 || strings.ContainsAny(v, "eE")) && d.Abs().GreaterThan(maxAmount) {
		unit := ""
		if kind == KindMoney {
			unit = " kr"
		}
		r.add(Error, KindTooLargeValue, name, v, fmt.Sprintf("«%s» er urimelig stort for %s (mer enn 1 000 000 000%s); sjekk tallet.", shorten(v), name, unit))
		return decimal.Decimal{}, false
	}
	if len(r.s.numbers[0])+len(r.s.numbers[1]) < maxRepeated {
		if *cache == nil {
			*cache = map[string]decimal.Decimal{}
		}
		(*cache)[v] = d
	}
	return d, true
}

// id returns a FamilieID column in Unicode NFC form, so that an "å" typed
// as a + ring matches the same ID typed as one letter. Invisible or
// control characters in an ID are an error: it would look the same as
// another and count as a second family. The record keeps the ID without
// them, so that the rows referring to it are not reported as well, and a
// look-alike of another family's ID is reported as the duplicate it is.
func (r *rowCtx) id(name string) string {
	_, v, ok := r.value(name)
	if !ok {
		return ""
	}
	if hasInvisible(v) {
		r.add(Error, KindInvisibleChar, name, v, fmt.Sprintf("%s «%s» inneholder usynlige tegn eller kontrolltegn (for eksempel et nullbreddemellomrom); skriv den inn på nytt.", name, shorten(v)))
		v = strings.Map(func(c rune) rune {
			if hasInvisible(string(c)) {
				return -1
			}
			return c
		}, v)
	}
	v = norm.NFC.String(v)
	if v == r.s.lastID {
		return r.s.lastID
	}
	// A cell's text is part of its row's (see sheetxml.Sheet.Cells): the
	// record keeps a copy of its own, not the whole row.
	r.s.lastID = strings.Clone(v)
	return r.s.lastID
}

// hasInvisible reports whether s holds a control or format character
// (zero-width space, joiner, direction mark, soft hyphen …).
func hasInvisible(s string) bool {
	for _, c := range s {
		if c < 0x20 || c == 0x7f || (c >= 0x80 && (unicode.IsControl(c) || unicode.Is(unicode.Cf, c))) {
			return true
		}
	}
	return false
}

// norwegianInt writes an integer as Norwegians do: "−1 500".
func norwegianInt(n int) string {
	return norfmt.Message(decimal.NewFromInt(int64(n)))
}

// boolVal returns a ja/nei column, nil when blank or bad.
func (r *rowCtx) boolVal(name string) *bool {
	_, v, ok := r.value(name)
	if !ok {
		return nil
	}
	b, err := ParseBool(v)
	if err != nil {
		r.bad(name, v, wrong("er ikke ja eller nei (skriv ja eller nei)"))
		return nil
	}
	return &b
}

// list returns a closed-list column as its canonical value, "" when blank
// or not allowed. Case and spacing are free; a number cell "1.0" matches "1".
func (r *rowCtx) list(name string) string {
	c, v, ok := r.value(name)
	if !ok {
		return ""
	}
	col := c.col
	if canon, ok := matchAllowed(col.Allowed, v); ok {
		return canon
	}
	r.add(Error, KindUnknownValue, name, v, fmt.Sprintf("«%s» er ikke en tillatt verdi for %s; tillatt er: %s.",
		shorten(v), name, strings.Join(col.Allowed, ", ")))
	return ""
}

// foldText is v in lower case with its spaces folded to single spaces,
// as strings.Join(strings.Fields(strings.ToLower(v)), " ") gives it;
// without building anything when v already is (as the values of a closed
// list usually are).
func foldText(v string) string {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c < 0x20 || c >= 0x7f || 'A' <= c && c <= 'Z' || c == ' ' && (i == 0 || i == len(v)-1 || v[i-1] == ' ') {
			return strings.Join(strings.Fields(strings.ToLower(v)), " ")
		}
	}
	return v
}

func matchAllowed(allowed []string, v string) (string, bool) {
	// A value typed as the list has it is that value: every allowed value
	// folds to itself in lower case, and no two fold alike
	// (TestAllowedValuesFoldToThemselves), so folding v would find it
	// first. Folding a value with a letter beyond ASCII ("enslig
	// forsørger") costs two allocations.
	for _, a := range allowed {
		if v == a {
			return a, true
		}
	}
	folded := foldText(v)
	for _, a := range allowed {
		if folded == strings.ToLower(a) {
			return a, true
		}
	}
	if d, err := ParseNumber(v); err == nil && d.IsInteger() {
		for _, a := range allowed {
			if a == d.String() {
				return a, true
			}
		}
	}
	return "", false
}

// extraCell is a row's value in a column the contract does not name.
type extraCell struct {
	Header string // the column's header as written
	Column string // column letters
	Value  string // trimmed cell text
}

// extras returns the row's values in columns the contract does not name,
// in column order, for sheets with OpenColumns (such as a survey export,
// where every such column is a statement).
func (r *rowCtx) extras() []extraCell {
	out := make([]extraCell, 0, len(r.s.extra))
	for _, h := range r.s.extra {
		v := ""
		if h.index < len(r.cells) {
			v = strings.TrimSpace(r.cells[h.index])
		}
		out = append(out, extraCell{Header: h.text, Column: columnLetters(h.index), Value: v})
	}
	return out
}
