package reports

import (
	"strconv"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"
)

// homeRowWriter writes a home's row of the homes sheet straight from the
// home: the bytes appendRowXML writes for homeRow's cells
// (TestHomeRowWriterMatchesCells, FuzzHomeRowWriter), without building
// twenty cells a row and deciding each one's kind and style again. Each
// column's markup up to its value is made once. It relies on what
// rowsArePlain checked: every text and date of the homes is plain.
type homeRowWriter struct {
	open [homeColumns]string // `<c r="` and the column's name
	num  [homeColumns]string // after the row number: the number style, up to the value
	text string              // after the row number: a text cell, up to the text
	// rents holds, for each rent record of the homes, its cells after the
	// row number ("" for an empty cell): homes of the same room count and
	// purchase month share one record (about 1 200 at 100 000 homes).
	// Filled before the rows are written, then only read.
	rents map[*results.HomeRent]*rentCells
}

// rentCells are the rent columns' cells of a home after the row number.
type rentCells [rentLast - rentFirst + 1]string

// The homes sheet's rent columns: rent then … rent not paid.
const rentFirst, rentLast = 11, 17

func newHomeRowWriter(b *book) *homeRowWriter {
	styles := [homeColumns]int{b.text, b.integer, b.date, b.kroner, b.integer, b.kroner, b.date, b.text, b.kroner, b.share,
		b.share, b.kroner, b.kroner, b.kroner, b.kroner, b.share, b.integer, b.kroner, b.kroner, b.text}
	w := &homeRowWriter{text: `"` + styleAttr(b.text) + ` t="inlineStr"><is><t>`}
	for i, col := range columnNames(homeColumns) {
		w.open[i] = `<c r="` + col
		w.num[i] = `"` + styleAttr(styles[i]) + `><v>`
	}
	return w
}

// keepRents makes the rent cells of every rent record of homes.
func (w *homeRowWriter) keepRents(homes []results.Home) {
	w.rents = map[*results.HomeRent]*rentCells{}
	var buf []byte
	for i := range homes {
		h := &homes[i]
		if _, ok := w.rents[h.HomeRent]; ok {
			continue
		}
		var c rentCells
		for col := rentFirst; col <= rentLast; col++ {
			// The row's own part of each cell is only its number: write
			// the cell with an empty one and keep what follows it.
			buf = w.appendRentCell(buf[:0], col, nil, h)
			if len(buf) > 0 {
				c[col-rentFirst] = string(buf[len(w.open[col]):])
			}
		}
		w.rents[h.HomeRent] = &c
	}
}

// appendRentCell appends the cell of rent column col of h.
func (w *homeRowWriter) appendRentCell(dst []byte, col int, r []byte, h *results.Home) []byte {
	rent := h.Rent()
	switch col {
	case 11:
		return w.appendOpt(dst, col, r, rent.RentThen.Packed(), 0)
	case 12:
		return w.appendOpt(dst, col, r, rent.RentNow.Packed(), 0)
	case 13:
		return w.appendOpt(dst, col, r, rent.RentIncreaseMonth.Packed(), 0)
	case 14:
		return w.appendOpt(dst, col, r, rent.RentIncreaseYear.Packed(), 0)
	case 15:
		return w.appendOpt(dst, col, r, rent.RentIncreasePct.Packed(), 4)
	case 16:
		if rent.RentThen.IsSet() {
			return w.appendInt(dst, col, r, int64(rent.RentMonths))
		}
		return dst
	}
	return w.appendOpt(dst, col, r, rent.RentNotPaid.Packed(), 0)
}

// styleAttr is a cell's style attribute as appendRowXML writes it: none
// for the default style.
func styleAttr(style int) string {
	if style == 0 {
		return ""
	}
	return ` s="` + strconv.Itoa(style) + `"`
}

