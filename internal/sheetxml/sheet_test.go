package sheetxml

import (
	"reflect"
	"strings"
	"testing"
)

// Sums marks the cells whose formula is a sum, a shared formula's other
// cells by the first cell's formula, and nothing else.
func TestSheetSums(t *testing.T) {
	const doc = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>F001</t></is></c><c r="B1"><v>3</v></c></row>` +
		`<row r="2"><c r="B2"><f>SUM(B1:B1)</f><v>3</v></c><c r="C2"><f>B2*2</f><v>6</v></c></row>` +
		`<row r="3"><c r="B3"><f t="shared" ref="B3:D3" si="0">subtotal(9,B1:B2)</f><v>6</v></c><c r="C3"><f t="shared" si="0"/><v>6</v></c><c r="D3"><v>1</v></c></row>` +
		`<row r="4"><c r="A4"><f t="shared" ref="A4:B4" si="1">A1+1</f><v>1</v></c><c r="B4"><f t="shared" si="1"/><v>4</v></c></row>` +
		`<row r="5"><c r="C5"><f>=SUMMER(C1:C4)</f><v>12</v></c></row>` +
		`</sheetData></worksheet>`
	sh := NewSheet(strings.NewReader(doc), nil)
	var got [][]bool
	for sh.Next() {
		got = append(got, sh.Sums())
	}
	if err := sh.Err(); err != nil {
		t.Fatal(err)
	}
	want := [][]bool{nil, {false, true}, {false, true, true}, nil, {false, false, true}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sums = %v, want %v", got, want)
	}
}

func TestIsSumFormula(t *testing.T) {
	for f, want := range map[string]bool{
		"SUM(A1:A9)": true, "=sum(A1)": true, "SUBTOTAL(9,A1:A9)": true, "SUMMER(A1:A3)": true, "DELSUM(9;A1:A3)": true,
		"SUMIF(A1:A9,1)": false, "A1+SUM(B1)": false, "": false, "COUNT(A1:A9)": false,
	} {
		if got := IsSumFormula(f); got != want {
			t.Errorf("IsSumFormula(%q) = %v, want %v", f, got, want)
		}
	}
}

// Bools lists the places of boolean cells, also a TRUE from a formula, one
// after skipped columns and LibreOffice's TRUE() number cells, and nothing
// for numbers, strings or other formulas.
func TestSheetBools(t *testing.T) {
	const doc = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>1</t></is></c><c r="B1"><v>1</v></c></row>` +
		`<row r="2"><c r="A2" t="b"><v>1</v></c><c r="D2" t="b"><f>1=1</f><v>0</v></c></row>` +
		`<row r="3"><c r="C3" t="b"/></row>` +
		`<row r="4"><c r="A4" t="n"><f aca="false">TRUE()</f><v>1</v></c><c r="B4"><f>1+0</f><v>1</v></c><c r="C4"><f>false()</f><v>0</v></c></row>` +
		`</sheetData></worksheet>`
	sh := NewSheet(strings.NewReader(doc), nil)
	type row struct {
		cells []string
		bools []int
	}
	var got []row
	for sh.Next() {
		got = append(got, row{sh.Cells(), sh.Bools()})
	}
	if err := sh.Err(); err != nil {
		t.Fatal(err)
	}
	want := []row{{[]string{"1", "1"}, nil}, {[]string{"1", "", "", "0"}, []int{1, 4}}, {[]string{}, nil}, {[]string{"1", "1", "0"}, []int{1, 3}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows = %v, want %v", got, want)
	}
}
