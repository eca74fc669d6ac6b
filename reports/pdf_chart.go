package reports

import (
	"bobra/internal/fastdec"
	"bobra/internal/norfmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Charts in the PDF outputs are drawn as vector graphics with fpdf's own
// path functions, from the same Chart data the HTML report hands to
// ECharts: same series, same colours, the same Norwegian number formats on
// the axes. Every label is real text, so pdftotext gives the figures back.

// chartStyle sets the text size of a chart: the report uses small type,
// the slides larger.
type chartStyle struct {
	font      float64 // tick labels, legend and value labels, pt
	drawTitle bool    // draw the chart's title at the top of its box
}

// pt2mm converts a font size to its height in mm.
const pt2mm = 0.3528

// chartHeight is the box height a chart needs at full text width.
func chartHeight(c *Chart, st chartStyle) float64 {
	base := 78.0
	if c.Kind == DivergingBarChart {
		base = 34 + float64(len(c.Categories))*11
		base = math.Min(math.Max(base, 55), 150)
	}
	return base * st.font / 7.5
}

// drawChart draws c in the box (x, y, w, h), as the content of the
// Figure element the caller has opened: the title is its Caption, the
// grid lines are artifacts.
func drawChart(f *pdfDoc, c *Chart, x, y, w, h float64, st chartStyle) {
	f.SetLineWidth(0.2)
	setText(f, colText)
	top := y
	if st.drawTitle && c.Title != "" {
		setFont(f, "B", st.font+2.5)
		lh := lineHeight(st.font + 2.5)
		f.tag.Leaf("Caption", func() {
			for _, line := range wrapText(f, c.Title, w) {
				f.SetXY(x, top)
				f.CellFormat(w, lh, line, "", 0, "L", false, 0, "")
				top += lh
			}
		})
		top += 1.5
	}
	f.tag.Mark()
	bottom := y + h
	bottom -= drawLegend(f, c, x, bottom, w, st)
	if len(c.Categories) == 0 || len(c.Series) == 0 {
		setFont(f, "I", st.font+1)
		setText(f, colMuted)
		f.SetXY(x, top+2)
		f.CellFormat(w, lineHeight(st.font+1), "Ingen data å vise.", "", 0, "L", false, 0, "")
		setText(f, colText)
		return
	}
	if c.Kind == DivergingBarChart {
		drawDiverging(f, c, x, top, w, bottom-top, st)
		return
	}
	drawVertical(f, c, x, top, w, bottom-top, st)
}

// seriesColor is the series' own colour, or the palette's by position.
func seriesColor(c *Chart, i int) rgb {
	if col := c.Series[i].Color; col != "" {
		return hexColor(col)
	}
	return hexColor(Palette[i%len(Palette)])
}

// drawLegend draws the legend at the foot of the box, bottom-aligned at
// yBottom, and returns the height used.
func drawLegend(f *pdfDoc, c *Chart, x, yBottom, w float64, st chartStyle) float64 {
	named := false
	for _, s := range c.Series {
		if s.Name != "" {
			named = true
		}
	}
	if !named {
		return 0
	}
	setFont(f, "", st.font)
	lh := lineHeight(st.font) + 0.8
	sw := st.font * pt2mm * 0.9 // swatch side
	type item struct {
		x, w float64
		line int
	}
	items := make([]item, len(c.Series))
	cx, line := 0.0, 0
	for i, s := range c.Series {
		iw := sw + 1.5 + f.GetStringWidth(s.Name)
		if cx > 0 && cx+iw > w {
			cx, line = 0, line+1
		}
		items[i] = item{cx, iw, line}
		cx += iw + 5
	}
	height := float64(line+1)*lh + 2
	y0 := yBottom - height + 2
	for i, s := range c.Series {
		it := items[i]
		ly := y0 + float64(it.line)*lh
		col := seriesColor(c, i)
		setFill(f, col)
		f.Rect(x+it.x, ly+(lh-sw)/2, sw, sw, "F")
		setText(f, colText)
		f.SetXY(x+it.x+sw+1.5, ly)
		f.CellFormat(it.w-sw-1.5, lh, s.Name, "", 0, "L", false, 0, "")
	}
	return height
}

// axis is a linear scale from Lo to Hi with tick values.
type axis struct {
	Lo, Hi decimal.Decimal
	Ticks  []decimal.Decimal
	Step   decimal.Decimal
}

// niceAxis returns an axis through zero that covers [lo, hi] with about
// target ticks at round steps (1, 2, 2,5 or 5 times a power of ten).
// Counts never get a step below one.
func niceAxis(lo, hi decimal.Decimal, target int, unit Unit) axis {
	lo = decimal.Min(lo, decimal.Zero)
	hi = decimal.Max(hi, decimal.Zero)
	if lo.Equal(hi) {
		hi = decimal.NewFromInt(1)
		if unit == UnitShare {
			hi = decimal.New(1, -1)
		}
	}
	raw := hi.Sub(lo).InexactFloat64() / float64(target)
	exp := int32(math.Floor(math.Log10(raw)))
	frac := raw / math.Pow(10, float64(exp))
	var step decimal.Decimal
	switch {
	case frac <= 1:
		step = decimal.New(1, exp)
	case frac <= 2:
		step = decimal.New(2, exp)
	case frac <= 2.5 && unit == UnitCount:
		step = decimal.New(2, exp) // a count axis reads better in whole steps
	case frac <= 2.5:
		step = decimal.New(25, exp-1)
	case frac <= 5:
		step = decimal.New(5, exp)
	default:
		step = decimal.New(1, exp+1)
	}
	if unit == UnitCount && step.LessThan(decimal.NewFromInt(1)) {
		step = decimal.NewFromInt(1)
	}
	a := axis{
		Lo:   lo.Div(step).Floor().Mul(step),
		Hi:   hi.Div(step).Ceil().Mul(step),
		Step: step,
	}
	for t := a.Lo; t.LessThanOrEqual(a.Hi); t = t.Add(step) {
		a.Ticks = append(a.Ticks, t)
	}
	return a
}

// pos maps v to [0, 1] along the axis.
func (a axis) pos(v decimal.Decimal) float64 {
	span := diffFloat64(a.Hi, a.Lo)
	if span == 0 {
		return 0
	}
	return diffFloat64(v, a.Lo) / span
}

// diffFloat64 is a.Sub(b).InexactFloat64(), the float64 nearest a − b,
// without big.Rat: in machine integers when both coefficients and the
// difference fit (a retention curve at national scale has thousands of
// points, drawn in every pass of both PDFs). TestDiffFloat64MatchesDecimal
// and FuzzDiffFloat64 compare it with the decimal package.
func diffFloat64(a, b decimal.Decimal) float64 {
	if a.NumDigits() <= 18 && b.NumDigits() <= 18 {
		if c, e, ok := fastdec.SubInt64(a.CoefficientInt64(), a.Exponent(), b.CoefficientInt64(), b.Exponent()); ok {
			if f, ok := fastdec.ExactFloat64(c, e); ok {
				return f
			}
		}
	}
	// Shares carry many digits: strconv parses the exact decimal text to
	// the nearest float64 too, without big.Rat's division.
	d := a.Sub(b)
	if f, err := strconv.ParseFloat(d.String(), 64); err == nil {
		return f
	}
	return d.InexactFloat64()
}

// places is how many decimals a label needs to show step d exactly.
func places(d decimal.Decimal) int32 {
	d = decimal.RequireFromString(d.String()) // drops trailing zeros
	if e := d.Exponent(); e < 0 {
		return -e
	}
	return 0
}

// tickLabel formats an axis value with the report's Norwegian formatter.
func (a axis) tickLabel(v decimal.Decimal, unit Unit) string {
	switch unit {
	case UnitShare:
		return norfmt.PercentPlaces(v, places(a.Step.Shift(2)))
	case UnitKroner:
		top := decimal.Max(a.Hi.Abs(), a.Lo.Abs())
		switch {
		case top.GreaterThanOrEqual(decimal.New(1, 9)):
			return norfmt.Number(v.Shift(-9), places(a.Step.Shift(-9))) + norfmt.NBSP + "mrd." + norfmt.NBSP + "kr"
		case top.GreaterThanOrEqual(decimal.New(1, 6)):
			return norfmt.Number(v.Shift(-6), places(a.Step.Shift(-6))) + norfmt.NBSP + "mill." + norfmt.NBSP + "kr"
		}
		return norfmt.Kroner(v)
	}
	return norfmt.Number(v, places(a.Step))
}

// valueLabel formats one data value for a label on a bar.
func valueLabel(v decimal.Decimal, unit Unit) string {
	switch unit {
	case UnitShare:
		return norfmt.Percent(v)
	case UnitKroner:
		return norfmt.KronerShort(v)
	}
	if v.Equal(v.Truncate(0)) {
		return norfmt.Number(v, 0)
	}
	return norfmt.Number(v, 2)
}

// extent returns the smallest and largest values to show: per value, or
// per stacked total for stacked charts.
func extent(c *Chart) (lo, hi decimal.Decimal) {
	for i := range c.Categories {
		if c.Kind == StackedBarChart {
			pos, neg := decimal.Zero, decimal.Zero
			for _, s := range c.Series {
				if v := s.value(i); v.IsNegative() {
					neg = neg.Add(v)
				} else {
					pos = pos.Add(v)
				}
			}
			lo, hi = decimal.Min(lo, neg), decimal.Max(hi, pos)
			continue
		}
		for _, s := range c.Series {
			if s.defined(i) {
				lo, hi = decimal.Min(lo, s.value(i)), decimal.Max(hi, s.value(i))
			}
		}
	}
	return lo, hi
}

// numericX returns the x positions of a line or step chart with a numeric
// x axis (XValues), so the curve is drawn to scale.
func numericX(c *Chart) ([]decimal.Decimal, bool) {
	if c.Kind != LineChart && c.Kind != StepChart {
		return nil, false
	}
	return c.XValues, len(c.XValues) > 0 && len(c.XValues) == len(c.Categories)
}

// drawVertical draws bar, stacked bar, line and step charts.
func drawVertical(f *pdfDoc, c *Chart, x, y, w, h float64, st chartStyle) {
	fs := st.font
	lh := lineHeight(fs)
	lo, hi := extent(c)
	ya := niceAxis(lo, hi, 5, c.Unit)

	setFont(f, "", fs)
	labelW := 0.0
	for _, t := range ya.Ticks {
		labelW = math.Max(labelW, f.GetStringWidth(ya.tickLabel(t, c.Unit)))
	}
	left := x + labelW + 2
	right := x + w - 1
	plotTop := y
	if c.YName != "" {
		setText(f, colMuted)
		f.SetXY(x, y)
		f.CellFormat(w, lh, c.YName, "", 0, "L", false, 0, "")
		plotTop += lh + 1.5
	}
	plotBottom := y + h - lh - 1.5
	if c.XName != "" {
		plotBottom -= lh
	}
	// Room above the highest bar for its value label.
	plotTop += lh * 0.6
	plotH := plotBottom - plotTop
	plotW := right - left
	yOf := func(v decimal.Decimal) float64 { return plotBottom - ya.pos(v)*plotH }

	// Grid and tick labels.
	for _, t := range ya.Ticks {
		ty := yOf(t)
		f.tag.Artifact(func() {
			setGridDraw(f, t)
			f.Line(left, ty, right, ty)
		})
		setText(f, colMuted)
		f.SetXY(x, ty-lh/2)
		f.CellFormat(labelW, lh, ya.tickLabel(t, c.Unit), "", 0, "R", false, 0, "")
	}

	n := len(c.Categories)
	xNum, numeric := numericX(c)
	var xa axis
	band := plotW / float64(n)
	xOf := func(i int) float64 { return left + band*(float64(i)+0.5) }
	if numeric {
		xlo, xhi := xNum[0], xNum[0]
		for _, v := range xNum {
			xlo, xhi = decimal.Min(xlo, v), decimal.Max(xhi, v)
		}
		xa = niceAxis(xlo, xhi, 6, UnitCount)
		if xa.Step.LessThan(decimal.NewFromInt(1)) {
			xa = niceAxis(xlo, xhi, 6, UnitShare)
		}
		xOf = func(i int) float64 { return left + xa.pos(xNum[i])*plotW }
	}

	// Category labels.
	setText(f, colText)
	setFont(f, "", fs)
	labelY := plotBottom + 1
	if numeric {
		for _, t := range xa.Ticks {
			tx := left + xa.pos(t)*plotW
			f.tag.Artifact(func() {
				setDraw(f, colMuted)
				f.Line(tx, plotBottom, tx, plotBottom+0.8)
			})
			lbl := norfmt.Number(t, places(xa.Step))
			lw := f.GetStringWidth(lbl)
			f.SetXY(tx-lw/2-1, labelY)
			f.CellFormat(lw+2, lh, lbl, "", 0, "C", false, 0, "")
		}
	} else {
		widest := 0.0
		for _, cat := range c.Categories {
			widest = math.Max(widest, f.GetStringWidth(cat))
		}
		every := int(math.Ceil((widest + 2) / band))
		if every < 1 {
			every = 1
		}
		for i, cat := range c.Categories {
			if i%every != 0 {
				continue
			}
			cw := band * float64(every)
			f.SetXY(xOf(i)-cw/2, labelY)
			f.CellFormat(cw, lh, fitText(f, cat, cw), "", 0, "C", false, 0, "")
		}
	}
	if c.XName != "" {
		setText(f, colMuted)
		f.SetXY(left, labelY+lh)
		f.CellFormat(plotW, lh, c.XName, "", 0, "C", false, 0, "")
	}
	setText(f, colText)

	switch c.Kind {
	case LineChart, StepChart:
		drawLines(f, c, xOf, yOf, c.Kind == StepChart, st)
	case StackedBarChart:
		drawStacked(f, c, xOf, yOf, band, st)
	default:
		drawBars(f, c, xOf, yOf, band, st)
	}
}

func drawBars(f *pdfDoc, c *Chart, xOf func(int) float64, yOf func(decimal.Decimal) float64, band float64, st chartStyle) {
	ns := len(c.Series)
	group := band * 0.72
	barW := group / float64(ns)
	zero := yOf(decimal.Zero)
	setFont(f, "", st.font)
	lh := lineHeight(st.font)
	// Value labels only when every one fits over its bar.
	labels := len(c.Categories)*ns <= 24
	for i := range c.Categories {
		for _, s := range c.Series {
			if f.GetStringWidth(valueLabel(s.value(i), c.Unit)) > barW+band*0.28/float64(ns) {
				labels = false
			}
		}
	}
	for i := range c.Categories {
		x0 := xOf(i) - group/2
		for j, s := range c.Series {
			if !s.defined(i) {
				continue
			}
			v := s.value(i)
			top := yOf(v)
			setFill(f, seriesColor(c, j))
			bx := x0 + float64(j)*barW
			if h := zero - top; h != 0 {
				f.Rect(bx+0.15, math.Min(top, zero), barW-0.3, math.Abs(h), "F")
			}
			if labels {
				lbl := valueLabel(v, c.Unit)
				ly := top - lh
				if v.IsNegative() {
					ly = top
				}
				setText(f, colText)
				f.SetXY(bx-2, ly)
				f.CellFormat(barW+4, lh, lbl, "", 0, "C", false, 0, "")
			}
		}
	}
}

func drawStacked(f *pdfDoc, c *Chart, xOf func(int) float64, yOf func(decimal.Decimal) float64, band float64, st chartStyle) {
	barW := band * 0.6
	setFont(f, "", st.font)
	lh := lineHeight(st.font)
	for i := range c.Categories {
		pos, neg := decimal.Zero, decimal.Zero
		bx := xOf(i) - barW/2
		// Segments are labelled only when the stack has more than one;
		// otherwise the total above says it.
		parts := 0
		for _, s := range c.Series {
			if !s.value(i).IsZero() {
				parts++
			}
		}
		for j, s := range c.Series {
			v := s.value(i)
			if v.IsZero() {
				continue
			}
			from := pos
			if v.IsNegative() {
				from = neg
				neg = neg.Add(v)
			} else {
				pos = pos.Add(v)
			}
			to := from.Add(v)
			y0, y1 := yOf(from), yOf(to)
			setFill(f, seriesColor(c, j))
			f.Rect(bx, math.Min(y0, y1), barW, math.Abs(y1-y0), "F")
			lbl := valueLabel(v, c.Unit)
			if parts > 1 && math.Abs(y1-y0) >= lh && f.GetStringWidth(lbl) <= barW-1 {
				setText(f, colWhite)
				f.SetXY(bx, (y0+y1)/2-lh/2)
				f.CellFormat(barW, lh, lbl, "", 0, "C", false, 0, "")
			}
		}
		if !pos.IsZero() {
			lbl := valueLabel(pos, c.Unit)
			if f.GetStringWidth(lbl) <= band {
				setText(f, colText)
				setFont(f, "B", st.font)
				f.SetXY(xOf(i)-band/2, yOf(pos)-lh)
				f.CellFormat(band, lh, lbl, "", 0, "C", false, 0, "")
				setFont(f, "", st.font)
			}
		}
	}
	setText(f, colText)
}

func drawLines(f *pdfDoc, c *Chart, xOf func(int) float64, yOf func(decimal.Decimal) float64, step bool, st chartStyle) {
	f.SetLineJoinStyle("round")
	f.SetLineCapStyle("round")
	for j, s := range c.Series {
		col := seriesColor(c, j)
		setDraw(f, col)
		setFill(f, col)
		f.SetLineWidth(0.6 * st.font / chartPt)
		n := len(c.Categories)
		// A gap ends the line; it starts again at the next value.
		prev := -1
		for i := 0; i < n; i++ {
			if !s.defined(i) {
				if prev >= 0 {
					f.DrawPath("D")
				}
				prev = -1
				continue
			}
			px, py := xOf(i), yOf(s.value(i))
			if prev < 0 {
				f.MoveTo(px, py)
			} else {
				if step {
					f.LineTo(px, yOf(s.value(prev)))
				}
				f.LineTo(px, py)
			}
			prev = i
		}
		if prev >= 0 {
			f.DrawPath("D")
		}
		if !step && n <= 40 {
			for i := 0; i < n; i++ {
				if s.defined(i) {
					f.Circle(xOf(i), yOf(s.value(i)), 0.7*st.font/chartPt, "F")
				}
			}
		}
	}
	f.SetLineWidth(0.2)
	f.SetLineJoinStyle("miter")
	f.SetLineCapStyle("butt")
}

// drawDiverging draws one horizontal bar per category, the first half of
// the series to the left of zero and the rest to the right (survey answers:
// disagree left, agree right).
func drawDiverging(f *pdfDoc, c *Chart, x, y, w, h float64, st chartStyle) {
	fs := st.font
	lh := lineHeight(fs)
	half := len(c.Series) / 2
	maxSide := decimal.Zero
	for i := range c.Categories {
		l, r := decimal.Zero, decimal.Zero
		for j, s := range c.Series {
			if j < half {
				l = l.Add(s.value(i).Abs())
			} else {
				r = r.Add(s.value(i).Abs())
			}
		}
		maxSide = decimal.Max(maxSide, decimal.Max(l, r))
	}
	xa := niceAxis(maxSide.Neg(), maxSide, 6, c.Unit)

	// Category labels on the left, wrapped to at most three lines.
	setFont(f, "", fs)
	labelW := 0.0
	for _, cat := range c.Categories {
		labelW = math.Max(labelW, f.GetStringWidth(cat))
	}
	labelW = math.Min(labelW, w*0.36) + 2
	left := x + labelW
	right := x + w - 2
	plotTop := y
	plotBottom := y + h - lh - 1.5
	if c.XName != "" {
		plotBottom -= lh
	}
	plotW := right - left
	xOf := func(v decimal.Decimal) float64 { return left + xa.pos(v)*plotW }
	rowH := (plotBottom - plotTop) / float64(len(c.Categories))
	barH := math.Min(rowH*0.62, 9)

	for _, t := range xa.Ticks {
		tx := xOf(t)
		f.tag.Artifact(func() {
			setGridDraw(f, t)
			f.Line(tx, plotTop, tx, plotBottom)
		})
		lbl := xa.tickLabel(t.Abs(), c.Unit)
		lw := f.GetStringWidth(lbl)
		setText(f, colMuted)
		f.SetXY(tx-lw/2-1, plotBottom+1)
		f.CellFormat(lw+2, lh, lbl, "", 0, "C", false, 0, "")
	}
	if c.XName != "" {
		f.SetXY(left, plotBottom+1+lh)
		f.CellFormat(plotW, lh, c.XName, "", 0, "C", false, 0, "")
	}
	for i, cat := range c.Categories {
		cy := plotTop + rowH*(float64(i)+0.5)
		setText(f, colText)
		setFont(f, "", fs)
		lines := wrapText(f, cat, labelW-2)
		if len(lines) > 3 {
			lines = append(lines[:2], fitText(f, strings.Join(lines[2:], ""), labelW-2))
		}
		ly := cy - float64(len(lines))*lh/2
		for k, line := range lines {
			f.SetXY(x, ly+float64(k)*lh)
			f.CellFormat(labelW-2, lh, line, "", 0, "R", false, 0, "")
		}
		segment := func(j int, from, to decimal.Decimal) {
			x0, x1 := xOf(from), xOf(to)
			setFill(f, seriesColor(c, j))
			f.Rect(math.Min(x0, x1), cy-barH/2, math.Abs(x1-x0), barH, "F")
			v := c.Series[j].value(i)
			lbl := valueLabel(v.Abs(), c.Unit)
			if f.GetStringWidth(lbl)+1 <= math.Abs(x1-x0) && barH >= lh*0.9 {
				setText(f, colWhite)
				f.SetXY(math.Min(x0, x1), cy-lh/2)
				f.CellFormat(math.Abs(x1-x0), lh, lbl, "", 0, "C", false, 0, "")
			}
		}
		at := decimal.Zero
		for j := half - 1; j >= 0; j-- {
			v := c.Series[j].value(i).Abs()
			if !v.IsZero() {
				segment(j, at, at.Sub(v))
			}
			at = at.Sub(v)
		}
		at = decimal.Zero
		for j := half; j < len(c.Series); j++ {
			v := c.Series[j].value(i).Abs()
			if !v.IsZero() {
				segment(j, at, at.Add(v))
			}
			at = at.Add(v)
		}
	}
	setText(f, colText)
}

// setGridDraw sets the colour of the grid line at tick t: the zero line
// darker than the others.
func setGridDraw(f *pdfDoc, t decimal.Decimal) {
	if t.IsZero() {
		setDraw(f, colMuted)
	} else {
		setDraw(f, colGrid)
	}
}
