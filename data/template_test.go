package data

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func templateFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mal.xlsx")
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// dropDown returns the list a column offers, or nil.
func dropDown(s Sheet, c Column) []string {
	if s.Name == SheetAssumptions && c.Name == ColParameter {
		return paramNames()
	}
	return c.Allowed
}

// TestTemplateLayout checks the template as excelize reads it: the sheets,
// headers, comments, drop-downs over the input rows and frozen headers.
func TestTemplateLayout(t *testing.T) {
	t.Parallel()
	f, err := excelize.OpenFile(templateFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{GuideSheet}
	for _, s := range Contract() {
		want = append(want, s.Name)
	}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets = %v, want %v", got, want)
	}
	last := strconv.Itoa(TemplateInputRows + 1)
	for _, s := range Contract() {
		comments := map[string]string{}
		cs, err := f.GetComments(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			comments[c.Cell] = c.Text
		}
		lists := map[string]string{}
		dvs, err := f.GetDataValidations(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			lists[dv.Sqref] = dv.Formula1
		}
		for i, c := range s.Columns {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			if got, _ := f.GetCellValue(s.Name, cell); got != c.Name {
				t.Errorf("%s!%s = %q, want %q", s.Name, cell, got, c.Name)
			}
			if got := comments[cell]; got == "" || !strings.Contains(got, c.Help) {
				t.Errorf("%s!%s comment = %q, want the help %q", s.Name, cell, got, c.Help)
			}
			letters, _ := excelize.ColumnNumberToName(i + 1)
			sqref := letters + "2:" + letters + last
			allowed := dropDown(s, c)
			formula, ok := lists[sqref]
			switch {
			case len(allowed) == 0 && ok:
				t.Errorf("%s: column %s has a drop-down", s.Name, c.Name)
			case len(allowed) > 0 && formula != `"`+strings.Join(allowed, ",")+`"`:
				t.Errorf("%s: column %s drop-down over %s = %q, want %v", s.Name, c.Name, sqref, formula, allowed)
			}
		}
		if s.Name == SheetSurvey {
			a, _ := excelize.ColumnNumberToName(len(s.Columns) + 1)
			b, _ := excelize.ColumnNumberToName(len(s.Columns) + surveyStatementColumns)
			want := `"` + strings.Join(SurveyChoices, ",") + `"`
			if got := lists[a+"2:"+b+last]; got != want {
				t.Errorf("%s: statement columns %s:%s drop-down = %q, want %q", s.Name, a, b, got, want)
			}
			if comments[a+"1"] == "" {
				t.Errorf("%s: no comment on %s1 about the statements", s.Name, a)
			}
		}
		panes, err := f.GetPanes(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes = %+v, want the first row frozen", s.Name, panes)
		}
	}
}

// TestTemplateAssumptions: Forutsetninger holds every default parameter
// that has a value, with its source.
func TestTemplateAssumptions(t *testing.T) {
	t.Parallel()
	f, err := excelize.OpenFile(templateFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(SheetAssumptions)
	if err != nil {
		t.Fatal(err)
	}
	var want [][]string
	want = append(want, []string{ColParameter, ColValue, ColSource})
	for _, p := range KnownParams() {
		if p.Default != "" {
			want = append(want, []string{p.Name, "", p.Source})
		}
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		if rows[i][0] != want[i][0] || rows[i][2] != want[i][2] || i > 0 && rows[i][1] == "" {
			t.Errorf("row %d = %q, want parameter %q with a value and source %q", i+1, rows[i], want[i][0], want[i][2])
		}
	}
}

// libreOfficeDump opens the workbooks in LibreOffice through testdata's
// UNO script and returns what it saw in each. It skips the test when
// LibreOffice or its Python bridge is not installed (CI installs both).
func libreOfficeDump(t *testing.T, probeRow int, paths ...string) []loWorkbook {
	t.Helper()
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
	args := append([]string{"testdata/template/libreoffice_dump.py", strconv.Itoa(probeRow)}, paths...)
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		t.Fatalf("LibreOffice could not read %v: %v", paths, err)
	}
	var wbs []loWorkbook
	if err := json.Unmarshal(out, &wbs); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(wbs) != len(paths) {
		t.Fatalf("LibreOffice read %d of %d workbooks", len(wbs), len(paths))
	}
	return wbs
}

type loWorkbook struct {
	Sheets []struct {
		Name    string
		Frozen  bool
		Columns []struct {
			Header          string
			Comment         string
			ValidationRow2  string `json:"validation_row2"`
			ValidationProbe string `json:"validation_probe"`
			ListRow2        string `json:"list_row2"`
			ListProbe       string `json:"list_probe"`
			Format          string
			Value2          string
		}
	}
}

