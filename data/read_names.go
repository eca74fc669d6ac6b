package data

import "strings"

// normName folds a sheet or column name for tolerant matching: case,
// spaces, "-" and "_" are ignored, ø/å/æ match o/a/ae, and a trailing "*"
// (a required-column mark some people add) is dropped.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ' || r == '-' || r == '_' || r == '*' || r == '\u00a0' || r == '\u202f' || r == '\t' || r == '\n' || r == '\r':
		case r >= '\u0300' && r <= '\u036f': // combining marks, as in a decomposed "å"
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

// shorten cuts a value for a problem line, so that a 100 000-character
// cell does not flood the output.
func shorten(s string) string {
	const max = 60
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	return string(r[:max]) + "…"
}
