package sheetxml

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

// readOut is everything a Sheet gives for a part: each row as the caller
// sees it, the error, the last row read whole and the bytes handed to the
// damage callback.
type readOut struct {
	Rows []rowOut
	Err  string
	Last int
	Rest string
}

type rowOut struct {
	Num     int
	Cells   []string
	Styles  []int
	NoValue []int
	Bools   []int
	Sums    []bool
}

// readWith reads a part with the fast path on or off, from r.
func readWith(r io.Reader, sst SharedStrings, general bool) readOut {
	return readMode(r, sst, general, false)
}

// readMode is readWith with the cells reused between rows or not (and
// then copied as a caller that reuses them does).
func readMode(r io.Reader, sst SharedStrings, general, reuse bool) readOut {
	sh := NewSheet(r, sst)
	sh.general = general
	if reuse {
		sh.ReuseCells()
	}
	var out readOut
	var rest strings.Builder
	sh.OnDamage(func(b []byte) { rest.Write(b) })
	for sh.Next() {
		cells := sh.Cells()
		if reuse {
			cells = append([]string(nil), cells...)
		}
		if len(cells) == 0 {
			cells = nil // an empty row's slice is nil or not as its chunk was
		}
		out.Rows = append(out.Rows, rowOut{sh.Row(), cells, append([]int(nil), sh.Styles()...), sh.NoValue(), sh.Bools(), sh.Sums()})
	}
	if err := sh.Err(); err != nil {
		out.Err = err.Error()
	}
	out.Last, out.Rest = sh.LastRow(), rest.String()
	return out
}

// fastSST is the shared-string table the differential cases read with.
var fastSST = SharedStrings{"F001", "Kilde", "æøå"}

// checkFastMatchesGeneral compares the fast path, read in one piece and a
// byte at a time (so that cells lie across the buffer's end), with the
// general path.
func checkFastMatchesGeneral(t *testing.T, doc string) {
	t.Helper()
	want := readWith(strings.NewReader(doc), fastSST, true)
	for _, r := range []io.Reader{strings.NewReader(doc), iotest.OneByteReader(strings.NewReader(doc)), iotest.HalfReader(strings.NewReader(doc))} {
		got := readWith(r, fastSST, false)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nfast    %+v\ngeneral %+v", doc, got, want)
		}
	}
	// Cells reused between rows, and copied by the caller, read alike.
	for _, general := range []bool{false, true} {
		if got := readMode(iotest.HalfReader(strings.NewReader(doc)), fastSST, general, true); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q, cells reused (general %v):\n%+v\nwant %+v", doc, general, got, want)
		}
	}
}

// fastCases are cells in the shapes the fast path reads and just beside
// them, which the general path must read.
var fastCases = []string{
	`<c r="A1" s="4" t="inlineStr"><is><t>G000001</t></is></c><c r="B1" s="5"><v>44281</v></c><c r="C1"><v>3400000</v></c>`,
	`<c t="s" r="A1"><v>2</v></c><c><v>1.5</v></c><c s="3"/><c r="E1"></c><c r="F1" t="b"><v>1</v></c>`,
	`<c r="A1" t="s"><v>3</v></c>`,
	`<c r="A1" t="s"><v> 1 </v></c>`,
	`<c r="A1" t="s"><v>x</v></c>`,
	`<c r="A1" t="s"><v>0001</v></c>`,
	`<c r="A1" t="s"><v>99999999999</v></c>`,
	`<c r="A1" t="inlineStr"><is><t>a_x0041_b</t></is></c>`,
	`<c r="A1" t="inlineStr"><v>plain</v></c>`,
	`<c r="A1" t="n"><is><t>x</t></is></c>`,
	`<c r="A1" t="str"><f>A2&amp;"x"</f><v>yx</v></c><c r="B1"><f>SUM(A1:A1)</f><v>3</v></c><c r="C1"><f>1+1</f></c>`,
	`<c r="A1"><v>a &amp; b</v></c><c r="B1"><v>x]]>y</v></c><c r="C1"><v>a` + "\r\n" + `b</v></c>`,
	`<c r="A1"><v>æøå Ærlig</v></c><c r="B1"><v>` + "\xff" + `</v></c>`,
	`<c r="A1"><v>` + "\x01" + `</v></c>`,
	`<c r="A1"><v>` + "\uFFFE" + `</v></c>`,
	`<c r="A1"><v>1</v><v>2</v></c>`,
	`<c r="A1"><v/></c>`,
	`<c r="A1" t="inlineStr"><is><t xml:space="preserve"> x </t></is></c>`,
	`<c r="A1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>`,
	`<c r='A1'><v>1</v></c>`,
	`<c  r="A1"><v>1</v></c>`,
	`<c r="A1" ><v>1</v></c>`,
	`<c r = "A1"><v>1</v></c>`,
	`<c r="A1"s="1"><v>1</v></c>`,
	`<c r="A1" r="B1"><v>1</v></c>`,
	`<c r="A&#49;"><v>1</v></c>`,
	`<c r="A1" x14ac:dyDescent="0.25"><v>1</v></c>`,
	`<c r="A1" s="x"><v>1</v></c>`,
	`<c r="A1" s="-1"><v>1</v></c>`,
	`<c r="A1" s="2147483649"><v>1</v></c>`,
	`<c r="A1" s="0000000001"><v>1</v></c>`,
	`<c r="A2"><v>1</v></c>`,
	`<c r="1A"><v>1</v></c>`,
	`<c r="B1"><v>1</v></c><c r="A1"><v>2</v></c>`,
	`<c r="XFE1"><v>1</v></c>`,
	`<c r="A1"><v>1</v></c><c><v>2</v></c><c r="B1"><v>3</v></c>`,
	`<c r="A1"><v>1</v></c>` + "\n  " + `<c r="B1"><v>2</v></c>`,
	`<c r="A1"><v>1</v></c ><c r="B1"><v>2</v></c>`,
	`<c r="A1"><v>1</v></c><c r="B1"><v>2</v><c r="C1"/></c>`,
	`<c r="A1"><v>1</v></C>`,
	`<c r="A1"><v>1</c>`,
	`<c r="A1"><v>1</v>`,
	`<c r="A1"><v>1`,
	`<c r="A1"`,
	`<c r="A1" t="inlineStr"><is><t>x</t></is>`,
	`<cx r="A1"><v>1</v></cx>`,
	`<x:c r="A1"><v>1</v></x:c>`,
	`<c r="A1"><extLst/><v>1</v></c>`,
	`<c r="A1" t="s"><v>12</v></c>`,
	`<c r="Z1"/><c r="AA1" s="2"/>`,
}

