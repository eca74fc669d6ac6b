package data

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"reflect"
	"strings"
	"testing"
)

// damagedRows is how many family rows the damaged workbooks' sheet has
// below its header (row 1), so its last row is damagedRows+1.
const damagedRows = 40

// familyRow is row r (2 …) of the damaged workbooks' Familier sheet.
func familyRow(r int) string {
	return fmt.Sprintf(`<row r="%d"><c r="A%d" t="inlineStr"><is><t>F%03d</t></is></c><c r="B%d"><v>1</v></c><c r="C%d" s="1"><v>%d</v></c></row>`,
		r, r, r-1, r, r, 42430+r)
}

// familySheet is the Familier sheet XML, edit applied to row r's XML.
func familySheet(edit func(r int, row string) string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	header := `<row r="1"><c r="A1" t="inlineStr"><is><t>FamilieID</t></is></c><c r="B1" t="inlineStr"><is><t>Del</t></is></c><c r="C1" t="inlineStr"><is><t>Innmeldt</t></is></c></row>`
	b.WriteString(edit(1, header))
	for r := 2; r <= damagedRows+1; r++ {
		b.WriteString(edit(r, familyRow(r)))
	}
	b.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	return b.String()
}

func unchanged(_ int, row string) string { return row }

// at applies f to row r only.
func at(r int, f func(string) string) func(int, string) string {
	return func(i int, row string) string {
		if i == r {
			return f(row)
		}
		return row
	}
}

