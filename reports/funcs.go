package reports

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"bobra/data"
	"bobra/internal/editdist"
	"bobra/internal/norfmt"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// execContext is what the template functions need besides their argument:
// the results (for scenario and forutsetning) and the section's blocks
// (for vis).
type execContext struct {
	res    *results.Results
	tree   map[string]any     // res by Norwegian names (textData)
	cat    *results.Catalogue // of res: the document's, else made on first use by figur
	blocks []namedBlock
	// plain is set for text that is not Markdown (the key figures' labels
	// and sentences), so text values are written as they are; each
	// renderer escapes them for its own output.
	plain bool
}

// proseFuncs are the functions the Markdown templates may call. The names
// are Norwegian because project leads write them; README lists them all.
func proseFuncs(ctx *execContext) template.FuncMap {
	return template.FuncMap{
		"esc":     ctx.esc,
		"heltall": safe(ctx.integer),
		"tall":    safe(ctx.number),
		"desimaler": func(places int, v any) (formatted, error) {
			s, err := ctx.decimals(places, v)
			return formatted(s), err
		},
		"kroner":         safe(ctx.kroner),
		"kronerkort":     safe(ctx.kronerShort),
		"prosent":        safe(ctx.percent),
		"personer":       safe(ctx.persons),
		"endring":        safe(ctx.change),
		"endringprosent": safe(ctx.changePercent),
		"prosentpoeng":   safe(ctx.percentPoints),
		"dato":           func(d data.Date) formatted { return formatted(d.Norwegian()) },
		"datolang":       func(d data.Date) formatted { return formatted(d.NorwegianLong()) },
		"aar":            safe(ctx.year),
		"flertall": func(v any, one, many string) (formatted, error) {
			s, err := ctx.plural(v, one, many)
			return formatted(s), err
		},
		"sum":          sumCounts,
		"antall":       length,
		"definert":     defined,
		"forste":       func(s []any) (formatted, error) { y, err := seriesYear(s, 0); return formatted(y), err },
		"siste":        func(s []any) (formatted, error) { y, err := seriesYear(s, len(s)-1); return formatted(y), err },
		"over":         over,
		"scenario":     ctx.scenario,
		"forutsetning": ctx.assumption,
		"vis":          ctx.show,
		"prikkegrense": func() formatted { return formatted(strconv.Itoa(smallCount(ctx.res))) },
		"figur":        ctx.figure,
	}
}

// formatted is a figure written by one of the formatters: digits, signs
// and units only, so it needs no escaping.
type formatted string

func safe(f func(any) (string, error)) func(any) (formatted, error) {
	return func(v any) (formatted, error) {
		s, err := f(v)
		return formatted(s), err
	}
}

// figure is a value from Results reduced to an exact number.
type figure struct {
	d         decimal.Decimal
	kind      string // "antall", "beløp", "andel", "personer", "tall"
	hidden    bool
	small     bool // a hidden count below the threshold ("færre enn N")
	undefined bool
}

func toFigure(v any) (figure, error) {
	switch x := v.(type) {
	case nil:
		return figure{undefined: true}, nil
	case results.Count:
		return figure{d: decimal.NewFromInt(int64(x.N)), kind: "antall", hidden: x.Hidden, small: x.Small}, nil
	case *results.Count:
		return derefFigure(x, "antall")
	case results.Money:
		return figure{d: x.V, kind: "beløp", hidden: x.Hidden}, nil
	case *results.Money:
		return derefFigure(x, "beløp")
	case results.Share:
		return figure{d: x.V, kind: "andel", hidden: x.Hidden}, nil
	case *results.Share:
		return derefFigure(x, "andel")
	case results.Persons:
		return figure{d: x.V, kind: "personer", hidden: x.Hidden}, nil
	case *results.Persons:
		return derefFigure(x, "personer")
	case results.Number:
		return figure{d: x.V, kind: "tall", hidden: x.Hidden}, nil
	case *results.Number:
		return derefFigure(x, "tall")
	case decimal.Decimal:
		return figure{d: x, kind: "tall"}, nil
	case int:
		return figure{d: decimal.NewFromInt(int64(x)), kind: "antall"}, nil
	}
	return figure{}, fmt.Errorf("verdien er ikke et tall (%T)", v)
}

// derefFigure is the figure *p, or an undefined figure of the given kind
// when p is nil.
func derefFigure[T any](p *T, kind string) (figure, error) {
	if p == nil {
		return figure{undefined: true, kind: kind}, nil
	}
	return toFigure(*p)
}

// format applies f to v, or writes what stands in for a missing figure.
func (ctx *execContext) format(v any, kinds string, f func(decimal.Decimal) string) (string, error) {
	fig, err := toFigure(v)
	if err != nil {
		return "", err
	}
	if fig.kind != "" && !strings.Contains(kinds, fig.kind) {
		return "", fmt.Errorf("formatet passer ikke for et %s", fig.kind)
	}
	if fig.undefined {
		return Undefined, nil
	}
	if text, ok := withheldCount(fig.hidden, fig.small, ctx.res); ok {
		return text, nil
	}
	return f(fig.d), nil
}

