package reports

import (
	"bobra/internal/norfmt"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-pdf/fpdf"
	"github.com/shopspring/decimal"
)

// renderReport writes doc as rapport.pdf bytes.
func renderReport(t *testing.T, doc *Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := writeReportPDF(&buf, doc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// needTool skips the test when a poppler or qpdf program is missing; CI
// installs them (.ci/run).
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed", name)
	}
	return path
}

// writeTemp writes pdf to a file in the test's temp folder.
func writeTemp(t *testing.T, name string, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfPages returns the text of each page as pdftotext -layout gives it.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	tool := needTool(t, "pdftotext")
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", writeTemp(t, "in.pdf", pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// textDump is the golden form of a PDF's text: each page under a marker,
// trailing spaces trimmed, non-breaking spaces shown as "~" so that a
// change between a plain and a non-breaking space shows in the diff.
func textDump(pages []string) []byte {
	var b strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&b, "=== side %d ===\n", i+1)
		for _, line := range strings.Split(strings.TrimRight(p, "\n"), "\n") {
			b.WriteString(strings.ReplaceAll(strings.TrimRight(line, " "), norfmt.NBSP, "~") + "\n")
		}
	}
	return []byte(b.String())
}

var spaces = regexp.MustCompile(`[ \t\x{00a0}]+`)

// flat joins the pages with single spaces for NBSP and runs of spaces, so
// a figure can be looked up whatever space pdftotext gave back.
func flat(s string) string { return spaces.ReplaceAllString(s, " ") }

func TestReportPDFGolden(t *testing.T) {
	t.Parallel()
	pdf := renderReport(t, fixtureDocument(40))
	checkGolden(t, "rapport-fixture.pdf.txt", textDump(pdfPages(t, pdf)))
	if os.Getenv("BOBRA_PDF_OUT") != "" {
		_ = os.WriteFile(filepath.Join(os.Getenv("BOBRA_PDF_OUT"), "rapport-fixture.pdf"), pdf, 0o644)
	}
}

