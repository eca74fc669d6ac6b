package reports

import (
	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// Document is the evaluation report in a form every renderer can draw:
// sections of prose (Markdown whose numbers were filled in from Results
// through the templates), tables and charts. BuildDocument makes it from
// the results for each renderer (the slides from the public copy), so the
// HTML report, the PDF and the slides say the same thing in the same words.
type Document struct {
	Title        string    // the programme, e.g. "Barn bor bra i Bærum"
	Subtitle     string    // "Evaluering"
	Municipality string    // author of the report
	AsOf         data.Date // evaluation date
	Public       bool      // the small-number rule is applied
	// Classification is the first-page line saying whether the report is
	// internal or public.
	Classification string
	KeyFigures     []KeyFigure
	Sections       []Section
	// Run says how the report was made (for "Om kjøringen"); nil when the
	// results did not come from a run (tests).
	Run *results.RunInfo
}

// KeyFigure is one of the large numbers of Sammendrag and of the slides.
type KeyFigure struct {
	ID       string // stable id, e.g. "familier"
	Value    string // formatted, e.g. "40"
	Label    string // short label, e.g. "familier har kjøpt egen bolig"
	Sentence string // one sentence of explanation
	Source   string // where the figure comes from
	// JSONPath is the figure's id in the catalogue of figures, its place in
	// resultater.json ("families.bought", "societal.scenarios[1].savings"),
	// so tests can check every key figure against it.
	JSONPath string
	// Unit says how Value was formatted from the figure at JSONPath:
	// UnitCount with Int, UnitShare with Percent, UnitKroner with KronerShort.
	Unit Unit
}

// Section is a chapter of the report. ID is a stable anchor ("boligstabilitet").
type Section struct {
	ID     string
	Title  string
	Blocks []Block
}

// Block is one piece of a section; exactly one field is set.
type Block struct {
	Markdown string // prose, with every number already filled in
	Table    *Table
	Chart    *Chart
	Quote    *Quote
	// KeyFigures marks where the document's key figures are shown (in
	// Sammendrag).
	KeyFigures bool
}

// Quote is a family's own words.
type Quote struct {
	Text string
	Who  string
}

// Table is a table of formatted cells. Numeric columns are right-aligned.
type Table struct {
	Caption string
	Header  []string
	Numeric []bool // per column
	Rows    [][]string
	Source  string
}

// ChartKind is how a chart is drawn.
type ChartKind int

const (
	BarChart ChartKind = iota
	StackedBarChart
	LineChart
	StepChart // a step line, for the retention curve
	// DivergingBarChart is a horizontal stacked bar per category with the
	// first half of the series to the left of zero (survey answers).
	DivergingBarChart
)

// Unit says how a chart's values are formatted on axes and in tooltips.
type Unit int

const (
	UnitCount Unit = iota
	UnitKroner
	UnitShare
)

// Chart is the data of one chart, drawn by each renderer in its own way.
type Chart struct {
	ID         string // fixed id, e.g. "kjop-per-ar", so output is byte-stable
	Kind       ChartKind
	Title      string
	XName      string
	YName      string
	Unit       Unit
	Categories []string // x axis (or y axis for diverging bars)
	// XValues, when set, are the x positions of the points on a numeric x
	// axis (StepChart: years since purchase); Categories then hold the
	// same values formatted, for tables and descriptions.
	XValues []decimal.Decimal
	Series  []Series
	// Description is a sentence generated from the data for screen readers.
	Description string
	Source      string
	// Table is the same data as a table, shown under the chart.
	Table *Table
}

// Series is one named row of values, one per category. Color is a hex
// colour ("#1f4e79") from Palette.
type Series struct {
	Name   string
	Color  string
	Values []decimal.Decimal
	// Defined, when not nil, marks which Values exist; a false entry is a
	// gap (no data for that category), not a zero.
	Defined []bool
}

// value returns the series' value for category i (zero when missing or
// not defined).
func (s Series) value(i int) decimal.Decimal {
	if s.defined(i) {
		return s.Values[i]
	}
	return decimal.Zero
}

// defined reports whether the series has a value for category i; a gap is
// drawn as nothing, never as zero.
func (s Series) defined(i int) bool {
	if i >= len(s.Values) {
		return false
	}
	return s.Defined == nil || (i < len(s.Defined) && s.Defined[i])
}

// Palette holds the report's colours: dark enough for WCAG AA contrast
// against white, and distinguishable in greyscale print by lightness.
var Palette = []string{"#1f4e79", "#c55a11", "#548235", "#7030a0", "#7f6000", "#404040"}
