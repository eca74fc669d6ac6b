package data

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"bobra/internal/sheetxml"

	"github.com/xuri/excelize/v2"
)

// numberedRow is a row with at least one cell, as both readers give it.
type numberedRow struct {
	Num   int
	Cells []string
}

// excelizeCells reads every sheet of a workbook with excelize's streaming
// reader and raw values, the reference the sheet scanner replaces. Rows
// that give no cells are left out.
func excelizeCells(b []byte) (map[string][]numberedRow, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][]numberedRow{}
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, err
		}
		n := 0
		for rows.Next() {
			n++
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return nil, err
			}
			if len(cells) > 0 {
				out[sheet] = append(out[sheet], numberedRow{n, cells})
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scannerCells reads every sheet with the package the reader uses.
func scannerCells(b []byte) (map[string][]numberedRow, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	pkg, p := newPackage("x.xlsx", zr)
	if p != nil {
		return nil, errors.New(p.Message)
	}
	wb, ok := pkg.workbook()
	if !ok {
		return nil, errors.New("no workbook")
	}
	sst, p := pkg.sharedStrings()
	if p != nil {
		return nil, errors.New(p.Message)
	}
	out := map[string][]numberedRow{}
	for _, s := range wb.sheets {
		rc, ok := pkg.open(s.path)
		if !ok {
			return nil, fmt.Errorf("no part for sheet %q", s.name)
		}
		sh := sheetxml.NewSheet(rc, sst)
		for sh.Next() {
			if cells := sh.Cells(); len(cells) > 0 {
				out[s.name] = append(out[s.name], numberedRow{sh.Row(), cells})
			}
		}
		rc.Close()
		if err := sh.Err(); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s.name, err)
		}
	}
	return out, nil
}

// workbookFixtures are every workbook the repository has or writes: the
// test data, the template, the sample as `bobra eksempel` writes it, a
// generated 1 000-family dataset and the reader tests' own workbook.
func workbookFixtures(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, pattern := range []string{"testdata/*/*.xlsx"} {
		names, _ := filepath.Glob(pattern)
		for _, name := range names {
			if strings.Contains(name, "/bad/") {
				continue // not workbooks, on purpose
			}
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.HasPrefix(b, zipMagic) {
				out[name] = b
			}
		}
	}
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	out["mal"] = bytes.Clone(buf.Bytes())
	ds := Sample()
	for _, wb := range SampleWorkbooks() {
		buf.Reset()
		if err := WriteWorkbookWith(&buf, ds, WriteOptions{Sheets: wb.Sheets}); err != nil {
			t.Fatal(err)
		}
		out["eksempel/"+wb.Name] = bytes.Clone(buf.Bytes())
	}
	g := Generator{Families: 1000, Seed: 7}
	for _, wb := range GeneratedWorkbooks() {
		buf.Reset()
		if err := g.WriteWorkbook(&buf, wb.Name); err != nil {
			t.Fatal(err)
		}
		out["generert/"+wb.Name] = bytes.Clone(buf.Bytes())
	}
	b, _ := os.ReadFile(writeBook(t, t.TempDir(), "a.xlsx", goodSheets()...))
	out["testbok"] = b
	return out
}

func TestSheetScannerMatchesExcelizeOnFixtures(t *testing.T) {
	for name, b := range workbookFixtures(t) {
		t.Run(name, func(t *testing.T) {
			want, err := excelizeCells(b)
			if err != nil {
				t.Fatalf("excelize: %v", err)
			}
			got, err := scannerCells(b)
			if err != nil {
				t.Fatalf("scanner: %v", err)
			}
			if len(want) == 0 {
				t.Fatal("the fixture has no cells: the comparison would prove nothing")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("cells differ:\n got %v\nwant %v", got, want)
			}
		})
	}
}

