// Package outscan reads back a file a public run is about to write and
// finds a national identity number or a FamilieID in it: the last guard
// before an output leaves the program, whatever rule before it missed.
//
// A file is scanned as the texts a reader would see, each on its own: a
// text between two tags of HTML or of the XML parts of an xlsx package,
// each string and number of JSON, and each text string of a PDF's
// (deflated) content streams. Texts are scanned one by one because the
// identity-number guard joins digit groups across spaces and line breaks:
// run over a whole report at once it would join the numbers of adjacent
// table cells.
//
// A FamilieID counts as named when it stands as a word of its own (F001 in
// "F001 flyttet", not in "F0012"). An id of digits only with fewer than
// MinDigitID digits is not looked for: it cannot be told from the
// figures a report prints (a year, a count).
package outscan

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"encoding/json"
	"html"
	"io"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"bobra/data"
)

// MinDigitID is the fewest digits an all-digit FamilieID must have to be
// looked for.
const MinDigitID = 5

// Finding is what a scan found, without repeating it.
type Finding int

const (
	None Finding = iota
	IdentityNumber
	FamilyID
)

// IDs is a set of FamilieIDs to look for.
type IDs struct {
	words map[string]bool
	other []string // ids with characters other than letters and digits
}

// NewIDs returns the set of ids to look for.
func NewIDs(ids []string) IDs {
	s := IDs{words: make(map[string]bool, len(ids))}
	for _, id := range ids {
		id = strings.TrimSpace(id)
		switch {
		case id == "":
		case allDigits(id) && len(id) < MinDigitID:
		case strings.IndexFunc(id, notWord) < 0:
			s.words[strings.ToUpper(id)] = true
		default:
			s.other = append(s.other, id)
			// "A-12" is also typed "A12", "a-12" or "A 12".
			if compact := strings.Map(dropNotWord, id); compact != "" {
				s.words[strings.ToUpper(compact)] = true
			}
		}
	}
	return s
}

