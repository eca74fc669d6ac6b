package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"bobra/data"
	"bobra/pipeline"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

func renderXLSX(t testing.TB, res *results.Results) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (XLSX{}).Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dumpXLSX lists a workbook as text: per sheet its frozen rows, then each
// filled cell with its stored value and number format. Reading whole sheets
// is fine here: this is a test on a small output.
func dumpXLSX(t *testing.T, b []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "title=%q subject=%q creator=%q created=%s modified=%s language=%s\n",
		props.Title, props.Subject, props.Creator, props.Created, props.Modified, props.Language)
	for _, name := range f.GetSheetList() {
		panes, err := f.GetPanes(name)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&out, "\n== %s (frozen=%v rows=%d)\n", name, panes.Freeze, panes.YSplit)
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				format := ""
				if id, err := f.GetCellStyle(name, ref); err == nil && id != 0 {
					if st, err := f.GetStyle(id); err == nil && st.CustomNumFmt != nil {
						format = " [" + *st.CustomNumFmt + "]"
					}
				}
				fmt.Fprintf(&out, "%s\t%s%s\n", ref, v, format)
			}
		}
	}
	return out.String()
}

func TestXLSXGolden(t *testing.T) {
	t.Parallel()
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	checkGolden(t, "resultater-2021-09-30.xlsx.txt", []byte(dumpXLSX(t, renderXLSX(t, res))))
}

func TestXLSXSheetsAndFormats(t *testing.T) {
	t.Parallel()
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	f, err := excelize.OpenReader(bytes.NewReader(renderXLSX(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{SheetKeyFigures, SheetFamilies, SheetHomes, SheetValue, SheetRent, SheetSocietal, SheetStability,
		SheetWork, SheetContext, SheetSurvey, SheetResources, SheetWarnings, SheetAssumptions}
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	// Figures are numbers with Norwegian formats, not text.
	for _, tt := range []struct {
		sheet, cell, value, format string
	}{
		{SheetKeyFigures, "B2", "44469", "dd.mm.yyyy"}, // 30.09.2021
		{SheetKeyFigures, "B4", "40", "#,##0"},
		{SheetKeyFigures, "B12", "0.7692", "0.0 %"},
		{SheetHomes, "A2", "F001", ""},
		{SheetHomes, "D2", "3350000", "#,##0"},
		{SheetHomes, "I2", "750000", "#,##0"},
		{SheetHomes, "J2", "0.2239", "0.0 %"},
		{SheetHomes, "K2", "0.0518", "0.0 %"},
		{SheetHomes, "N2", "3260", "#,##0"},
		{SheetHomes, "O2", "39120", "#,##0"},
		{SheetSocietal, "C3", "4.85", "#,##0.00"},
		{SheetSocietal, "D3", "79540000", "#,##0"},
	} {
		v, err := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		typ, _ := f.GetCellType(tt.sheet, tt.cell)
		format := ""
		if id, _ := f.GetCellStyle(tt.sheet, tt.cell); id != 0 {
			if st, _ := f.GetStyle(id); st != nil && st.CustomNumFmt != nil {
				format = *st.CustomNumFmt
			}
		}
		if v != tt.value || format != tt.format || (tt.format != "" && typ == excelize.CellTypeSharedString) {
			t.Errorf("%s!%s = %q [%s] (type %v), want %q [%s]", tt.sheet, tt.cell, v, format, typ, tt.value, tt.format)
		}
	}
}

func TestXLSXIsByteStable(t *testing.T) {
	t.Parallel()
	res := compute.Compute(data.Sample(), data.SampleFollowUpDate)
	first := renderXLSX(t, res)
	for range 5 {
		if !bytes.Equal(renderXLSX(t, res), first) {
			t.Fatal("two renderings of the same results differ")
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	for i, file := range zr.File {
		if i > 0 && file.Name < zr.File[i-1].Name {
			t.Errorf("zip entries not in name order: %s after %s", file.Name, zr.File[i-1].Name)
		}
		if !file.Modified.Equal(data.SampleFollowUpDate.Time()) {
			t.Errorf("%s dated %v", file.Name, file.Modified)
		}
	}
}

func TestXLSXPublicHasNoHomes(t *testing.T) {
	t.Parallel()
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	res.Public = true
	res.Homes = nil
	res.Families.Bought = results.Count{N: 2, Hidden: true, Small: true}
	res.Appreciation.GainTotal = results.Money{Hidden: true}
	f, err := excelize.OpenReader(bytes.NewReader(renderXLSX(t, res)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		if s == SheetHomes {
			t.Error("public workbook has the homes sheet")
		}
	}
	for cell, want := range map[string]string{"B4": "færre enn 3", "B17": "skjult"} {
		if v, _ := f.GetCellValue(SheetKeyFigures, cell); v != want {
			t.Errorf("%s = %q, want %q", cell, v, want)
		}
	}
}

// manyHomes returns results with n homes, as a national run has.
func manyHomes(n int) *results.Results {
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	one := res.Homes[0]
	res.Homes = make([]results.Home, n)
	for i := range res.Homes {
		h := one
		h.FamilyID = fmt.Sprintf("S%07d", i)
		h.Price = results.M(decimal.NewFromInt(int64(2000000 + i)))
		h.PurchaseDate = data.DateOf(time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%5000))
		res.Homes[i] = h
	}
	return res
}

func TestXLSXManyHomes(t *testing.T) {
	t.Parallel()
	b := renderXLSX(t, manyHomes(3000))
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(SheetHomes)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	if n != 3001 {
		t.Errorf("homes sheet has %d rows, want 3001", n)
	}
}

func BenchmarkXLSX(b *testing.B) { benchmarkRenderer(b, XLSX{}) }

func BenchmarkJSON(b *testing.B) { benchmarkRenderer(b, JSON{}) }

// benchmarkRenderer renders results with 40, 10 000 and 100 000 homes.
func benchmarkRenderer(b *testing.B, r pipeline.Renderer) {
	for _, n := range []int{40, 10000, 100000} {
		res := manyHomes(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var buf bytes.Buffer
				if err := r.Render(&buf, res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