// TestTemplateInLibreOffice opens the template in LibreOffice Calc and
// checks that a person sees what the template promises: frozen headers,
// help comments, working drop-downs down to the last input row, date and
// amount formats, and the default assumptions.
func TestTemplateInLibreOffice(t *testing.T) {
	t.Parallel()
	wb := libreOfficeDump(t, TemplateInputRows+1, templateFile(t))[0]
	contract := Contract()
	if len(wb.Sheets) != len(contract)+1 || wb.Sheets[0].Name != GuideSheet {
		t.Fatalf("LibreOffice sees %d sheets, want %s and the contract's %d", len(wb.Sheets), GuideSheet, len(contract))
	}
	for i, s := range contract {
		got := wb.Sheets[i+1]
		if got.Name != s.Name || !got.Frozen {
			t.Errorf("sheet %d = %s (frozen %v), want %s with a frozen header", i+2, got.Name, got.Frozen, s.Name)
		}
		if len(got.Columns) != len(s.Columns) {
			t.Errorf("%s: %d columns, want %d", s.Name, len(got.Columns), len(s.Columns))
			continue
		}
		for j, c := range s.Columns {
			g := got.Columns[j]
			if g.Header != c.Name || g.Comment != columnHelp(c) {
				t.Errorf("%s: column %d = %q with comment %q, want %q with %q", s.Name, j+1, g.Header, g.Comment, c.Name, columnHelp(c))
			}
			if allowed := dropDown(s, c); len(allowed) > 0 {
				list := `"` + strings.Join(allowed, `";"`) + `"`
				if g.ValidationRow2 != "list" || g.ListRow2 != list || g.ValidationProbe != "list" || g.ListProbe != list {
					t.Errorf("%s: %s drop-down = %s %s / %s %s, want %s in row 2 and row %d",
						s.Name, c.Name, g.ValidationRow2, g.ListRow2, g.ValidationProbe, g.ListProbe, list, TemplateInputRows+1)
				}
			} else if g.ValidationRow2 != "any" {
				t.Errorf("%s: %s has validation %s", s.Name, c.Name, g.ValidationRow2)
			}
			wantFormat := map[Kind]string{KindDate: "DD.MM.YYYY", KindMoney: "#,##0", KindID: "@"}[c.Kind]
			if wantFormat == "" {
				wantFormat = "General"
			}
			if s.Name == SheetAssumptions {
				continue // Verdi holds text, a number and a share; checked below
			}
			if g.Format != wantFormat {
				t.Errorf("%s: %s format = %q, want %q", s.Name, c.Name, g.Format, wantFormat)
			}
		}
	}
	assumptions := wb.Sheets[len(wb.Sheets)-len(contract)+indexOfSheet(contract, SheetAssumptions)]
	if assumptions.Columns[0].Value2 != ParamProgramme || assumptions.Columns[1].Value2 != "Barn bor bra i Bærum" {
		t.Errorf("Forutsetninger row 2 = %q / %q", assumptions.Columns[0].Value2, assumptions.Columns[1].Value2)
	}
}

// TestSampleInLibreOffice opens the sample's workbooks in LibreOffice and
// checks that they hold the sheets SampleWorkbooks promises and that dates
// and amounts show as dates and amounts.
func TestSampleInLibreOffice(t *testing.T) {
	t.Parallel()
	dir := writeSampleDir(t)
	var paths []string
	for _, wb := range SampleWorkbooks() {
		paths = append(paths, filepath.Join(dir, wb.Name))
	}
	wbs := libreOfficeDump(t, 10, paths...)
	shown := map[string]string{}
	for i, wb := range SampleWorkbooks() {
		var names []string
		for _, s := range wbs[i].Sheets {
			names = append(names, s.Name)
			if !s.Frozen {
				t.Errorf("%s: %s header not frozen", wb.Name, s.Name)
			}
			for _, c := range s.Columns {
				shown[s.Name+"/"+c.Header] = c.Format + " " + c.Value2
			}
		}
		if !slices.Equal(names, wb.Sheets) {
			t.Errorf("%s: LibreOffice sees sheets %v, want %v", wb.Name, names, wb.Sheets)
		}
	}
	want := map[string]string{
		SheetFamilies + "/" + ColFamilyID:       "@ F001",
		SheetFamilies + "/" + ColEnrolled:       "DD.MM.YYYY 20.01.2016",
		SheetPurchases + "/" + ColBuyDate:       "DD.MM.YYYY 15.06.2016",
		SheetPurchases + "/" + ColPrice:         "#,##0 3,350,000", // LibreOffice's en-US locale in the test
		SheetFollowUps + "/" + ColSocial:        "General ja",
		SheetAssumptions + "/" + ColValue:       "General Barn bor bra i Bærum",
		SheetRent + "/" + ColRent:               "#,##0 8,420",
		SheetSurvey + "/" + sampleStatements[0]: "General Helt enig",
	}
	for k, v := range want {
		if shown[k] != v {
			t.Errorf("%s shows %q, want %q", k, shown[k], v)
		}
	}
}

func indexOfSheet(sheets []Sheet, name string) int {
	for i, s := range sheets {
		if s.Name == name {
			return i
		}
	}
	return -1
}
