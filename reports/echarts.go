package reports

import (
	"embed"
	"encoding/json"
	"errors"

	"bobra/internal/fastdec"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// assets holds reports/assets/: a README, and the ECharts script that `make
// assets` fetches (pinned and checksum-verified) into assets/echarts/.
// The folder is embedded whole so that the package still compiles before
// the script is fetched; the HTML renderer then reports it missing.
//
//go:embed assets
var assets embed.FS

// EChartsVersion is the version `make assets` fetches.
const EChartsVersion = "5.6.0"

// errNoECharts is returned when the binary was built without `make assets`.
var errNoECharts = errors.New("ECharts-skriptet mangler i denne bygningen av bobra, så rapport.html kan ikke lages; bygg med «make build» (som henter det med «make assets»)")

// EChartsScript returns the embedded echarts.min.js.
func EChartsScript() (string, error) {
	b, err := assets.ReadFile("assets/echarts/echarts.min.js")
	if err != nil || len(b) == 0 {
		return "", errNoECharts
	}
	return string(b), nil
}

// unitNames are the data-unit attribute values the page's script formats
// axes and tooltips by (see templates/diagram.js).
var unitNames = map[Unit]string{UnitCount: "antall", UnitKroner: "kroner", UnitShare: "andel"}

// echartsOption returns the ECharts option of a chart as JSON. The
// options are built with go-echarts and marshalled with encoding/json's
// HTML escaping on (go-echarts' own rendering turns it off), so text from a
// spreadsheet, such as a FamilieID, cannot end the page's markup. The
// Norwegian number formatters are attached by the page's script, since
// JSON cannot carry functions.
func echartsOption(ch *Chart) (string, error) {
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: "diagram-" + ch.ID}),
		charts.WithAnimation(false),
		charts.WithTitleOpts(opts.Title{Title: ch.Title, Left: "center",
			TitleStyle: &opts.TextStyle{FontSize: 15, Color: "#1a1a1a"}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(ch.Series) > 1), Bottom: "0",
			TextStyle: &opts.TextStyle{Color: "#1a1a1a"}}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(true), Right: "0", Top: "0",
			Feature: &opts.ToolBoxFeature{SaveAsImage: &opts.ToolBoxFeatureSaveAsImage{
				Show: opts.Bool(true), Type: "png", Name: ch.ID, Title: "Lagre som bilde"}}}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: "24", Top: "56", Bottom: gridBottom(ch)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true),
			Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: ch.Description},
			Decal: &opts.AriaDecal{Show: opts.Bool(len(ch.Series) > 1)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: ch.YName, NameLocation: "end",
			Max: shareMax(ch), AxisLabel: &opts.AxisLabel{Color: "#1a1a1a"}}),
	}
	xAxis := opts.XAxis{Type: "category", Name: ch.XName, NameLocation: "middle", NameGap: 28,
		AxisLabel: &opts.AxisLabel{Color: "#1a1a1a"}}
	var obj map[string]any
	switch ch.Kind {
	case DivergingBarChart:
		obj = divergingOption(ch, global)
	case LineChart, StepChart:
		line := charts.NewLine()
		if ch.Kind == StepChart {
			xAxis.Type, xAxis.Min = "value", 0
		} else {
			line.SetXAxis(ch.Categories)
		}
		line.SetGlobalOptions(append(global, charts.WithXAxisOpts(xAxis))...)
		for i, s := range ch.Series {
			data := make([]opts.LineData, len(s.Values))
			for j := range s.Values {
				v := chartValue(s, j, ch.Unit)
				if ch.Kind == StepChart {
					v = []any{fastdec.RoundedFloat64(ch.XValues[j], 4), v}
				}
				data[j] = opts.LineData{Value: v}
			}
			lo := opts.LineChart{ShowSymbol: opts.Bool(true), Symbol: symbols[i%len(symbols)], SymbolSize: 7}
			if ch.Kind == StepChart {
				lo.Step = "end"
			}
			line.AddSeries(s.Name, data,
				charts.WithLineChartOpts(lo),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}),
				charts.WithLineStyleOpts(opts.LineStyle{Color: s.Color, Width: 2.5, Type: lineTypes[i%len(lineTypes)]}))
		}
		line.Validate()
		obj = line.JSON()
	default:
		bar := charts.NewBar()
		bar.SetGlobalOptions(append(global, charts.WithXAxisOpts(xAxis))...)
		bar.SetXAxis(ch.Categories)
		for _, s := range ch.Series {
			data := make([]opts.BarData, len(s.Values))
			for j := range s.Values {
				data[j] = opts.BarData{Value: chartValue(s, j, ch.Unit)}
			}
			so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color})}
			if ch.Kind == StackedBarChart {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "sum"}))
			}
			bar.AddSeries(s.Name, data, so...)
		}
		bar.Validate()
		obj = bar.JSON()
	}
	obj["color"] = Palette
	obj["textStyle"] = map[string]any{"fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"}
	// go-echarts has no field for an axis name's alignment; the option is
	// patched as plain JSON. A value axis' name starts at the axis and runs
	// right, so a long name is not cut off at the chart's left edge.
	b, err := json.Marshal(obj)
	if err != nil {
		return "", err
	}
	var plain map[string]any
	if err := json.Unmarshal(b, &plain); err != nil {
		return "", err
	}
	if axes, ok := plain["yAxis"].([]any); ok {
		for _, a := range axes {
			if ax, ok := a.(map[string]any); ok && ax["type"] == "value" {
				ax["nameTextStyle"] = map[string]any{"align": "left", "color": "#1a1a1a"}
			}
		}
	}
	b, err = json.Marshal(plain) // sorted keys, HTML-escaped
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Line styles and symbols that tell series apart without colour.
var (
	symbols   = []string{"circle", "rect", "triangle", "diamond", "roundRect", "pin"}
	lineTypes = []string{"solid", "dashed", "dotted", "solid", "dashed", "dotted"}
)

// chartValue is a value as ECharts gets it: a number rounded as the
// formatters round it, or "-" for a gap.
func chartValue(s Series, i int, u Unit) any {
	if !s.defined(i) {
		return "-"
	}
	places := int32(2)
	switch u {
	case UnitKroner:
		places = 0
	case UnitShare:
		places = 4
	}
	return fastdec.RoundedFloat64(s.Values[i], places)
}

// shareMax keeps share axes at 0–100 %.
func shareMax(ch *Chart) any {
	if ch.Unit == UnitShare {
		return 1
	}
	return nil
}

func gridBottom(ch *Chart) string {
	if len(ch.Series) > 1 {
		return "56"
	}
	return "36"
}