// The cases the fixtures do not have: every cell type, shared strings
// with rich text and escapes, entities, rows and cells without numbers.
func TestSheetScannerMatchesExcelizeOnCellKinds(t *testing.T) {
	sst := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">` +
		`<si><t>F001</t></si>` +
		`<si><r><rPr><b/></rPr><t xml:space="preserve">Fet </t></r><r><t>og vanlig</t></r></si>` +
		`<si><t>a_x000D_b_x005F_x0041_c_xD800_d</t></si>` +
		`<si><t>en</t><rPh sb="0" eb="1"><t>fonetisk</t></rPh></si>` +
		`<si><t><![CDATA[<rå> & "sitert"]]></t></si>` +
		`<si><t/></si>` +
		`</sst>`
	sheet := `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:H9"/><sheetData>` +
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 1 </v></c><c r="C1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c><c r="F1" t="s"><v>4</v></c><c r="G1" t="s"><v>5</v></c></row>` +
		`<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="e"><v>#DIV/0!</v></c><c r="C2" t="str"><f>A1&amp;"x"</f><v>F001x</v></c><c r="D2" t="d"><v>2017-06-15T00:00:00</v></c><c r="E2" s="1"><v>42901</v></c></row>` +
		`<row r="4"><c r="B4" t="inlineStr"><is><t>inn&#x2013;linje &lt;&gt;&amp;&quot;&apos;</t></is></c><c r="C4" t="inlineStr"><is><r><t>to </t></r><r><t>deler</t></r></is></c><c r="D4"><f>SUM(A1:A2)</f></c><c r="E4"><v>1.5E-3</v></c></row>` +
		"<row><c><v>uten\r\nnummer</v></c><c><v>neste</v></c><c r=\"E5\"><v>5</v></c><c><v>etter</v></c></row>" +
		`<row r="7" spans="1:3" ht="20" customHeight="1"><c r="A7" s="3"/><c r="B7"><v></v></c><c r="C7"><f>1+1</f><v></v></c></row>` +
		`<row r="8"><c r="A8" t="inlineStr"><v>verdi</v></c><c r="XFD8"><v>langt ute</v></c></row>` +
		`<row r="9" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:c r="A9"><x:v>prefiks</x:v></x:c><!-- kommentar --><?pi data?></row>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`
	parts := minimalParts(sheet)
	parts["xl/sharedStrings.xml"] = sst
	b := zipAll(t, parts)
	want, err := excelizeCells(b)
	if err != nil {
		t.Fatal(err)
	}
	got, err := scannerCells(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cells differ:\n got %+q\nwant %+q", fmt.Sprint(got), fmt.Sprint(want))
	}
	if len(want["Familier"]) != 7 {
		t.Errorf("excelize gave %d rows, the case has 7", len(want["Familier"]))
	}
}

// zipAll zips every part, in name order.
func zipAll(t testing.TB, parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(parts))
	for name := range parts {
		names = append(names, name)
	}
	sortStrings(names)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// strictXMLError decodes a part with encoding/xml's strict decoder to its
// end, as the scanner must: nil when the part is well-formed.
func strictXMLError(body string) error {
	d := xml.NewDecoder(strings.NewReader(body))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// FuzzSheetScanner mutates a sheet and its shared strings. When
// encoding/xml's strict decoder refuses either part, the scanner must
// refuse the sheet too (no damaged sheet passes for a good one). When
// both are well-formed, the scanner may refuse only what SpreadsheetML does
// not allow (a structure error, never a syntax error); and when it reads
// the sheet, its cells must be excelize's.
func FuzzSheetScanner(f *testing.F) {
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c></row><row r="3"><c r="C3" t="inlineStr"><is><t>x&amp;y</t></is></c></row></sheetData></worksheet>`,
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>F001</t></si><si><r><t>a</t></r><r><t>b</t></r></si></sst>`)
	f.Add(`<worksheet><sheetData><row><c><v>1</v></c><c t="str"><f>1</f><v>2</v></c></row><row><c t="b"><v>1</v></c></row></sheetData></worksheet>`, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`)
	f.Add("<?xml version=\"1.0\"?>\n<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"s\"><v>1</v></c></row></sheetData></worksheet>", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a_x0041_</t></si><si><t><![CDATA[<>]]></t></si></sst>`)
	f.Fuzz(func(t *testing.T, sheet, sst string) {
		parts := minimalParts(sheet)
		parts["xl/sharedStrings.xml"] = sst
		b := zipAll(t, parts)
		sheetErr, sstErr := strictXMLError(sheet), strictXMLError(sst)
		got, err := scannerCells(b)
		if sheetErr != nil || sstErr != nil {
			if err == nil {
				t.Fatalf("encoding/xml refuses the input (%v, %v), the scanner read %v", sheetErr, sstErr, got)
			}
			return
		}
		want, werr := excelizeCells(b)
		if err != nil {
			var se *sheetxml.SyntaxError
			var ie *sheetxml.IndexError
			switch {
			case errors.As(err, &se):
				t.Fatalf("the scanner calls well-formed XML malformed: %v", err)
			case errors.As(err, &ie) && werr == nil:
				t.Fatalf("the scanner finds shared string %d outside the table, excelize reads %v", ie.Index, want)
			case !fuzzing():
				t.Fatalf("a seed must be read: %v", err)
			}
			return
		}
		if werr != nil {
			return
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("cells differ:\n got %+q\nwant %+q", fmt.Sprint(got), fmt.Sprint(want))
		}
	})
}
