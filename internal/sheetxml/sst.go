package sheetxml

import (
	"io"
	"strconv"
	"strings"
)

// SharedStrings is a workbook's shared-string table: the text of each
// item, as excelize's xlsxSI.String gives it.
type SharedStrings []string

// ReadSharedStrings reads the shared-strings part to its end.
func ReadSharedStrings(r io.Reader) (SharedStrings, error) {
	s := newScanner(r, 64<<10)
	var arena []byte
	var ends []int
	var item []byte
	rooted := false
	for {
		if err := s.next(); err != nil {
			if _, ok := err.(*ReadError); !ok {
				if derr := s.drain(nil); derr != nil {
					return nil, derr
				}
			}
			return nil, err
		}
		if s.kind == tokEOF {
			break
		}
		if s.kind != tokStart {
			continue
		}
		switch depth := len(s.lens); {
		case depth == 1:
			if string(localName(s.name)) != "sst" || rooted {
				return nil, structErr(CodePlacement, "shared strings part without its <sst> root")
			}
			rooted = true
		case depth == 2 && string(localName(s.name)) == "si":
			var err error
			if item, err = stringItem(s, item[:0]); err != nil {
				return nil, err
			}
			arena = append(arena, bstrUnescape(string(item))...)
			ends = append(ends, len(arena))
		}
	}
	all := string(arena)
	out := make(SharedStrings, len(ends))
	start := 0
	for i, e := range ends {
		out[i] = all[start:e]
		start = e
	}
	return out, nil
}

// bstrUnescape decodes the _xHHHH_ escapes Office writes for characters
// XML cannot hold, exactly as excelize's bstrUnmarshal does: "_x005F_"
// is "_", an escape of a surrogate is dropped, and matches do not overlap.
func bstrUnescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	cursor := 0
	for i := 0; i+7 <= len(s); {
		if s[i] != '_' || s[i+1] != 'x' || !isHex4(s[i+2:i+6]) || s[i+6] != '_' {
			i++
			continue
		}
		b.WriteString(s[cursor:i])
		if s[i:i+7] != "_x005F_" {
			if v, err := strconv.Unquote(`"\u` + s[i+2:i+6] + `"`); err == nil {
				b.WriteString(v)
			}
		} else {
			b.WriteByte('_')
		}
		i += 7
		cursor = i
	}
	b.WriteString(s[cursor:])
	return b.String()
}

func isHex4(s string) bool {
	for i := 0; i < 4; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
