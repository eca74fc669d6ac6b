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
	isBuf    []byte
	fBuf     []byte
	typBuf   []byte
	rest     func([]byte)

	// The row being read: its cells other than those whose value is in
	// arena (shared strings, padding), and where in arena the others are.
	inRow   bool
	scratch []string
	arena   []byte
	spans   []span
	chunk   []string // the cells of rows read, carved one row at a time

	reuse   bool // Cells is the row scratch, valid until the next Next (see ReuseCells)
	general bool // never the fast path (the differential tests)
	fast    int  // cells read by the fast path (the tests)
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

// ReuseCells makes Cells give, from the next row on, a slice that is
// valid only until the next call to Next, so that a caller who copies the
// cells into memory of its own (and reuses that) spares an allocation
// per run of rows. The values themselves are strings as before.
func (sh *Sheet) ReuseCells() { sh.reuse = true }

// Row is the number (1-based) of the row Next moved to.
func (sh *Sheet) Row() int { return sh.row }

// Offset is how many bytes of the part have been read, up to the end of
// the row Next moved to.
func (sh *Sheet) Offset() int64 { return sh.s.base + int64(sh.s.pos) }

// LastRow is the number of the last row read whole (0 before the first);
// after an error, the last good row before the damage.
func (sh *Sheet) LastRow() int { return sh.last }

// Cells are the row's cell values as excelize's Rows().Columns gives them
// with RawCellValue: index i is column i+1; a column with no cell, or a
// cell with neither a value nor a formula, is "" (and the slice ends at
// the last cell with a value or a formula). The slice is the caller's.
// The values of a row are parts of one string: a value kept for long
// should be copied (strings.Clone), or it keeps the whole row alive.
func (sh *Sheet) Cells() []string { return sh.cells }

// Styles are the cell style indexes (the s attribute) beside Cells, valid
// until the next call to Next.
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
			sh.damagedValues()
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
		if sh.inData && !sh.general && !s.pendEnd && len(s.lens) == sh.dataLvl {
			if num, ok := sh.fastRowStart(); ok {
				if err := sh.rowBody(num, true); err != nil {
					return sh.fail(err)
				}
				return true
			}
		}
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
	v, ok := sh.s.attr("r")
	return sh.rowBody(v, ok)
}

// fastRowStart reads a start tag <row r="N"> (the form excelize writes) at
// the scanner's position, returning N's digits; for any other form it
// reads nothing, and the general path reads the tag.
func (sh *Sheet) fastRowStart() ([]byte, bool) {
	s := sh.s
	b := s.buf[s.pos:s.end]
	const open = `<row r="`
	if len(b) < len(open)+3 || string(b[:len(open)]) != open {
		return nil, false
	}
	i := len(open)
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == len(open) || i+1 >= len(b) || b[i] != '"' || b[i+1] != '>' {
		return nil, false
	}
	num := b[len(open):i]
	s.pushName(b[1:4])
	s.pos += i + 2
	return num, true
}

