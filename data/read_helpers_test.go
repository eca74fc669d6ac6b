package data

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// testToday is the day of the run in the reader's tests.
var testToday = NewDate(2024, time.October, 1)

// testSheet is one sheet to write in a test workbook: rows of cells, each
// a string (written as text), a number (written as a number cell), or an
// excelize.Cell (its formula with its value as the stored result).
type testSheet struct {
	name string
	rows [][]any
}

// writeBook writes a workbook with excelize and returns its path.
func writeBook(t testing.TB, dir, name string, sheets ...testSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			plain := make([]any, len(row))
			for c, v := range row {
				if fc, ok := v.(excelize.Cell); ok {
					v = fc.Value
				}
				plain[c] = v
			}
			if err := f.SetSheetRow(s.name, cell, &plain); err != nil {
				t.Fatal(err)
			}
			for c, v := range row {
				// A formula cell with its stored result, as an
				// application that calculates saves it.
				if fc, ok := v.(excelize.Cell); ok {
					at, _ := excelize.CoordinatesToCellName(c+1, r+1)
					if err := f.SetCellFormula(s.name, at, fc.Formula); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// goodSheets is a small valid dataset: two families, one with a purchase.
func goodSheets() []testSheet {
	return []testSheet{
		{"Familier", [][]any{
			{"FamilieID", "Del", "Innmeldt", "Husholdning", "Status", "Statusdato", "Flyttinger før"},
			{"F001", 1, "01.03.2016", "enslig forsørger", "bor i boligen", nil, 3},
			{"F002", "2", "2019-05-01", "to foreldre", nil, nil, nil},
		}},
		{"Barn", [][]any{
			{"FamilieID", "Fødselsår"},
			{"F001", 2008},
			{"F001", "2012"},
			{"F002", 2015},
		}},
		{"Kjøp", [][]any{
			{"FamilieID", "Kjøpsdato", "Kjøpesum", "Startlån", "Rom", "BRA", "Månedlige boutgifter", "Husleie før"},
			{"F001", "15.06.2016", "kr 3 350 000,-", 3000000, 4, 89, "12 500", "14 000"},
		}},
		{"SSB-leie", [][]any{
			{"År", "Rom", "Månedsleie", "Region"},
			{2016, "4", 15150, "Oslo og Bærum"},
			{2017, "4", 15600, "Oslo og Bærum"},
			{2018, "4", 16100, "Oslo og Bærum"},
			{2019, "4", 17300, "Oslo og Bærum"},
			{2020, "4", 18410, "Oslo og Bærum"},
			{2021, "4", 18900, "Oslo og Bærum"},
		}},
		{"SSB-prisindeks", [][]any{
			{"År", "Indeks"},
			{2016, "100"}, {2017, "104,2"}, {2018, 103.1}, {2019, "106"}, {2020, "110,5"}, {2021, "120"},
		}},
		{"Forutsetninger", [][]any{
			{"Parameter", "Verdi", "Kilde"},
			{"Evalueringsdato", "30.09.2021", "Evalueringen"},
			{"Andel barn som unngår utenforskap (basis)", "5 %", "Evalueringen 2021"},
		}},
	}
}

func writeFile(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// clone copies the sheets deeply, so a test case can change its own copy.
func clone(sheets []testSheet) []testSheet {
	out := make([]testSheet, len(sheets))
	for i, s := range sheets {
		out[i].name = s.name
		for _, r := range s.rows {
			out[i].rows = append(out[i].rows, append([]any(nil), r...))
		}
	}
	return out
}

// find returns the named sheet.
func find(sheets []testSheet, name string) *testSheet {
	for i := range sheets {
		if sheets[i].name == name {
			return &sheets[i]
		}
	}
	panic("no sheet " + name)
}

// set puts v in the A1 cell of a sheet, growing it as needed.
func set(sheets []testSheet, sheet, cell string, v any) {
	s := find(sheets, sheet)
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		panic(err)
	}
	for len(s.rows) < row {
		s.rows = append(s.rows, nil)
	}
	for len(s.rows[row-1]) < col {
		s.rows[row-1] = append(s.rows[row-1], nil)
	}
	s.rows[row-1][col-1] = v
}

// addRow appends a row to a sheet.
func addRow(sheets []testSheet, sheet string, cells ...any) {
	s := find(sheets, sheet)
	s.rows = append(s.rows, cells)
}

// dropRow removes the 1-based row of a sheet.
func dropRow(sheets []testSheet, sheet string, row int) {
	s := find(sheets, sheet)
	s.rows = append(s.rows[:row-1], s.rows[row:]...)
}

// dropSheet removes a sheet.
func dropSheet(sheets []testSheet, name string) []testSheet {
	var out []testSheet
	for _, s := range sheets {
		if s.name != name {
			out = append(out, s)
		}
	}
	return out
}

// onlyFile keeps the problems of one file.
func onlyFile(ps Problems, file string) Problems {
	var out Problems
	for _, p := range ps {
		if p.File == file {
			out = append(out, p)
		}
	}
	return out
}