func (ctx *execContext) integer(v any) (string, error) {
	return ctx.format(v, "antall tall", func(d decimal.Decimal) string { return norfmt.Number(d, 0) })
}

// number writes a quantity with as many decimals as it needs, at most two
// (1 → "1", 1.3908 → "1,39"); persons always with two.
func (ctx *execContext) number(v any) (string, error) {
	fig, _ := toFigure(v)
	return ctx.format(v, "antall tall personer", func(d decimal.Decimal) string {
		if fig.kind == "personer" {
			return norfmt.Number(d, 2)
		}
		return norfmt.NumberTrim(d, 2)
	})
}

func (ctx *execContext) decimals(places int, v any) (string, error) {
	return ctx.format(v, "antall tall personer andel beløp", func(d decimal.Decimal) string { return norfmt.Number(d, int32(places)) })
}

func (ctx *execContext) kroner(v any) (string, error) {
	return ctx.format(v, "beløp", norfmt.Kroner)
}

func (ctx *execContext) kronerShort(v any) (string, error) {
	return ctx.format(v, "beløp", norfmt.KronerShort)
}

func (ctx *execContext) percent(v any) (string, error) {
	return ctx.format(v, "andel", norfmt.Percent)
}

func (ctx *execContext) persons(v any) (string, error) {
	return ctx.format(v, "personer tall", func(d decimal.Decimal) string { return norfmt.Number(d, 2) })
}

func (ctx *execContext) change(v any) (string, error) {
	return ctx.format(v, "antall tall beløp personer", func(d decimal.Decimal) string { return norfmt.Signed(d, norfmt.NumberTrim(d, 2)) })
}

func (ctx *execContext) changePercent(v any) (string, error) {
	return ctx.format(v, "andel", func(d decimal.Decimal) string { return norfmt.Signed(d, norfmt.Percent(d)) })
}

// percentPoints writes a change in a share in percentage points.
func (ctx *execContext) percentPoints(v any) (string, error) {
	return ctx.format(v, "andel", norfmt.PercentPoints)
}

// year writes a calendar year without a thousands separator.
func (ctx *execContext) year(v any) (string, error) {
	switch y := v.(type) {
	case data.Date:
		return strconv.Itoa(y.Year), nil
	case int:
		if y == 0 {
			return Undefined, nil
		}
		return strconv.Itoa(y), nil
	}
	return "", fmt.Errorf("aar passer bare for årstall og datoer, ikke %T", v)
}

// plural writes a count with the singular or plural noun: "1 familie",
// "40 familier", "færre enn 3 familier".
func (ctx *execContext) plural(v any, one, many string) (string, error) {
	s, err := ctx.integer(v)
	if err != nil {
		return "", err
	}
	fig, _ := toFigure(v)
	if !fig.hidden && !fig.undefined && fig.d.Equal(decimal.NewFromInt(1)) {
		return s + norfmt.NBSP + one, nil
	}
	return s + norfmt.NBSP + many, nil
}

// sumCounts adds counts; the sum is hidden when a part is.
func sumCounts(a, b results.Count) results.Count {
	return results.Count{N: a.N + b.N, Hidden: a.Hidden || b.Hidden}
}

func length(v any) (int, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.String:
		return rv.Len(), nil
	}
	return 0, fmt.Errorf("antall passer bare for lister")
}

// defined says whether a figure has a value that may be shown.
func defined(v any) bool {
	fig, err := toFigure(v)
	return err == nil && !fig.undefined && !fig.hidden
}

// seriesYear is the year of point i of a series ({{ forste .serie }}),
// or Undefined for an empty one.
func seriesYear(s []any, i int) (string, error) {
	if len(s) == 0 {
		return Undefined, nil
	}
	if m, ok := s[i].(map[string]any); ok {
		if y, ok := m["år"].(int); ok {
			return strconv.Itoa(y), nil
		}
	}
	return "", errors.New("forste og siste passer bare for en serie med år")
}

// over reports whether a count is more than n ({{ if over .ukjent 0 }}),
// hidden or not: whether to write a sentence is not a figure.
func over(v, n any) (bool, error) {
	a, err := countOf(v)
	if err != nil {
		return false, err
	}
	b, err := countOf(n)
	if err != nil {
		return false, err
	}
	return a > b, nil
}

func countOf(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case results.Count:
		return x.N, nil
	}
	return 0, fmt.Errorf("over passer bare for antall, ikke %T", v)
}

// scenario is a scenario of the societal savings by name, as the texts
// see it ({{ with scenario "basis" }}{{ .gevinst | kroner }}{{ end }}).
func (ctx *execContext) scenario(name string) (map[string]any, error) {
	list, _ := lookupName(ctx.tree, "samfunn.scenarioer")
	items, _ := list.([]any)
	names := make([]string, 0, len(items))
	for _, it := range items {
		m, _ := it.(map[string]any)
		if m["navn"] == name {
			return m, nil
		}
		n, _ := m["navn"].(string)
		names = append(names, n)
	}
	return nil, fmt.Errorf("scenarioet «%s» finnes ikke (finnes: %s)", name, strings.Join(names, ", "))
}