const dateStyles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`

// damagedParts are the parts of the damaged workbooks, before damage.
func damagedParts(sheet string) map[string]string {
	p := minimalParts(sheet)
	p["xl/styles.xml"] = dateStyles
	return p
}

// zipEntries zips named bodies in the order given, deflated; raw entries
// are written as they are, with the CRC and sizes given.
type zipEntry struct {
	name string
	body []byte
	raw  *zip.FileHeader // written with CreateRaw when set
}

func zipList(t testing.TB, entries []zipEntry) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		if e.raw != nil {
			w, err := zw.CreateRaw(e.raw)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.body)
			continue
		}
		w, err := zw.Create(e.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// orderedParts lists parts in the order minimal workbooks are zipped.
func orderedParts(parts map[string]string) []zipEntry {
	var out []zipEntry
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"} {
		if body, ok := parts[name]; ok {
			out = append(out, zipEntry{name: name, body: []byte(body)})
		}
	}
	return out
}

// deflated compresses b as a zip entry's data.
func deflated(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// withRawSheet replaces the sheet entry by raw compressed data under the
// header given.
func withRawSheet(parts map[string]string, data []byte, crc uint32, size int) []zipEntry {
	entries := orderedParts(parts)
	for i, e := range entries {
		if e.name == "xl/worksheets/sheet1.xml" {
			entries[i] = zipEntry{body: data, raw: &zip.FileHeader{Name: e.name, Method: zip.Deflate,
				CRC32: crc, CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(size)}}
		}
	}
	return entries
}

// The damaged workbooks: each must give exactly its problems (file, sheet,
// message), always an error, so that no figure is computed from half a
// sheet; and the undamaged one none.
func TestReadDamagedWorkbooks(t *testing.T) {
	const fix = " Ingenting i arket blir brukt; åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."
	xmlBad := func(after string) Problems {
		return Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
			Message: "Arket er skadet: XML-en i arket er ugyldig eller slutter midt i (lest " + after + ")." + fix}}
	}
	good := familySheet(unchanged)
	goodSum := crc32.ChecksumIEEE([]byte(good))
	changed := strings.Replace(good, "<v>42450</v>", "<v>42451</v>", 1) // row 20's Innmeldt, one day on
	corrupt := deflated([]byte(good))
	for i := len(corrupt) / 2; i < len(corrupt)/2+8; i++ {
		corrupt[i] ^= 0xff
	}
	full := zipParts(t, damagedParts(good))
	withSST := func(sst, sheet string) []byte {
		p := damagedParts(sheet)
		p["xl/sharedStrings.xml"] = sst
		return zipList(t, orderedParts(p))
	}
	const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>F001</t></si><si><t>F002</t></si></sst>`
	sharedRow := at(2, func(string) string {
		return `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>1</v></c></row>`
	})
	cases := []struct {
		name string
		file []byte
		want Problems
	}{
		{"undamaged", full, nil},
		{"sheet XML cut after row 20", zipList(t, orderedParts(damagedParts(good[:strings.Index(good, `<row r="22">`)]))), xmlBad("etter rad 21")},
		{"sheet cut mid-tag", zipList(t, orderedParts(damagedParts(good[:strings.Index(good, `<row r="25">`)+12]))), xmlBad("etter rad 24")},
		{"a stray control byte", zipParts(t, damagedParts(familySheet(at(25, func(r string) string { return strings.Replace(r, "F024", "F0\x0124", 1) })))), xmlBad("etter rad 24")},
		{"invalid UTF-8", zipParts(t, damagedParts(familySheet(at(12, func(r string) string { return strings.Replace(r, "F011", "F\xff11", 1) })))), xmlBad("etter rad 11")},
		{"an unknown entity", zipParts(t, damagedParts(familySheet(at(30, func(r string) string { return strings.Replace(r, "F029", "F&nbsp;029", 1) })))), xmlBad("etter rad 29")},
		{"an end tag that does not match", zipParts(t, damagedParts(familySheet(at(8, func(r string) string { return strings.Replace(r, "</v></c>", "</v></x>", 1) })))), xmlBad("etter rad 7")},
		{"damage after the sheet data", zipParts(t, damagedParts(strings.Replace(good, "<pageMargins", "<pageMargins <", 1))), xmlBad("etter rad 41")},
		{"a changed value under the old CRC", zipList(t, withRawSheet(damagedParts(good), deflated([]byte(changed)), goodSum, len(changed))),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
				Message: "Arket er skadet: innholdet stemmer ikke med kontrollsummen i filen (lest etter rad 41)." + fix}}},
		{"a damaged deflate stream", zipList(t, withRawSheet(damagedParts(good), corrupt, goodSum, len(good))),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
				Message: "Arket er skadet: den komprimerte delen av filen er ødelagt eller avkortet (lest etter rad 14)." + fix}}},
		{"two entries with one name", zipList(t, append(orderedParts(damagedParts(good)), zipEntry{name: "xl/worksheets/sheet1.xml", body: []byte(good)})),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx",
				Message: "Filen er skadet: den har to deler med samme navn («xl/worksheets/sheet1.xml»), så det er uklart hvilken som gjelder. Åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."}}},
		{"a truncated zip", full[:len(full)-30],
			Problems{{Severity: Error, Kind: KindNotWorkbook, File: "x.xlsx", Message: "Filen er skadet eller ufullstendig og kan ikke åpnes som Excel-arbeidsbok."}}},
		{"a shared-string index outside the table", withSST(sst, familySheet(at(3, func(string) string {
			return `<row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3"><v>1</v></c></row>`
		}))),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier", Cell: "A3",
				Message: "Cellen viser til delt tekst nr. 7, men filen har bare 2; filen er skadet." + fix}}},
		{"damaged shared strings", withSST(sst[:len(sst)-20], familySheet(sharedRow)),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx",
				Message: "Filen er skadet: tabellen over delte tekster (xl/sharedStrings.xml) kan ikke leses (XML-en er ugyldig eller slutter midt i), så ingen ark i filen kan leses riktig. Åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."}}},
		{"damaged styles", zipParts(t, func() map[string]string {
			p := damagedParts(good)
			p["xl/styles.xml"] = dateStyles[:len(dateStyles)-5]
			return p
		}()),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx",
				Message: "Filen er skadet: stilene (xl/styles.xml) kan ikke leses (XML-en er ugyldig eller slutter midt i), så ingen ark i filen kan leses riktig. Åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."}}},
		{"rows out of order", zipParts(t, damagedParts(strings.Replace(good, `<row r="10">`, `<row r="5">`, 1))),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
				Message: "Arket er skadet: en rad har et radnummer som ikke kommer etter forrige rad (etter rad 9)." + fix}}},
		{"a repeated row", zipParts(t, damagedParts(familySheet(at(16, func(r string) string { return r + r })))),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
				Message: "Arket er skadet: en rad har et radnummer som ikke kommer etter forrige rad (etter rad 16)." + fix}}},
		{"cells out of order", zipParts(t, damagedParts(familySheet(at(6, func(r string) string {
			return `<row r="6"><c r="B6"><v>1</v></c><c r="A6" t="inlineStr"><is><t>F005</t></is></c></row>`
		})))),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
				Message: "Arket er skadet: en celle har en cellereferanse som ikke passer med raden eller kommer før forrige celle (etter rad 5)." + fix}}},
		{"a cell in another row's place", zipParts(t, damagedParts(familySheet(at(9, func(r string) string { return strings.Replace(r, `r="B9"`, `r="B8"`, 1) })))),
			Problems{{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
				Message: "Arket er skadet: en celle har en cellereferanse som ikke passer med raden eller kommer før forrige celle (etter rad 8)." + fix}}},
		{"a formula without its result", zipParts(t, damagedParts(familySheet(at(4, func(r string) string {
			return strings.Replace(r, `<c r="B4"><v>1</v></c>`, `<c r="B4"><f>1+0</f></c>`, 1)
		})))),
			Problems{
				{Severity: Error, Kind: KindMissingValue, File: "x.xlsx", Sheet: "Familier", Cell: "B4", Column: "Del", Message: "Del mangler; cellen må fylles ut."},
				{Severity: Error, Kind: KindFormulaNoValue, File: "x.xlsx", Sheet: "Familier", Cell: "B4",
					Message: "Cellen har en formel uten lagret resultat (filen er lagret av et program som ikke regner ut formler); åpne filen i Excel eller LibreOffice og lagre den på nytt, så blir resultatet lagret."}}},
	}
	if len(cases) < 16 {
		t.Fatalf("%d cases; the damaged workbooks are at least 15", len(cases)-1)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := readWorkbookBytes("x.xlsx", c.file)
			if !reflect.DeepEqual(res.problems, c.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", dump(res.problems), dump(c.want))
			}
			if c.want != nil && !res.problems.HasErrors() {
				t.Error("a damaged workbook must give an error")
			}
		})
	}
}

