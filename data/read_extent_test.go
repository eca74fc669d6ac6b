package data

import (
	"archive/zip"
	"bytes"
	"testing"
)

func TestSheetExtents(t *testing.T) {
	row := func(r, cells string) string { return `<row r="` + r + `">` + cells + `</row>` }
	sheet := func(rows string) string {
		return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`
	}
	cases := []struct {
		name  string
		xml   string
		want  int
		known bool
	}{
		{"values", sheet(row("1", `<c r="A1"><v>1</v></c>`) + row("7", `<c r="A7" t="s"><v>0</v></c>`) + row("9", `<c r="A9" s="1"/>`)), 7, true},
		{"inline string", sheet(row("3", `<c r="A3" t="inlineStr"><is><t>x</t></is></c>`)), 3, true},
		{"formula without value", sheet(row("4", `<c r="A4"><f>1+1</f></c>`)), 4, true},
		{"rows without numbers", sheet(`<row><c><v>1</v></c></row><row><c><v>2</v></c></row><row/>`), 2, true},
		{"empty", sheet(""), 0, true},
		{"data after a million empty rows", sheet(row("2", `<c><v>1</v></c>`) + row("1000005", `<c><v>1</v></c>`)), 1000005, true},
		{"prefixed names", `<x:worksheet><x:sheetData><x:row r="1"><x:c><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`, 0, false},
		{"single-quoted row number", sheet(`<row r='5'><c><v>1</v></c></row>`), 0, false},
		{"truncated: what is there counts", `<worksheet><sheetData><row r="1"><c><v>1</v>`, 1, true},
	}
	for _, c := range cases {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, body := range minimalParts(c.xml) {
			w, _ := zw.Create(name)
			w.Write([]byte(body))
		}
		zw.Close()
		zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		got, ok := sheetExtents(zr)["Familier"]
		if ok != c.known || got != c.want {
			t.Errorf("%s: extent %d, %v; want %d, %v", c.name, got, ok, c.want, c.known)
		}
	}
}

// sheetExtents returns, for each sheet name, the number of its last row
// holding content (0 for an empty sheet). Sheets it cannot work out are
// missing from the map.
func sheetExtents(zr *zip.Reader) map[string]int {
	e := newExtentFinder(zr)
	out := map[string]int{}
	for name := range e.paths {
		if n, ok := e.extent(name); ok {
			out[name] = n
		}
	}
	return out
}
