package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"bobra/data"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// publicOptions is a public run of the sample through the JSON renderer,
// from a data folder (a fake reader gives the dataset).
func publicOptions(t *testing.T, ds *data.Dataset, ps data.Problems) RunOptions {
	t.Helper()
	dir := t.TempDir()
	opt := baseOptions(filepath.Join(dir, "ut"))
	opt.Renderers = []Renderer{jsonRenderer{}}
	opt.DataDir = t.TempDir()
	opt.Read = fakeRead(ds, ps, nil)
	opt.Public = true
	return opt
}

// As the last step before writing, a public run scans every output: an
// identity number or a FamilieID that some rule let through stops it,
// and nothing is written.
func TestPublicRunScansOutputs(t *testing.T) {
	// A quote naming a family is refused at its cell before this
	// (TestPublicRunRefusesFamilyIDInQuote); the actor of Ressursbruk is
	// a free text no check reads for FamilieIDs.
	cases := []struct {
		name, quote, actor, want string
	}{
		{"identity number", "Nummeret mitt er 010190 50188, skrev jeg.", "NAV", "resultater.json ville inneholdt noe som ligner et fødselsnummer"},
		{"FamilieID", "Det ble bra.", "F017", "resultater.json ville nevnt en FamilieID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds := data.Sample()
			ds.Quotes = append(ds.Quotes, data.Quote{Theme: "familier", Text: c.quote, Who: "mor"})
			ds.Resources = append(ds.Resources, data.Resource{Year: 2021, Actor: c.actor, Cost: decimal.NewFromInt(1000)})
			opt := publicOptions(t, ds, nil)
			_, err := Run(context.Background(), opt)
			var de *DisclosureError
			if !errors.As(err, &de) || !strings.HasPrefix(de.Msg, c.want) {
				t.Fatalf("err = %v; want a DisclosureError %q", err, c.want)
			}
			if strings.Contains(de.Msg, "F017") || strings.Contains(de.Msg, "50188") {
				t.Errorf("the message repeats what it found: %s", de.Msg)
			}
			if _, err := os.Stat(filepath.Join(opt.OutDir, ResultsFileName)); err == nil {
				t.Error("resultater.json was written")
			}
		})
	}
}

// A public run shows the quotes as they are written: one that names a
// family by its FamilieID, in any form the last scan refuses, is an error
// at its cell (without the text), and nothing is written; the internal
// run shows it.
func TestPublicRunRefusesFamilyIDInQuote(t *testing.T) {
	message := "Teksten nevner en familie ved FamilieID, og en offentlig utgave viser sitatene slik de står; skriv den uten FamilieID-en, eller lag bare den interne utgaven (uten --offentlig)."
	cases := []struct {
		name, text, who string
		want            data.Problems
	}{
		{"in the quote", "Dette sa F017 om flyttingen.", "mor",
			data.Problems{{Severity: data.Error, Kind: disclose.KindFamilyIDInQuote, Cell: "rad 0", Column: data.ColQuote, Message: message}}},
		{"lower case with a genitive s", "Det var f017s beste år.", "mor",
			data.Problems{{Severity: data.Error, Kind: disclose.KindFamilyIDInQuote, Cell: "rad 0", Column: data.ColQuote, Message: message}}},
		{"hyphenated, in Hvem", "Det ble bra.", "mor i F-017",
			data.Problems{{Severity: data.Error, Kind: disclose.KindFamilyIDInQuote, Cell: "rad 0", Column: data.ColWho, Message: message}}},
		{"a longer number is not the id", "Vi betalte F0175 i måneden.", "mor", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds := data.Sample()
			ds.Quotes = append(ds.Quotes, data.Quote{Theme: "familier", Text: c.text, Who: c.who})
			opt := publicOptions(t, ds, nil)
			rr, err := Run(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == nil {
				if rr.Outcome != Done {
					t.Errorf("outcome %v, want Done: %v", rr.Outcome, rr.Problems)
				}
				return
			}
			if rr.Outcome != DataErrors || !reflect.DeepEqual(rr.Problems, c.want) {
				t.Errorf("outcome %v, problems\n%#v\nwant DataErrors and\n%#v", rr.Outcome, rr.Problems, c.want)
			}
			if _, err := os.Stat(filepath.Join(opt.OutDir, ResultsFileName)); err == nil {
				t.Error("resultater.json was written")
			}
			internal := publicOptions(t, data.Sample(), nil)
			internal.Public = false
			internal.Read = fakeRead(ds, nil, nil)
			if rr, err := Run(context.Background(), internal); err != nil || rr.Outcome != Done {
				t.Errorf("the internal run: %v, %v; want it done", rr, err)
			}
		})
	}
}

// A public run's record: no row counts of family sheets, the data folder
// called datamappen, the disclosure recorded in the manifest, and no
// FamilieID in the problems it reports.
func TestPublicRunRecord(t *testing.T) {
	ds := data.Sample()
	ds.Files = []data.InputFile{{Name: "a.xlsx", Size: 10, SHA256: "abc", Sheets: []data.SheetCount{
		{Sheet: data.SheetFamilies, Rows: 47}, {Sheet: data.SheetChildren, Rows: 97}, {Sheet: data.SheetRent, Rows: 30}}}}
	warning := data.Problem{Severity: data.Warning, Kind: "flere-kjop", File: "a.xlsx", Sheet: "Kjøp", Cell: "A3", Value: "F001", Message: "FamilieID F001 har mer enn ett kjøp."}
	opt := publicOptions(t, ds, data.Problems{warning})
	opt.Command = []string{"bobra", "rapport", "--data", "/hjem/nav/Ola Nordmanns data", "--offentlig", "--data=/x/F001"}
	rr, err := Run(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rr.Problems {
		if strings.Contains(p.Message+p.Value, "F001") {
			t.Errorf("a reported problem names the family: %+v", p)
		}
		if p.Cell != "A3" || p.Sheet != "Kjøp" {
			t.Errorf("the problem lost its place: %+v", p)
		}
	}
	b, err := os.ReadFile(filepath.Join(opt.OutDir, ResultsFileName))
	if err != nil {
		t.Fatal(err)
	}
	var res results.Results
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if res.Run.DataSource != DataFolderName {
		t.Errorf("data source %q; want %q", res.Run.DataSource, DataFolderName)
	}
	want := []results.InputRecord{{Name: "a.xlsx", Size: 10, SHA256: "abc", Sheets: []results.SheetCount{{Sheet: data.SheetRent, Rows: 30}}}}
	if got := res.Run.Inputs; len(got) != 1 || len(got[0].Sheets) != 1 || got[0].Sheets[0] != want[0].Sheets[0] || got[0].Name != "a.xlsx" {
		t.Errorf("inputs %+v; want %+v", got, want)
	}
	m := rr.Manifest
	if m.Disclosure == nil || !m.Disclosure.AuditPassed || m.Disclosure.Primary == 0 || m.Disclosure.SmallCount != 3 {
		t.Errorf("manifest disclosure %+v", m.Disclosure)
	}
	if want := []string{"bobra", "rapport", "--data", DataFolderName, "--offentlig", "--data=" + DataFolderName}; strings.Join(m.Command, " ") != strings.Join(want, " ") {
		t.Errorf("manifest command %q; want %q", m.Command, want)
	}
	mb, _ := os.ReadFile(filepath.Join(opt.OutDir, ManifestName))
	if strings.Contains(string(mb), `"rows": 47`) || !strings.Contains(string(mb), `"audit_passed": true`) {
		t.Errorf("manifest:\n%s", mb)
	}
}