// assumption returns an assumption's value as used, formatted.
func (ctx *execContext) assumption(name string) (string, error) {
	for _, a := range ctx.res.Assumptions {
		if a.Name == name {
			return FormatAssumption(a), nil
		}
	}
	return "", fmt.Errorf("forutsetningen «%s» finnes ikke", name)
}

func (ctx *execContext) show(id string) (blockMarker, error) {
	ids := make([]string, 0, len(ctx.blocks))
	for _, b := range ctx.blocks {
		if b.ID == id {
			return blockMarker(markerStart + id + markerEnd), nil
		}
		ids = append(ids, b.ID)
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		return "", fmt.Errorf("dette kapitlet har ingen figurer eller tabeller, så «%s» finnes ikke", id)
	}
	return "", fmt.Errorf("figuren eller tabellen «%s» finnes ikke i dette kapitlet (finnes: %s)", id, strings.Join(ids, ", "))
}

// esc is appended to every placeholder (see escapeActions): markers pass,
// figures get their default format, and text is escaped for Markdown.
func (ctx *execContext) esc(v any) (string, error) {
	switch x := v.(type) {
	case blockMarker:
		return string(x), nil
	case formatted:
		return string(x), nil
	case string:
		if ctx.plain {
			return x, nil
		}
		return EscapeMarkdown(x), nil
	case int:
		return strconv.Itoa(x), nil
	case data.Date:
		return x.Norwegian(), nil
	case bool:
		return "", errors.New("en sann/usann-verdi kan ikke skrives i teksten; bruk {{ if ... }}")
	case results.Money, *results.Money:
		return ctx.kroner(x)
	case results.Share, *results.Share:
		return ctx.percent(x)
	case results.Persons, *results.Persons:
		return ctx.persons(x)
	case results.Count, *results.Count, results.Number, *results.Number, decimal.Decimal:
		return ctx.number(x)
	case nil:
		return Undefined, nil
	}
	return "", fmt.Errorf("en verdi av typen %T kan ikke skrives i teksten", v)
}

// EscapeMarkdown makes text from a spreadsheet literal in Markdown: every
// character that could start markup or HTML is backslash-escaped, and line
// breaks become spaces so a value cannot start a new block.
func EscapeMarkdown(s string) string {
	var b strings.Builder
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '&', '#', '|', '~', '!', '{', '}', '"':
			b.WriteByte('\\')
		case '-', '+', '=':
			if i == 0 {
				b.WriteByte('\\')
			}
		case '.', ')':
			if i > 0 && strings.Trim(s[:i], "0123456789") == "" {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FormatAssumption writes an assumption's value in Norwegian: plain
// decimals as written in Forutsetninger ("0.05", "16400000") become a
// percentage or kroner by what the parameter is, ISO dates become
// "30.09.2021", the list of cost changes ("-0.25, 0, 0.25") becomes
// signed percentages; anything else is shown as given.
func FormatAssumption(a results.Assumption) string {
	v := strings.TrimSpace(a.Value)
	if a.Name == compute.ParamCostChanges {
		var out []string
		for _, part := range strings.Split(v, ",") {
			d, err := decimal.NewFromString(strings.TrimSpace(part))
			if err != nil {
				return v
			}
			out = append(out, norfmt.Signed(d, norfmt.PercentTrim(d)))
		}
		return strings.Join(out, ", ")
	}
	if d, err := decimal.NewFromString(v); err == nil && !strings.ContainsAny(v, "eE") {
		switch data.ParamKind(a.Name) {
		case data.KindShare:
			return norfmt.PercentTrim(d)
		case data.KindMoney:
			return norfmt.Kroner(d)
		}
		return norfmt.NumberTrim(d, 4)
	}
	var date data.Date
	if err := date.UnmarshalText([]byte(v)); err == nil && !date.IsZero() {
		return date.Norwegian()
	}
	return v
}

// figure is {{ figur "familier.kjøpt" }}: a figure by its Norwegian name
// in the catalogue, for the formatters (heltall, kroner, prosent, …), or
// a group, list or text by the same kind of name
// ({{ with figur "stabilitet.del.1" }}, {{ figur "leie.region" }}).
func (ctx *execContext) figure(name string) (any, error) {
	if ctx.res == nil {
		return results.Count{}, nil
	}
	if ctx.cat == nil {
		ctx.cat = results.CatalogueOf(ctx.res)
	}
	if f := ctx.cat.ByName(name); f != nil && !f.Unpublished {
		return f.Raw(), nil
	}
	if ctx.cat.ByName(name) == nil {
		if v, ok := lookupName(ctx.tree, name); ok {
			return v, nil
		}
	}
	guess := ctx.cat.SuggestName(name)
	for _, n := range textNames() {
		if editdist.Distance(name, n.name) < editdist.Distance(name, guess) {
			guess = n.name
		}
	}
	return nil, fmt.Errorf("figuren «%s» finnes ikke; mente du «%s»?", name, guess)
}
