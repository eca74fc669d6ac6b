package data

import (
	"reflect"
	"strings"
	"testing"
)

// An Excel Table's totals row is found from the table part, whatever its
// label: here it counts the families ("Antall", 40), which no label rule
// knows, and without the table part it would be read as a family.
func TestReadExcelTableTotalsRow(t *testing.T) {
	const last = damagedRows + 2 // the totals row, under the last family
	totals := `<row r="42"><c r="A42" t="inlineStr"><is><t>Antall</t></is></c><c r="B42"><v>40</v></c></row>`
	sheet := strings.Replace(familySheet(unchanged), "</sheetData>", totals+"</sheetData>", 1)
	table := func(attrs string) []zipEntry {
		parts := damagedParts(sheet)
		parts["xl/worksheets/_rels/sheet1.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>`
		parts["xl/tables/table1.xml"] = `<?xml version="1.0" encoding="UTF-8"?><table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Tabell1" displayName="Familietabell" ref="A1:C42" ` + attrs + `><autoFilter ref="A1:C41"/><tableColumns count="3"><tableColumn id="1" name="FamilieID" totalsRowLabel="Antall"/><tableColumn id="2" name="Del" totalsRowFunction="count"/><tableColumn id="3" name="Innmeldt"/></tableColumns></table>`
		return append(orderedParts(parts),
			zipEntry{name: "xl/worksheets/_rels/sheet1.xml.rels", body: []byte(parts["xl/worksheets/_rels/sheet1.xml.rels"])},
			zipEntry{name: "xl/tables/table1.xml", body: []byte(parts["xl/tables/table1.xml"])})
	}
	cases := []struct {
		name     string
		file     []byte
		want     Problems
		families int
	}{
		{"a shown totals row", zipList(t, table(`totalsRowCount="1"`)), Problems{{Severity: Note, Kind: KindSkippedRows, File: "x.xlsx", Sheet: "Familier",
			Cell: "rad " + itoa(last), Message: "Rad 42 er summeraden i Excel-tabellen «Familietabell» og blir ikke brukt."}}, damagedRows},
		// Shown once and hidden again: the row under the table is data.
		{"a hidden totals row", zipList(t, table(`totalsRowShown="1"`)), nil, damagedRows + 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := readWorkbookBytes("x.xlsx", c.file)
			got := res.problems
			if c.want == nil {
				got = nil
				for _, p := range res.problems {
					if p.Kind == KindSkippedRows {
						got = append(got, p)
					}
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", dump(got), dump(c.want))
			}
			if n := len(res.sheets[0].data.Families); n != c.families {
				t.Errorf("%d families, want %d", n, c.families)
			}
		})
	}
}