func dropNotWord(r rune) rune {
	if notWord(r) {
		return -1
	}
	return r
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func notWord(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// Names reports whether text names one of the ids, in any of the forms
// the scan of the outputs refuses.
func (s IDs) Names(text string) bool {
	if len(s.spans(text)) > 0 {
		return true
	}
	for _, id := range s.other {
		for i := 0; ; {
			j := strings.Index(text[i:], id)
			if j < 0 {
				break
			}
			start, end := i+j, i+j+len(id)
			before, after := rune(' '), rune(' ')
			if start > 0 {
				before, _ = utf8.DecodeLastRuneInString(text[:start])
			}
			if end < len(text) {
				after, _ = utf8.DecodeRuneInString(text[end:])
			}
			if notWord(before) && notWord(after) {
				return true
			}
			i = start + 1
		}
	}
	return false
}

// isID reports whether the word w is an id as people write one in a
// sentence: in any case ("f017" for F017) or with a genitive s ("F017s
// barn").
func (s IDs) isID(w string) bool {
	k := strings.ToUpper(w)
	if s.words[k] {
		return true
	}
	return len(k) > 1 && k[len(k)-1] == 'S' && s.words[k[:len(k)-1]]
}

// spans returns where text names an id of the set: a word that is one, or
// a word of letters and a word starting with a digit with one hyphen,
// space, dot, underscore or slash between them that together are one
// ("F-017", "F 017" for F017).
func (s IDs) spans(text string) [][2]int {
	if len(s.words) == 0 {
		return nil
	}
	var words [][2]int
	start := -1
	for i, r := range text {
		if notWord(r) {
			if start >= 0 {
				words = append(words, [2]int{start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		words = append(words, [2]int{start, len(text)})
	}
	var out [][2]int
	for i := 0; i < len(words); i++ {
		w := words[i]
		if i+1 < len(words) {
			n := words[i+1]
			first, second := text[w[0]:w[1]], text[n[0]:n[1]]
			if allLetters(first) && startsWithDigit(second) && joiner(text[w[1]:n[0]]) && s.isID(first+second) {
				out = append(out, [2]int{w[0], n[1]})
				i++
				continue
			}
		}
		if s.isID(text[w[0]:w[1]]) {
			out = append(out, w)
		}
	}
	return out
}

func allLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func startsWithDigit(w string) bool {
	for _, r := range w {
		return unicode.IsDigit(r)
	}
	return false
}

// joiner reports whether sep is one character people type inside an id.
func joiner(sep string) bool {
	switch sep {
	case "-", " ", ".", "_", "/", "\u00a0", "\u2013", "\u2011":
		return true
	}
	return false
}

// Mask returns text with every id it names replaced by replacement.
func (s IDs) Mask(text, replacement string) string {
	if !s.Names(text) {
		return text
	}
	var b strings.Builder
	last := 0
	for _, sp := range s.spans(text) {
		b.WriteString(text[last:sp[0]])
		b.WriteString(replacement)
		last = sp[1]
	}
	b.WriteString(text[last:])
	out := b.String()
	for _, id := range s.other {
		out = strings.ReplaceAll(out, id, replacement)
	}
	return out
}

// bareNumber reports whether s is a number as a program writes one:
// digits with an optional sign, fraction and exponent.
func bareNumber(s string) bool {
	if s == "" {
		return false
	}
	s = strings.TrimPrefix(s, "-")
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if hasExp && !allDigits(strings.TrimLeft(exp, "+-")) {
		return false
	}
	i, f, _ := strings.Cut(mant, ".")
	return i != "" && allDigits(i) && allDigits(f)
}

// text checks one text. A bare number ("2119320820", "0.2239") is a
// figure the program wrote, not text a person typed: it is not taken for
// an identity number (a report has many 10- and 11-digit amounts), and an
// identity number typed as one was refused when the data were read.
func (s IDs) text(t string) Finding {
	switch {
	case !bareNumber(strings.TrimSpace(t)) && data.ContainsIdentityNumberInText(t):
		return IdentityNumber
	case s.Names(t):
		return FamilyID
	}
	return None
}

// Scan scans the file name with the contents b, by its extension.
func Scan(name string, b []byte, ids IDs) Finding {
	if f := ids.text(name); f != None {
		return f
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return scanJSON(b, ids)
	case ".xlsx":
		return scanZip(b, ids)
	case ".pdf":
		return scanPDF(b, ids)
	default:
		return scanMarkup(string(b), ids)
	}
}

// scanMarkup scans each text between tags of HTML or XML, unescaped;
// with textOnly, only the texts of <t> elements (the strings of a
// worksheet; its <v> values are numbers or indexes).
func scanMarkup(s string, ids IDs) Finding { return scanMarkupOf(s, ids, false) }

func scanMarkupOf(s string, ids IDs, textOnly bool) Finding {
	inScript, inText := false, false
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			i = len(s)
		}
		if t := s[:i]; strings.TrimSpace(t) != "" && (!textOnly || inText) {
			if f := scanText(html.UnescapeString(t), inScript, ids); f != None {
				return f
			}
		}
		s = s[i:]
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		tag := tagName(s[:j])
		inScript = tag == "script"
		inText = tag == "t"
		// Attribute values (a title, an alt text) are text too.
		for _, v := range attributeValues(s[:j]) {
			if f := ids.text(html.UnescapeString(v)); f != None {
				return f
			}
		}
		s = s[j+1:]
	}
	return None
}

// tagName is the name of the tag that starts s ("<script type=…" →
// "script"); "" for a closing tag.
func tagName(s string) string {
	s = strings.TrimPrefix(s, "<")
	if strings.HasPrefix(s, "/") {
		return ""
	}
	end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '>' || r == '/' })
	if end >= 0 {
		s = s[:end]
	}
	if _, local, ok := strings.Cut(s, ":"); ok {
		s = local
	}
	return strings.ToLower(s)
}

// scanText scans one text; a script's text (the charts' data) is split
// at its punctuation first, since its numbers are figures.
func scanText(t string, script bool, ids IDs) Finding {
	if !script {
		return ids.text(t)
	}
	for _, tok := range strings.FieldsFunc(t, func(r rune) bool { return strings.ContainsRune(",;:[]{}()=\"'`", r) }) {
		if f := ids.text(tok); f != None {
			return f
		}
	}
	return None
}

func attributeValues(tag string) []string {
	var out []string
	for {
		i := strings.IndexAny(tag, `"'`)
		if i < 0 {
			return out
		}
		q := tag[i]
		j := strings.IndexByte(tag[i+1:], q)
		if j < 0 {
			return out
		}
		out = append(out, tag[i+1:i+1+j])
		tag = tag[i+1+j+1:]
	}
}

func scanJSON(b []byte, ids IDs) Finding {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return None
		}
		if err != nil {
			// Not JSON after all: scan it as text.
			return scanMarkup(string(b), ids)
		}
		var t string
		switch v := tok.(type) {
		case string:
			t = v
		case json.Number:
			t = v.String()
		default:
			continue
		}
		if f := ids.text(t); f != None {
			return f
		}
	}
}

