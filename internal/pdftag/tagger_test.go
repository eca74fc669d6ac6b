package pdftag

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

// draw makes a two-page document: a heading, a paragraph that runs over
// the page break, a link and a footer.
func draw(t *testing.T) (*fpdf.Fpdf, *Tagger) {
	t.Helper()
	f := fpdf.New("P", "mm", "A5", "")
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 12)
	tg := New(f)
	tg.SetFooter(func() {
		f.SetY(-10)
		f.CellFormat(0, 5, "footer", "", 0, "C", false, 0, "")
	})
	f.AddPage()
	tg.Leaf("H1", func() { f.CellFormat(0, 10, "Heading", "", 1, "L", false, 0, "") })
	p := tg.Open("P")
	tg.Mark()
	for range 40 {
		f.CellFormat(0, 6, "a line of the paragraph", "", 1, "L", false, 0, "")
	}
	tg.OpenLink("Go to the heading")
	tg.Mark()
	f.CellFormat(40, 6, "link", "", 1, "L", false, 0, "https://example.org")
	tg.Close()
	// The paragraph goes on: its content needs a sequence of its own
	// again, and keeps it across the artifact.
	tg.Mark()
	tg.Artifact(func() { f.Line(10, 10, 50, 10) })
	f.CellFormat(0, 6, "after the link", "", 1, "L", false, 0, "")
	tg.Close()
	if p.Type != "P" || f.PageNo() != 2 {
		t.Fatalf("the paragraph should run onto page 2, is on %d", f.PageNo())
	}
	return f, tg
}

