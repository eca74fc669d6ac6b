package outscan

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-pdf/fpdf"
)

// number is a valid identity number (01.01.90, individual number 501).
const number = "01019050188"

func pdfWith(t *testing.T, text string) []byte {
	t.Helper()
	p := fpdf.New("P", "mm", "A4", "")
	p.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	p.SetFont("sans", "", 11)
	p.AddPage()
	p.Cell(0, 10, "Sitat fra en mor:")
	p.Ln(10)
	p.Cell(0, 10, text)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zipWith(t *testing.T, name, content string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create(name)
	w.Write([]byte(content))
	zw.Close()
	return b.Bytes()
}

func TestScan(t *testing.T) {
	ids := NewIDs([]string{"F017", "A-12", "123", "123456"})
	spaced := number[:6] + " " + number[6:]
	cases := []struct {
		name string
		file string
		b    []byte
		want Finding
	}{
		{"clean html", "rapport.html", []byte(`<p>40 familier har kjøpt.</p><td>3 350 000</td><td>13</td><td>27</td>`), None},
		{"number in html text", "rapport.html", []byte(`<blockquote>«Nummeret mitt er ` + spaced + `»</blockquote>`), IdentityNumber},
		{"escaped number in html", "rapport.html", []byte(`<p>` + number[:6] + `&nbsp;` + number[6:] + `</p>`), IdentityNumber},
		{"number in an attribute", "rapport.html", []byte(`<img alt="fnr ` + number + `">`), IdentityNumber},
		{"FamilieID in html", "rapport.html", []byte(`<td>F017</td>`), FamilyID},
		{"FamilieID inside a word", "rapport.html", []byte(`<td>F0170</td>`), None},
		{"FamilieID in lower case", "rapport.html", []byte(`<p>Hos f017 får barna gå på samme skole.</p>`), FamilyID},
		{"FamilieID with a genitive s", "rapport.html", []byte(`<p>F017s barn har flyttet fem ganger.</p>`), FamilyID},
		{"FamilieID with a hyphen typed inside", "rapport.html", []byte(`<p>far i F-017</p>`), FamilyID},
		{"FamilieID with a space typed inside", "resultater.json", []byte(`{"who":"mor i F 017"}`), FamilyID},
		{"FamilieID spaced, genitive", "rapport.html", []byte(`<p>F 017s barn</p>`), FamilyID},
		{"digits after a letter are not a digit id", "rapport.html", []byte(`<p>del 123456</p>`), FamilyID},
		{"a letter and another number", "rapport.html", []byte(`<p>F 0170 og f-18</p>`), None},
		{"id with a hyphen", "rapport.html", []byte(`<p>kjøpt av A-12.</p>`), FamilyID},
		{"short digit id is not looked for", "rapport.html", []byte(`<td>123</td>`), None},
		{"long digit id", "rapport.html", []byte(`<td>123456</td>`), FamilyID},
		{"table cells are not joined", "rapport.html", []byte(`<td>010190</td><td>50188</td>`), None},
		{"json string", "resultater.json", []byte(`{"quotes":[{"text":"fnr ` + spaced + `"}]}`), IdentityNumber},
		{"json amounts are figures", "resultater.json", []byte(`{"x": ` + number[1:] + `, "y": "` + number + `", "z": "2119320820"}`), None},
		{"an amount grouped in thousands", "rapport.html", []byte(`<td>21 193 208 200 kr</td>`), None},
		{"chart data", "rapport.html", []byte(`<script>var o={"data":[2119320820,` + number + `,"F0170"]};</script>`), None},
		{"chart label", "rapport.html", []byte(`<script>var o={"name":"` + spaced + `"};</script>`), IdentityNumber},
		{"xlsx number cell", "resultater.xlsx", zipWith(t, "xl/worksheets/sheet1.xml", `<c><v>`+number+`</v></c>`), None},
		{"xlsx inline string", "resultater.xlsx", zipWith(t, "xl/worksheets/sheet1.xml", `<c t="inlineStr"><is><t>fnr `+number+`</t></is></c>`), IdentityNumber},
		{"json key", "resultater.json", []byte(`{"F017": 1}`), FamilyID},
		{"clean json", "resultater.json", []byte(`{"families":{"bought":40},"x":"3350000"}`), None},
		{"xlsx cell", "resultater.xlsx", zipWith(t, "xl/sharedStrings.xml", `<sst><si><t>`+spaced+`</t></si></sst>`), IdentityNumber},
		{"xlsx clean", "resultater.xlsx", zipWith(t, "xl/worksheets/sheet1.xml", `<c><v>40</v></c><c><v>13</v></c>`), None},
		{"pdf text", "rapport.pdf", pdfWith(t, "«"+spaced+"»"), IdentityNumber},
		{"pdf FamilieID", "rapport.pdf", pdfWith(t, "Familie F017 flyttet."), FamilyID},
		{"pdf clean", "rapport.pdf", pdfWith(t, "40 familier, 97 barn, 3 350 000 kr"), None},
		{"file name", "rapport " + number + ".html", []byte(`<p></p>`), IdentityNumber},
	}
	for _, c := range cases {
		if got := Scan(c.file, c.b, ids); got != c.want {
			t.Errorf("%s: Scan = %v; want %v", c.name, got, c.want)
		}
	}
}

func FuzzScan(f *testing.F) {
	f.Add("rapport.pdf", []byte("stream\nx(abc\\(\\051)endstream"))
	f.Add("rapport.html", []byte(`<p a="b>c</p>`))
	f.Add("resultater.json", []byte(`{"a":[1,"F017"]}`))
	f.Add("resultater.xlsx", []byte("PK"))
	ids := NewIDs([]string{"F017", "A-12"})
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		Scan(name, b, ids)
	})
}

func TestMask(t *testing.T) {
	ids := NewIDs([]string{"F017", "A-12"})
	cases := map[string]string{
		"FamilieID F017 mangler Statusdato.":  "FamilieID (skjult) mangler Statusdato.",
		"F0170 og F017, F017.":                "F0170 og (skjult), (skjult).",
		"kjøpt av A-12.":                      "kjøpt av (skjult).",
		"Ingen familie her.":                  "Ingen familie her.",
		"f017 og F017s barn, F-017 og F 017.": "(skjult) og (skjult) barn, (skjult) og (skjult).",
	}
	for in, want := range cases {
		if got := ids.Mask(in, "(skjult)"); got != want {
			t.Errorf("Mask(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	t.Parallel()
	ids := NewIDs([]string{"F017", " Ø5 ", "A-12", "", "familie 3"})
	tests := []struct {
		text string
		want bool
	}{
		{"F017 har mer enn ett kjøp.", true},
		{"Familien (F017) mangler verdi", true},
		{"f017s barn", true},
		{"F-017 og F 017", true},
		{"F0170 har mer enn ett kjøp.", false},
		{"XF017", false},
		{"Ø5", true},
		{"BØ5", false},
		{"ØØ5", false},
		{"kjøpt av A-12.", true},
		{"kjøpt av a12.", true},
		{"A-123", false},
		{"BA-12", false},
		{"gjelder familie 3, ikke 4", true},
		{"familie 33", false},
		{"\xffF017\xff", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := ids.Names(tt.text); got != tt.want {
			t.Errorf("Names(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
