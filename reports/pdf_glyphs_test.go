package reports

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"bobra/data"
	"bobra/pipeline"
	"bobra/pipeline/compute"

	"github.com/go-fonts/liberation/liberationsansregular"
)

func TestPDFCanDraw(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{
		{'a', true}, {'\n', true}, {'æ', true}, {'Ø', true}, {'å', true},
		{'\u00a0', true}, {'\u2212', true}, {'«', true}, {'–', true}, {'…', true},
		{pdfMissingGlyph, true},
		{'😀', false}, {'\U0001F3E0', false}, {'☃', false}, {'中', false},
		// The font has the joiner (it draws nothing).
		{'\u200d', true},
	} {
		if got := PDFCanDraw(tc.r); got != tc.want {
			t.Errorf("PDFCanDraw(%q) = %v, want %v", tc.r, got, tc.want)
		}
	}
}

func TestPDFText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"F001", "F001"},
		{"Bærum – 3 350 000 kr", "Bærum – 3 350 000 kr"},
		{"F001😀", "F001□"},
		{"Vi er glade ☃!", "Vi er glade □!"},
		// One emoji of several code points: the variation selector and
		// skin tone show nothing of their own; the font's joiner is kept.
		{"👨\u200d👩\u200d👧 og 👍🏽 og ❤\ufe0f", "□\u200d□\u200d□ og □ og □"},
		{"", ""},
		{"a\tb\x1bc\rd\x7f\ne", "a bcd\ne"},
	} {
		if got := pdfText(tc.in); got != tc.want {
			t.Errorf("pdfText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzPDFText(f *testing.F) {
	for _, s := range []string{"F001😀", "æøå", "\xff\xfe", "👨\u200d👩", "a\u00adb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := pdfText(s)
		for _, r := range got {
			if (!PDFCanDraw(r) || (r < 0x20 && r != '\n') || r == 0x7f) && r != utf8.RuneError {
				t.Fatalf("pdfText(%q) = %q keeps %q", s, got, r)
			}
		}
		if utf8.RuneCountInString(got) > utf8.RuneCountInString(s) {
			t.Fatalf("pdfText(%q) = %q is longer", s, got)
		}
	})
}

// A damaged font must give an empty coverage (everything replaced), never
// a panic.
func FuzzCmapCoverage(f *testing.F) {
	ttf := liberationsansregular.TTF
	f.Add(ttf[:min(len(ttf), 4096)])
	f.Add([]byte{0, 1, 0, 0, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = cmapCoverage(b)
	})
}

// An emoji in a FamilieID, a quote and the project name: both PDFs are
// written, draw «□», and keep their structure.
func TestPDFEmojiRenders(t *testing.T) {
	ds := data.Sample()
	id := ds.Families[0].ID
	rename := func(s *string) {
		if *s == id {
			*s = id + "😀"
		}
	}
	for i := range ds.Families {
		rename(&ds.Families[i].ID)
	}
	for i := range ds.Children {
		rename(&ds.Children[i].FamilyID)
	}
	for i := range ds.Purchases {
		rename(&ds.Purchases[i].FamilyID)
	}
	for i := range ds.Valuations {
		rename(&ds.Valuations[i].FamilyID)
	}
	for i := range ds.FollowUps {
		rename(&ds.FollowUps[i].FamilyID)
	}
	ds.Quotes[0].Text += " 🏠❤\ufe0f"
	ds.Assumptions.Programme += " 🏠"
	res := compute.Compute(ds, data.SampleEvaluationDate)
	tpl := MustLoadEmbedded()
	for _, r := range []pipeline.Renderer{NewPDF(tpl), NewSlides(tpl)} {
		pdf := render(t, r, res)
		text := strings.Join(pdfPages(t, pdf), "\n")
		if strings.ContainsAny(text, "😀🏠❤") || !strings.Contains(text, "□") {
			t.Errorf("%s: the emoji are not drawn as «□»", r.FileName())
		}
		if r.FileName() == "rapport.pdf" && !strings.Contains(text, id+"□") {
			t.Errorf("%s: no %s□", r.FileName(), id)
		}
		checkTagged(t, r.FileName(), pdf)
	}
}

func TestPDFGlyphProblems(t *testing.T) {
	cols := map[string]string{data.ColFamilyID: "A", data.ColQuote: "B", data.ColWho: "C"}
	at := func(sheet string, row int) data.Loc { return data.NewLoc("x.xlsx", sheet, row, cols) }
	ds := &data.Dataset{
		Families: []data.Family{{ID: "F001", At: at(data.SheetFamilies, 2)}, {ID: "F002😀", At: at(data.SheetFamilies, 3)}},
		Quotes: []data.Quote{
			{Text: "Endelig ☃ hjemme 😀😀 🏠 ✈", Who: "Mor", At: at(data.SheetQuotes, 2)},
			{Text: "Bare æøå og «sitat» – fint", At: at(data.SheetQuotes, 3)},
		},
	}
	got := PDFGlyphProblems(ds)
	tail := " ikke i skriften i rapport.pdf og presentasjon.pdf og vises der som «□»; " +
		"rapport.html, resultater.xlsx og resultater.json har teksten slik den står i cellen."
	want := data.Problems{
		{Severity: data.Warning, Kind: KindPDFGlyph, File: "x.xlsx", Sheet: data.SheetFamilies, Cell: "A3", Column: data.ColFamilyID,
			Message: "Tegnet «😀» (U+1F600) finnes" + tail},
		{Severity: data.Warning, Kind: KindPDFGlyph, File: "x.xlsx", Sheet: data.SheetQuotes, Cell: "B2", Column: data.ColQuote,
			Message: "Tegnene «☃» (U+2603), «😀» (U+1F600), «🏠» (U+1F3E0) og 1 til finnes" + tail},
	}
	if !slices.Equal(got, want) {
		t.Errorf("PDFGlyphProblems:\n got %q\nwant %q", got, want)
	}
	if PDFGlyphProblems(nil) != nil {
		t.Error("no dataset gives problems")
	}
}
