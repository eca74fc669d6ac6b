package data

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normName folds a sheet or column name for tolerant matching: case,
// spaces and line breaks, "-", "_" and "." are ignored, text in brackets
// ("Kjøpesum (kr)", "Kjøpsdato [dd.mm.åååå]") and a trailing ":" or "*" (a
// required-column mark some people add) are dropped, ø/å/æ match o/a/ae,
// and the keyboard spellings "aa" and "oe" match å and ø ("Fodselsaar").
func normName(s string) string {
	return foldName(dropBracketed(s))
}

// foldName is normName without dropping text in brackets, for names where
// a bracket tells two apart ("Andel … (lav)", "Andel … (basis)").
func foldName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '-' || r == '_' || r == '*' || r == ':' || r == '.' || r == '\u00a0' || r == '\u202f' || r == '\t' || r == '\n' || r == '\r':
		case r >= '\u0300' && r <= '\u036f': // combining marks, as in a decomposed "å"
		case unicode.Is(unicode.Cf, r): // zero-width and other invisible format characters
		case r == 'ø' || r == 'ö':
			b.WriteByte('o')
		case r == 'å' || r == 'ä':
			b.WriteByte('a')
		case r == 'æ':
			b.WriteString("ae")
		default:
			b.WriteRune(r)
		}
	}
	out := b.String()
	if strings.Contains(out, "aa") || strings.Contains(out, "oe") {
		out = strings.NewReplacer("aa", "a", "oe", "o").Replace(out)
	}
	return out
}

// dropBracketed removes text in round or square brackets, unless nothing
// else would be left ("(kr)" alone stays a header of its own).
func dropBracketed(s string) string {
	if !strings.ContainsAny(s, "([") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	if strings.TrimSpace(b.String()) == "" {
		return s
	}
	return b.String()
}

// sheetSpec returns the contract sheet whose name matches name.
func sheetSpec(contract []Sheet, name string) (Sheet, bool) {
	n := normName(name)
	for _, s := range contract {
		if normName(s.Name) == n {
			return s, true
		}
	}
	return Sheet{}, false
}

// ControlSheet is the first sheet of a copy `bobra valider --merk` marks:
// the list of problems with links to their cells.
const ControlSheet = "Kontroll"

// ownSheet reports whether a sheet that is not in the contract is one bobra
// writes itself (the template's instructions, a marked copy's problem
// list): it is not data, and not worth a note.
func ownSheet(name string) bool {
	return name == GuideSheet || name == ControlSheet
}

// columnLetters returns the column letters of a 0-based column index.
func columnLetters(i int) string {
	n := i + 1
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// maxQuoted is how many characters of a value a message quotes.
const maxQuoted = 80

// shorten makes a value fit to quote in a problem line: control
// characters are shown as escapes («\x1b») so that nothing a cell holds
// can move a terminal's cursor or forge a log line, and a long value is
// cut with "…", so that a 100 000-character cell does not flood the output.
func shorten(s string) string {
	s = visible(s)
	if utf8.RuneCountInString(s) <= maxQuoted {
		return s
	}
	r := []rune(s)
	return string(r[:maxQuoted]) + "…"
}

// visible replaces control characters, invisible format characters (a
// zero-width space, a direction mark) and invalid UTF-8 by Go-style
// escapes, so a person sees that they are there; everything else is kept
// as typed.
func visible(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteString(`\x`)
			b.WriteString(hex2(s[i]))
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x100 && unicode.IsControl(r):
			b.WriteString(`\x`)
			b.WriteString(hex2(byte(r)))
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029':
			b.WriteString(`\u`)
			b.WriteString(hex2(byte(r >> 8)))
			b.WriteString(hex2(byte(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}
