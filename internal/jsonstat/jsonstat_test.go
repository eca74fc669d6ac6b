package jsonstat

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func readDoc(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "ssbdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// cell returns the value at the given codes, looked up by dimension id.
func cell(t *testing.T, d *Dataset, codes map[string]string) Value {
	t.Helper()
	pos := make([]int, len(d.Dimensions))
	for i, dim := range d.Dimensions {
		p, ok := dim.Position(codes[dim.ID])
		if !ok {
			t.Fatalf("no category %q in %s", codes[dim.ID], dim.ID)
		}
		pos[i] = p
	}
	return d.At(pos)
}

func TestParseRealDocuments(t *testing.T) {
	rent, err := Parse(readDoc(t, "09895-oslo-og-baerum-2012-2025.json"))
	if err != nil {
		t.Fatal(err)
	}
	type head struct {
		Table, Updated, Source string
		IDs, Roles             []string
		Sizes                  []int
		Notes                  int
	}
	summary := func(d *Dataset) head {
		h := head{Table: d.TableID, Updated: d.Updated, Source: d.Source, Notes: len(d.Notes)}
		for _, dim := range d.Dimensions {
			h.IDs, h.Roles, h.Sizes = append(h.IDs, dim.ID), append(h.Roles, dim.Role), append(h.Sizes, len(dim.Categories))
		}
		return h
	}
	if got, want := summary(rent), (head{"09895", "2025-12-22T07:00:00Z", "Statistisk sentralbyrå",
		[]string{"Soner2", "AntRom", "ContentsCode", "Tid"}, []string{"", "", "metric", "time"}, []int{2, 5, 2, 14}, 2}); !reflect.DeepEqual(got, want) {
		t.Errorf("09895 = %+v, want %+v", got, want)
	}
	for _, tt := range []struct {
		zone, rooms, contents, year, want string
	}{
		{"01", "4", "Husleie", "2016", "15150"},
		{"01", "4", "Husleie", "2020", "18410"},
		{"00", "1", "Husleie", "2012", "5300"},
		{"01", "5+", "Husleiear", "2025", "2740"},
	} {
		got := cell(t, rent, map[string]string{"Soner2": tt.zone, "AntRom": tt.rooms, "ContentsCode": tt.contents, "Tid": tt.year})
		if want := (Value{Text: tt.want, Present: true}); got != want {
			t.Errorf("09895 %+v = %+v", tt, got)
		}
	}
	if zone, _ := rent.Dimension("Soner2"); !reflect.DeepEqual(zone.Categories[1], Category{Code: "01", Label: "Oslo og Bærum kommune"}) ||
		!reflect.DeepEqual(zone.Notes, []string{"Soneinndelingen er ikke en standard klassifisering."}) {
		t.Errorf("Soner2 = %+v", zone)
	}

	index, err := Parse(readDoc(t, "07221-boligprisindeks-2022K1-2023K4.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := summary(index), (head{"07221", "2024-01-12T07:00:00Z", "Statistisk sentralbyrå",
		[]string{"Region", "Boligtype", "ContentsCode", "Tid"}, []string{"", "", "metric", "time"}, []int{12, 3, 1, 8}, 2}); !reflect.DeepEqual(got, want) {
		t.Errorf("07221 = %+v, want %+v", got, want)
	}
	for _, tt := range []struct {
		region, kind, quarter string
		want                  Value
	}{
		{"001", "03", "2022K1", Value{Text: "158.7", Present: true}},
		{"TOTAL", "01", "2022K1", Value{Text: "136.2", Present: true}},
		{"007", "02", "2022K1", Value{Status: ".."}}, // cell 176: null with status ..
	} {
		got := cell(t, index, map[string]string{"Region": tt.region, "Boligtype": tt.kind, "ContentsCode": "Boligindeks", "Tid": tt.quarter})
		if got != tt.want {
			t.Errorf("07221 %s %s %s = %+v, want %+v", tt.region, tt.kind, tt.quarter, got, tt.want)
		}
	}
}

// A 2 × 3 table written four ways must read the same: index as object or
// array, dimensions in either order, values as array or sparse object.
func TestParseShapes(t *testing.T) {
	docs := map[string]string{
		"object index": `{"version":"2.0","class":"dataset","label":"12345: test","updated":"2024-01-01",
			"id":["R","Tid"],"size":[2,3],"role":{"time":["Tid"],"geo":["R"]},
			"dimension":{"R":{"label":"region","category":{"index":{"a":0,"b":1},"label":{"a":"A","b":"B"}}},
			             "Tid":{"label":"år","category":{"index":{"2020":0,"2021":1,"2022":2}}}},
			"value":[1,2,null,4,5.5,6],"status":{"2":":"}}`,
		"array index": `{"version":"2.0","class":"dataset","label":"12345: test","updated":"2024-01-01",
			"id":["R","Tid"],"size":[2,3],"role":{"time":["Tid"],"geo":["R"]},
			"dimension":{"R":{"label":"region","category":{"index":["a","b"],"label":{"a":"A","b":"B"}}},
			             "Tid":{"label":"år","category":{"index":["2020","2021","2022"]}}},
			"value":[1,2,null,4,5.5,6],"status":[null,null,":",null,null,null]}`,
		"other order": `{"version":"2.0","class":"dataset","label":"12345: test","updated":"2024-01-01",
			"id":["Tid","R"],"size":[3,2],"role":{"time":["Tid"],"geo":["R"]},
			"dimension":{"R":{"label":"region","category":{"index":{"b":1,"a":0},"label":{"a":"A","b":"B"}}},
			             "Tid":{"label":"år","category":{"index":{"2020":0,"2021":1,"2022":2}}}},
			"value":[1,4,2,5.5,null,6],"status":{"4":":"}}`,
		"sparse values": `{"version":"2.0","class":"dataset","label":"12345: test","updated":"2024-01-01",
			"id":["R","Tid"],"size":[2,3],"role":{"time":["Tid"],"geo":["R"]},
			"dimension":{"R":{"label":"region","category":{"index":{"a":0,"b":1},"label":{"a":"A","b":"B"}}},
			             "Tid":{"label":"år","category":{"index":{"2020":0,"2021":1,"2022":2}}}},
			"value":{"0":1,"1":"2","3":4,"4":5.5,"5":6},"status":{"2":":"}}`,
	}
	want := map[string]Value{
		"a/2020": {Text: "1", Present: true}, "a/2021": {Text: "2", Present: true}, "a/2022": {Status: ":"},
		"b/2020": {Text: "4", Present: true}, "b/2021": {Text: "5.5", Present: true}, "b/2022": {Text: "6", Present: true},
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			d, err := Parse([]byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]Value{}
			for _, r := range []string{"a", "b"} {
				for _, y := range []string{"2020", "2021", "2022"} {
					got[r+"/"+y] = cell(t, d, map[string]string{"R": r, "Tid": y})
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("cells = %v\nwant %v", got, want)
			}
			if geo, _ := d.ByRole("geo"); geo.ID != "R" || geo.Categories[1].Label != "B" {
				t.Errorf("geo = %+v", geo)
			}
			if d.TableID != "12345" {
				t.Errorf("table = %q", d.TableID)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	dim := `"dimension":{"R":{"category":{"index":{"a":0,"b":1}}}}`
	for _, tt := range []struct{ doc, want string }{
		{``, "dokumentet er tomt eller slutter for tidlig"},
		{`{"id":`, "dokumentet er tomt eller slutter for tidlig"},
		{`{"id":["R"],,}`, "dokumentet er ikke gyldig JSON (feil ved tegn 13)"},
		{`[1,2]`, "dokumentet er ikke et JSON-objekt"},
		{`{"class":"collection"}`, "dokumentet er et JSON-stat-«collection», ikke et datasett"},
		{`{"class":"dataset","value":[]}`, "dokumentet er ikke et JSON-stat2-datasett (id, size eller dimension mangler)"},
		{`{"id":["R"],"size":[2,3],` + dim + `,"value":[1,2]}`, "id har 1 dimensjoner, men size har 2"},
		{`{"id":["R"],"size":[2],` + dim + `,"value":[1]}`, "value har 1 tall, men dimensjonene gir 2 celler"},
		{`{"id":["R"],"size":[3],` + dim + `,"value":[1,2,3]}`, "dimensjonen «R»: category.index har 2 kategorier, men size sier 3"},
		{`{"id":["S"],"size":[2],` + dim + `,"value":[1,2]}`, "dimensjonen «S» står i id, men ikke under dimension"},
		{`{"id":["R"],"size":[2],` + dim + `,"value":{"7":1}}`, "value har nøkkelen «7», som ikke er en celle (0–1)"},
		{`{"id":["R"],"size":[2],` + dim + `,"value":[1,true]}`, "value nummer 1 er verken et tall eller null"},
		{`{"id":["R"],"size":[2],` + dim + `,"value":[1,2],"status":{"x":".."}}`, "status har nøkkelen «x», som ikke er en celle (0–1)"},
		{`{"id":["R"],"size":["2"],` + dim + `,"value":[1,2]}`, "feltet «size» har feil type"},
		{`{"id":["R","T"],"size":[100000,100000],` + dim + `,"value":[]}`, "datasettet har flere enn 4000000 celler"},
		{`{"id":["R"],"size":[2],"dimension":{"R":{"category":{"index":{"a":0,"b":0}}}},"value":[1,2]}`, "dimensjonen «R»: category.index har en ugyldig eller dobbel plass 0"},
		{`{"id":["R"],"size":[2],` + dim + `,"value":[1,2]} {}`, "dokumentet har mer innhold etter datasettet"},
	} {
		_, err := Parse([]byte(tt.doc))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%s) = %v, want %q", tt.doc, err, tt.want)
		}
	}
}

func TestParseNotesAndStatusForAll(t *testing.T) {
	doc := `{"label":"Tabell uten nummer","note":"én merknad","id":["R"],"size":[2],
		"dimension":{"R":{"note":["om R"],"category":{"index":["a","b"],"note":{"b":["om b"]}}}},
		"value":{"0":7},"status":".."}`
	d, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	r := d.Dimensions[0]
	if d.TableID != "" || !reflect.DeepEqual(d.Notes, []string{"én merknad"}) || !reflect.DeepEqual(r.Notes, []string{"om R"}) ||
		!reflect.DeepEqual(r.Categories, []Category{{Code: "a", Label: "a"}, {Code: "b", Label: "b", Notes: []string{"om b"}}}) {
		t.Errorf("dataset = %+v", d)
	}
	if got := []Value{d.At([]int{0}), d.At([]int{1}), d.At([]int{2})}; !reflect.DeepEqual(got,
		[]Value{{Text: "7", Present: true, Status: ".."}, {Status: ".."}, {}}) {
		t.Errorf("cells = %+v", got)
	}
}
