package reports

import (
	"bobra/internal/norfmt"
	"strconv"
	"strings"
	"unicode"

	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// The report's charts, defined once from Results. Every renderer draws
// these: the HTML report with ECharts, the PDF with fpdf.

// MaxHomeBars is the number of homes up to which the value chart has a pair
// of bars per home; with more homes it shows the distribution of gain %.
const MaxHomeBars = 60

// cells formats figures for tables and descriptions, the same way as the
// prose does (hidden counts as "færre enn N", undefined as "–").
type cells struct{ ctx *execContext }

func newCells(res *results.Results) cells { return cells{&execContext{res: res}} }

func (c cells) count(v results.Count) string     { s, _ := c.ctx.integer(v); return s }
func (c cells) number(v any) string              { s, _ := c.ctx.number(v); return s }
func (c cells) money(v any) string               { s, _ := c.ctx.kroner(v); return s }
func (c cells) share(v any) string               { s, _ := c.ctx.percent(v); return s }
func (c cells) persons(v results.Persons) string { s, _ := c.ctx.persons(v); return s }
func (c cells) change(v any) string              { s, _ := c.ctx.change(v); return s }
func (c cells) changePercent(v any) string       { s, _ := c.ctx.changePercent(v); return s }
func (c cells) percentPoints(v any) string       { s, _ := c.ctx.percentPoints(v); return s }

// value returns a figure as a chart value, and whether it may be drawn.
func value(v any) (decimal.Decimal, bool) {
	f, err := toFigure(v)
	if err != nil || f.hidden || f.undefined {
		return decimal.Zero, false
	}
	return f.d, true
}

// seriesOf builds a series from figures, marking the hidden and undefined
// ones as gaps.
func seriesOf(name string, color int, figs []any) Series {
	s := Series{Name: name, Color: Palette[color%len(Palette)]}
	allDefined := true
	for _, f := range figs {
		d, ok := value(f)
		s.Values = append(s.Values, d)
		s.Defined = append(s.Defined, ok)
		allDefined = allDefined && ok
	}
	if allDefined {
		s.Defined = nil
	}
	return s
}

// chartTable is the chart's data as a table: one row per category, one
// column per series, formatted by the chart's unit.
func chartTable(ch *Chart, firstHeader string) *Table {
	t := &Table{Caption: ch.Title, Header: []string{firstHeader}, Numeric: []bool{false}, Source: ch.Source}
	for _, s := range ch.Series {
		t.Header = append(t.Header, s.Name)
		t.Numeric = append(t.Numeric, true)
	}
	for i, cat := range ch.Categories {
		row := []string{cat}
		for _, s := range ch.Series {
			row = append(row, formatValue(s, i, ch.Unit))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// formatValue writes value i of a series in the chart's unit.
func formatValue(s Series, i int, u Unit) string {
	if !s.defined(i) {
		return Undefined
	}
	return FormatUnit(s.Values[i], u)
}

// FormatUnit writes a chart value as the axes and tooltips show it.
func FormatUnit(d decimal.Decimal, u Unit) string {
	switch u {
	case UnitKroner:
		return norfmt.Kroner(d)
	case UnitShare:
		return norfmt.Percent(d)
	}
	return norfmt.NumberTrim(d, 2)
}

var kindWords = map[ChartKind]string{
	BarChart:          "Stolpediagram",
	StackedBarChart:   "Stablet stolpediagram",
	LineChart:         "Linjediagram",
	StepChart:         "Trappekurve",
	DivergingBarChart: "Liggende stolpediagram",
}

// describe writes the chart's description for screen readers from its
// data: every value when there are few, otherwise the range.
func describe(ch *Chart) string {
	var b strings.Builder
	b.WriteString(kindWords[ch.Kind] + ": " + ch.Title + ". ")
	if ch.XName != "" {
		b.WriteString(ch.XName + " langs den vannrette aksen, " + strings.ToLower(ch.YName) + " langs den loddrette. ")
	}
	for _, s := range ch.Series {
		b.WriteString(s.Name + ": ")
		if len(ch.Categories) <= 12 {
			parts := make([]string, 0, len(ch.Categories))
			for i, cat := range ch.Categories {
				parts = append(parts, cat+" "+formatValue(s, i, ch.Unit))
			}
			b.WriteString(strings.Join(parts, ", ") + ". ")
			continue
		}
		lo, hi := -1, -1
		for i := range s.Values {
			if !s.defined(i) {
				continue
			}
			if lo < 0 || s.Values[i].LessThan(s.Values[lo]) {
				lo = i
			}
			if hi < 0 || s.Values[i].GreaterThan(s.Values[hi]) {
				hi = i
			}
		}
		if lo < 0 {
			b.WriteString("ingen verdier. ")
			continue
		}
		b.WriteString(norfmt.Int(len(ch.Categories)) + " verdier fra " + formatValue(s, lo, ch.Unit) + " (" + ch.Categories[lo] +
			") til " + formatValue(s, hi, ch.Unit) + " (" + ch.Categories[hi] + "). ")
	}
	b.WriteString("Tallene står i tabellen under diagrammet.")
	return b.String()
}

// finish fills in the generated description and the data table.
func finish(ch *Chart, firstHeader string) *Chart {
	ch.Description = describe(ch)
	ch.Table = chartTable(ch, firstHeader)
	return ch
}

// PurchasesChart is the number of homes bought per year, by part.
func PurchasesChart(res *results.Results) *Chart {
	ch := &Chart{ID: "kjop-per-ar", Kind: StackedBarChart, Title: "Boligkjøp per år, etter del",
		XName: "År", YName: "Antall kjøp", Unit: UnitCount,
		Source: "Regnearkene Kjøp (Kjøpsdato) og Familier (Del)"}
	var p1, p2 []any
	for _, y := range res.Families.BoughtByYear {
		ch.Categories = append(ch.Categories, strconv.Itoa(y.Year))
		p1 = append(p1, y.ByPhase.P1)
		p2 = append(p2, y.ByPhase.P2)
	}
	ch.Series = []Series{seriesOf("Del 1", 0, p1), seriesOf("Del 2", 1, p2)}
	return finish(ch, "År")
}

// StabilityChart is the share living stably, by part and for all.
func StabilityChart(res *results.Results) *Chart {
	ch := &Chart{ID: "stabilitet-del", Kind: BarChart, Title: "Andel som bor stabilt, etter del",
		XName: "Del", YName: results.LabelStableRate, Unit: UnitShare,
		Source: "Regnearket Familier (Status og Statusdato)"}
	ch.Categories = []string{"Del 1", "Del 2", "Alle"}
	ch.Series = []Series{seriesOf(results.LabelStableRate, 0, []any{
		res.Stability.ByPhase.P1.Rate, res.Stability.ByPhase.P2.Rate, res.Stability.All.Rate})}
	return finish(ch, "Del")
}

// RetentionChart is the Kaplan–Meier curve of staying in ownership.
func RetentionChart(res *results.Results) *Chart {
	ch := &Chart{ID: "tid-i-eie", Kind: StepChart, Title: "Andel som fortsatt eier, etter år siden kjøpet",
		XName: "År siden kjøpet", YName: "Andel som fortsatt eier", Unit: UnitShare,
		Source: "Regnearkene Kjøp og Familier; Kaplan–Meier-estimat"}
	var rates []any
	for _, p := range res.Stability.Curve {
		ch.XValues = append(ch.XValues, p.Years.V)
		ch.Categories = append(ch.Categories, norfmt.NumberTrim(p.Years.V, 2))
		rates = append(rates, p.Rate)
	}
	ch.Series = []Series{seriesOf("Andel som fortsatt eier", 0, rates)}
	c := newCells(res)
	finish(ch, "År siden kjøpet")
	// The table also says how many homes each point rests on.
	ch.Table.Header = append(ch.Table.Header, results.LabelFollowed)
	ch.Table.Numeric = append(ch.Table.Numeric, true)
	for i, p := range res.Stability.Curve {
		ch.Table.Rows[i] = append(ch.Table.Rows[i], c.count(p.AtRisk))
	}
	return ch
}

// ValueChart is the price and the value now of each home, or the
// distribution of gain % when there are many homes (or none listed, as in
// public reports).
func ValueChart(res *results.Results) *Chart {
	src := "Regnearkene Kjøp og Verdivurderinger; SSBs prisindeks for brukte boliger for anslåtte verdier"
	if res.Appreciation.IndexSource != "" {
		src = "Regnearkene Kjøp og Verdivurderinger; anslåtte verdier: " + res.Appreciation.IndexSource
	}
	if n := len(res.Homes); n > 0 && n <= MaxHomeBars {
		ch := &Chart{ID: "verdi-per-bolig", Kind: BarChart, Title: "Kjøpesum og verdi nå, per bolig",
			XName: "Bolig (FamilieID)", YName: "Kroner", Unit: UnitKroner, Source: src}
		var price, val []any
		for _, h := range res.Homes {
			ch.Categories = append(ch.Categories, h.FamilyID)
			price = append(price, h.Price)
			val = append(val, h.Value.Ptr())
		}
		ch.Series = []Series{seriesOf("Kjøpesum", 0, price), seriesOf("Verdi nå", 1, val)}
		return finish(ch, "FamilieID")
	}
	ch := &Chart{ID: "verdi-per-bolig", Kind: BarChart, Title: "Boliger etter verdistigning i prosent",
		XName: "Verdistigning", YName: "Antall boliger", Unit: UnitCount, Source: src}
	var counts []any
	for _, b := range res.Appreciation.GainPctHistogram {
		ch.Categories = append(ch.Categories, bucketLabel(b))
		counts = append(counts, b.Count)
	}
	ch.Series = []Series{seriesOf("Boliger", 0, counts)}
	return finish(ch, "Verdistigning")
}

// bucketLabel writes a histogram bar's range: "10–20 %".
func bucketLabel(b results.Bucket) string {
	return norfmt.NumberTrim(b.From.V.Shift(2), 1) + "–" + norfmt.NumberTrim(b.To.V.Shift(2), 1) + norfmt.NBSP + "%"
}

// RentChart is SSB's monthly rent by year for the room counts of the homes.
func RentChart(res *results.Results) *Chart {
	title := "SSBs gjennomsnittlige månedsleie etter antall rom"
	if res.Rent.Region != "" {
		title += ", " + res.Rent.Region
	}
	ch := &Chart{ID: "leie-ssb", Kind: LineChart, Title: title,
		XName: "År", YName: "Månedsleie", Unit: UnitKroner,
		Source: rentSource(res) + "; arket SSB-leie"}
	years, byYear := rentByYear(res.Rent.Series)
	for _, y := range years {
		ch.Categories = append(ch.Categories, strconv.Itoa(y))
	}
	for i, l := range res.Rent.Series {
		figs := make([]any, len(years))
		for j, y := range years {
			if m, ok := byYear[i][y]; ok {
				figs[j] = m
			}
		}
		ch.Series = append(ch.Series, seriesOf(upperFirst(roomsLabel(l.Rooms)), i, figs))
	}
	return finish(ch, "År")
}

// rentSource cites SSB-leie: its Kilde (the table and its update date)
// when the sheet gives one.
func rentSource(res *results.Results) string {
	if res.Rent.Source != "" {
		return res.Rent.Source
	}
	return "SSB, leiemarkedsundersøkelsen"
}

// rentByYear is SSB-leie as a table: every year of any room count's
// series, oldest first, and each series' values by year.
func rentByYear(series []results.RentLine) ([]int, []map[int]results.Money) {
	yearSet := map[int]bool{}
	byYear := make([]map[int]results.Money, len(series))
	for i, l := range series {
		byYear[i] = map[int]results.Money{}
		for _, p := range l.Points {
			yearSet[p.Year] = true
			byYear[i][p.Year] = p.Value
		}
	}
	return sortedYears(yearSet), byYear
}

// roomsLabel names a room count of SSB-leie: "3 rom", "alle boliger".
func roomsLabel(k string) string {
	if k == data.RoomsAll {
		return "alle boliger"
	}
	return k + " rom"
}

// upperFirst writes s with a capital first letter.
func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// SocietalChart is the estimated savings in each scenario.
func SocietalChart(res *results.Results) *Chart {
	ch := &Chart{ID: "samfunn-scenario", Kind: BarChart, Title: "Mulig samfunnsøkonomisk gevinst etter scenario",
		XName: "Scenario", YName: "Gevinst", Unit: UnitKroner,
		Source: "Forutsetninger: " + res.Societal.CostSource}
	c := newCells(res)
	var savings []any
	for _, s := range res.Societal.Scenarios {
		ch.Categories = append(ch.Categories, scenarioLabel(s, c))
		savings = append(savings, s.Savings)
	}
	ch.Series = []Series{seriesOf("Gevinst", 0, savings)}
	return finish(ch, "Scenario")
}

func scenarioLabel(s results.Scenario, c cells) string {
	return upperFirst(s.Name) + " (" + c.share(s.Share) + ")"
}
