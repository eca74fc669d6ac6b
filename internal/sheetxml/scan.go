// Package sheetxml reads the cells of SpreadsheetML worksheets and their
// shared strings as a stream, with a byte scanner instead of encoding/xml.
//
// It exists because excelize's row reader, built on encoding/xml, costs
// about fifteen times the work of inflating the sheet, and drops the XML
// decoder's errors: a damaged sheet read with it ends early without a word.
// This reader checks well-formedness as strictly as encoding/xml's strict
// decoder does (the same errors for the same inputs: entities, characters,
// names, nesting, end of input), reads each part to its end so archive/zip
// checks its CRC, and refuses what SpreadsheetML does not allow in the
// sheet's data (rows or cells out of order, a cell reference that does not
// fit its row), so a sheet is either read whole and exactly, or not at all.
// The cells it gives are the raw cell values excelize gives with
// RawCellValue (the differential tests in bobra's data package hold it to
// that).
package sheetxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// SyntaxError is a part that is not well-formed XML (or ends early).
type SyntaxError struct {
	Msg string
}

func (e *SyntaxError) Error() string { return "sheetxml: XML syntax: " + e.Msg }

// StructureError is well-formed XML that is not a sheet this reader can
// read exactly: rows or cells out of order, a bad reference or index.
type StructureError struct {
	Code Code
	Msg  string
}

// Code classifies a StructureError for the message a person gets.
type Code uint8

const (
	CodeOther     Code = iota
	CodeRowOrder       // a row number not after the previous row's
	CodeCellOrder      // a cell column not after the previous cell's
	CodeCellRef        // a cell reference that is not one, or not in its row
	CodePlacement      // a row or cell where SpreadsheetML has none
	CodeEncoding       // a declared character encoding other than UTF-8
)

func (e *StructureError) Error() string { return "sheetxml: " + e.Msg }

// ReadError wraps an error of the underlying reader: a CRC mismatch or a
// broken deflate stream from archive/zip.
type ReadError struct {
	Err error
}

func (e *ReadError) Error() string { return "sheetxml: read: " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// ErrTooLarge is a single token (a tag or a text) larger than maxToken.
var ErrTooLarge = errors.New("sheetxml: token too large")

// maxToken caps one tag or one text run held in the buffer. Excel's cells
// hold at most 32 767 characters; nothing in a worksheet comes near this.
const maxToken = 64 << 20

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText // character data, also CDATA; text() gives it decoded
)

// scanner is a strict XML tokenizer over a stream. Spans it returns are
// valid until the next call to next.
type scanner struct {
	r    io.Reader
	buf  []byte
	base int64 // the offset in the input of buf[0]
	pos  int
	end  int
	eof  bool

	// the current token
	kind     tokKind
	name     []byte // raw name (prefix included) of a start or end tag
	selfEnd  bool   // the start tag closes itself: an end token follows
	raw      []byte // raw text (entities undecoded) for tokText
	cdata    bool
	plain    bool       // raw text needs no decoding
	pendEnd  bool       // the previous start tag closed itself
	stack    []byte     // the open elements' names, one after another
	lens     []int      // where each name starts in stack
	readErr  error      // the reader's error, returned once buf is used up
	attrList []attrSpan // other than r, s and t
	rst      [3][]byte  // the r, s and t attributes (the last of each)
	hasRST   [3]bool
}

func newScanner(r io.Reader, bufSize int) *scanner {
	return &scanner{r: r, buf: make([]byte, bufSize)}
}

func syntaxErr(format string, a ...any) error {
	return &SyntaxError{Msg: fmt.Sprintf(format, a...)}
}

// fill reads more input, keeping buf[pos:end]. It returns false at the end
// of input. Read errors other than io.EOF are returned.
func (s *scanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if s.readErr != nil {
		return false, s.readErr
	}
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.pos, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= maxToken {
			return false, ErrTooLarge
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			// What came before the error is read first, so that the
			// error names the last row that was whole.
			s.readErr = &ReadError{Err: err}
			if n > 0 {
				return true, nil
			}
			return false, s.readErr
		}
		if n > 0 {
			return true, nil
		}
	}
}

