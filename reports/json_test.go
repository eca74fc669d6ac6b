package reports

import (
	"bytes"
	"encoding/json"
	"testing"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"
)

func TestJSONGolden(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		asOf   data.Date
		golden string
	}{
		{data.SampleEvaluationDate, "resultater-2021-09-30.json"},
		{data.SampleFollowUpDate, "resultater-2024-09-30.json"},
	} {
		res := compute.Compute(data.Sample(), tt.asOf)
		var buf bytes.Buffer
		if err := (JSON{}).Render(&buf, res); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, tt.golden, buf.Bytes())
	}
}

func TestJSONContract(t *testing.T) {
	t.Parallel()
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	var buf bytes.Buffer
	if err := (JSON{}).Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	if !bytes.HasSuffix(out, []byte("}\n")) || !bytes.HasPrefix(out, []byte("{\n  \"schema\": ")) {
		t.Errorf("not two-space indented JSON with a final newline: %.40q … %q", out, out[len(out)-3:])
	}
	// The keys the README documents for resultater.json, and their formats.
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	get := func(path ...string) any {
		var v any = doc
		for _, p := range path {
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("%v: not an object at %s", path, p)
			}
			v = m[p]
		}
		return v
	}
	for _, tt := range []struct {
		path []string
		want any
	}{
		{[]string{"as_of"}, "2021-09-30"},
		{[]string{"programme"}, "Barn bor bra i Bærum"},
		{[]string{"municipality"}, "Bærum kommune"},
		{[]string{"families", "enrolled"}, 43.0},
		{[]string{"families", "bought"}, 40.0},
		{[]string{"families", "bought_by_phase", "1"}, 13.0},
		{[]string{"families", "single_parent_share"}, "0.5526"},
		{[]string{"children", "total"}, 97.0},
		{[]string{"children", "by_age", "18+"}, 4.0},
		{[]string{"stability", "by_phase", "1", "rate"}, "0.7692"},
		{[]string{"appreciation", "valued"}, 12.0},
		{[]string{"rent", "homes"}, 40.0},
		{[]string{"societal", "children"}, 97.0},
		{[]string{"societal", "cost_per_person"}, "16400000"},
		{[]string{"work", "in_work", "baseline"}, "0.3889"},
	} {
		if got := get(tt.path...); got != tt.want {
			t.Errorf("%v = %#v, want %#v", tt.path, got, tt.want)
		}
	}
	for _, key := range []string{"retention", "all", "by_phase"} {
		if get("stability", key) == nil {
			t.Errorf("stability.%s missing", key)
		}
	}
	for _, key := range []string{"increase_month_total", "increase_year_total", "rent_not_paid_total", "net_saving_total"} {
		if _, ok := get("rent", key).(string); !ok {
			t.Errorf("rent.%s is not a money string", key)
		}
	}
	for _, key := range []string{"context", "homes", "warnings"} {
		if _, ok := get(key).([]any); !ok {
			t.Errorf("%s is not a list", key)
		}
	}

	// Read back, it is the same results.
	var back results.Results
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := (JSON{}).Render(&again, &back); err != nil {
		t.Fatal(err)
	}
	if again.String() != buf.String() {
		t.Error("resultater.json read back and written again differs")
	}
}

func TestJSONEscapesHTML(t *testing.T) {
	t.Parallel()
	res := compute.Compute(&data.Dataset{Assumptions: data.Assumptions{Programme: "</script><script>alert(1)</script>"}},
		data.SampleEvaluationDate)
	var buf bytes.Buffer
	if err := (JSON{}).Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("<")) {
		t.Errorf("JSON holds a raw <: %s", buf.String())
	}
}
