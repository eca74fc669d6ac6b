package data

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// readToday is the day of the run in the round-trip tests: after every
// date of the sample.
var readToday = NewDate(2025, time.January, 15)

// writeSampleDir writes the sample as `bobra eksempel` does.
func writeSampleDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ds := Sample()
	for _, wb := range SampleWorkbooks() {
		f, err := os.Create(filepath.Join(dir, wb.Name))
		if err != nil {
			t.Fatal(err)
		}
		if err := WriteWorkbookWith(f, ds, WriteOptions{Sheets: wb.Sheets}); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// withoutLocations returns a copy of ds as JSON-ready records without the
// At fields and Files, which only a read dataset has. Decimals become
// their text, so 0.10 and 0.1 compare equal.
func withoutLocations(t *testing.T, ds *Dataset) map[string][]json.RawMessage {
	t.Helper()
	c := *ds
	c.Files = nil
	out := map[string][]json.RawMessage{}
	add := func(name string, slice any) {
		v := reflect.ValueOf(slice)
		for i := 0; i < v.Len(); i++ {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.Index(i))
			if at := e.FieldByName("At"); at.IsValid() {
				at.Set(reflect.Zero(at.Type()))
			}
			b, err := json.Marshal(e.Interface())
			if err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], b)
		}
	}
	add("Familier", c.Families)
	add("Barn", c.Children)
	add("Kjøp", c.Purchases)
	add("Verdivurderinger", c.Valuations)
	add("SSB-leie", c.Rents)
	add("SSB-prisindeks", c.PriceIndex)
	add("Oppfølging", c.FollowUps)
	add("Kontekst", c.Context)
	add("Forutsetninger", canonicalParams(t, c.Assumptions.Params))
	a := c.Assumptions
	a.Params = nil
	add("Assumptions", []Assumptions{a})
	add("Spørreundersøkelse", c.Survey)
	add("Sitater", c.Quotes)
	add("Ressursbruk", c.Resources)
	return out
}

func compareDatasets(t *testing.T, got, want *Dataset) {
	t.Helper()
	g, w := withoutLocations(t, got), withoutLocations(t, want)
	for name, wrows := range w {
		grows := g[name]
		if len(grows) != len(wrows) {
			t.Errorf("%s: %d rows read back, want %d", name, len(grows), len(wrows))
		}
		for i := 0; i < min(len(grows), len(wrows)); i++ {
			if string(grows[i]) != string(wrows[i]) {
				t.Errorf("%s row %d:\n got %s\nwant %s", name, i+1, grows[i], wrows[i])
				break
			}
		}
	}
}

// TestSampleRoundTrip: the workbooks of `bobra eksempel`, read back, are
// the embedded sample, without a single problem (the sample is meant to be
// free of warnings).
func TestSampleRoundTrip(t *testing.T) {
	t.Parallel()
	dir := writeSampleDir(t)
	ds, problems, err := ReadDir(dir, ReadOptions{Today: readToday})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if p.Severity != Note {
			t.Errorf("problem in the sample: %s", p.Error())
		}
	}
	if ds == nil {
		t.Fatal("no dataset")
	}
	compareDatasets(t, ds, Sample())
	if len(ds.Files) != len(SampleWorkbooks()) {
		t.Errorf("read %d files, want %d", len(ds.Files), len(SampleWorkbooks()))
	}
}

// TestTemplateRoundTrip: the template of `bobra mal`, read back, is an
// empty dataset with the default assumptions and no errors or warnings.
func TestTemplateRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "mal.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteTemplate(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ds, problems, err := ReadDir(dir, ReadOptions{Today: readToday})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if p.Severity != Note {
			t.Errorf("problem in the template: %s", p.Error())
		}
	}
	want := &Dataset{Assumptions: DefaultAssumptions()}
	compareDatasets(t, ds, want)
}

// canonicalParams writes each parameter's value in one form per kind, so
// that "0.10" as typed and "0.1" as read back from a number cell compare
// equal; the typed Assumptions fields are compared as they are.
func canonicalParams(t *testing.T, params []Parameter) []Parameter {
	t.Helper()
	kinds := map[string]Kind{}
	for _, p := range KnownParams() {
		kinds[p.Name] = p.Kind
	}
	out := make([]Parameter, len(params))
	for i, p := range params {
		out[i] = p
		if p.Value == "" {
			continue
		}
		switch kinds[p.Name] {
		case KindMoney:
			d, err := ParseNumber(p.Value)
			if err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			out[i].Value = d.String()
		case KindShare:
			d, err := ParseShare(p.Value)
			if err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			out[i].Value = d.String()
		}
	}
	return out
}