// drain reads the rest of the input (after an error), so that a CRC
// mismatch further on is still found; it returns the first read error.
// Every byte not yet read goes to rest, when it is set.
func (s *scanner) drain(rest func([]byte)) error {
	if rest != nil && s.pos < s.end {
		rest(s.buf[s.pos:s.end])
	}
	if s.readErr != nil {
		return s.readErr
	}
	for !s.eof {
		s.pos, s.end = 0, 0
		n, err := s.r.Read(s.buf)
		if rest != nil && n > 0 {
			rest(s.buf[:n])
		}
		if err == io.EOF {
			s.eof = true
		} else if err != nil {
			return &ReadError{Err: err}
		}
	}
	return nil
}

// next reads the next token.
func (s *scanner) next() error {
	if s.pendEnd {
		s.pendEnd = false
		s.kind = tokEnd
		s.popName() // name stays as the start tag's
		return nil
	}
	for {
		if s.pos >= s.end {
			more, err := s.fill()
			if err != nil {
				return err
			}
			if !more {
				if len(s.lens) > 0 {
					return syntaxErr("unexpected EOF")
				}
				s.kind = tokEOF
				return nil
			}
		}
		if s.buf[s.pos] != '<' {
			return s.scanText()
		}
		// Make sure at least a few bytes of the markup are in the buffer.
		for s.end-s.pos < 9 {
			more, err := s.fill()
			if err != nil {
				return err
			}
			if !more {
				break
			}
		}
		if s.end-s.pos < 2 {
			return syntaxErr("unexpected EOF")
		}
		switch s.buf[s.pos+1] {
		case '/':
			return s.scanEnd()
		case '?':
			if err := s.scanPI(); err != nil {
				return err
			}
			continue
		case '!':
			isText, err := s.scanBang()
			if err != nil {
				return err
			}
			if isText {
				return nil
			}
			continue
		default:
			return s.scanStart()
		}
	}
}

// need makes sure buf[pos:pos+n] is available, or reports EOF as a
// syntax error.
func (s *scanner) need(n int) error {
	for s.end-s.pos < n {
		more, err := s.fill()
		if err != nil {
			return err
		}
		if !more {
			return syntaxErr("unexpected EOF")
		}
	}
	return nil
}

// findFrom finds the index (relative to pos) of the first b at or after
// relative offset from, filling as needed; -1 at the end of input.
func (s *scanner) findFrom(from int, b byte) (int, error) {
	for {
		if i := bytes.IndexByte(s.buf[s.pos+from:s.end], b); i >= 0 {
			return from + i, nil
		}
		from = s.end - s.pos
		more, err := s.fill()
		if err != nil {
			return -1, err
		}
		if !more {
			return -1, nil
		}
	}
}

func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '_' || c == ':' || c == '.' || c == '-'
}

// readName reads a name starting at relative offset i (all of it must be
// buffered by the caller's tag scan) and returns its end.
func readName(b []byte, i int) int {
	for i < len(b) && (b[i] >= utf8.RuneSelf || isNameByte(b[i])) {
		i++
	}
	return i
}