func scanZip(b []byte, ids IDs) Finding {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return scanMarkup(string(b), ids)
	}
	for _, zf := range zr.File {
		if f := ids.text(zf.Name); f != None {
			return f
		}
		rc, err := zf.Open()
		if err != nil {
			continue
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		if f := scanMarkupOf(string(x), ids, strings.HasPrefix(zf.Name, "xl/worksheets/")); f != None {
			return f
		}
	}
	return None
}

// scanPDF scans every string of the file's streams (inflated when they
// are deflated) and of its objects outside streams (the document
// information). Strings in UTF-16 (as the PDF writer puts text in an
// embedded TrueType font, by Unicode code point) are decoded.
func scanPDF(b []byte, ids IDs) Finding {
	rest := b
	var outside bytes.Buffer
	for {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			outside.Write(rest)
			break
		}
		// "endstream" also contains "stream".
		if i >= 3 && bytes.HasSuffix(rest[:i], []byte("end")) {
			outside.Write(rest[:i+6])
			rest = rest[i+6:]
			continue
		}
		outside.Write(rest[:i])
		body := rest[i+6:]
		body = bytes.TrimPrefix(body, []byte("\r"))
		body = bytes.TrimPrefix(body, []byte("\n"))
		end := bytes.Index(body, []byte("endstream"))
		if end < 0 {
			break
		}
		content := body[:end]
		if zr, err := zlib.NewReader(bytes.NewReader(content)); err == nil {
			if x, err := io.ReadAll(io.LimitReader(zr, 64<<20)); err == nil {
				content = x
			}
		}
		if f := scanPDFStrings(content, ids); f != None {
			return f
		}
		rest = body[end+9:]
	}
	return scanPDFStrings(outside.Bytes(), ids)
}

// scanPDFStrings scans every literal string "( … )" in a PDF fragment.
func scanPDFStrings(b []byte, ids IDs) Finding {
	for i := 0; i < len(b); i++ {
		if b[i] != '(' {
			continue
		}
		s, n := pdfLiteral(b[i+1:])
		i += n
		if f := ids.text(pdfText(s)); f != None {
			return f
		}
	}
	return None
}

// pdfLiteral reads a literal string after its "(", with nested brackets
// and escapes, and returns its bytes and the bytes read.
func pdfLiteral(b []byte) ([]byte, int) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b):
			i++
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b', 'f':
			case '\r', '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					k := 0
					for ; k < 3 && i+k < len(b) && b[i+k] >= '0' && b[i+k] <= '7'; k++ {
						v = v*8 + int(b[i+k]-'0')
					}
					out = append(out, byte(v))
					i += k - 1
				} else {
					out = append(out, e)
				}
			}
		case c == '(':
			depth++
			out = append(out, c)
		case c == ')':
			if depth == 0 {
				return out, i + 1
			}
			depth--
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out, len(b)
}

// pdfText decodes a PDF string: UTF-16 (with or without a byte-order
// mark) when it looks like it, else one byte per character.
func pdfText(b []byte) string {
	if len(b) >= 2 && len(b)%2 == 0 {
		u := make([]uint16, 0, len(b)/2)
		start := 0
		if b[0] == 0xfe && b[1] == 0xff {
			start = 2
		}
		zeroHigh := 0
		for i := start; i+1 < len(b); i += 2 {
			if b[i] == 0 {
				zeroHigh++
			}
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		}
		if start == 2 || zeroHigh*2 >= len(u) {
			return string(utf16.Decode(u))
		}
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}
