package reports

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf8"

	"bobra/data"
	"bobra/internal/fastdec"

	"github.com/xuri/excelize/v2"
)

// cell is one cell of resultater.xlsx: a value of one of the few kinds the
// workbook holds, and its style. The zero cell is an empty cell. Cells are
// values, not interfaces, so the homes sheet's two million of them cost no
// allocations (see appendRowXML).
type cell struct {
	kind   cellKind
	places uint8 // cellScaled
	style  int
	text   string    // cellText
	n      int64     // cellInt, cellScaled
	f      float64   // cellNumber
	day    data.Date // cellDate
}

type cellKind uint8

const (
	cellEmpty cellKind = iota
	cellText
	cellInt
	cellNumber
	cellDate
	// cellScaled is the number n × 10^-places, written as cellNumber
	// writes its float64 (see appendScaledCell).
	cellScaled
)

// maxScaled bounds the n of a cellScaled: at most 15 digits, so that its
// float64 is exact to write and excelize cuts none of its digits.
const maxScaled = 1_000_000_000_000_000

// value is the cell as excelize's StreamWriter.SetRow takes it.
func (c cell) value() any {
	switch c.kind {
	case cellText:
		return excelize.Cell{StyleID: c.style, Value: c.text}
	case cellInt:
		return excelize.Cell{StyleID: c.style, Value: c.n}
	case cellNumber:
		return excelize.Cell{StyleID: c.style, Value: c.f}
	case cellDate:
		return excelize.Cell{StyleID: c.style, Value: c.day.Time()}
	case cellScaled:
		return excelize.Cell{StyleID: c.style, Value: c.float()}
	}
	return nil
}

// errNotPlain is returned by appendRowXML for a value it does not write
// the way excelize would; rowsArePlain keeps such rows away from it.
var errNotPlain = errors.New("xlsx: a cell value needs excelize's own encoding")

// appendRowXML appends the sheet XML of row number row, written exactly as
// excelize's StreamWriter.SetRow writes the same cells (the tests compare
// the two), for the values inlineAsIs and plainDate accept. cols holds the
// column names (A, B, …) for at least len(cells) columns.
func appendRowXML(dst []byte, row int, cells []cell, cols []string) ([]byte, error) {
	var num [24]byte
	rowNum := strconv.AppendInt(num[:0], int64(row), 10)
	dst = append(dst, `<row r="`...)
	dst = append(dst, rowNum...)
	dst = append(dst, `">`...)
	for i, c := range cells {
		if c.kind == cellEmpty {
			continue
		}
		dst = append(dst, `<c r="`...)
		dst = append(dst, cols[i]...)
		dst = append(dst, rowNum...)
		dst = append(dst, '"')
		if c.style != 0 {
			dst = append(dst, ` s="`...)
			dst = strconv.AppendInt(dst, int64(c.style), 10)
			dst = append(dst, '"')
		}
		switch c.kind {
		case cellText:
			if !inlineAsIs(c.text) {
				return dst, errNotPlain
			}
			dst = append(dst, ` t="inlineStr"><is><t>`...)
			dst = append(dst, c.text...)
			dst = append(dst, `</t></is></c>`...)
			continue
		case cellInt:
			dst = append(dst, `><v>`...)
			dst = strconv.AppendInt(dst, c.n, 10)
		case cellScaled:
			dst = append(dst, `><v>`...)
			dst = appendScaledCell(dst, c.n, c.places)
		case cellNumber:
			if math.IsNaN(c.f) || math.IsInf(c.f, 0) {
				return dst, errNotPlain
			}
			dst = append(dst, `><v>`...)
			dst = appendCellFloat(dst, c.f)
		case cellDate:
			if !plainDate(c.day) {
				return dst, errNotPlain
			}
			dst = append(dst, `><v>`...)
			dst = strconv.AppendInt(dst, int64(c.day.ExcelSerial()), 10)
		}
		dst = append(dst, `</v></c>`...)
	}
	return append(dst, `</row>`...), nil
}

// inlineAsIs reports whether excelize writes s into an inline-string cell
// unchanged: no character XML escapes or cannot hold, no white space at
// either end (excelize marks it to be kept), no "_x" (excelize escapes
// what looks like an Office escape such as _x000D_), and short enough
// not to be cut at Excel's 32 767 characters.
func inlineAsIs(s string) bool {
	if s == "" || len(s) > 32767 {
		return false
	}
	prev := rune(0)
	for _, r := range s {
		switch {
		case r == utf8.RuneError: // invalid UTF-8, or U+FFFD itself
			return false
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == '\'' || r == '"':
			return false
		case r >= 0xD800 && r < 0xE000, r == 0xFFFE, r == 0xFFFF:
			return false
		case prev == '_' && (r == 'x' || r == 'X'):
			return false
		}
		prev = r
	}
	return s[0] != ' ' && s[len(s)-1] != ' '
}

// plainDate reports whether d is written as its whole serial day number:
// from 1 March 1900 (before it excelize, like Excel, counts a 29 February
// 1900 that never was).
func plainDate(d data.Date) bool {
	return d.Compare(firstPlainDate) >= 0 && d.Year <= 9999
}

var firstPlainDate = data.NewDate(1900, 3, 1)

// appendCellFloat appends f as excelize writes a number: the shortest
// decimal that reads back as f, cut (not rounded) after 15 significant
// digits, Excel's precision, with the integer digits after the cut
// written as zeros.
func appendCellFloat(dst []byte, f float64) []byte {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 && !math.Signbit(f) {
		// Whole kroner, most of the cells: the same digits, much faster.
		return strconv.AppendInt(dst, int64(f), 10)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
	if math.Abs(f) == math.MaxFloat64 {
		return dst
	}
	s := dst[start:]
	point := -1
	significant := 0
	for i, ch := range s {
		if ch == '.' {
			point = i
			continue
		}
		if ch < '0' || ch > '9' || significant == 0 && ch == '0' {
			continue
		}
		significant++
		if significant <= 15 {
			continue
		}
		if point >= 0 {
			// Cut in the fraction: drop the rest (and a bare point).
			end := i
			if end == point+1 {
				end = point
			}
			return dst[:start+end]
		}
		// Cut in the integer part: zeros up to the point, no fraction.
		intEnd := len(s)
		for j := i; j < len(s); j++ {
			if s[j] == '.' {
				intEnd = j
				break
			}
		}
		for j := i; j < intEnd; j++ {
			s[j] = '0'
		}
		return dst[:start+intEnd]
	}
	return dst
}

// float is a cellScaled's number as fastdec.RoundedFloat64 gives it: one
// correctly rounded division of two exact float64s.
func (c cell) float() float64 { return float64(c.n) / math.Pow10(int(c.places)) }

// appendScaledCell appends what appendCellFloat writes for the float64 of
// n × 10^-places (|n| < maxScaled) without formatting a float: that
// float64 is the one nearest the decimal, and a decimal of at most 15
// significant digits is the shortest that reads back as it (two such
// decimals never share a float64), so its digits are the decimal's own,
// without trailing zeros, and none is cut.
func appendScaledCell(dst []byte, n int64, places uint8) []byte {
	if places == 0 {
		return strconv.AppendInt(dst, n, 10)
	}
	dst = fastdec.AppendScaled(dst, n, int32(places))
	end := len(dst)
	for dst[end-1] == '0' {
		end--
	}
	if dst[end-1] == '.' {
		end--
	}
	return dst[:end]
}