// validName checks a name as encoding/xml's name and nsname do.
func validName(name []byte) bool {
	if len(name) == 0 {
		return false
	}
	colons := 0
	ascii := true
	for _, c := range name {
		if c == ':' {
			colons++
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if colons > 1 {
		return false
	}
	if ascii {
		c := name[0]
		return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
	}
	// Rare: let encoding/xml judge a name with letters beyond ASCII.
	doc := make([]byte, 0, len(name)+3)
	doc = append(append(append(doc, '<'), name...), "/>"...)
	_, err := xml.NewDecoder(bytes.NewReader(doc)).RawToken()
	return err == nil
}

// localName is the part of a name after its prefix, as encoding/xml's
// Name.Local is.
func localName(name []byte) []byte {
	for i, c := range name {
		if c == ':' {
			if i > 0 && i < len(name)-1 {
				return name[i+1:]
			}
			break
		}
	}
	return name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// scanTagEnd finds the '>' that ends the tag starting at pos, outside
// quoted attribute values; it returns its relative index.
func (s *scanner) scanTagEnd() (int, error) {
	i := 1
	for {
		b := s.buf[s.pos:s.end]
		for i < len(b) {
			c := b[i]
			if c == '>' {
				return i, nil
			}
			if c != '"' && c != '\'' {
				i++
				continue
			}
			// Values are short: a plain loop beats a call per value.
			j := i + 1
			for j < len(b) && b[j] != c {
				if b[j] == '<' {
					return -1, syntaxErr("unescaped < inside quoted string")
				}
				j++
			}
			if j == len(b) {
				break // the value goes on past the buffer
			}
			i = j + 1
		}
		more, err := s.fill()
		if err != nil {
			return -1, err
		}
		if !more {
			if i < s.end-s.pos {
				// an unclosed value at the end of input: encoding/xml
				// would stop at a '<' inside it first, or at the end
				if bytes.IndexByte(s.buf[s.pos+i+1:s.end], '<') >= 0 {
					return -1, syntaxErr("unescaped < inside quoted string")
				}
			}
			return -1, syntaxErr("unexpected EOF")
		}
	}
}

func (s *scanner) scanStart() error {
	end, err := s.scanTagEnd()
	if err != nil {
		return err
	}
	tag := s.buf[s.pos : s.pos+end] // from '<' to before '>'
	n := readName(tag, 1)
	name := tag[1:n]
	if len(name) == 0 {
		return syntaxErr("expected element name after <")
	}
	if !validName(name) {
		return syntaxErr("invalid XML name")
	}
	rest := tag[n:]
	self := false
	if len(rest) > 0 && rest[len(rest)-1] == '/' {
		self = true
		rest = rest[:len(rest)-1]
	}
	if err := s.checkAttrs(rest); err != nil {
		return err
	}
	s.kind, s.name, s.selfEnd = tokStart, name, self
	s.pushName(name)
	s.pos += end + 1
	if self {
		s.pendEnd = true
	}
	return nil
}

// rstSlot is the slot of the r, s or t attribute, -1 for other names.
func rstSlot(c byte) int {
	switch c {
	case 'r':
		return 0
	case 's':
		return 1
	case 't':
		return 2
	}
	return -1
}

// attrSpan is one attribute of the current start tag.
type attrSpan struct {
	local []byte // the name after its prefix
	value []byte // raw, entities undecoded
}

// checkAttrs checks an attribute list as encoding/xml does: optional
// spaces, name, optional spaces, '=', optional spaces, a quoted value. It
// keeps the attributes for attr.
func (s *scanner) checkAttrs(b []byte) error {
	s.attrList = s.attrList[:0]
	s.hasRST = [3]bool{}
	i := 0
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return nil
		}
		if b[i] == '/' {
			// "/" not directly before ">"
			return syntaxErr("expected /> in element")
		}
		j := readName(b, i)
		if j == i {
			return syntaxErr("expected attribute name in element")
		}
		if !validName(b[i:j]) {
			return syntaxErr("invalid XML name")
		}
		name := b[i:j]
		i = j
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) || b[i] != '=' {
			return syntaxErr("attribute name without = in element")
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) || (b[i] != '"' && b[i] != '\'') {
			return syntaxErr("unquoted or missing attribute value in element")
		}
		q := b[i]
		k := 0
		for i+1+k < len(b) && b[i+1+k] != q {
			k++
		}
		if i+1+k == len(b) {
			return syntaxErr("unexpected EOF")
		}
		if err := checkText(b[i+1:i+1+k], inAttr); err != nil {
			return err
		}
		local, value := localName(name), b[i+1:i+1+k]
		if j := rstSlot(local[0]); len(local) == 1 && j >= 0 {
			s.rst[j], s.hasRST[j] = value, true
		} else {
			s.attrList = append(s.attrList, attrSpan{local, value})
		}
		i += k + 2
	}
}

// attr returns the value of the current start tag's attribute whose
// local name is local (the last one when repeated), decoded, and whether
// it is there.
func (s *scanner) attr(local string) ([]byte, bool) {
	var v []byte
	ok := false
	if len(local) == 1 {
		// r, s and t, asked for every cell, were kept while checking.
		if i := rstSlot(local[0]); i >= 0 {
			if s.hasRST[i] {
				v, ok = s.rst[i], true
			}
			local = ""
		}
	}
	for _, a := range s.attrList {
		if local != "" && string(a.local) == local {
			v, ok = a.value, true
		}
	}
	for _, c := range v {
		if c == '&' || c == '\r' {
			return decodeText(nil, v, false), ok
		}
	}
	return v, ok
}