func finish(t *testing.T, f *fpdf.Fpdf, tg *Tagger) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	out, err := tg.Finish(buf.Bytes(), Meta{Title: "Tittel 😀", Lang: "nb-NO", Date: time.Date(2021, 9, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pageContent returns the uncompressed content of page n (object 2+2n).
func pageContent(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)\n` + strconv.Itoa(2+2*n) + ` 0 obj\n<<[^>]*>>\nstream\n(.*?)\nendstream`).FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("no content for page %d", n)
	}
	if bytes.HasPrefix(m[1], []byte{0x78}) {
		r, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err == nil {
			b, _ := io.ReadAll(r)
			return string(b)
		}
	}
	return string(m[1])
}

func TestTaggerMarkedContent(t *testing.T) {
	f, tg := draw(t)
	pdf := finish(t, f, tg)
	one, two := pageContent(t, pdf, 1), pageContent(t, pdf, 2)
	// Page 1: the heading, the paragraph's first part, the footer as an
	// artifact; page 2 continues the paragraph with its own MCID.
	for _, want := range []string{"/H1 <</MCID 0>> BDC", "/P <</MCID 1>> BDC", "/Artifact BMC"} {
		if !strings.Contains(one, want) {
			t.Errorf("page 1 lacks %q", want)
		}
	}
	for _, want := range []string{"/P <</MCID 0>> BDC", "/Link <</MCID 1>> BDC", "/P <</MCID 2>> BDC", "/P <</MCID 3>> BDC"} {
		if !strings.Contains(two, want) {
			t.Errorf("page 2 lacks %q", want)
		}
	}
	for n, c := range []string{one, two} {
		if b, e := strings.Count(c, " BDC")+strings.Count(c, " BMC"), strings.Count(c, "EMC"); b != e {
			t.Errorf("page %d: %d sequences opened, %d closed", n+1, b, e)
		}
	}
}

// expand returns pdf with the contents of its object streams appended, so
// the objects in them can be looked for as text.
func expand(t *testing.T, pdf []byte) []byte {
	t.Helper()
	out := append([]byte(nil), pdf...)
	re := regexp.MustCompile(`(?s)<</Type /ObjStm /N \d+ /First \d+ /Filter /FlateDecode /Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		r, err := zlib.NewReader(bytes.NewReader(pdf[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		out = append(append(out, '\n'), b...)
	}
	return out
}

func TestFinishWritesTheStructure(t *testing.T) {
	f, tg := draw(t)
	raw := finish(t, f, tg)
	tail := string(raw[bytes.LastIndex(raw, []byte("/Type /XRef")):])
	if !strings.Contains(tail, "/Prev ") || !strings.Contains(tail, "/Root ") {
		t.Errorf("the update's cross-reference stream has no /Prev or /Root: %.200s", tail)
	}
	pdf := expand(t, raw)
	for _, want := range []string{
		"/MarkInfo <</Marked true>>", "/StructTreeRoot ", "/ViewerPreferences <</DisplayDocTitle true>>", "/Metadata ",
		"/Lang (nb-NO)",
		"/StructParents 0", "/StructParents 1 /Tabs /S",
		"/Type /StructElem /S /Document", "/S /H1", "/S /Link",
		"<</Type /MCR /Pg 3 0 R /MCID 1>> <</Type /MCR /Pg 5 0 R /MCID 0>>", // the paragraph over two pages
		"<</Type /OBJR /Pg 5 0 R /Obj ",
		"/StructParent 2 /Contents (Go to the heading) /P 5 0 R /Type /Annot /Subtype /Link",
		"<pdfuaid:part>1</pdfuaid:part>", "<rdf:li xml:lang=\"x-default\">Tittel 😀</rdf:li>",
		"/Title <FEFF00540069007400740065006C0020D83DDE00>", // a surrogate pair, which fpdf cannot write
		"/ParentTreeNextKey 3",
	} {
		if !bytes.Contains(pdf, []byte(want)) {
			t.Errorf("the file lacks %q", want)
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7")) {
		t.Errorf("header %q", pdf[:8])
	}
	f2, tg2 := draw(t)
	if !bytes.Equal(raw, finish(t, f2, tg2)) {
		t.Error("two documents drawn alike differ")
	}
}

func TestFinishRefuses(t *testing.T) {
	t.Run("open element", func(t *testing.T) {
		f := fpdf.New("P", "mm", "A5", "")
		f.SetFont("Helvetica", "", 12)
		tg := New(f)
		f.AddPage()
		tg.Open("P")
		var buf bytes.Buffer
		f.Output(&buf)
		if _, err := tg.Finish(buf.Bytes(), Meta{}); err == nil || !strings.Contains(err.Error(), "still open") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("untagged link", func(t *testing.T) {
		f := fpdf.New("P", "mm", "A5", "")
		f.SetFont("Helvetica", "", 12)
		tg := New(f)
		f.AddPage()
		tg.Leaf("P", func() { f.CellFormat(20, 5, "x", "", 0, "L", false, 0, "https://example.org") })
		var buf bytes.Buffer
		f.Output(&buf)
		if _, err := tg.Finish(buf.Bytes(), Meta{}); err == nil || !strings.Contains(err.Error(), "Link element") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("not fpdf", func(t *testing.T) {
		tg := New(fpdf.New("P", "mm", "A5", ""))
		if _, err := tg.Finish([]byte("%PDF-1.4\nnonsense"), Meta{}); err == nil {
			t.Error("no error")
		}
	})
}

func TestPDFString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"nb-NO", "(nb-NO)"},
		{`a (b) \c`, `(a \(b\) \\c)`},
		{"Bærum", "<FEFF004200E600720075006D>"},
		{"😀", "<FEFFD83DDE00>"},
	} {
		if got := pdfString(tc.in); got != tc.want {
			t.Errorf("pdfString(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// The readers of fpdf's output never panic, whatever the bytes.
func FuzzParseFile(f *testing.F) {
	fp := fpdf.New("P", "mm", "A5", "")
	fp.AddPage()
	var buf bytes.Buffer
	fp.Output(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("xref\n0 1\ntrailer\n<</Size 1 /Root 1 0 R>>\nstartxref\n0\n%%EOF"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if file, err := parseFile(b); err == nil {
			for n := range file.offsets {
				file.object(n)
			}
		}
	})
}

func FuzzInlineAnnots(f *testing.F) {
	f.Add("<</Type /Page\n/Annots [<</Type /Annot /Subtype /Link /Rect [1 2 3 4] /A <</S /URI /URI (http://x\\)>>>>]\n/Contents 4 0 R>>")
	f.Add("/Annots [<<(>>)>> <ff>]")
	f.Fuzz(func(t *testing.T, dict string) {
		annots, err := inlineAnnots(dict)
		if err != nil {
			return
		}
		for _, a := range annots {
			if !strings.HasPrefix(a, "<<") || !strings.HasSuffix(a, ">>") {
				t.Fatalf("annotation %q is not a dictionary", a)
			}
		}
	})
}
