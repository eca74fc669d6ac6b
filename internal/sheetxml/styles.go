package sheetxml

import (
	"encoding/xml"
	"io"
	"strings"
)

// DateStyles says which cell styles of a workbook show a number as a date
// or a time, from its styles part.
type DateStyles []bool

// ReadDateStyles reads the styles part (small: it is read whole with
// encoding/xml). A part that cannot be read gives no date styles and the
// error.
func ReadDateStyles(r io.Reader) (DateStyles, error) {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.NewDecoder(r).Decode(&st); err != nil {
		return nil, err
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	out := make(DateStyles, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmt]; ok {
			out[i] = IsDateFormat(code)
		} else {
			out[i] = builtInDate(xf.NumFmt)
		}
	}
	return out, nil
}

// IsDate reports whether cells of the style show a date.
func (d DateStyles) IsDate(style int) bool {
	return style >= 0 && style < len(d) && d[style]
}

// builtInDate: Excel's built-in number formats 14–22 are dates and times
// (d.m.yyyy, d-mmm-yy, …, h:mm, m/d/yy h:mm) and 45–47 times (mm:ss …).
func builtInDate(id int) bool {
	return 14 <= id && id <= 22 || 45 <= id && id <= 47
}

// IsDateFormat reports whether a custom number format shows a date or a
// time: it has d, m, y, h or s outside quoted text, escaped characters
// and brackets (colours, conditions, locales; "[h]" is elapsed time).
func IsDateFormat(code string) bool {
	section, _, _ := strings.Cut(code, ";")
	inQuote := false
	for i := 0; i < len(section); i++ {
		c := section[i]
		switch {
		case inQuote:
			if c == '"' {
				inQuote = false
			}
		case c == '"':
			inQuote = true
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal (or padding)
		case c == '[':
			end := strings.IndexByte(section[i:], ']')
			if end < 0 {
				return false
			}
			inner := strings.ToLower(section[i+1 : i+end])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				return true
			}
			i += end
		default:
			switch c | 0x20 {
			case 'd', 'm', 'y':
				return true
			}
		}
	}
	return false
}
