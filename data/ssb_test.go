package data

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"bobra/internal/jsonstat"
)

const (
	rentDoc  = "09895-oslo-og-baerum-2012-2025.json"
	indexDoc = "07221-boligprisindeks-2022K1-2023K4.json"
)

func ssbDoc(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("ssbdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reshaped rewrites a real document as another PxWeb host might send the
// same table: dimensions in the order ids, category.index as arrays when
// arrayIndex, and the cells named in missing (dimension id → code) set to
// null with the given status. The values keep their text.
func reshaped(t *testing.T, doc []byte, ids []string, arrayIndex bool, missing []missingCell) []byte {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	oldIDs := strs(m["id"])
	dims := m["dimension"].(map[string]any)
	codes := map[string][]string{}
	for _, id := range oldIDs {
		cat := dims[id].(map[string]any)["category"].(map[string]any)
		index := cat["index"].(map[string]any)
		list := make([]string, len(index))
		for code, p := range index {
			n, _ := p.(json.Number).Int64()
			list[n] = code
		}
		codes[id] = list
		if arrayIndex {
			cat["index"] = list
		}
	}
	if ids == nil {
		ids = oldIDs
	}
	values := m["value"].([]any)
	status := map[string]any{}
	if s, ok := m["status"].(map[string]any); ok {
		status = s
	}
	offset := func(order []string, at map[string]int) int {
		n := 0
		for _, id := range order {
			n = n*len(codes[id]) + at[id]
		}
		return n
	}
	newValues := make([]any, len(values))
	newStatus := map[string]any{}
	at := map[string]int{}
	var walk func(i int)
	walk = func(i int) {
		if i == len(oldIDs) {
			from, to := offset(oldIDs, at), offset(ids, at)
			newValues[to] = values[from]
			if s, ok := status[itoa(from)]; ok {
				newStatus[itoa(to)] = s
			}
			for _, mc := range missing {
				hit := true
				for id, code := range mc.at {
					hit = hit && codes[id][at[id]] == code
				}
				if hit {
					newValues[to] = nil
					newStatus[itoa(to)] = mc.status
				}
			}
			return
		}
		for p := range codes[oldIDs[i]] {
			at[oldIDs[i]] = p
			walk(i + 1)
		}
	}
	walk(0)
	sizes := make([]int, len(ids))
	for i, id := range ids {
		sizes[i] = len(codes[id])
	}
	m["id"], m["size"], m["value"], m["status"] = ids, sizes, newValues, newStatus
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type missingCell struct {
	at     map[string]string
	status string
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func importDoc(t *testing.T, doc []byte, choice SSBChoice) (*SSBImport, error) {
	t.Helper()
	d, err := jsonstat.Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	return ImportSSB(d, choice)
}

const rentSource = "SSB, tabell 09895, oppdatert 22.12.2025 (CC BY 4.0)"

func TestImportSSBRent(t *testing.T) {
	real := ssbDoc(t, rentDoc)
	base, err := importDoc(t, real, SSBChoice{Regions: []string{"01"}})
	if err != nil {
		t.Fatal(err)
	}
	note := "Gjennomsnittsleiene er vektet og kan således ikke summeres opp. Ulikt antall observasjoner ligger til grunn for gjennomsnittsleiene avhengig av stratifisering. Gjennomsnittsleiene er ikke direkte sammenlignbare mellom årganger, da hver årgang bygger på uavhengige utvalg og utleieobjektene derfor kan være ulike med hensyn på variabler som er viktige for fastsettelse av leien. Større metodeendringer i 2012 gjør også tallene mindre egnet for sammenligninger over år."
	row := func(year int, rooms string, monthly int64) RentRow {
		return RentRow{Year: year, Rooms: rooms, Monthly: decimal.NewFromInt(monthly), Region: "Oslo og Bærum kommune", Source: rentSource, Note: note}
	}
	if base.Table != "09895" || base.Sheet != SheetRent || base.Source != rentSource || base.Region != "Oslo og Bærum kommune" ||
		len(base.Rents) != 70 || len(base.Messages) != 0 || base.PriceIndex != nil {
		t.Fatalf("import = %+v", base)
	}
	if got, want := base.Rents[:6], []RentRow{row(2012, "1", 6300), row(2012, "2", 8500), row(2012, "3", 10750),
		row(2012, "4", 12800), row(2012, "5+", 15470), row(2013, "1", 6810)}; !reflect.DeepEqual(got, want) {
		t.Errorf("first rows = %+v\nwant %+v", got, want)
	}
	if got := base.Rents[4*5+3]; !reflect.DeepEqual(got, row(2016, "4", 15150)) {
		t.Errorf("2016, 4 rooms = %+v", got)
	}
	if got := base.Rents[8*5+3]; !reflect.DeepEqual(got, row(2020, "4", 18410)) {
		t.Errorf("2020, 4 rooms = %+v", got)
	}

	// The same table as other hosts shape it gives the same rows, and a
	// missing cell gives no row and a message saying what SSB's symbol means.
	withoutCells := func(rows []RentRow, drop ...[2]any) []RentRow {
		return slices.DeleteFunc(slices.Clone(rows), func(r RentRow) bool {
			for _, d := range drop {
				if r.Year == d[0].(int) && r.Rooms == d[1].(string) {
					return true
				}
			}
			return false
		})
	}
	for _, tt := range []struct {
		name     string
		doc      []byte
		choice   SSBChoice
		rows     []RentRow
		messages []string
	}{
		{"array index", reshaped(t, real, nil, true, nil), SSBChoice{Regions: []string{"01"}}, base.Rents, nil},
		{"other dimension order", reshaped(t, real, []string{"Tid", "ContentsCode", "AntRom", "Soner2"}, false, nil),
			SSBChoice{Regions: []string{"Oslo og Bærum kommune"}}, base.Rents, nil},
		{"region by label, any case, and another table's code", real,
			SSBChoice{Regions: []string{"001", "  oslo og  bærum KOMMUNE "}}, base.Rents, nil},
		{"from a year", real, SSBChoice{Regions: []string{"01"}, FromYear: 2024}, base.Rents[60:], nil},
		{"a dwelling type for the price table", real, SSBChoice{Regions: []string{"01"}, DwellingType: "03"}, base.Rents,
			[]string{"Tabell 09895 har ingen boligtype; --boligtype gjelder ikke den."}},
		{"null with status .. and :", reshaped(t, real, []string{"AntRom", "Tid", "Soner2", "ContentsCode"}, true, []missingCell{
			{map[string]string{"Soner2": "01", "AntRom": "4", "ContentsCode": "Husleie", "Tid": "2019"}, ".."},
			{map[string]string{"Soner2": "01", "AntRom": "5+", "ContentsCode": "Husleie", "Tid": "2013"}, ":"},
			{map[string]string{"Soner2": "01", "AntRom": "1", "ContentsCode": "Husleie", "Tid": "2014"}, "."},
			{map[string]string{"Soner2": "00", "AntRom": "1", "ContentsCode": "Husleie", "Tid": "2015"}, ":"}, // not chosen
		}), SSBChoice{Regions: []string{"01"}},
			withoutCells(base.Rents, [2]any{2019, "4"}, [2]any{2013, "5+"}, [2]any{2014, "1"}),
			[]string{
				"SSB har ikke tall for Oslo og Bærum kommune, 5 rom eller flere, 2013: «:»: tallet vises ikke av hensyn til personvern (konfidensialitet). Cellen står tom i SSB-leie (ingen rad).",
				"SSB har ikke tall for Oslo og Bærum kommune, 1 rom, 2014: «.»: tallet kan ikke forekomme. Cellen står tom i SSB-leie (ingen rad).",
				"SSB har ikke tall for Oslo og Bærum kommune, 4 rom, 2019: «..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres. Cellen står tom i SSB-leie (ingen rad).",
			}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := importDoc(t, tt.doc, tt.choice)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Rents, tt.rows) || !reflect.DeepEqual(got.Messages, tt.messages) {
				t.Errorf("rows (%d) = %+v\nmessages = %q\nwant %d rows, %q", len(got.Rents), got.Rents, got.Messages, len(tt.rows), tt.messages)
			}
		})
	}
}

func TestImportSSBPriceIndex(t *testing.T) {
	real := ssbDoc(t, indexDoc)
	source := "SSB, tabell 07221, oppdatert 12.01.2024 (CC BY 4.0)"
	idx := func(year int, index string, region string) PriceIndexRow {
		return PriceIndexRow{Year: year, Index: decimal.RequireFromString(index), Region: region, Source: source}
	}
	for _, tt := range []struct {
		name     string
		doc      []byte
		choice   SSBChoice
		rows     []PriceIndexRow
		messages []string
	}{
		// (158.7 + 160.8 + 160.8 + 152.4) / 4 and (158.8 + 162.9 + 159.8 + 156.3) / 4.
		{"mean of four quarters", real, SSBChoice{Regions: []string{"001"}, DwellingType: "03"},
			[]PriceIndexRow{idx(2022, "158.175", "Oslo med Bærum"), idx(2023, "159.45", "Oslo med Bærum")}, nil},
		{"dwelling type by label, other order", reshaped(t, real, []string{"Tid", "Boligtype", "ContentsCode", "Region"}, true, nil),
			SSBChoice{Regions: []string{"Oslo med Bærum"}, DwellingType: "eneboliger"},
			[]PriceIndexRow{idx(2022, "158", "Oslo med Bærum"), idx(2023, "153.1", "Oslo med Bærum")}, nil},
		{"a year with three quarters is left out", reshaped(t, real, nil, false, []missingCell{
			{map[string]string{"Region": "001", "Boligtype": "03", "Tid": "2023K4"}, ":"},
		}), SSBChoice{Regions: []string{"001"}, DwellingType: "03"},
			[]PriceIndexRow{idx(2022, "158.175", "Oslo med Bærum")},
			[]string{"Oslo med Bærum, 2023 har 3 av 4 kvartaler (de andre mangler 2023K4 («:»: tallet vises ikke av hensyn til personvern (konfidensialitet))); årsindeksen er snittet av fire kvartaler, så året er utelatt fra SSB-prisindeks."}},
		{"SSB's own .. cells", real, SSBChoice{Regions: []string{"007"}, DwellingType: "02"}, nil, []string{
			"Innlandet, 2022 har 0 av 4 kvartaler (de andre mangler 2022K1 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres), 2022K2 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres), 2022K3 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres), 2022K4 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres)); årsindeksen er snittet av fire kvartaler, så året er utelatt fra SSB-prisindeks.",
			"Innlandet, 2023 har 0 av 4 kvartaler (de andre mangler 2023K1 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres), 2023K2 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres), 2023K3 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres), 2023K4 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres)); årsindeksen er snittet av fire kvartaler, så året er utelatt fra SSB-prisindeks.",
		}},
		// A hand-made 07221 with 00 (all dwelling types), taken by default,
		// and quarters given out of order; the status of a cell with a
		// value does not hide it.
		{"00 by default", []byte(`{"label":"07221: Prisindeks","updated":"2025-02-03T07:00:00Z","source":"Statistisk sentralbyrå",
			"id":["Tid","Boligtype","Region"],"size":[4,2,1],"role":{"time":["Tid"],"geo":["Region"]},
			"dimension":{"Region":{"category":{"index":["001"],"label":{"001":"Oslo med Bærum"}}},
			"Boligtype":{"category":{"index":["01","00"]}},
			"Tid":{"category":{"index":["2024K3","2024K1","2024K4","2024K2"]}}},
			"value":[1,101.1,2,100.1,3,103.3,4,102.2],"status":{"1":"*"}}`), SSBChoice{},
			[]PriceIndexRow{{Year: 2024, Index: decimal.RequireFromString("101.675"), Region: "Oslo med Bærum",
				Source: "SSB, tabell 07221, oppdatert 03.02.2025 (CC BY 4.0)"}}, nil},
		{"a yearly table", []byte(`{"label":"07221: Prisindeks","id":["Tid","Region"],"size":[3,1],"role":{"time":["Tid"]},
			"dimension":{"Region":{"category":{"index":["001"],"label":{"001":"Oslo med Bærum"}}},
			"Tid":{"category":{"index":["2015","2016","2017"]}}},
			"value":[100,null,117.8],"status":{"1":":"}}`), SSBChoice{Regions: []string{"001"}},
			[]PriceIndexRow{{Year: 2015, Index: decimal.NewFromInt(100), Region: "Oslo med Bærum", Source: "SSB, tabell 07221 (CC BY 4.0)"},
				{Year: 2017, Index: decimal.RequireFromString("117.8"), Region: "Oslo med Bærum", Source: "SSB, tabell 07221 (CC BY 4.0)"}},
			[]string{"SSB har ikke indeks for Oslo med Bærum, 2016: 2016 («:»: tallet vises ikke av hensyn til personvern (konfidensialitet)). Året står tomt i SSB-prisindeks (ingen rad)."}},
		{"from a year", real, SSBChoice{Regions: []string{"TOTAL"}, DwellingType: "01", FromYear: 2023},
			[]PriceIndexRow{idx(2023, "137.375", "Hele landet")}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := importDoc(t, tt.doc, tt.choice)
			if err != nil {
				t.Fatal(err)
			}
			// Decimals compare by value: 158.175 from a mean and from text
			// differ inside.
			if got.Sheet != SheetPriceIndex || fmt.Sprint(got.PriceIndex) != fmt.Sprint(tt.rows) || !reflect.DeepEqual(got.Messages, tt.messages) {
				t.Errorf("rows = %+v\nmessages = %q\nwant %+v, %q", got.PriceIndex, got.Messages, tt.rows, tt.messages)
			}
		})
	}
}

func TestImportSSBErrors(t *testing.T) {
	rent, index := ssbDoc(t, rentDoc), ssbDoc(t, indexDoc)
	other := bytes.Replace(rent, []byte(`"tableid": "09895"`), []byte(`"tableid": "12345"`), 1)
	for _, tt := range []struct {
		name   string
		doc    []byte
		choice SSBChoice
		want   string
	}{
		{"unknown region", rent, SSBChoice{Regions: []string{"Bergen"}},
			"regionen «Bergen» finnes ikke i fila; velg en av 00 (Hele landet), 01 (Oslo og Bærum kommune)"},
		{"no region", rent, SSBChoice{}, "velg region med --region; fila har 00 (Hele landet), 01 (Oslo og Bærum kommune)"},
		{"two regions match", rent, SSBChoice{Regions: []string{"00", "01"}},
			"flere av regionene passer i tabellen (Hele landet og Oslo og Bærum kommune); oppgi bare én per tabell"},
		{"no 00 dwelling type", index, SSBChoice{Regions: []string{"001"}},
			"tabellen har ikke boligtypen 00 (alle boligtyper); velg en med --boligtype: 01 (Eneboliger), 02 (Småhus), 03 (Blokkleiligheter)"},
		{"unknown dwelling type", index, SSBChoice{Regions: []string{"001"}, DwellingType: "09"},
			"boligtypen «09» finnes ikke i fila; velg en av 01 (Eneboliger), 02 (Småhus), 03 (Blokkleiligheter)"},
		{"another table", other, SSBChoice{Regions: []string{"01"}},
			"dette er tabell 12345; bobra leser tabell 09895 (leie) og 07221 (prisindeks)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := importDoc(t, tt.doc, tt.choice)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// The rows ImportSSB makes are rows the reader reads back as they are, with
// Kilde and Merknad, and without a problem.
func TestImportSSBWritesReadableSheets(t *testing.T) {
	rent, err := importDoc(t, ssbDoc(t, rentDoc), SSBChoice{Regions: []string{"01"}})
	if err != nil {
		t.Fatal(err)
	}
	index, err := importDoc(t, ssbDoc(t, indexDoc), SSBChoice{Regions: []string{"001"}, DwellingType: "03"})
	if err != nil {
		t.Fatal(err)
	}
	rent.Rents[0].Note += "\nEn merknad til på egen linje."
	ds := &Dataset{Rents: rent.Rents, PriceIndex: index.PriceIndex}
	var buf bytes.Buffer
	if err := WriteWorkbookWith(&buf, ds, WriteOptions{Sheets: []string{SheetRent, SheetPriceIndex}}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ssb.xlsx"), buf.Bytes())
	got, ps, err := ReadDir(dir, ReadOptions{Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Kind != KindMissingSheet {
			t.Errorf("problem: %s", p.Error())
		}
	}
	back := stripLocations(got)
	if !reflect.DeepEqual(back.Rents, rent.Rents) || fmt.Sprint(back.PriceIndex) != fmt.Sprint(index.PriceIndex) {
		t.Errorf("read back:\n%+v\n%+v", back.Rents[:2], back.PriceIndex)
	}
}

// The notes that travel are the table's and the chosen categories', one
// per line; a table-level note about another category (PxWeb puts its
// label in quotes first) stays behind.
func TestImportSSBNotes(t *testing.T) {
	doc := bytes.Replace(ssbDoc(t, rentDoc), []byte(`"note": ["Gjennomsnittsleiene`),
		[]byte(`"note": ["'Oslo og Bærum kommune' - gjelder  sonen\nvår.", "'Bergen' - en annen sone.", "Gjennomsnittsleiene`), 1)
	doc = bytes.Replace(doc, []byte(`"label": {"00": "Hele landet"`), []byte(`"note": {"01": ["Om sone 01."]}, "label": {"00": "Hele landet"`), 1)
	imp, err := importDoc(t, doc, SSBChoice{Regions: []string{"01"}})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(imp.Rents[0].Note, "\n")
	if len(lines) != 3 || lines[0] != "'Oslo og Bærum kommune' - gjelder sonen vår." ||
		!strings.HasPrefix(lines[1], "Gjennomsnittsleiene er vektet") || lines[2] != "Om sone 01." {
		t.Errorf("notes = %q", lines)
	}
}