func (s *scanner) pushName(name []byte) {
	s.lens = append(s.lens, len(s.stack))
	s.stack = append(s.stack, name...)
}

func (s *scanner) popName() {
	n := len(s.lens) - 1
	s.stack = s.stack[:s.lens[n]]
	s.lens = s.lens[:n]
}

func (s *scanner) topName() []byte {
	return s.stack[s.lens[len(s.lens)-1]:]
}

func (s *scanner) scanEnd() error {
	end, err := s.scanTagEnd()
	if err != nil {
		return err
	}
	tag := s.buf[s.pos : s.pos+end]
	n := readName(tag, 2)
	name := tag[2:n]
	if len(name) == 0 {
		return syntaxErr("expected element name after </")
	}
	// A name equal to the open element's was checked at its start tag;
	// any other is an error either way.
	for _, c := range tag[n:] {
		if !isSpace(c) {
			return syntaxErr("invalid characters between </ and >")
		}
	}
	if len(s.lens) == 0 {
		return syntaxErr("unexpected end element")
	}
	if !bytes.Equal(s.topName(), name) {
		return syntaxErr("element closed by another element's end tag")
	}
	s.kind, s.name = tokEnd, name
	s.popName()
	s.pos += end + 1
	return nil
}

// scanPI skips a processing instruction, checking the XML declaration's
// version and encoding as encoding/xml does.
func (s *scanner) scanPI() error {
	if err := s.need(3); err != nil {
		return err
	}
	// target
	i := 2
	for {
		for s.pos+i < s.end && (s.buf[s.pos+i] >= utf8.RuneSelf || isNameByte(s.buf[s.pos+i])) {
			i++
		}
		if s.pos+i < s.end {
			break
		}
		more, err := s.fill()
		if err != nil {
			return err
		}
		if !more {
			return syntaxErr("unexpected EOF")
		}
	}
	target := string(s.buf[s.pos+2 : s.pos+i])
	if target == "" {
		return syntaxErr("expected target name after <?")
	}
	if !validName([]byte(target)) {
		return syntaxErr("invalid XML name")
	}
	// encoding/xml skips spaces, then reads up to "?>"
	for {
		if s.pos+i >= s.end {
			more, err := s.fill()
			if err != nil {
				return err
			}
			if !more {
				return syntaxErr("unexpected EOF")
			}
			continue
		}
		if !isSpace(s.buf[s.pos+i]) {
			break
		}
		i++
	}
	start := i
	var j int
	for from := i; ; {
		k, err := s.findFrom(from, '>')
		if err != nil {
			return err
		}
		if k < 0 {
			return syntaxErr("unexpected EOF")
		}
		// the '?' must be a byte of the body, not the last of "<?"
		if k-1 >= start && s.buf[s.pos+k-1] == '?' {
			j = k
			break
		}
		from = k + 1
	}
	body := string(s.buf[s.pos+start : s.pos+j-1])
	if target == "xml" {
		if v := procInst("version", body); v != "" && v != "1.0" {
			return syntaxErr("unsupported XML version")
		}
		if enc := procInst("encoding", body); enc != "" && !strings.EqualFold(enc, "utf-8") {
			return &StructureError{Code: CodeEncoding, Msg: "unsupported encoding " + enc}
		}
	}
	s.pos += j + 1
	return nil
}

// procInst is encoding/xml's parser of a parameter of the XML declaration
// (copied for the same answers; BSD licence, The Go Authors).
func procInst(param, s string) string {
	param = param + "="
	lenp := len(param)
	i := 0
	var sep byte
	for i < len(s) {
		sub := s[i:]
		k := strings.Index(sub, param)
		if k < 0 || lenp+k >= len(sub) {
			return ""
		}
		i += lenp + k + 1
		if c := sub[lenp+k]; c == '\'' || c == '"' {
			sep = c
			break
		}
	}
	if sep == 0 {
		return ""
	}
	j := bytes.IndexByte([]byte(s[i:]), sep)
	if j < 0 {
		return ""
	}
	return s[i : i+j]
}

