package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"bobra/data"

	"github.com/xuri/excelize/v2"
)

// An emoji in a FamilieID, a quote and the project name stops no run: the
// PDFs draw «□» in its place, every other output keeps it, and rapport and
// valider give the same warning for each cell.
func TestRapportEmojiInCells(t *testing.T) {
	dir := writeSample(t)
	const smile = "😀"
	id := data.Sample().Families[0].ID
	// The family's ID in every sheet that names it, so no reference breaks.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet)
			for r, row := range rows {
				for c, v := range row {
					if v == id {
						cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
						f.SetCellStr(sheet, cell, id+smile)
					}
				}
			}
		}
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	var quoteCell, nameCell string
	editWorkbook(t, dir, data.SheetQuotes, func(f *excelize.File) {
		quoteCell = columnOf(t, f, data.SheetQuotes, data.ColQuote) + "2"
		v, _ := f.GetCellValue(data.SheetQuotes, quoteCell)
		f.SetCellStr(data.SheetQuotes, quoteCell, v+" "+smile)
	})
	editWorkbook(t, dir, data.SheetAssumptions, func(f *excelize.File) {
		param := columnOf(t, f, data.SheetAssumptions, data.ColParameter)
		value := columnOf(t, f, data.SheetAssumptions, data.ColValue)
		rows, _ := f.GetRows(data.SheetAssumptions)
		for r := range rows {
			cell := param + strconv.Itoa(r+1)
			if v, _ := f.GetCellValue(data.SheetAssumptions, cell); v == data.ParamProgramme {
				nameCell = value + strconv.Itoa(r+1)
				f.SetCellStr(data.SheetAssumptions, nameCell, "Barn bor bra "+smile)
			}
		}
	})
	if nameCell == "" {
		t.Fatal("the sample has no Prosjektnavn")
	}

	out := filepath.Join(t.TempDir(), "ut")
	r := bobra(t, t.TempDir(), "rapport", "--data", dir, "--ut", out)
	if r.code != 0 {
		t.Fatalf("rapport: exit %d\n%s", r.code, r.stderr)
	}
	v := bobra(t, t.TempDir(), "valider", "--data", dir)
	if v.code != 0 {
		t.Fatalf("valider: exit %d\n%s", v.code, v.stdout)
	}
	for _, where := range []string{
		"ark Familier, celle A2 (FamilieID)",
		"ark " + data.SheetQuotes + ", celle " + quoteCell + " (Sitat)",
		"ark " + data.SheetAssumptions + ", celle " + nameCell + " (Verdi)",
	} {
		for name, text := range map[string]string{"rapport": r.stderr, "valider": v.stdout} {
			line := lineWith(text, where)
			t.Logf("%s: %s", name, line)
			if line == "" || !strings.Contains(line, "«"+smile+"» (U+1F600)") || !strings.Contains(line, "vises der som «□»") {
				t.Errorf("%s gives no warning for %s:\n%s", name, where, text)
			}
		}
	}

	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".xlsx") {
			return xlsxText(t, b)
		}
		if strings.HasSuffix(name, ".pdf") {
			text, ok := pdfText(t, b)
			if !ok {
				t.Skip("pdftotext is not installed")
			}
			return text
		}
		return string(b)
	}
	for _, name := range []string{"rapport.html", "resultater.xlsx", "resultater.json"} {
		if !strings.Contains(read(name), smile) {
			t.Errorf("%s lost the emoji", name)
		}
	}
	for _, name := range []string{"rapport.pdf", "presentasjon.pdf"} {
		text := read(name)
		if strings.Contains(text, smile) || !strings.Contains(text, "Barn bor bra □") {
			t.Errorf("%s does not draw the project name with «□»", name)
		}
	}
	if text := read("rapport.pdf"); !strings.Contains(text, id+"□") {
		t.Errorf("rapport.pdf does not show the FamilieID as %s□", id)
	}
}

func lineWith(text, sub string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}
