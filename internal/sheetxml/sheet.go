package sheetxml

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Limits of a worksheet (Excel's).
const (
	MaxRows    = 1 << 20
	MaxColumns = 16384
)

// Sheet reads the rows of one worksheet part in order.
type Sheet struct {
	s   *scanner
	sst SharedStrings

	row     int // the current row's number
	cells   []string
	styles  []int
	noValue []int
	bools   []int
	sums    []bool          // beside cells: the cell's formula is a sum; nil if none is
	shared  map[string]bool // shared formula index -> its formula is a sum
	err     error
	last    int // the last row read whole

	inData   bool
	dataDone bool
	dataLvl  int // depth of <sheetData>
	valBuf   []byte
	fBuf     []byte
	rest     func([]byte)
}

// OnDamage sets a function that is given, after an error, what could not
// be read: the values of the row being read and every byte of the part
// after the error, in pieces (a value may be split between two). The
// identity-number guard looks at them, so that damage cannot hide one.
func (sh *Sheet) OnDamage(f func([]byte)) { sh.rest = f }

// NewSheet reads the worksheet XML from r; sst is the workbook's shared
// strings (nil when it has none).
func NewSheet(r io.Reader, sst SharedStrings) *Sheet {
	return &Sheet{s: newScanner(r, 64<<10), sst: sst}
}

// Row is the number (1-based) of the row Next moved to.
func (sh *Sheet) Row() int { return sh.row }

// LastRow is the number of the last row read whole (0 before the first);
// after an error, the last good row before the damage.
func (sh *Sheet) LastRow() int { return sh.last }

// Cells are the row's cell values as excelize's Rows().Columns gives them
// with RawCellValue: index i is column i+1; a column with no cell, or a
// cell with neither a value nor a formula, is "" (and the slice ends at
// the last cell with a value or a formula). The slice is the caller's.
func (sh *Sheet) Cells() []string { return sh.cells }

// Styles are the cell style indexes (the s attribute) beside Cells.
func (sh *Sheet) Styles() []int { return sh.styles }

// NoValue lists the columns (1-based) of the row's formula cells that hold
// no stored result, which only a program that does not calculate writes.
func (sh *Sheet) NoValue() []int { return sh.noValue }

// Sums marks, beside Cells, the cells whose formula is a sum (SUM,
// SUBTOTAL, or the Norwegian SUMMER and DELSUM), as in a totals row made
// only of formulas; nil when no cell of the row has one, and it may end
// before Cells does. A cell of a shared formula counts as its formula's
// first cell.
func (sh *Sheet) Sums() []bool { return sh.sums }

// Bools lists the 1-based places in Cells of the current row's boolean cells
// (t="b"). Their raw value is 1 or 0, as excelize's raw reader gives it, so
// only this list tells a ticked TRUE from the number 1.
func (sh *Sheet) Bools() []int { return sh.bools }

// Err is the error that stopped the reading, nil at the end of a good part.
func (sh *Sheet) Err() error { return sh.err }

func (sh *Sheet) fail(err error) bool {
	if sh.err == nil {
		sh.err = err
		if sh.rest != nil {
			for _, c := range sh.cells {
				sh.rest([]byte(c))
			}
		}
		if _, ok := err.(*ReadError); !ok {
			// Read on so that a CRC mismatch later in the part is seen
			// too; the first error is the one reported.
			if derr := sh.s.drain(sh.rest); derr != nil {
				sh.err = derr
			}
		} else if sh.rest != nil {
			sh.s.drain(sh.rest)
		}
	}
	return false
}

func structErr(code Code, format string, a ...any) error {
	return &StructureError{Code: code, Msg: fmt.Sprintf(format, a...)}
}

// Next moves to the next <row> of the sheet data, false at the end of the
// part (having read it to its end) or on an error (see Err).
func (sh *Sheet) Next() bool {
	if sh.err != nil {
		return false
	}
	s := sh.s
	for {
		if err := s.next(); err != nil {
			return sh.fail(err)
		}
		switch s.kind {
		case tokEOF:
			return false
		case tokEnd:
			if sh.inData && len(s.lens) < sh.dataLvl {
				sh.inData, sh.dataDone = false, true
			}
		case tokStart:
			local := localName(s.name)
			depth := len(s.lens)
			switch {
			case string(local) == "sheetData" && !sh.inData && !sh.dataDone:
				sh.inData, sh.dataLvl = true, depth
			case string(local) == "sheetData":
				return sh.fail(structErr(CodePlacement, "a second sheetData"))
			case sh.inData && depth == sh.dataLvl+1 && string(local) == "row":
				if err := sh.readRow(); err != nil {
					return sh.fail(err)
				}
				return true
			case string(local) == "row" || string(local) == "c":
				return sh.fail(structErr(CodePlacement, "<%s> outside its place in sheetData", local))
			case sh.inData:
				if err := sh.skip(depth, "row", "c"); err != nil {
					return sh.fail(err)
				}
			}
		}
	}
}

// skip reads to the end of the element just started (at depth), refusing
// the given element names inside it: the places where excelize would read
// a row or a cell that SpreadsheetML does not allow.
func (sh *Sheet) skip(depth int, refuse ...string) error {
	s := sh.s
	for len(s.lens) >= depth {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return syntaxErr("unexpected EOF")
		case tokStart:
			local := localName(s.name)
			for _, r := range refuse {
				if string(local) == r {
					return structErr(CodePlacement, "<%s> inside another element", local)
				}
			}
		}
	}
	return nil
}