// scanBang reads a comment, CDATA section or directive. For CDATA it sets
// the token and returns true.
func (s *scanner) scanBang() (bool, error) {
	if err := s.need(3); err != nil {
		return false, err
	}
	switch s.buf[s.pos+2] {
	case '-':
		if err := s.need(4); err != nil {
			return false, err
		}
		if s.buf[s.pos+3] != '-' {
			return false, syntaxErr("invalid sequence <!- not part of <!--")
		}
		// The first "--" after "<!--" must be followed by '>'.
		from := 4
		for {
			k, err := s.findFrom(from, '-')
			if err != nil {
				return false, err
			}
			if k < 0 {
				return false, syntaxErr("unexpected EOF")
			}
			if err := s.need(k + 2); err != nil {
				return false, err
			}
			if s.buf[s.pos+k+1] != '-' {
				from = k + 1
				continue
			}
			if err := s.need(k + 3); err != nil {
				return false, err
			}
			if s.buf[s.pos+k+2] != '>' {
				return false, syntaxErr(`invalid sequence "--" not allowed in comments`)
			}
			s.pos += k + 3
			return false, nil
		}
	case '[':
		if err := s.need(9); err != nil {
			return false, err
		}
		if string(s.buf[s.pos+3:s.pos+9]) != "CDATA[" {
			return false, syntaxErr("invalid <![ sequence")
		}
		from := 9
		for {
			k, err := s.findFrom(from, '>')
			if err != nil {
				return false, err
			}
			if k < 0 {
				return false, syntaxErr("unexpected EOF in CDATA section")
			}
			if k-2 >= 9 && s.buf[s.pos+k-1] == ']' && s.buf[s.pos+k-2] == ']' {
				body := s.buf[s.pos+9 : s.pos+k-2]
				if err := checkText(body, inCDATA); err != nil {
					return false, err
				}
				s.kind, s.raw, s.cdata = tokText, body, true
				s.plain = bytes.IndexByte(body, '\r') < 0
				s.pos += k + 1
				return true, nil
			}
			from = k + 1
		}
	}
	return false, s.scanDirective()
}

// scanDirective skips <!DOCTYPE …> and the like, as encoding/xml does:
// quoted brackets do not count, nested <…> and comments do.
func (s *scanner) scanDirective() error {
	i := 2 // after "<!"
	var inquote byte
	depth := 0
	get := func() (byte, error) {
		if err := s.need(i + 1); err != nil {
			return 0, err
		}
		c := s.buf[s.pos+i]
		i++
		return c, nil
	}
	// encoding/xml reads the byte after "<!" before looking for '>'.
	if _, err := get(); err != nil {
		return err
	}
	c := s.buf[s.pos+2]
	handle := false
	for {
		if !handle {
			var err error
			if c, err = get(); err != nil {
				return err
			}
			if inquote == 0 && c == '>' && depth == 0 {
				s.pos += i
				return nil
			}
		}
		handle = false
		switch {
		case c == inquote:
			inquote = 0
		case inquote != 0:
		case c == '\'' || c == '"':
			inquote = c
		case c == '>' && inquote == 0:
			depth--
		case c == '<' && inquote == 0:
			const open = "!--"
			matched := true
			for k := 0; k < len(open); k++ {
				var err error
				if c, err = get(); err != nil {
					return err
				}
				if c != open[k] {
					depth++
					matched = false
					handle = true
					break
				}
			}
			if !matched {
				continue
			}
			var b0, b1 byte
			for {
				var err error
				if c, err = get(); err != nil {
					return err
				}
				if b0 == '-' && b1 == '-' && c == '>' {
					break
				}
				b0, b1 = b1, c
			}
		}
	}
}

// scanText reads character data up to the next '<' or the end of input.
func (s *scanner) scanText() error {
	k, err := s.findFrom(0, '<')
	if err != nil {
		return err
	}
	if k < 0 {
		k = s.end - s.pos
	}
	body := s.buf[s.pos : s.pos+k]
	if err := checkText(body, inText); err != nil {
		return err
	}
	s.kind, s.raw, s.cdata = tokText, body, false
	s.plain = true
	for _, c := range body {
		if c == '&' || c == '\r' {
			s.plain = false
			break
		}
	}
	s.pos += k
	return nil
}