// rowBody reads the row whose start tag has just been read, with its r
// attribute's value when it has one.
func (sh *Sheet) rowBody(v []byte, hasNum bool) error {
	s := sh.s
	num := sh.last + 1
	if hasNum {
		n, ok := smallUint(v)
		if !ok {
			var err error
			if n, err = strconv.Atoi(string(v)); err != nil || n < 1 {
				return structErr(CodeRowOrder, "row number %q", v)
			}
		}
		if n < 1 {
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
	sh.scratch, sh.styles, sh.arena, sh.spans = sh.scratch[:0], sh.styles[:0], sh.arena[:0], sh.spans[:0]
	sh.noValue, sh.bools, sh.sums = nil, nil, nil
	sh.inRow = true
	rowDepth := len(s.lens)
	col := 0
	for {
		if !sh.general && !s.pendEnd {
			c, ok, err := sh.fastCell(col)
			if err != nil {
				return err
			}
			if ok {
				col = c
				continue
			}
			if sh.fastRowEnd() {
				sh.finishRow()
				return nil
			}
		}
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return syntaxErr("unexpected EOF")
		case tokEnd:
			if len(s.lens) < rowDepth {
				sh.finishRow()
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

// span is where a cell's value lies in the row's arena.
type span struct {
	cell, from, to int
}

// finishRow ends a row read whole: its values become one string (one
// allocation per row instead of one per cell) and its cells a slice of a
// chunk shared with the rows after it (one allocation per many rows), or,
// after ReuseCells, the scratch slice the next row overwrites.
func (sh *Sheet) finishRow() {
	n := len(sh.scratch)
	var cells []string
	if sh.reuse {
		cells = sh.scratch[:n:n]
	} else {
		if cap(sh.chunk)-len(sh.chunk) < n {
			sh.chunk = make([]string, 0, max(cellChunk, n))
		}
		start := len(sh.chunk)
		sh.chunk = append(sh.chunk, sh.scratch...)
		cells = sh.chunk[start : start+n : start+n]
	}
	if len(sh.spans) > 0 {
		all := string(sh.arena)
		for _, sp := range sh.spans {
			cells[sp.cell] = all[sp.from:sp.to]
		}
	}
	sh.cells = cells
	sh.last = sh.row
	sh.inRow = false
}

// cellChunk is how many cells of consecutive rows share one allocation.
const cellChunk = 2048

// damagedValues gives the values of the row being read (or, between rows,
// of the last row read) to the damage callback, in column order.
func (sh *Sheet) damagedValues() {
	if !sh.inRow {
		for _, c := range sh.cells {
			sh.rest([]byte(c))
		}
		return
	}
	k := 0
	for i, c := range sh.scratch {
		if k < len(sh.spans) && sh.spans[k].cell == i {
			sh.rest(sh.arena[sh.spans[k].from:sh.spans[k].to])
			k++
			continue
		}
		sh.rest([]byte(c))
	}
}

// readCell reads the cell whose start tag is the current token; prev is
// the previous cell's column. It returns the cell's column.
func (sh *Sheet) readCell(prev int) (int, error) {
	s := sh.s
	ref, hasRef := s.attr("r")
	st, hasStyle := s.attr("s")
	col, style, err := sh.cellHead(prev, ref, hasRef, st, hasStyle)
	if err != nil {
		return 0, err
	}
	typ, _ := s.attr("t")
	// typ is a span of the scanner's buffer, which the content may move.
	sh.typBuf = append(sh.typBuf[:0], typ...)
	hasF, hasV, hasIS, sum, boolF := false, false, false, false, false
	var v, inline []byte
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
				b, err := directText(s, sh.valBuf[:0])
				sh.valBuf = b
				if err != nil {
					return 0, err
				}
				v, hasV = b, true
			case "f":
				hasF = true
				var err error
				if sum, err = sh.formula(); err != nil {
					return 0, err
				}
				boolF = isBoolFormula(sh.fBuf)
			case "is":
				b, err := stringItem(s, sh.isBuf[:0])
				sh.isBuf = b
				if err != nil {
					return 0, err
				}
				inline, hasIS = b, true
			case "c", "row":
				return 0, structErr(CodePlacement, "<%s> inside a cell", localName(s.name))
			}
		}
	}
	if hasIS {
		inline = unescapeBytes(inline)
	}
	if err := sh.putCell(col, style, sh.typBuf, hasF, hasV, hasIS, sum, boolF, v, inline); err != nil {
		return 0, err
	}
	return col, nil
}

// unescapeBytes is bstrUnescape on bytes, without a copy when there is no
// escape.
func unescapeBytes(b []byte) []byte {
	if !bytes.Contains(b, []byte("_x")) {
		return b
	}
	return []byte(bstrUnescape(string(b)))
}

// cellHead checks a cell's reference and style attributes (raw values, as
// attr gives them) and returns its column and style.
func (sh *Sheet) cellHead(prev int, ref []byte, hasRef bool, st []byte, hasStyle bool) (col, style int, err error) {
	col = prev + 1
	if hasRef {
		c, r, ok := splitRef(ref)
		if !ok {
			return 0, 0, structErr(CodeCellRef, "cell reference %q", ref)
		}
		if r != sh.row {
			return 0, 0, structErr(CodeCellRef, "cell %q in row %d", ref, sh.row)
		}
		col = c
	}
	if col <= prev {
		return 0, 0, structErr(CodeCellOrder, "cell in column %d after column %d", col, prev)
	}
	if col > MaxColumns {
		return 0, 0, structErr(CodeCellRef, "cell beyond the last column")
	}
	if hasStyle {
		n, ok := smallUint(st)
		if !ok {
			n64, err := strconv.ParseInt(string(st), 10, 64)
			if err != nil || n64 < 0 || n64 > 1<<31 {
				return 0, 0, structErr(CodeOther, "cell style %q", st)
			}
			n = int(n64)
		}
		style = n
	}
	return col, style, nil
}

// smallUint reads one to nine ASCII digits, as strconv.Atoi would.
func smallUint(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// putCell adds a cell read whole to the row: its value by its type (a
// shared string, an inline string or the raw value), padding the columns
// before it.
func (sh *Sheet) putCell(col, style int, typ []byte, hasF, hasV, hasIS, sum, boolF bool, v, inline []byte) error {
	var str string // a shared string
	var raw []byte // or a value to copy into the arena
	switch string(typ) {
	case "s":
		if len(v) > 0 {
			i, ok := smallUint(v)
			if !ok {
				var err error
				if i, err = strconv.Atoi(strings.TrimSpace(string(v))); err != nil {
					return structErr(CodeCellRef, "shared string index %q", v)
				}
			}
			if i < 0 || i >= len(sh.sst) {
				return &IndexError{Index: i, Len: len(sh.sst), Col: col}
			}
			str = sh.sst[i]
		}
	case "inlineStr":
		if hasIS {
			raw = inline
		} else {
			raw = v
		}
	default:
		raw = v
	}
	if hasF && !hasV && !hasIS {
		sh.noValue = append(sh.noValue, col)
	}
	if str == "" && len(raw) == 0 && !hasF {
		return nil
	}
	for len(sh.scratch) < col-1 {
		sh.scratch = append(sh.scratch, "")
		sh.styles = append(sh.styles, 0)
	}
	if len(raw) > 0 {
		from := len(sh.arena)
		sh.arena = append(sh.arena, raw...)
		sh.spans = append(sh.spans, span{len(sh.scratch), from, len(sh.arena)})
	}
	sh.scratch = append(sh.scratch, str)
	sh.styles = append(sh.styles, style)
	if string(typ) == "b" || boolF {
		sh.bools = append(sh.bools, len(sh.scratch))
	}
	if sum {
		for len(sh.sums) < len(sh.scratch) {
			sh.sums = append(sh.sums, false)
		}
		sh.sums[len(sh.scratch)-1] = true
	}
	return nil
}

// fastCell reads the cell at the scanner's position when it has the shape
// Excel, LibreOffice and excelize write and lies whole in the buffer:
// <c r=".." s=".." t=".."> (those attributes in any order, each at most
// once, double-quoted, plain ASCII) holding nothing, a <v> or an
// <is><t>, whose text is plain (no entity, no carriage return, no '>').
// Such a cell is well-formed by construction, so the checks left are the
// cell's own (reference, order, style, shared-string index), made by the
// same code as on the general path. For anything else it reads nothing
// and returns false, and the general path reads the cell, with every
// check and error of its own.
func (sh *Sheet) fastCell(prev int) (col int, ok bool, err error) {
	s := sh.s
	b := s.buf[s.pos:s.end]
	if len(b) < 4 || b[0] != '<' || b[1] != 'c' {
		return 0, false, nil
	}
	var attrs [3][]byte
	var has [3]bool
	i, self := 2, false
	for {
		if i >= len(b) {
			return 0, false, nil
		}
		c := b[i]
		if c == '>' {
			i++
			break
		}
		if c == '/' {
			if i+1 < len(b) && b[i+1] == '>' {
				i, self = i+2, true
				break
			}
			return 0, false, nil
		}
		if c != ' ' || i+4 >= len(b) {
			return 0, false, nil
		}
		slot := rstSlot(b[i+1])
		if slot < 0 || b[i+2] != '=' || b[i+3] != '"' || has[slot] {
			return 0, false, nil
		}
		j := i + 4
		for j < len(b) && b[j] != '"' {
			if c := b[j]; c < 0x20 || c >= 0x7f || c == '<' || c == '&' {
				return 0, false, nil
			}
			j++
		}
		if j == len(b) {
			return 0, false, nil
		}
		attrs[slot], has[slot] = b[i+4:j], true
		i = j + 1
	}
	tagEnd := i
	var v, inline []byte
	hasV, hasIS := false, false
	if !self {
		rest := b[i:]
		switch {
		case hasPrefix(rest, "</c>"):
			i += 4
		case hasPrefix(rest, "<v>"):
			t, ok := plainText(rest[3:])
			if !ok || !hasPrefix(rest[3+len(t):], "</v></c>") {
				return 0, false, nil
			}
			v, hasV = t, true
			i += 3 + len(t) + 8
		case hasPrefix(rest, "<is><t>"):
			t, ok := plainText(rest[7:])
			if !ok || !hasPrefix(rest[7+len(t):], "</t></is></c>") {
				return 0, false, nil
			}
			inline, hasIS = unescapeBytes(t), true
			i += 7 + len(t) + 13
		default:
			return 0, false, nil
		}
	}
	col, style, err := sh.cellHead(prev, attrs[0], has[0], attrs[1], has[1])
	if err != nil {
		// where the general path stops: after the start tag
		s.pos += tagEnd
		return 0, false, err
	}
	s.pos += i
	sh.fast++
	if err := sh.putCell(col, style, attrs[2], false, hasV, hasIS, false, false, v, inline); err != nil {
		return 0, false, err
	}
	return col, true, nil
}

// hasPrefix is bytes.HasPrefix with a constant prefix, which the
// compiler compares in a load or two instead of a call: the fast path
// asks it several times of every cell.
func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// plainText returns the text at the start of b up to the next '<', when
// there is one and the text needs no decoding: no entity, no carriage
// return and no '>' (so no "]]>"), and every character allowed.
func plainText(b []byte) ([]byte, bool) {
	check := false
	for i, c := range b {
		switch {
		case c == '<':
			t := b[:i]
			return t, !check || checkText(t, inText) == nil
		case c == '&' || c == '\r' || c == '>':
			return nil, false
		case textSpecial[c]:
			check = true
		}
	}
	return nil, false
}

// fastRowEnd reads a plain </row> at the scanner's position, ending the
// row whose start tag was read as "row".
func (sh *Sheet) fastRowEnd() bool {
	s := sh.s
	if s.end-s.pos < 6 || string(s.buf[s.pos:s.pos+6]) != "</row>" || string(s.topName()) != "row" {
		return false
	}
	s.popName()
	s.pos += 6
	return true
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

// stringItem appends the text of the string item (an <is>, or a shared
// string's <si>) just started to dst: the text of its direct <t> (the
// last, when there are several) and of each run's <t>, joined, as
// excelize's xlsxSI.String has them before unescaping.
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