// readRow reads the row whose start tag is the current token.
func (sh *Sheet) readRow() error {
	s := sh.s
	num := sh.last + 1
	if v, ok := s.attr("r"); ok {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 1 {
			return structErr(CodeRowOrder, "row number %q", v)
		}
		num = n
	}
	if num > MaxRows {
		return structErr(CodeRowOrder, "row %d beyond the last row", num)
	}
	if num <= sh.last {
		return structErr(CodeRowOrder, "row %d after row %d", num, sh.last)
	}
	sh.row = num
	// The caller keeps each row's cells; rows are usually as wide as the
	// one before.
	width := max(len(sh.cells), 4)
	sh.cells, sh.styles, sh.noValue, sh.bools, sh.sums = make([]string, 0, width), make([]int, 0, width), nil, nil, nil
	rowDepth := len(s.lens)
	col := 0
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return syntaxErr("unexpected EOF")
		case tokEnd:
			if len(s.lens) < rowDepth {
				sh.last = num
				return nil
			}
		case tokStart:
			local := localName(s.name)
			switch {
			case string(local) == "c" && len(s.lens) == rowDepth+1:
				var err error
				if col, err = sh.readCell(col); err != nil {
					return err
				}
			case string(local) == "c" || string(local) == "row":
				return structErr(CodePlacement, "<%s> inside another element", local)
			default:
				if err := sh.skip(len(s.lens), "row", "c"); err != nil {
					return err
				}
			}
		}
	}
}