// fastRows are row tags in the form the fast path reads, and beside it.
var fastRows = []string{
	`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"></row><row r="5"><c><v>2</v></c></row>`,
	`<row r="01"><c r="A1"><v>1</v></c></row>`,
	`<row r="0"></row>`,
	`<row r=""></row>`,
	`<row r="+3"></row>`,
	`<row r="99999999999"></row>`,
	`<row r="1048577"></row>`,
	`<row r="2"></row><row r="2"></row>`,
	`<row r="3"></row><row r="2"></row>`,
	`<row r="3" ></row>`,
	`<row r="3"/>`,
	`<row r="3" spans="1:2"><c r="A3"><v>1</v></c></row>`,
	`<row><c r="A1"><v>1</v></c></row><row r="2"></row>`,
	`<row r="1"><row r="2"></row></row>`,
	`<row r="1">`,
	`<row r="1"`,
	`<row r="1"></row>` + "\n" + `<row r="2"></row>`,
	`<x:row r="1"></x:row>`,
	`<row r="1"></x:row>`,
}

// The fast path gives what the general path gives, also when a cell lies
// across the end of the buffer, on every case and on every prefix of a
// sheet of them (a part cut short anywhere).
func TestFastPathMatchesGeneral(t *testing.T) {
	for _, cells := range fastCases {
		checkFastMatchesGeneral(t, sheetDoc(cells))
	}
	for _, rows := range fastRows {
		checkFastMatchesGeneral(t, `<worksheet><sheetData>`+rows+`</sheetData></worksheet>`)
	}
	doc := sheetDoc(fastCases[0]) + sheetDoc(fastCases[1])
	whole := sheetDoc(strings.Join(fastCases[:3], "</row><row>"))
	for _, d := range []string{doc, whole, string(benchSheet(50))} {
		for n := range len(d) {
			checkFastMatchesGeneral(t, d[:n])
		}
	}
}

// sheetDoc wraps a row's cells in a worksheet.
func sheetDoc(cells string) string {
	return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">` +
		cells + `</row><row r="3"><c r="A3"><v>7</v></c></row></sheetData></worksheet>`
}

// FuzzFastPath: on any bytes, the fast path gives exactly what the general
// path gives: the same rows, cells, styles, error and damaged bytes.
func FuzzFastPath(f *testing.F) {
	for _, cells := range fastCases {
		f.Add(sheetDoc(cells))
	}
	for _, rows := range fastRows {
		f.Add(`<worksheet><sheetData>` + rows + `</sheetData></worksheet>`)
	}
	f.Add(string(benchSheet(3)))
	f.Fuzz(func(t *testing.T, doc string) {
		checkFastMatchesGeneral(t, doc)
	})
}

// The benchmark's sheet is read alike by both paths (a larger case than
// the others, in many buffers).
func TestFastPathOnLargeSheet(t *testing.T) {
	doc := string(benchSheet(20_000))
	want := readWith(strings.NewReader(doc), nil, true)
	got := readWith(strings.NewReader(doc), nil, false)
	if !reflect.DeepEqual(got, want) {
		t.Fatal("the fast path reads the large sheet differently")
	}
	if len(got.Rows) != 20_000 || got.Err != "" {
		t.Fatal(fmt.Sprint(len(got.Rows), got.Err))
	}
	// Only the cells across a buffer's end take the general path.
	sh := NewSheet(strings.NewReader(doc), nil)
	for sh.Next() {
	}
	if cells := 8 * 20_000; sh.fast < cells-cells/100 {
		t.Errorf("the fast path read %d of %d cells", sh.fast, cells)
	}
}
