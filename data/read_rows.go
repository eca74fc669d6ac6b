package data

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
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
	origin   *origin        // file and sheet name; the columns' letters once the header is read
	extra    []headerCell   // columns not in the contract, for sheets with OpenColumns
	skip     bool           // a required column is missing: rows are not decoded
	data     *Dataset
	rows     int
}

// headerCell is a header the contract does not name.
type headerCell struct {
	index int
	text  string
}

// header reads the first non-empty row as column headers.
func (s *sheetState) header(cells []string, row int) Problems {
	var problems Problems
	s.cols = map[string]int{}
	var extra []string
	for i, c := range cells {
		text := strings.TrimSpace(c)
		if text == "" {
			continue
		}
		col, ok := s.matchColumn(text)
		if !ok {
			s.extra = append(s.extra, headerCell{i, text})
			extra = append(extra, fmt.Sprintf("«%s» (%s)", shorten(text), columnLetters(i)))
			continue
		}
		if first, dup := s.cols[col.Name]; dup {
			problems = append(problems, Problem{Severity: Error, Kind: KindDuplicateCol, File: s.origin.file, Sheet: s.origin.sheet,
				Cell: columnLetters(i) + itoa(row), Column: col.Name, Value: shorten(text),
				Message: fmt.Sprintf("Kolonnen %s finnes også i kolonne %s; fjern den ene.", col.Name, columnLetters(first))})
			continue
		}
		s.cols[col.Name] = i
		s.origin.cols[col.Name] = columnLetters(i)
	}
	for _, col := range s.spec.Columns {
		if _, ok := s.cols[col.Name]; !ok && col.Required {
			s.skip = true
			problems = append(problems, Problem{Severity: Error, Kind: KindMissingColumn, File: s.origin.file, Sheet: s.origin.sheet,
				Cell: "rad " + itoa(row), Column: col.Name,
				Message: fmt.Sprintf("Mangler kolonnen %s i overskriftsraden (rad %d).", col.Name, row)})
		}
	}
	if len(extra) > 0 && !s.spec.OpenColumns {
		problems = append(problems, Problem{Severity: Note, Kind: KindExtraColumns, File: s.origin.file, Sheet: s.origin.sheet,
			Cell:    "rad " + itoa(row),
			Message: "Disse kolonnene er ikke i malen og blir ikke brukt: " + strings.Join(extra, ", ") + "."})
	}
	return problems
}

func (s *sheetState) matchColumn(header string) (Column, bool) {
	n := normName(header)
	for _, c := range s.spec.Columns {
		if normName(c.Name) == n {
			return c, true
		}
	}
	return Column{}, false
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

// cell returns the trimmed text of a column, "" when blank or absent.
func (r *rowCtx) cell(name string) string {
	i, ok := r.s.cols[name]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// blank reports whether the column is blank, and records a problem when
// it is required (unless the cell held an identity number, already reported).
func (r *rowCtx) blank(name string) bool {
	if r.cell(name) != "" {
		return false
	}
	col, _ := r.s.spec.Column(name)
	if col.Required && !r.wasTainted(name) {
		r.add(Error, KindMissingValue, name, "", fmt.Sprintf("%s mangler; cellen må fylles ut.", name))
	}
	return true
}

func (r *rowCtx) wasTainted(name string) bool {
	i, ok := r.s.cols[name]
	return ok && slices.Contains(r.tainted, i)
}

// add records a problem at the column's cell on this row.
func (r *rowCtx) add(sev Severity, kind, column, value, message string) {
	r.problems = append(r.problems, Problem{Severity: sev, Kind: kind, File: r.s.origin.file, Sheet: r.s.origin.sheet,
		Cell: r.loc().Cell(column), Column: column, Value: shorten(r.shown(column, value)), Message: message})
}

// isDate reports whether the column's cell on this row shows a date.
func (r *rowCtx) isDate(name string) bool {
	i, ok := r.s.cols[name]
	return ok && i < len(r.dates) && r.dates[i]
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
	reason := "er ikke " + kindOf(r.s.spec, column).Description()
	var ve *ValueError
	if errors.As(err, &ve) {
		kind, reason = ve.Code, ve.Reason
	}
	r.add(Error, kind, column, value, fmt.Sprintf("«%s» %s.", shorten(r.shown(column, value)), reason))
}

func kindOf(s Sheet, column string) Kind {
	c, _ := s.Column(column)
	return c.Kind
}

// text returns a text column.
func (r *rowCtx) text(name string) string {
	if r.blank(name) {
		return ""
	}
	return r.cell(name)
}

// intVal returns a whole-number column, nil when blank or bad.
func (r *rowCtx) intVal(name string) *int {
	if r.blank(name) {
		return nil
	}
	v := r.cell(name)
	n, err := ParseInt(v)
	if err != nil {
		r.bad(name, v, wrong("er ikke et heltall"))
		return nil
	}
	col, _ := r.s.spec.Column(name)
	if n < col.Min {
		r.add(Error, KindTooSmall, name, v, fmt.Sprintf("%s må være minst %d, ikke %d.", name, col.Min, n))
		return nil
	}
	return &n
}

// year returns a four-digit year column, 0 when blank or bad.
func (r *rowCtx) year(name string) int {
	if r.blank(name) {
		return 0
	}
	v := r.cell(name)
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
	return y
}

// date returns a date column, the zero date when blank or bad.
func (r *rowCtx) date(name string) Date {
	if r.blank(name) {
		return Date{}
	}
	v := r.cell(name)
	d, err := ParseDate(v, r.s.date1904)
	if err != nil {
		r.bad(name, v, err)
		return Date{}
	}
	return d
}

// number returns a money or decimal column, nil when blank or bad.
func (r *rowCtx) number(name string) *decimal.Decimal {
	if r.blank(name) {
		return nil
	}
	v := r.cell(name)
	parse := ParseNumber
	if kindOf(r.s.spec, name) == KindMoney {
		parse = ParseMoney
	}
	d, err := parse(v)
	if err != nil {
		r.bad(name, v, err)
		return nil
	}
	return &d
}

// boolVal returns a ja/nei column, nil when blank or bad.
func (r *rowCtx) boolVal(name string) *bool {
	if r.blank(name) {
		return nil
	}
	v := r.cell(name)
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
	if r.blank(name) {
		return ""
	}
	v := r.cell(name)
	col, _ := r.s.spec.Column(name)
	if canon, ok := matchAllowed(col.Allowed, v); ok {
		return canon
	}
	r.add(Error, KindUnknownValue, name, v, fmt.Sprintf("«%s» er ikke en tillatt verdi for %s; tillatt er: %s.",
		shorten(v), name, strings.Join(col.Allowed, ", ")))
	return ""
}

func matchAllowed(allowed []string, v string) (string, bool) {
	folded := strings.Join(strings.Fields(strings.ToLower(v)), " ")
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