// readCell reads the cell whose start tag is the current token; prev is
// the previous cell's column. It returns the cell's column.
func (sh *Sheet) readCell(prev int) (int, error) {
	s := sh.s
	col := prev + 1
	if ref, ok := s.attr("r"); ok {
		c, r, ok := splitRef(ref)
		if !ok {
			return 0, structErr(CodeCellRef, "cell reference %q", ref)
		}
		if r != sh.row {
			return 0, structErr(CodeCellRef, "cell %q in row %d", ref, sh.row)
		}
		col = c
	}
	if col <= prev {
		return 0, structErr(CodeCellOrder, "cell in column %d after column %d", col, prev)
	}
	if col > MaxColumns {
		return 0, structErr(CodeCellRef, "cell beyond the last column")
	}
	style := 0
	if v, ok := s.attr("s"); ok {
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil || n < 0 || n > 1<<31 {
			return 0, structErr(CodeOther, "cell style %q", v)
		}
		style = int(n)
	}
	typ, _ := s.attr("t")
	cellType := string(typ)
	hasF, hasV, hasIS, sum, boolF := false, false, false, false, false
	var v string
	var inline string
	{
		cellDepth := len(s.lens)
		for {
			if err := s.next(); err != nil {
				return 0, err
			}
			if s.kind == tokEOF {
				return 0, syntaxErr("unexpected EOF")
			}
			if s.kind == tokEnd {
				if len(s.lens) < cellDepth {
					break
				}
				continue
			}
			if s.kind != tokStart {
				continue
			}
			switch string(localName(s.name)) {
			case "v":
				text, err := sh.directText()
				if err != nil {
					return 0, err
				}
				v, hasV = text, true
			case "f":
				hasF = true
				var err error
				if sum, err = sh.formula(); err != nil {
					return 0, err
				}
				boolF = isBoolFormula(sh.fBuf)
			case "is":
				text, err := sh.inlineString()
				if err != nil {
					return 0, err
				}
				inline, hasIS = text, true
			case "c", "row":
				return 0, structErr(CodePlacement, "<%s> inside a cell", localName(s.name))
			}
		}
	}
	var val string
	switch cellType {
	case "s":
		if v != "" {
			i, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return 0, structErr(CodeCellRef, "shared string index %q", v)
			}
			if i < 0 || i >= len(sh.sst) {
				return 0, &IndexError{Index: i, Len: len(sh.sst), Col: col}
			}
			val = sh.sst[i]
		}
	case "inlineStr":
		if hasIS {
			val = inline
		} else {
			val = v
		}
	default:
		val = v
	}
	if hasF && !hasV && !hasIS {
		sh.noValue = append(sh.noValue, col)
	}

	if val != "" || hasF {
		for len(sh.cells) < col-1 {
			sh.cells = append(sh.cells, "")
			sh.styles = append(sh.styles, 0)
		}
		sh.cells = append(sh.cells, val)
		sh.styles = append(sh.styles, style)
		if cellType == "b" || boolF {
			sh.bools = append(sh.bools, len(sh.cells))
		}
		if sum {
			if sh.sums == nil {
				sh.sums = make([]bool, len(sh.cells), cap(sh.cells))
			}
			for len(sh.sums) < len(sh.cells) {
				sh.sums = append(sh.sums, false)
			}
			sh.sums[len(sh.cells)-1] = true
		}
	}
	return col, nil
}

// formula reads the <f> just started and reports whether it is a sum. A
// shared formula's other cells carry only its index, so the first cell's
// answer is kept by index.
func (sh *Sheet) formula() (bool, error) {
	s := sh.s
	typ, _ := s.attr("t")
	si, hasSI := s.attr("si")
	shared := string(typ) == "shared" && hasSI
	key := ""
	if shared {
		key = string(si)
	}
	b, err := directText(s, sh.fBuf[:0])
	sh.fBuf = b
	if err != nil {
		return false, err
	}
	if shared && len(bytes.TrimSpace(b)) == 0 {
		return sh.shared[key], nil
	}
	sum := IsSumFormula(string(b))
	if shared {
		if sh.shared == nil {
			sh.shared = map[string]bool{}
		}
		sh.shared[key] = sum
	}
	return sum, nil
}

// sumFunctions are the functions a totals row's formulas use, in the
// file's English names and as Norwegian Excel shows them (which some
// programs write).
var sumFunctions = []string{"SUM(", "SUBTOTAL(", "SUMMER(", "DELSUM("}

// isBoolFormula reports whether a formula is TRUE() or FALSE(), which is how
// LibreOffice saves a typed TRUE or FALSE: a number cell of 1 or 0.
func isBoolFormula(f []byte) bool {
	t := bytes.TrimPrefix(bytes.TrimSpace(f), []byte("="))
	return bytes.EqualFold(t, []byte("TRUE()")) || bytes.EqualFold(t, []byte("FALSE()"))
}

// IsSumFormula reports whether a formula's text (with or without its
// "=") starts with a sum function.
func IsSumFormula(f string) bool {
	f = strings.TrimLeft(strings.TrimSpace(f), "=+ ")
	for _, fn := range sumFunctions {
		if len(f) >= len(fn) && strings.EqualFold(f[:len(fn)], fn) {
			return true
		}
	}
	return false
}

// IndexError is a shared-string index outside the table.
type IndexError struct {
	Index, Len int
	Col        int // the cell's column (1-based), in the row Sheet.Row
}

