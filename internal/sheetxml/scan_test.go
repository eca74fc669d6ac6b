package sheetxml

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// strictError decodes doc with encoding/xml's strict decoder to its end.
func strictError(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
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

// scanError reads doc as a sheet to its end.
func scanError(doc string) error {
	sh := NewSheet(strings.NewReader(doc), nil)
	for sh.Next() {
	}
	return sh.Err()
}

// The scanner refuses exactly what encoding/xml's strict decoder refuses
// (outside the sheet data, where it also refuses what SpreadsheetML does
// not allow).
func TestScannerWellFormedAsEncodingXML(t *testing.T) {
	for _, doc := range wellFormedCases {
		want, got := strictError(doc), scanError(doc)
		var se *StructureError
		if errors.As(got, &se) {
			t.Errorf("%q: a structure error outside sheet data: %v", doc, got)
			continue
		}
		if (want == nil) != (got == nil) {
			t.Errorf("%q: encoding/xml says %v, the scanner %v", doc, want, got)
		}
	}
}

// FuzzScannerWellFormed: on any bytes, the scanner refuses the document
// exactly when encoding/xml's strict decoder does, unless it refuses it
// for what SpreadsheetML does not allow (a structure error).
func FuzzScannerWellFormed(f *testing.F) {
	for _, doc := range wellFormedCases {
		f.Add(doc)
	}
	f.Add(`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`)
	f.Fuzz(func(t *testing.T, doc string) {
		want, got := strictError(doc), scanError(doc)
		var se *StructureError
		if errors.As(got, &se) {
			return
		}
		if (want == nil) != (got == nil) {
			t.Fatalf("%q: encoding/xml says %v, the scanner %v", doc, want, got)
		}
	})
}

// wellFormedCases are small documents on the edges of XML's grammar.
var wellFormedCases = []string{
	`<a/>`,
	`<a></a>`,
	"\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<a/>",
	`<?xml version="1.1"?><a/>`,
	`<?xml encoding='utf-8'?><a/>`,
	`<? xml?><a/>`,
	`<?pi?><a/>`,
	`<?pi a?b ?><a/>`,
	`<!DOCTYPE a [<!ENTITY x "y"> <!-- c > -->]><a/>`,
	`<!DOCTYPE a "quoted > bracket"><a/>`,
	`<a><!-- fine --></a>`,
	`<a><!-- not -- fine --></a>`,
	`<a><!---></a>`,
	`<a><!----></a>`,
	`<a><!-x--></a>`,
	`<a><![CDATA[<b> & ]] ]]></a>`,
	`<a><![CDATA[unclosed</a>`,
	`<a><![CDAT[x]]></a>`,
	`<a>&lt;&gt;&amp;&apos;&quot;</a>`,
	`<a>&#60;&#x3c;&#X3c;</a>`,
	`<a>&#0;</a>`,
	`<a>&#xD800;</a>`,
	`<a>&#x110000;</a>`,
	`<a>&#xFFFE;</a>`,
	`<a>&#;</a>`,
	`<a>&#12</a>`,
	`<a>&nbsp;</a>`,
	`<a>& b</a>`,
	`<a>&amp</a>`,
	`<a>&;</a>`,
	`<a>x ]]> y</a>`,
	`<a>x ]] > y</a>`,
	`<a b="]]>"/>`,
	`<a b="&lt;"/>`,
	`<a b="<"/>`,
	`<a b='1' c="2"/>`,
	`<a b="1"c="2"/>`,
	`<a b = "1" />`,
	`<a b=1/>`,
	`<a b/>`,
	`<a "b"/>`,
	`<a/ >`,
	`<a / >`,
	`</a>`,
	`<a></b>`,
	`<a><b></a></b>`,
	`<a>`,
	`<a><b/>`,
	`<a b="1`,
	`<a`,
	`<`,
	`< a/>`,
	`<1a/>`,
	`<a:b:c/>`,
	`<:a/>`,
	`<a:/>`,
	`<x:a></x:a>`,
	`<x:a></y:a>`,
	`<é/>`,
	"<a\u00b7/>",
	"<\u00b7a/>",
	"<a>\xff</a>",
	"<a>\x01</a>",
	"<a>\t\n\r</a>",
	"<a>\uFFFE</a>",
	"<a>\U0001F600</a>",
	"<a b=\"\x02\"/>",
	`text<a/>more`,
	`<a/><b/>`,
	`</a`,
	`<a></a >`,
	`<a></a b>`,
	``,
}

func TestIsDateFormat(t *testing.T) {
	cases := map[string]bool{
		"dd.mm.yyyy": true, "d/m/yy": true, "[$-414]d. mmmm yyyy;@": true, "mmm-yy": true, "h:mm": true,
		"[h]:mm:ss": true, "yyyy-mm-dd hh:mm": true, `"dato" dd.mm.yyyy`: true,
		"0.00": false, "#,##0": false, "General": false, `0.0 "dager"`: false, `# ##0\ "kr"`: false,
		"[Red]0.00": false, "0%": false, "@": false, `_(* #,##0_)`: false, "0.00E+00": false,
	}
	for code, want := range cases {
		if got := IsDateFormat(code); got != want {
			t.Errorf("IsDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestBstrUnescape(t *testing.T) {
	cases := map[string]string{
		"plain":          "plain",
		"a_x000D_b":      "a\rb",
		"_x005F_x0041_":  "_x0041_",
		"_x0041__x0042_": "AB",
		"_xD800_gone":    "gone",
		"_x00e6_":        "æ",
		"_x12_ not":      "_x12_ not",
		"_x004G_":        "_x004G_",
		"end _x0041":     "end _x0041",
		"__x0041_":       "_A",
	}
	for in, want := range cases {
		if got := bstrUnescape(in); got != want {
			t.Errorf("bstrUnescape(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzIsDateFormat: quoted text never makes a number format a date, and
// a format is a date exactly when its first section is.
func FuzzIsDateFormat(f *testing.F) {
	for _, s := range []string{"dd.mm.yyyy", `0.0 "dager"`, "[h]:mm", "[Red]0;[Blue]-0", `\d0`, "_(0_)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		got := IsDateFormat(code)
		if !strings.ContainsAny(code, `"`) && IsDateFormat(`"`+code+`"0`) {
			t.Fatalf("quoted %q reads as a date", code)
		}
		first, _, _ := strings.Cut(code, ";")
		if IsDateFormat(first) != got {
			t.Fatalf("%q: the first section says %v, the whole %v", code, IsDateFormat(first), got)
		}
	})
}
