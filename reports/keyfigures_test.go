package reports

import (
	"bobra/internal/norfmt"
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// Helpers for the tests that look every key figure of a report up in
// resultater.json.

// decodedJSON renders res as resultater.json and decodes it.
func decodedJSON(t *testing.T, res *results.Results) any {
	t.Helper()
	var js bytes.Buffer
	if err := (JSON{}).Render(&js, res); err != nil {
		t.Fatal(err)
	}
	var tree any
	if err := json.Unmarshal(js.Bytes(), &tree); err != nil {
		t.Fatal(err)
	}
	return tree
}

// jsonAt follows a dotted path ("societal.scenarios.1.savings"); numeric
// parts index arrays.
func jsonAt(tree any, path string) (any, bool) {
	v := tree
	// A catalogue id writes an index in brackets: "societal.scenarios[1].savings".
	path = strings.NewReplacer("[", ".", "]", "").Replace(path)
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[p]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// formatJSONFigure formats a figure of resultater.json as a key figure of
// unit is formatted (see KeyFigure.Unit); null is a figure with no value.
func formatJSONFigure(t *testing.T, raw any, unit Unit) string {
	t.Helper()
	var d decimal.Decimal
	switch x := raw.(type) {
	case nil:
		return Undefined
	case float64:
		d = decimal.NewFromFloat(x)
	case string:
		d = decimal.RequireFromString(x)
	default:
		t.Fatalf("figure %v is neither a number nor a string", raw)
	}
	switch unit {
	case UnitShare:
		return norfmt.Percent(d)
	case UnitKroner:
		return norfmt.KronerShort(d)
	}
	return norfmt.Number(d, 0)
}
