package data

import (
	"reflect"
	"strings"
	"testing"
)

// A real date cell in Fødselsår gives its year, with a note showing the
// date as the user sees it; a date cell quoted in a message is shown as
// dd.mm.åååå, never as its serial number.
func TestReadDateCells(t *testing.T) {
	sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>FamilieID</t></is></c><c r="B1" t="inlineStr"><is><t>Fødselsår</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>F001</t></is></c><c r="B2" s="1"><v>41075</v></c></row>` +
		`<row r="3"><c r="A3" t="inlineStr"><is><t>F002</t></is></c><c r="B3"><v>2014</v></c></row>` +
		`<row r="4"><c r="A4" t="inlineStr"><is><t>F003</t></is></c><c r="B4" s="1"><v>0</v></c></row>` +
		`</sheetData></worksheet>`
	parts := damagedParts(sheet)
	parts["xl/workbook.xml"] = strings.Replace(parts["xl/workbook.xml"], `name="Familier"`, `name="Barn"`, 1)
	res := readWorkbookBytes("x.xlsx", zipParts(t, parts))
	want := Problems{
		{Severity: Note, Kind: KindDateAsYear, File: "x.xlsx", Sheet: "Barn", Cell: "B2", Column: "Fødselsår", Value: "15.06.2012",
			Message: "Fødselsår er en dato (15.06.2012); året 2012 er brukt."},
		{Severity: Error, Kind: KindWrongValue, File: "x.xlsx", Sheet: "Barn", Cell: "B4", Column: "Fødselsår", Value: "0",
			Message: "«0» er ikke et årstall med fire sifre."},
	}
	if !reflect.DeepEqual(res.problems, want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", dump(res.problems), dump(want))
	}
	var years []int
	for _, c := range res.sheets[0].data.Children {
		years = append(years, c.BirthYear)
	}
	if !reflect.DeepEqual(years, []int{2012, 2014, 0}) {
		t.Errorf("birth years %v", years)
	}
}

func TestReadDateCellQuotedAsTheUserSeesIt(t *testing.T) {
	sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>FamilieID</t></is></c><c r="B1" t="inlineStr"><is><t>Del</t></is></c><c r="C1" t="inlineStr"><is><t>Flyttinger før</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>F001</t></is></c><c r="B2"><v>1</v></c><c r="C2" s="1"><v>42901.5</v></c></row>` +
		`</sheetData></worksheet>`
	res := readWorkbookBytes("x.xlsx", zipParts(t, damagedParts(sheet)))
	want := Problems{{Severity: Error, Kind: KindWrongValue, File: "x.xlsx", Sheet: "Familier", Cell: "C2", Column: "Flyttinger før", Value: "15.06.2017",
		Message: "«15.06.2017» er ikke et heltall."}}
	if !reflect.DeepEqual(res.problems, want) {
		t.Fatalf("problems:\n%s\nwant:\n%s", dump(res.problems), dump(want))
	}
}
