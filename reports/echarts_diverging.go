package reports

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// divergingOption is the ECharts option of a DivergingBarChart: one
// horizontal stacked bar per category (a survey statement, read top to
// bottom in sheet order), the first half of the series drawn to the left of
// zero as negative values and the rest to the right. The page's formatters
// show the left side without its minus sign.
func divergingOption(ch *Chart, global []charts.GlobalOpts) map[string]any {
	bar := charts.NewBar()
	bar.SetGlobalOptions(global...)
	bar.SetXAxis(ch.Categories)
	bar.XYReversal()
	half := len(ch.Series) / 2
	for k, s := range ch.Series {
		data := make([]opts.BarData, len(s.Values))
		for j := range s.Values {
			v := chartValue(s, j, ch.Unit)
			if f, ok := v.(float64); ok && k < half && f != 0 {
				v = -f
			}
			data[j] = opts.BarData{Value: v}
		}
		bar.AddSeries(s.Name, data,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: s.Color}),
			charts.WithBarChartOpts(opts.BarChart{Stack: "svar"}))
	}
	bar.Validate()
	obj := bar.JSON()
	label := map[string]any{"color": "#1a1a1a"}
	obj["xAxis"] = []map[string]any{{"type": "value", "name": ch.XName, "nameLocation": "middle", "nameGap": 28, "axisLabel": label}}
	obj["yAxis"] = []map[string]any{{"type": "category", "data": ch.Categories, "inverse": true,
		"axisLabel": map[string]any{"color": "#1a1a1a", "width": 240, "overflow": "break"}}}
	obj["tooltip"] = map[string]any{"show": true, "trigger": "axis", "axisPointer": map[string]any{"type": "shadow"}}
	obj["bobraDiverging"] = true
	return obj
}