// appendRow appends home h's row, row number row.
func (w *homeRowWriter) appendRow(dst []byte, row int, h *results.Home) []byte {
	var num [24]byte
	r := strconv.AppendInt(num[:0], int64(row), 10)
	dst = append(dst, `<row r="`...)
	dst = append(dst, r...)
	dst = append(dst, `">`...)
	dst = w.appendText(dst, 0, r, h.FamilyID)
	dst = w.appendInt(dst, 1, r, int64(h.Phase))
	dst = w.appendDate(dst, 2, r, h.PurchaseDate)
	if h.Price.Hidden {
		dst = w.appendText(dst, 3, r, Withheld)
	} else {
		dst = w.appendFloat(dst, 3, r, fastdec.RoundedFloat64(h.Price.V, 0))
	}
	dst = w.appendInt(dst, 4, r, int64(h.Rooms))
	dst = w.appendOpt(dst, 5, r, h.Value.Packed(), 0)
	dst = w.appendDate(dst, 6, r, h.ValueDate)
	if h.Value.IsSet() {
		if h.ValueEstimated {
			dst = w.appendText(dst, 7, r, "ja")
		} else {
			dst = w.appendText(dst, 7, r, "nei")
		}
	}
	dst = w.appendOpt(dst, 8, r, h.Gain.Packed(), 0)
	dst = w.appendOpt(dst, 9, r, h.GainPct.Packed(), 4)
	dst = w.appendOpt(dst, 10, r, h.AnnualPct.Packed(), 4)
	if c, ok := w.rents[h.HomeRent]; ok {
		for i, cell := range c {
			if cell != "" {
				dst = append(dst, w.open[rentFirst+i]...)
				dst = append(dst, r...)
				dst = append(dst, cell...)
			}
		}
	} else {
		for col := rentFirst; col <= rentLast; col++ {
			dst = w.appendRentCell(dst, col, r, h)
		}
	}
	dst = w.appendOpt(dst, 18, r, h.NetSaving.Packed(), 0)
	dst = w.appendText(dst, 19, r, h.StatusAt)
	return append(dst, `</row>`...)
}

func (w *homeRowWriter) appendText(dst []byte, col int, row []byte, s string) []byte {
	if s == "" {
		return dst
	}
	dst = append(dst, w.open[col]...)
	dst = append(dst, row...)
	dst = append(dst, w.text...)
	dst = append(dst, s...)
	return append(dst, `</t></is></c>`...)
}

// numStart appends a number cell of column col up to its value.
func (w *homeRowWriter) numStart(dst []byte, col int, row []byte) []byte {
	dst = append(dst, w.open[col]...)
	dst = append(dst, row...)
	return append(dst, w.num[col]...)
}

func (w *homeRowWriter) appendInt(dst []byte, col int, row []byte, n int64) []byte {
	dst = strconv.AppendInt(w.numStart(dst, col, row), n, 10)
	return append(dst, `</v></c>`...)
}

func (w *homeRowWriter) appendDate(dst []byte, col int, row []byte, d data.Date) []byte {
	if d.IsZero() {
		return dst
	}
	return w.appendInt(dst, col, row, int64(d.ExcelSerial()))
}

func (w *homeRowWriter) appendFloat(dst []byte, col int, row []byte, f float64) []byte {
	dst = appendCellFloat(w.numStart(dst, col, row), f)
	return append(dst, `</v></c>`...)
}

// appendOpt is optNum's cell: nothing when absent, Withheld when hidden.
func (w *homeRowWriter) appendOpt(dst []byte, col int, row []byte, p fastdec.Packed, places int32) []byte {
	switch {
	case !p.IsSet():
		return dst
	case p.Flag:
		return w.appendText(dst, col, row, Withheld)
	}
	q, ok := scaledOf(p, places)
	if !ok {
		return w.appendFloat(dst, col, row, p.RoundedFloat64(places))
	}
	dst = appendScaledCell(w.numStart(dst, col, row), q, uint8(places))
	return append(dst, `</v></c>`...)
}