func (e *IndexError) Error() string {
	return fmt.Sprintf("sheetxml: shared string %d of %d", e.Index, e.Len)
}

// directText reads the element just started and returns its character
// data (not that of elements inside it), as encoding/xml decodes an
// element into a string.
func (sh *Sheet) directText() (string, error) {
	b, err := directText(sh.s, sh.valBuf[:0])
	sh.valBuf = b
	return string(b), err
}

func directText(s *scanner, dst []byte) ([]byte, error) {
	if s.selfEnd {
		if err := s.next(); err != nil { // its end
			return dst, err
		}
		return dst, nil
	}
	depth := len(s.lens)
	for {
		if err := s.next(); err != nil {
			return dst, err
		}
		switch s.kind {
		case tokEOF:
			return dst, syntaxErr("unexpected EOF")
		case tokText:
			if len(s.lens) == depth {
				if s.plain {
					dst = append(dst, s.raw...)
				} else {
					dst = decodeText(dst, s.raw, s.cdata)
				}
			}
		case tokEnd:
			if len(s.lens) < depth {
				return dst, nil
			}
		}
	}
}

// inlineString reads an <is> (or a shared string's <si>) just started: the
// text of its direct <t> (the last, when there are several) and of each
// run's <t>, joined and unescaped as excelize's xlsxSI.String does.
func (sh *Sheet) inlineString() (string, error) {
	b, err := stringItem(sh.s, sh.valBuf[:0])
	sh.valBuf = b
	if err != nil {
		return "", err
	}
	return bstrUnescape(string(b)), nil
}

// stringItem appends the text of the string item just started to dst.
func stringItem(s *scanner, dst []byte) ([]byte, error) {
	if s.selfEnd {
		return dst, s.next()
	}
	depth := len(s.lens)
	var direct []byte    // the direct <t>'s text; the last one counts
	var runs, tmp []byte // tmp: scratch for the runs' <t>
	for {
		if err := s.next(); err != nil {
			return dst, err
		}
		switch s.kind {
		case tokEOF:
			return dst, syntaxErr("unexpected EOF")
		case tokEnd:
			if len(s.lens) < depth {
				dst = append(dst, direct...)
				return append(dst, runs...), nil
			}
		case tokStart:
			if len(s.lens) != depth+1 {
				continue
			}
			switch string(localName(s.name)) {
			case "t":
				t, err := directText(s, direct[:0])
				if err != nil {
					return dst, err
				}
				direct = t
			case "r":
				// a run: its direct <t>, the last one counting
				runDepth := len(s.lens)
				if s.selfEnd {
					if err := s.next(); err != nil {
						return dst, err
					}
					continue
				}
				var last []byte
				for {
					if err := s.next(); err != nil {
						return dst, err
					}
					if s.kind == tokEOF {
						return dst, syntaxErr("unexpected EOF")
					}
					if s.kind == tokEnd && len(s.lens) < runDepth {
						break
					}
					if s.kind == tokStart && len(s.lens) == runDepth+1 && string(localName(s.name)) == "t" {
						t, err := directText(s, tmp[:0])
						if err != nil {
							return dst, err
						}
						tmp = t
						last = append(last[:0], t...)
					}
				}
				runs = append(runs, last...)
			}
		}
	}
}

// splitRef splits a cell reference such as "AB12" into column and row.
// Lower-case letters are accepted, as excelize does.
func splitRef(ref []byte) (col, row int, ok bool) {
	i := 0
	start := i
	for i < len(ref) && i-start < 4 {
		c := ref[i]
		if 'A' <= c && c <= 'Z' {
			col = col*26 + int(c-'A') + 1
		} else if 'a' <= c && c <= 'z' {
			col = col*26 + int(c-'a') + 1
		} else {
			break
		}
		i++
	}
	if i == start || col > MaxColumns {
		return 0, 0, false
	}
	digits := i
	for i < len(ref) && '0' <= ref[i] && ref[i] <= '9' && i-digits < 8 {
		row = row*10 + int(ref[i]-'0')
		i++
	}
	if i == digits || i != len(ref) || row < 1 || ref[digits] == '0' {
		return 0, 0, false
	}
	return col, row, true
}