func TestReportPDFSameBytes(t *testing.T) {
	doc := fixtureDocument(40)
	first := renderReport(t, doc)
	// fpdf builds font subsets from maps; several runs give map order a
	// chance to show.
	for range 4 {
		if again := renderReport(t, doc); !bytes.Equal(first, again) {
			t.Fatal("two renders of the same document differ")
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	other := renderReport(t, doc)
	if bytes.Equal(first, other) {
		t.Error("SOURCE_DATE_EPOCH did not change the document dates")
	}
	if !bytes.Contains(other, []byte("D:20231114")) {
		t.Error("SOURCE_DATE_EPOCH 1700000000 is not the creation date")
	}
}

// The outline has an entry for the contents and each section, and the
// Markdown link is a live link.
func TestReportPDFOutlineAndLinks(t *testing.T) {
	t.Parallel()
	doc := fixtureDocument(40)
	pdf := renderReport(t, doc)
	if got, want := bytes.Count(pdf, []byte("<</Title ")), len(doc.Sections)+1; got != want {
		t.Errorf("%d bookmarks, want %d", got, want)
	}
	if !bytes.Contains(pdf, []byte("/URI (https://www.regjeringen.no/no/dokumenter/alle-trenger-et-trygt-hjem/id2788070/)")) {
		t.Error("the link to regjeringen.no is not a link")
	}
	// Contents lines and the "#metode" link in the summary go to pages.
	if n := bytes.Count(pdf, []byte("/Dest [")); n < len(doc.Sections)+1 {
		t.Errorf("%d internal links, want at least %d", n, len(doc.Sections)+1)
	}
	for _, w := range []string{"/Lang (nb-NO)", "/Author", "/Keywords", "/CreationDate (D:20210930000000)", "/ModDate (D:20210930000000)"} {
		if !bytes.Contains(pdf, []byte(w)) {
			t.Errorf("the PDF lacks %s", w)
		}
	}
}

func BenchmarkReportPDF(b *testing.B) {
	doc := fixtureDocument(MaxHomeRows)
	for b.Loop() {
		if err := writeReportPDF(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReportPDFText(t *testing.T) {
	t.Parallel()
	doc := fixtureDocument(40)
	pages := pdfPages(t, renderReport(t, doc))
	all := flat(strings.Join(pages, "\n"))
	var want []string
	for _, k := range doc.KeyFigures {
		want = append(want, k.Value, k.Label)
	}
	for _, s := range doc.Sections {
		want = append(want, s.Title)
	}
	want = append(want,
		"Barn bor bra i Bærum", "Evaluering", "Bærum kommune", "Evalueringsdato: 30. september 2021",
		"Intern rapport", "kr 79 540 000", "−25 %", "4,85 personer", "Kilde: Forutsetninger",
		"Å eie gjør barnas hverdag tryggere", "«Vi kan bo her så lenge vi vil.", "– mor, del 1",
		"• Målgruppen er barnefamilier", "1. Familier og barn.", "Alle trenger et trygt hjem",
	)
	for _, w := range want {
		if !strings.Contains(all, flat(w)) {
			t.Errorf("the PDF text lacks %q", w)
		}
	}
	// Every page but the cover has the running footer with the total.
	for i, p := range pages[1:] {
		if wantFooter := fmt.Sprintf("Side %d av %d", i+2, len(pages)); !strings.Contains(p, wantFooter) {
			t.Errorf("page %d lacks %q", i+2, wantFooter)
		}
	}
}

func TestReportPDFContents(t *testing.T) {
	t.Parallel()
	doc := fixtureDocument(40)
	pages := pdfPages(t, renderReport(t, doc))
	toc := flat(pages[1])
	for _, s := range doc.Sections {
		page := 0
		for i, p := range pages {
			if i > 1 && strings.HasPrefix(strings.TrimSpace(p), s.Title) {
				page = i + 1
				break
			}
		}
		if page == 0 {
			t.Errorf("no page starts with the section %q", s.Title)
			continue
		}
		if re := regexp.MustCompile(regexp.QuoteMeta(s.Title) + `[ .]*\b` + fmt.Sprint(page) + `\b`); !re.MatchString(toc) {
			t.Errorf("the contents do not give page %d for %q:\n%s", page, s.Title, toc)
		}
	}
}

// A 300-home table runs over several pages: every page it is on starts
// with the header row, and every row is whole on one line of one page.
func TestReportPDFLongTable(t *testing.T) {
	t.Parallel()
	doc := fixtureDocument(300)
	var table *Table
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			if b.Table != nil && b.Table.Caption == "Boligene" {
				table = b.Table
			}
		}
	}
	pages := pdfPages(t, renderReport(t, doc))
	header := regexp.MustCompile(`FamilieID\s+Del\s+Kjøpsdato\s+Kjøpesum\s+Rom\s+Verdi\s+Gevinst\s+Gevinst i\s+Status`)
	rowPages := map[int]bool{}
	for _, row := range table.Rows {
		re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(row[0]) + `\s+` + regexp.QuoteMeta(row[1]) + `\s+` +
			regexp.QuoteMeta(row[2]) + `\s+` + regexp.QuoteMeta(flat(row[3])) + `\s+` + regexp.QuoteMeta(row[4]) + `\s+` +
			regexp.QuoteMeta(flat(row[5])) + `\s+` + regexp.QuoteMeta(flat(row[6])) + `\s+` + regexp.QuoteMeta(flat(row[7])) + `\s+` +
			regexp.QuoteMeta(strings.Fields(row[8])[0]))
		found := 0
		for i, p := range pages {
			if re.MatchString(flat(p)) {
				found++
				rowPages[i] = true
			}
		}
		if found != 1 {
			t.Errorf("row %s is whole on %d pages, want 1", row[0], found)
		}
	}
	if len(rowPages) < 4 {
		t.Errorf("300 rows on %d pages; want the table to run over several", len(rowPages))
	}
	for i := range rowPages {
		if !header.MatchString(flat(pages[i])) {
			t.Errorf("page %d has rows but no header row", i+1)
		}
	}
}

// The PDF is well-formed and its fonts embedded, as qpdf and pdffonts see it.
func TestReportPDFStructure(t *testing.T) {
	t.Parallel()
	path := writeTemp(t, "rapport.pdf", renderReport(t, fixtureDocument(40)))
	checkPDFTools(t, path, "LiberationSans")
}

func checkPDFTools(t *testing.T, path, font string) {
	t.Helper()
	qpdf := needTool(t, "qpdf")
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(needTool(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", out)
	}
	for _, line := range lines[2:] {
		f := strings.Fields(line)
		// name type encoding emb sub uni object ID
		if len(f) < 7 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
		if !strings.Contains(strings.ToLower(f[0]), strings.ToLower(font)) {
			t.Errorf("unexpected font %s", f[0])
		}
	}
	info, err := exec.Command(needTool(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, w := range []string{"Author:", "Title:", "Subject:", "Keywords:", "Creator:         bobra", "Producer:        bobra"} {
		if !strings.Contains(string(info), w) {
			t.Errorf("pdfinfo lacks %q:\n%s", w, info)
		}
	}
}

func TestNiceAxis(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	tests := []struct {
		lo, hi string
		unit   Unit
		want   string // tick labels
	}{
		{"0", "11", UnitCount, "0|2|4|6|8|10|12"},
		{"0", "1", UnitCount, "0|1"},
		{"0", "0.963", UnitShare, "0 %|20 %|40 %|60 %|80 %|100 %"},
		{"0", "159080000", UnitKroner, "0 mill. kr|50 mill. kr|100 mill. kr|150 mill. kr|200 mill. kr"},
		{"12900", "22300", UnitKroner, "kr 0|kr 5 000|kr 10 000|kr 15 000|kr 20 000|kr 25 000"},
		{"-19", "19", UnitCount, "−20|−10|0|10|20"},
		{"0", "0", UnitCount, "0|1"},
		{"0", "2500000", UnitKroner, "0,0 mill. kr|0,5 mill. kr|1,0 mill. kr|1,5 mill. kr|2,0 mill. kr|2,5 mill. kr"},
	}
	for _, tc := range tests {
		a := niceAxis(d(tc.lo), d(tc.hi), 5, tc.unit)
		var got []string
		for _, tk := range a.Ticks {
			got = append(got, strings.ReplaceAll(a.tickLabel(tk, tc.unit), norfmt.NBSP, " "))
		}
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("niceAxis(%s, %s) = %s, want %s", tc.lo, tc.hi, g, tc.want)
		}
	}
}

func TestWrapTextKeepsNumbersWhole(t *testing.T) {
	t.Parallel()
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes(pdfFont, "", liberationsansregular.TTF)
	setFont(f, "", 10)
	s := "Boligene er verdt kr" + norfmt.NBSP + "142" + norfmt.NBSP + "300" + norfmt.NBSP + "000 mot kr" + norfmt.NBSP + "120" + norfmt.NBSP + "900" + norfmt.NBSP + "000 da de ble kjøpt"
	lines := wrapText(f, s, 40)
	if len(lines) < 3 {
		t.Fatalf("wrapText gave %d lines: %q", len(lines), lines)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, norfmt.NBSP) || strings.HasSuffix(l, norfmt.NBSP) || f.GetStringWidth(l) > 40 {
			t.Errorf("bad line %q", l)
		}
	}
	if got := strings.Join(lines, " "); got != s {
		t.Errorf("wrapText lost text: %q", got)
	}
}