type textMode uint8

const (
	inText textMode = iota
	inAttr
	inCDATA
)

// checkText checks raw character data (or a quoted attribute value when
// inAttr) as encoding/xml's text does: entities, "]]>" outside attributes,
// and that every character, after decoding, is an XML character.
func checkText(b []byte, mode textMode) error {
	for i := 0; i < len(b); {
		// Most bytes are plain: skip them with one table look-up each.
		for i < len(b) && !textSpecial[b[i]] {
			i++
		}
		if i == len(b) {
			return nil
		}
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '&' && mode != inCDATA:
				r, n, ok := entityAt(b[i:])
				if !ok {
					return syntaxErr("invalid character entity")
				}
				if !inCharRange(r) {
					return syntaxErr("illegal character code %U", r)
				}
				i += n
				continue
			case c == '>' && mode != inAttr && i >= 2 && b[i-1] == ']' && b[i-2] == ']':
				// encoding/xml looks at the two raw bytes before '>'; an
				// entity between them ends in ';', so looking back at the
				// raw bytes gives its answer.
				return syntaxErr("unescaped ]]> not in CDATA section")
			case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
				return syntaxErr("illegal character code %U", rune(c))
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return syntaxErr("invalid UTF-8")
		}
		if !inCharRange(r) {
			return syntaxErr("illegal character code %U", r)
		}
		i += n
	}
	return nil
}

// textSpecial marks the bytes checkText must look at: '&', '>', control
// characters and every byte of a multi-byte character.
var textSpecial = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c == '&' || c == '>' || c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= utf8.RuneSelf
	}
	return t
}()

func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// entityAt reads the entity at the start of b ("&…;") as encoding/xml's
// strict decoder does, returning the character and the entity's length.
func entityAt(b []byte) (rune, int, bool) {
	if len(b) < 2 {
		return 0, 0, false
	}
	if b[1] == '#' {
		i, base := 2, 10
		if i < len(b) && b[i] == 'x' {
			base, i = 16, 3
		}
		start := i
		for i < len(b) && ('0' <= b[i] && b[i] <= '9' || base == 16 && ('a' <= b[i] && b[i] <= 'f' || 'A' <= b[i] && b[i] <= 'F')) {
			i++
		}
		if i >= len(b) || b[i] != ';' || i == start {
			return 0, 0, false
		}
		var n uint64
		for _, c := range b[start:i] {
			var d uint64
			switch {
			case c <= '9':
				d = uint64(c - '0')
			case c >= 'a':
				d = uint64(c-'a') + 10
			default:
				d = uint64(c-'A') + 10
			}
			n = n*uint64(base) + d
			if n > 0x10FFFF {
				return 0, 0, false
			}
		}
		r := rune(n)
		if !utf8.ValidRune(r) {
			r = utf8.RuneError // string(rune(n)) of a surrogate
		}
		return r, i + 1, true
	}
	// named: readName, then ';'
	j := 1
	for j < len(b) && (b[j] >= utf8.RuneSelf || isNameByte(b[j])) {
		j++
	}
	if j >= len(b) || b[j] != ';' {
		return 0, 0, false
	}
	switch string(b[1:j]) {
	case "lt":
		return '<', j + 1, true
	case "gt":
		return '>', j + 1, true
	case "amp":
		return '&', j + 1, true
	case "apos":
		return '\'', j + 1, true
	case "quot":
		return '"', j + 1, true
	}
	return 0, 0, false
}

// decodeText appends raw character data decoded (entities replaced, line
// ends normalised to "\n") to dst. The text has passed checkText.
func decodeText(dst, b []byte, cdata bool) []byte {
	var prev byte
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '&' && !cdata:
			r, n, _ := entityAt(b[i:])
			dst = utf8.AppendRune(dst, r)
			i += n
			prev = 0
			continue
		case c == '\r':
			dst = append(dst, '\n')
		case c == '\n' && prev == '\r':
		default:
			dst = append(dst, c)
		}
		prev = c
		i++
	}
	return dst
}
