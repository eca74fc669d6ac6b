package reports

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"bobra/data"
	"bobra/internal/editdist"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// The report texts reach the results by Norwegian names only: every key is
// the JSON key of resultater.json in Norwegian (results.NorwegianKey), the
// same names the catalogue of figures gives its figures. A figure is
// {{ figur "familier.kjøpt" }} or {{ .familier.kjøpt }}; a group of figures
// or a list is reached the same way ({{ with .stabilitet.alle }},
// {{ range .stabilitet.i_eie }}, {{ with figur "stabilitet.del.1" }}), and
// so is a text ({{ .leie.region }}). Go field names are not names the
// texts can use: a project lead should not need to read Go, and one name
// per figure is what keeps the texts, the catalogue and resultater.json
// speaking of the same thing.

// Keys the texts have besides the results' own.
const (
	keySurveyRounds = "undersøkelsesrunder" // the survey by round, oldest first
	keyWarnings     = "merknader"           // the data-quality summary
)

// Keys of the results the texts do not get: rows about single homes and
// the full list of warnings are for tables and the workbook, not prose.
var hiddenFromTexts = map[string]bool{"homes": true, "warnings": true}

// hidden reports whether a field of t is one the texts do not get.
func hidden(t reflect.Type, key string) bool {
	return t == reflect.TypeFor[results.Results]() && hiddenFromTexts[key]
}

// valueTypes are the leaves of the tree: what the formatters take.
var valueTypes = map[reflect.Type]bool{
	reflect.TypeFor[results.Count]():   true,
	reflect.TypeFor[results.Money]():   true,
	reflect.TypeFor[results.Share]():   true,
	reflect.TypeFor[results.Persons](): true,
	reflect.TypeFor[results.Number]():  true,
	reflect.TypeFor[data.Date]():       true,
	reflect.TypeFor[decimal.Decimal](): true,
}

// textData is the tree of Norwegian names the texts are run on.
func textData(res *results.Results) map[string]any {
	m := structTree(reflect.ValueOf(res).Elem())
	m[keySurveyRounds] = surveyRoundsTree(res)
	m[keyWarnings] = warningSummaryTree(res.Warnings)
	return m
}

// jsonKey is a field's key in resultater.json, or "" for one it does not
// have.
func jsonKey(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

// structTree is a struct as a map from Norwegian keys to its fields'
// trees.
func structTree(v reflect.Value) map[string]any {
	t := v.Type()
	m := make(map[string]any, t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		key := jsonKey(f)
		if key == "" || hidden(t, key) {
			continue
		}
		name := results.NorwegianKey(key)
		if _, dup := m[name]; dup {
			panic("reports: two keys of " + t.Name() + " have the Norwegian name " + name)
		}
		m[name] = tree(v.Field(i))
	}
	return m
}

// tree is a value as the texts see it: value types and plain values as
// they are (a nil *Share stays a nil *Share, so the formatters write "–"),
// structs as maps, lists as lists of trees, a nil struct pointer as nil.
func tree(v reflect.Value) any {
	t := v.Type()
	if valueTypes[t] || t.Kind() == reflect.Pointer && valueTypes[t.Elem()] {
		return v.Interface()
	}
	if t == reflect.TypeFor[results.ScaleCounts]() {
		// Survey answers by their step's name, as in resultater.json.
		sc := v.Interface().(results.ScaleCounts)
		m := make(map[string]any, len(sc))
		for j, c := range sc {
			m[results.ScaleLabel(j)] = c
		}
		return m
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return tree(v.Elem())
	case reflect.Struct:
		return structTree(v)
	case reflect.Slice:
		if t.Elem().Kind() != reflect.Struct {
			return v.Interface()
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = tree(v.Index(i))
		}
		return out
	}
	return v.Interface()
}

// surveyRoundsTree is the survey by round: each round's year and its
// statements, each with the round it is compared with (0 for none).
func surveyRoundsTree(res *results.Results) []any {
	var out []any
	for _, r := range surveyRounds(res) {
		items := make([]any, len(r.Items))
		for i, line := range r.Items {
			m := structTree(reflect.ValueOf(line.SurveyItem))
			m["forrige_runde"] = line.PrevRound
			items[i] = m
		}
		out = append(out, map[string]any{"runde": r.Round, "påstander": items})
	}
	return out
}

// warningSummaryTree is what the data-quality section says about the
// warnings (see WarningSummary).
func warningSummaryTree(ws []results.Warning) map[string]any {
	s := summarizeWarnings(ws)
	return map[string]any{
		"finnes":   len(ws) > 0,
		"i_alt":    s.Total,
		"telt":     s.Counted,
		"per_type": s.PerKind,
		"listet":   s.Listed,
		"flere":    s.More,
	}
}

// lookupName finds a name ("stabilitet.del.1", "undersøkelse[2].svarte")
// in the tree.
func lookupName(root map[string]any, name string) (any, bool) {
	var cur any = root
	for _, part := range strings.Split(name, ".") {
		key, rest, indexed := strings.Cut(part, "[")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[key]; !ok {
			return nil, false
		}
		for indexed {
			var idx string
			idx, rest, _ = strings.Cut(rest, "]")
			i, err := strconv.Atoi(idx)
			list, ok := cur.([]any)
			if err != nil || !ok || i < 0 || i >= len(list) {
				return nil, false
			}
			cur = list[i]
			_, rest, indexed = strings.Cut(rest, "[")
		}
	}
	return cur, true
}

// textName is one name the texts can use, with the Go field path it
// stands for, for the "mente du …?" of an old template.
type textName struct {
	goPath string // ".Families.BoughtByPhase.P1"
	name   string // "familier.kjøpt_del.1"
	kind   string // what it is, in Norwegian, for FIGURER.md
}

// kindOf says in Norwegian what a value of type t is in the texts.
func kindOf(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[data.Date]():
		return "dato"
	case t == reflect.TypeFor[results.Money]():
		return "beløp"
	case t == reflect.TypeFor[results.Share]():
		return "andel"
	case t == reflect.TypeFor[results.Count]():
		return "antall"
	case valueTypes[t]:
		return "tall"
	case t == reflect.TypeFor[results.ScaleCounts]():
		return "antall per svar"
	case t.Kind() == reflect.Slice:
		return "liste"
	case t.Kind() == reflect.Struct:
		return "gruppe"
	case t.Kind() == reflect.String:
		return "tekst"
	case t.Kind() == reflect.Bool:
		return "sann/usann"
	}
	return "heltall"
}

