package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// merkFolder is the clean sample with a price of 0 (an error at Kjøp C2)
// and a header that nearly names Husholdning (a warning at Familier D1).
func merkFolder(t *testing.T) string {
	t.Helper()
	dir := corpusFolder(t, "messy/nesten-husholdning")
	b, err := os.ReadFile(filepath.Join("testdata", "messy", "kjopesum-null", "boliger.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "boliger.xlsx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestValiderMerk: `valider --merk` writes a marked copy of every
// workbook, leaves the originals alone, gives the same bytes every time,
// and the copies read back with the same problems.
func TestValiderMerk(t *testing.T) {
	dir := merkFolder(t)
	before := tree(t, dir)
	out := filepath.Join(t.TempDir(), "merket")
	r := bobra(t, t.TempDir(), "valider", "--data", dir, "--merk", out)
	if r.code != exitData {
		t.Fatalf("exit %d, want %d:\n%s%s", r.code, exitData, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "Merkede kopier skrevet til "+out+": boliger.xlsx, erfaringer-og-ressurser.xlsx, familier.xlsx, ssb-og-forutsetninger.xlsx.") {
		t.Errorf("stdout does not list the copies:\n%s", r.stdout)
	}
	after := tree(t, dir)
	if len(after) != len(before) {
		t.Fatalf("the data folder changed: %d files, was %d", len(after), len(before))
	}
	for name, b := range before {
		if !bytes.Equal(after[name], b) {
			t.Errorf("%s in the data folder was changed", name)
		}
	}
	// The same bytes on a second run.
	out2 := filepath.Join(t.TempDir(), "merket")
	bobra(t, t.TempDir(), "valider", "--data", dir, "--merk", out2)
	first, second := tree(t, out), tree(t, out2)
	if len(first) != len(before) {
		t.Fatalf("%d copies, want %d", len(first), len(before))
	}
	for name, b := range first {
		if !bytes.Equal(second[name], b) {
			t.Errorf("%s: the marked copies of two runs differ", name)
		}
	}
	// The copies give the same problems as the originals.
	again := bobra(t, t.TempDir(), "valider", "--data", out)
	problemLines := func(s string) string {
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "feil: ") || strings.HasPrefix(l, "advarsel: ") || strings.HasPrefix(l, "merknad: ") || strings.HasPrefix(l, "Resultat: ") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if got, want := problemLines(again.stdout), problemLines(r.stdout); got != want {
		t.Errorf("reading the marked copies:\n%s\nwant the originals' problems:\n%s", got, want)
	}
	// What excelize sees in the copy: the list first, the cell filled and
	// commented.
	f, err := excelize.OpenFile(filepath.Join(out, "boliger.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); sheets[0] != "Kontroll" || f.GetActiveSheetIndex() != 0 {
		t.Errorf("sheets %v (active %d), want Kontroll first and active", sheets, f.GetActiveSheetIndex())
	}
	rows, err := f.GetRows("Kontroll")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"Alvor", "Ark", "Celle", "Kolonne", "Melding"},
		{"feil", "Kjøp", "C2", "Kjøpesum", "Kjøpesum må være større enn 0 kr; fyll inn beløpet."}}
	if len(rows) != len(want) || strings.Join(rows[0], "|") != strings.Join(want[0], "|") || strings.Join(rows[1], "|") != strings.Join(want[1], "|") {
		t.Errorf("Kontroll = %q, want %q", rows, want)
	}
	link, target, err := f.GetCellHyperLink("Kontroll", "C2")
	if err != nil || !link || target != "'Kjøp'!C2" {
		t.Errorf("link in C2 = %v %q %v, want one to 'Kjøp'!C2", link, target, err)
	}
	style, err := f.GetCellStyle("Kjøp", "C2")
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(style)
	if err != nil || len(st.Fill.Color) != 1 || st.Fill.Color[0] != "FFC7CE" {
		t.Errorf("Kjøp C2 fill = %+v, want FFC7CE", st.Fill)
	}
}

// TestValiderMerkAgain: marking the marked copies gives the first copies'
// bytes, twice over: the Kontroll sheet and the earlier marks are
// replaced, not added to, and a comment that was on a cell before the
// first marking (the template's help on Familier D1) is kept once.
func TestValiderMerkAgain(t *testing.T) {
	dir := merkFolder(t)
	first := filepath.Join(t.TempDir(), "merket")
	bobra(t, t.TempDir(), "valider", "--data", dir, "--merk", first)
	second := filepath.Join(t.TempDir(), "merket")
	bobra(t, t.TempDir(), "valider", "--data", first, "--merk", second)
	third := filepath.Join(t.TempDir(), "merket")
	bobra(t, t.TempDir(), "valider", "--data", second, "--merk", third)
	want := tree(t, first)
	if len(want) != 4 {
		t.Fatalf("%d copies, want 4", len(want))
	}
	for i, out := range []string{second, third} {
		got := tree(t, out)
		if len(got) != len(want) {
			t.Fatalf("marking %d: %d copies, want %d", i+2, len(got), len(want))
		}
		for name, b := range want {
			if !bytes.Equal(got[name], b) {
				t.Errorf("marking %d: %s differs from the first marked copy", i+2, name)
			}
		}
	}
	f, err := excelize.OpenFile(filepath.Join(third, "familier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	comments, err := f.GetComments("Familier")
	if err != nil {
		t.Fatal(err)
	}
	var d1 []string
	for _, c := range comments {
		if c.Cell == "D1" {
			text := c.Text
			for _, r := range c.Paragraph {
				text += r.Text
			}
			d1 = append(d1, text)
		}
	}
	if len(d1) != 1 || strings.Count(d1[0], "bobra: ") != 1 || !strings.HasPrefix(d1[0], helpOnD1(t)) {
		t.Errorf("Familier D1's comment after three markings = %q, want the template's help once, then bobra's mark once", d1)
	}
}

// helpOnD1 is the template's comment on Familier D1 in the sample.
func helpOnD1(t *testing.T) string {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(corpusSample(t), "familier.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	comments, err := f.GetComments("Familier")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comments {
		if c.Cell == "D1" {
			text := c.Text
			for _, r := range c.Paragraph {
				text += r.Text
			}
			return text
		}
	}
	t.Fatal("the sample has no comment on Familier D1")
	return ""
}

// TestValiderMerkRefusesDataFolder: the originals are never overwritten.
func TestValiderMerkRefusesDataFolder(t *testing.T) {
	dir := merkFolder(t)
	before := tree(t, dir)
	r := bobra(t, t.TempDir(), "valider", "--data", dir, "--merk", dir)
	if r.code != exitUsage || !strings.Contains(r.stderr, "er datamappen") {
		t.Fatalf("exit %d, want %d with a sentence about the data folder:\n%s", r.code, exitUsage, r.stderr)
	}
	for name, b := range tree(t, dir) {
		if !bytes.Equal(before[name], b) {
			t.Errorf("%s was changed", name)
		}
	}
	if r := bobra(t, t.TempDir(), "valider", "--merk", t.TempDir()); r.code != exitUsage {
		t.Errorf("--merk without --data: exit %d, want %d", r.code, exitUsage)
	}
}

// TestValiderMerkInLibreOffice opens the marked copies in LibreOffice Calc
// and checks what a person sees there: the comments at the problem cells
// in their severity's colour, and links in Kontroll that land on them.
func TestValiderMerkInLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice check skipped in -short mode")
	}
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import uno").Run(); err != nil {
		t.Skip("python3-uno is not installed")
	}
	out := filepath.Join(t.TempDir(), "merket")
	if r := bobra(t, t.TempDir(), "valider", "--data", merkFolder(t), "--merk", out); r.code != exitData {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	b, err := exec.Command(python, "testdata/merk/libreoffice_marks.py",
		filepath.Join(out, "boliger.xlsx"), filepath.Join(out, "familier.xlsx")).Output()
	if err != nil {
		t.Fatalf("LibreOffice could not read the copies: %v", err)
	}
	var wbs []struct {
		Sheets   []string
		Comments []struct{ Sheet, Cell, Text, Colour string }
		Links    []struct {
			Text, URL, Message string
			LandsOn            string `json:"lands_on"`
		}
	}
	if err := json.Unmarshal(b, &wbs); err != nil || len(wbs) != 2 {
		t.Fatalf("%v in %s", err, b)
	}
	for i, c := range []struct{ sheet, cell, colour, message, landsOn string }{
		{"Kjøp", "C2", "FFC7CE", "feil: Kjøpesum må være større enn 0 kr; fyll inn beløpet.", "Kjøp!C2"},
		{"Familier", "D1", "FFEB9C", "advarsel: Kolonnen «Husholdnig» blir ikke brukt; mente du «Husholdning»?", "Familier!D1"},
	} {
		wb := wbs[i]
		if wb.Sheets[0] != "Kontroll" {
			t.Errorf("%s: LibreOffice sees sheets %v, want Kontroll first", c.sheet, wb.Sheets)
		}
		found := false
		for _, cm := range wb.Comments {
			if cm.Sheet == c.sheet && cm.Cell == c.cell {
				found = true
				if !strings.Contains(cm.Text, c.message) || cm.Colour != c.colour {
					t.Errorf("%s %s: comment %q in %s, want %q in %s", c.sheet, c.cell, cm.Text, cm.Colour, c.message, c.colour)
				}
			}
		}
		if !found {
			t.Errorf("%s %s: LibreOffice sees no comment", c.sheet, c.cell)
		}
		landed := false
		for _, l := range wb.Links {
			if l.LandsOn == c.landsOn {
				landed = true
			}
		}
		if !landed {
			t.Errorf("no link in Kontroll lands on %s: %+v", c.landsOn, wb.Links)
		}
	}
}

// TestValiderMerkXLSM: a workbook with macros is read like any other, so
// it gets its marked copy under its own name, still a macro-enabled
// workbook that Excel opens as one.
func TestValiderMerkXLSM(t *testing.T) {
	dir := merkFolder(t)
	if err := os.Rename(filepath.Join(dir, "boliger.xlsx"), filepath.Join(dir, "boliger.xlsm")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "merket")
	r := bobra(t, t.TempDir(), "valider", "--data", dir, "--merk", out)
	if r.code != exitData {
		t.Fatalf("exit %d, want %d:\n%s%s", r.code, exitData, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "Merkede kopier skrevet til "+out+": boliger.xlsm, erfaringer-og-ressurser.xlsx, familier.xlsx, ssb-og-forutsetninger.xlsx.") {
		t.Errorf("stdout does not list the .xlsm copy:\n%s", r.stdout)
	}
	zr, err := zip.OpenReader(filepath.Join(out, "boliger.xlsm"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	types, err := fs.ReadFile(zr, "[Content_Types].xml")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(types, []byte("application/vnd.ms-excel.sheet.macroEnabled.main+xml")) {
		t.Errorf("the copy's content types do not make it a macro-enabled workbook:\n%s", types)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "boliger.xlsm"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	style, err := f.GetCellStyle("Kjøp", "C2")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := f.GetStyle(style); err != nil || len(st.Fill.Color) != 1 || st.Fill.Color[0] != "FFC7CE" {
		t.Errorf("Kjøp C2 fill = %+v, want FFC7CE", st.Fill)
	}
}
