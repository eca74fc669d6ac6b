package data

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// minimalParts are the parts of the smallest workbook excelize opens, with
// one sheet named Familier whose XML the caller gives.
func minimalParts(sheetXML string) map[string]string {
	return map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Familier" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheetXML,
	}
}

// zipParts zips the parts in a fixed order.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml", "xl/styles.xml"} {
		body, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// emptyRowsSheet is a Familier sheet with a header, one family and n
// empty rows that carry a style, as a sheet formatted down to row n+2 is.
func emptyRowsSheet(n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>FamilieID</t></is></c><c r="B1" t="inlineStr"><is><t>Del</t></is></c></row>`)
	b.WriteString(`<row r="2"><c r="A2" t="inlineStr"><is><t>F001</t></is></c><c r="B2"><v>1</v></c></row>`)
	for r := 3; r < n+3; r++ {
		fmt.Fprintf(&b, `<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="B%d" s="1"/></row>`, r, r, r)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

func TestReadEmptyFormattedRows(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 50_000
	}
	b := zipParts(t, minimalParts(emptyRowsSheet(n)))
	res := readWorkbookBytes("tom.xlsx", b)
	if len(res.problems) != 0 || len(res.sheets) != 1 || len(res.sheets[0].data.Families) != 1 {
		t.Fatalf("problems %s, sheets %+v", dump(res.problems), res.sheets)
	}
	if got := res.info.Sheets; !reflect.DeepEqual(got, []SheetCount{{"Familier", 1}}) {
		t.Errorf("rows read = %+v", got)
	}
}

func BenchmarkReadEmptyFormattedRows(b *testing.B) {
	data := zipParts(b, minimalParts(emptyRowsSheet(1_000_000)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		readWorkbookBytes("tom.xlsx", data)
	}
}

// zipBombDeclared is a zip whose sheet claims to unzip to 2 GiB: the
// reader must refuse it from the directory alone.
func zipBombDeclared(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range minimalParts("") {
		if name == "xl/worksheets/sheet1.xml" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	fw.Write([]byte("<worksheet/>"))
	fw.Close()
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
		CRC32: crc32.ChecksumIEEE([]byte("<worksheet/>")), CompressedSize64: uint64(comp.Len()), UncompressedSize64: 2 << 30})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

// zipBombStyles is a real zip bomb: 100 MB of zeros as styles, which
// excelize would hold in memory, in a file of about 100 kB.
func zipBombStyles(t testing.TB) []byte {
	parts := minimalParts(emptyRowsSheet(0))
	parts["xl/styles.xml"] = strings.Repeat("\x00", 100<<20)
	return zipParts(t, parts)
}

// encryptedWorkbook is a workbook saved by excelize with a password.
func encryptedWorkbook(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "FamilieID")
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "hemmelig"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadBadFiles(t *testing.T) {
	fixture := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	good := func() []byte {
		dir := t.TempDir()
		b, _ := os.ReadFile(writeBook(t, dir, "a.xlsx", goodSheets()...))
		return b
	}()
	var docx bytes.Buffer
	zw := zip.NewWriter(&docx)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte("<document/>"))
	zw.Close()
	const (
		resave   = "Filen kunne ikke åpnes som Excel-arbeidsbok; den kan være skadet. Lagre den på nytt som .xlsx."
		bomb     = "Filen pakker seg ut til mer enn 1024 MB (en «zip-bombe» eller en skadet fil) og blir ikke lest."
		password = "Filen er passordbeskyttet; åpne den, fjern passordet og lagre den på nytt som .xlsx."
	)
	cases := []struct {
		name    string
		content []byte
		kind    string
		message string
	}{
		{"empty", fixture("tom.xlsx"), KindEmptyFile, "Filen er tom (0 byte); lagre arbeidsboken på nytt fra Excel eller LibreOffice."},
		{"not a zip", fixture("ikke-zip.xlsx"), KindNotWorkbook, "Filen er ikke en Excel-arbeidsbok (.xlsx); den kan være skadet eller av en annen type."},
		{"xls renamed", fixture("xls-omdopt.xlsx"), KindWrongFileType, "Filen er en eldre Excel-fil (.xls) med feil filendelse; åpne den og lagre den som Excel-arbeidsbok (.xlsx)."},
		{"ods renamed", fixture("ods-omdopt.xlsx"), KindWrongFileType, "Filen er et OpenDocument-regneark (.ods) med feil filendelse; åpne den og lagre den som Excel-arbeidsbok (.xlsx)."},
		{"csv renamed", fixture("csv-omdopt.xlsx"), KindWrongFileType, "Filen er en tekstfil (for eksempel CSV), ikke en Excel-arbeidsbok; åpne den i Excel eller LibreOffice og lagre den som .xlsx."},
		{"password, excelize", encryptedWorkbook(t), KindPassword, password},
		{"truncated", good[:len(good)/2], KindNotWorkbook, "Filen er skadet eller ufullstendig og kan ikke åpnes som Excel-arbeidsbok."},
		{"zip without workbook", docx.Bytes(), KindNotWorkbook, "Filen er en zip-fil, men ikke en Excel-arbeidsbok (.xlsx)."},
		{"zip bomb by its directory", zipBombDeclared(t), KindTooLarge, bomb},
		{"zip bomb in styles", zipBombStyles(t), KindTooLarge, bomb},
		{"workbook without sheets", zipParts(t, func() map[string]string {
			p := minimalParts("")
			p["xl/workbook.xml"] = "<workbook><sheets/></workbook"
			return p
		}()), KindUnreadable, resave},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := readWorkbookBytes("x.xlsx", c.content)
			want := Problems{{Severity: Error, Kind: c.kind, File: "x.xlsx", Message: c.message}}
			if !reflect.DeepEqual(res.problems, want) {
				t.Errorf("problems:\n%s\nwant:\n%s", dump(res.problems), dump(want))
			}
		})
	}
}