// textNames lists every name of the tree's shape, from the types (so
// optional parts, absent in one evaluation, are listed too); an entry of
// a list is written [i].
func textNames() []textName {
	var out []textName
	var walk func(t reflect.Type, goPath, name string, depth int)
	walk = func(t reflect.Type, goPath, name string, depth int) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || valueTypes[t] || depth > 6 {
			return
		}
		for i := range t.NumField() {
			f := t.Field(i)
			key := jsonKey(f)
			if key == "" || hidden(t, key) {
				continue
			}
			g, n := goPath+"."+f.Name, results.NorwegianKey(key)
			if name != "" {
				n = name + "." + n
			}
			out = append(out, textName{g, n, kindOf(f.Type)})
			if kindOf(f.Type) == "liste" {
				n += "[i]" // an entry of the list
			}
			walk(f.Type, g, n, depth+1)
		}
	}
	walk(reflect.TypeFor[results.Results](), "", "", 0)
	out = append(out,
		textName{".SurveyRounds", keySurveyRounds, "liste"}, textName{".SurveyRounds.Round", keySurveyRounds + "[i].runde", "heltall"},
		textName{".SurveyRounds.Items", keySurveyRounds + "[i].påstander", "liste"})
	for _, f := range reflect.VisibleFields(reflect.TypeFor[results.SurveyItem]()) {
		if key := jsonKey(f); key != "" {
			out = append(out, textName{".SurveyRounds.Items." + f.Name, keySurveyRounds + "[i].påstander[i]." + results.NorwegianKey(key), kindOf(f.Type)})
		}
	}
	out = append(out,
		textName{".SurveyRounds.Items.PrevRound", keySurveyRounds + "[i].påstander[i].forrige_runde", "heltall"},
		textName{".WarningSummary", keyWarnings, "gruppe"}, textName{".Warnings", keyWarnings + ".finnes", "sann/usann"},
		textName{".WarningSummary.Total", keyWarnings + ".i_alt", "heltall"}, textName{".WarningSummary.Counted", keyWarnings + ".telt", "sann/usann"},
		textName{".WarningSummary.PerKind", keyWarnings + ".per_type", "heltall"}, textName{".WarningSummary.Listed", keyWarnings + ".listet", "heltall"},
		textName{".WarningSummary.More", keyWarnings + ".flere", "heltall"})
	return out
}

// suggestName returns the placeholder a template should write for an
// unknown one: the Norwegian name of a Go field path from before
// (".Families.Bought" → ".familier.kjøpt", ".Stability.ByPhase.P1" →
// `figur "stabilitet.del.1"`), or the nearest name to a mistyped one; ""
// when nothing is near.
func suggestName(unknown string) string {
	unknown = strings.TrimSpace(strings.Fields(unknown + " ")[0])
	if strings.HasPrefix(unknown, "$") {
		unknown = strings.TrimLeft(unknown, "$")
		if unknown != "" && unknown[0] != '.' {
			return "" // a variable's own name
		}
	}
	if !strings.HasPrefix(unknown, ".") {
		return ""
	}
	names := textNames()
	// A Go field path, whole or (inside {{ with }}) its last fields.
	segs := strings.Count(unknown, ".")
	var suffixes []string
	for _, n := range names {
		if n.goPath == unknown && !strings.Contains(n.name, "[i]") {
			return placeholder(n.name)
		}
		if strings.HasSuffix(n.goPath, unknown) {
			parts := strings.Split(strings.ReplaceAll(n.name, "[i]", ""), ".")
			suffixes = append(suffixes, strings.Join(parts[len(parts)-segs:], "."))
		}
	}
	if len(suffixes) > 0 {
		sort.Strings(suffixes)
		return placeholder(suffixes[0])
	}
	// A Go field path or a Norwegian name with a typo, whole or relative.
	best, bestD := "", -1
	target := strings.ToLower(strings.TrimPrefix(unknown, "."))
	for _, n := range names {
		parts := strings.Split(strings.ReplaceAll(n.name, "[i]", ""), ".")
		goParts := strings.Split(strings.TrimPrefix(n.goPath, "."), ".")
		for k := range parts {
			cand := strings.Join(parts[k:], ".")
			if d := editdist.Distance(target, cand); bestD < 0 || d < bestD {
				best, bestD = cand, d
			}
			if len(goParts) == len(parts) {
				if d := editdist.Distance(target, strings.ToLower(strings.Join(goParts[k:], "."))); d < bestD {
					best, bestD = cand, d
				}
			}
		}
	}
	if bestD < 0 || bestD > len([]rune(target))/3 {
		return ""
	}
	return placeholder(best)
}

// placeholder writes a name as a template would use it: a field path when
// every key is an identifier, else through figur.
func placeholder(name string) string {
	for _, part := range strings.Split(name, ".") {
		for i, r := range part {
			if !(r == '_' || unicode.IsLetter(r) || i > 0 && unicode.IsDigit(r)) {
				return fmt.Sprintf("figur %q", name)
			}
		}
	}
	return "." + name
}