// An identity number after the damage cannot be read as a cell, but it is
// still found in the bytes and named, beside the damage.
func TestReadDamageHidesNoIdentityNumber(t *testing.T) {
	const fnr = "01010012356"
	if !ContainsIdentityNumber(fnr) {
		t.Fatal("the test's number is not a valid identity number")
	}
	damaged := Problem{Severity: Error, Kind: KindDamaged, File: "x.xlsx", Sheet: "Familier",
		Message: "Arket er skadet: XML-en i arket er ugyldig eller slutter midt i (lest etter rad 19). Ingenting i arket blir brukt; åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."}
	found := Problem{Severity: Error, Kind: KindIdentityNumber, File: "x.xlsx", Sheet: "Familier",
		Message: "Etter skaden står det et gyldig fødselsnummer eller D-nummer i arket; fjern det – dataene skal bare ha pseudonymer som FamilieID."}
	bad := func(r string) string { return strings.Replace(r, "</row>", `<c r="Z20"><v>&bad;</v></c></row>`, 1) }
	cases := []struct {
		name  string
		sheet string
		want  Problems
	}{
		{"in a later row", familySheet(func(r int, row string) string {
			switch r {
			case 20:
				return bad(row)
			case 30:
				return strings.Replace(row, "F029", fnr, 1)
			}
			return row
		}), Problems{damaged, found}},
		{"in the damaged row, before the damage", familySheet(at(20, func(r string) string { return bad(strings.Replace(r, "F019", fnr, 1)) })), Problems{damaged, found}},
		{"none", familySheet(at(20, bad)), Problems{damaged}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := readWorkbookBytes("x.xlsx", zipParts(t, damagedParts(c.sheet)))
			if !reflect.DeepEqual(res.problems, c.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", dump(res.problems), dump(c.want))
			}
		})
	}
}

// A number split between two pieces of the bytes is still found.
func TestIdentityAfterDamageAcrossPieces(t *testing.T) {
	for cut := 1; cut < 11; cut++ {
		var h identityAfterDamage
		text := "<c><v>01010012356</v></c>"
		h.look([]byte(text[:6+cut]))
		h.look([]byte(text[6+cut:]))
		if !h.found {
			t.Errorf("cut after %d digits: not found", cut)
		}
	}
}
