package reports

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// excelizeRowXML is the XML excelize's StreamWriter writes for one row.
func excelizeRowXML(t testing.TB, row int, cells []cell) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for range 3 {
		if _, err := f.NewStyle(&excelize.Style{NumFmt: 3}); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c.value()
	}
	ref, _ := excelize.CoordinatesToCellName(1, row)
	if err := sw.SetRow(ref, vals); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	s := string(b)
	start, end := strings.Index(s, "<row "), strings.LastIndex(s, "</row>")
	if start < 0 || end < 0 {
		t.Fatalf("no row in %s", s)
	}
	return s[start : end+len("</row>")]
}

func TestAppendRowXMLMatchesExcelize(t *testing.T) {
	t.Parallel()
	text := func(s string) cell { return cell{kind: cellText, style: 1, text: s} }
	num := func(f float64) cell { return cell{kind: cellNumber, style: 2, f: f} }
	day := func(y int, m time.Month, d int) cell {
		return cell{kind: cellDate, style: 3, day: data.NewDate(y, m, d)}
	}
	tests := []struct {
		name  string
		row   int
		cells []cell
	}{
		{"a home", 2, []cell{text("F0000001"), {kind: cellInt, style: 1, n: 2}, day(2019, 6, 14), num(3350000), {},
			num(0.2153), text("bor stabilt"), text("ja"), text("færre enn 3")}},
		{"no style, empty cells between", 1048576, []cell{{}, {kind: cellInt, n: -7}, {}, {kind: cellText, text: "æøå ÆØÅ – €"}}},
		{"whole numbers", 7, []cell{num(0), num(1), num(-1), num(999999999999999), num(1e15), num(123456789012345678), num(-4.5e20)}},
		{"fractions", 8, []cell{num(0.1), num(-0.0001), num(1.0 / 3), num(2.0 / 3), num(123456.7890123456789), num(1e-7), num(5e-324)}},
		{"negative zero and extremes", 9, []cell{num(math.Copysign(0, -1)), num(math.MaxFloat64), num(-math.MaxFloat64), num(math.SmallestNonzeroFloat64)}},
		{"dates", 10, []cell{day(1900, 3, 1), day(1904, 1, 1), day(2000, 2, 29), day(2024, 9, 30), day(9999, 12, 31)}},
		{"ints", 11, []cell{{kind: cellInt, style: 2, n: math.MaxInt64}, {kind: cellInt, style: 2, n: math.MinInt64}}},
		{"scaled", 13, []cell{scaled(0, 0), scaled(0, 4), scaled(-1, 4), scaled(2153, 4), scaled(-20000, 4), scaled(3350000, 0),
			scaled(-175, 0), scaled(maxScaled-1, 0), scaled(1-maxScaled, 4), scaled(123456789012345, 18), scaled(10, 1)}},
		{"text at the edges of plain", 12, []cell{text("a_b x_y _ y_z"), text("tab\u007fdel"), text("😀 \U0010FFFD"), text(strings.Repeat("ø", 16383))}},
	}
	cols := columnNames(30)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := appendRowXML(nil, tt.row, tt.cells, cols)
			if err != nil {
				t.Fatal(err)
			}
			if want := excelizeRowXML(t, tt.row, tt.cells); string(got) != want {
				t.Errorf("appendRowXML:\n%s\nexcelize:\n%s", got, want)
			}
		})
	}
}

func scaled(n int64, places uint8) cell {
	return cell{kind: cellScaled, places: places, style: 2, n: n}
}

// A scaled cell is written as the float64 RoundedFloat64 gives the same
// figure, through appendCellFloat.
func TestScaledCellAsItsFloat(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(5, 6))
	ns := []int64{0, 1, -1, 5, 10, 99999, 100000, maxScaled - 1, 1 - maxScaled, 1 << 49, 123456789012345}
	for range 100000 {
		n := r.Int64N(maxScaled)
		n >>= r.IntN(50)
		if r.IntN(2) == 0 {
			n = -n
		}
		ns = append(ns, n)
	}
	for i, n := range ns {
		for _, places := range []uint8{0, 4, uint8(i % 19)} {
			checkScaledCell(t, n, places)
		}
	}
}

func checkScaledCell(t *testing.T, n int64, places uint8) {
	t.Helper()
	f := fastdec.Pack(decimal.New(n, -int32(places))).RoundedFloat64(int32(places))
	if got := (cell{kind: cellScaled, places: places, n: n}).float(); math.Float64bits(got) != math.Float64bits(f) {
		t.Fatalf("float of %d × 10^-%d = %v, want %v", n, places, got, f)
	}
	if got, want := string(appendScaledCell([]byte("x"), n, places)), string(appendCellFloat([]byte("x"), f)); got != want {
		t.Fatalf("appendScaledCell(%d, %d) = %q, want %q", n, places, got, want)
	}
}

func FuzzScaledCell(f *testing.F) {
	f.Add(int64(2153), uint8(4))
	f.Add(int64(-999999999999999), uint8(0))
	f.Fuzz(func(t *testing.T, n int64, places uint8) {
		if n <= -maxScaled || n >= maxScaled || places > 18 {
			return
		}
		checkScaledCell(t, n, places)
	})
}

func TestAppendRowXMLRefusesWhatExcelizeEncodes(t *testing.T) {
	t.Parallel()
	tests := []cell{
		{kind: cellText, text: "A & B"},
		{kind: cellText, text: " leading"},
		{kind: cellNumber, f: math.NaN()},
		{kind: cellNumber, f: math.Inf(-1)},
		{kind: cellDate, day: data.NewDate(1900, 2, 28)},
	}
	for _, c := range tests {
		if _, err := appendRowXML(nil, 2, []cell{c}, columnNames(1)); err != errNotPlain {
			t.Errorf("%+v: err = %v, want errNotPlain", c, err)
		}
	}
}

func TestInlineAsIs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"F0000001", true},
		{"bor stabilt", true},
		{"færre enn 3", true},
		{"a_b", true},
		{"", false},
		{"A & B", false},
		{"<b>", false},
		{`"sitat"`, false},
		{"it's", false},
		{"linje\nlinje", false},
		{"tab\tinni", false},
		{" foran", false},
		{"bak ", false},
		{"_x000D_", false},
		{"_X000D_", false},
		{"a_xb", false},
		{"\xff", false},
		{"\uFFFD", false},
		{"\uFFFE", false},
		{strings.Repeat("a", 32767), true},
		{strings.Repeat("a", 32768), false},
	}
	for _, tt := range tests {
		if got := inlineAsIs(tt.s); got != tt.want {
			t.Errorf("inlineAsIs(%.20q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// FuzzAppendRowXML checks that every row appendRowXML writes is the row
// excelize writes for the same cells.
func FuzzAppendRowXML(f *testing.F) {
	f.Add("F0000001", 3350000.0, int64(2), 20000, 2)
	f.Add("a_b", 0.2153, int64(-1), 0, 1048576)
	f.Add("ø", 1.0/3, int64(0), 2958465, 1)
	f.Fuzz(func(t *testing.T, s string, x float64, n int64, days int, row int) {
		if row < 1 || row > excelize.TotalRows || days < 0 || days > 3_000_000 {
			return
		}
		cells := []cell{{kind: cellInt, style: 1, n: n}}
		if n > -maxScaled && n < maxScaled {
			cells = append(cells, cell{kind: cellScaled, places: uint8(days % 19), style: 2, n: n})
		}
		if inlineAsIs(s) {
			cells = append(cells, cell{kind: cellText, style: 2, text: s})
		}
		if !math.IsNaN(x) && !math.IsInf(x, 0) {
			cells = append(cells, cell{}, cell{kind: cellNumber, style: 3, f: x})
		}
		if d := data.DateOf(data.NewDate(1900, 3, 1).Time().AddDate(0, 0, days)); plainDate(d) {
			cells = append(cells, cell{kind: cellDate, style: 1, day: d})
		}
		got, err := appendRowXML(nil, row, cells, columnNames(len(cells)))
		if err != nil {
			t.Fatal(err)
		}
		if want := excelizeRowXML(t, row, cells); string(got) != want {
			t.Errorf("appendRowXML:\n%s\nexcelize:\n%s", got, want)
		}
	})
}

// The spliced homes sheet must be the sheet excelize writes, byte for
// byte once unzipped, and so must every other part of the workbook.
func TestXLSXSplicedHomesAsExcelize(t *testing.T) {
	t.Parallel()
	res := manyHomes(2500) // three pieces
	res.Homes[7].Gain = results.OptMoney{}
	res.Homes[8].ValueDate = data.Date{}
	spliced := unzipAll(t, renderXLSX(t, res))
	var buf bytes.Buffer
	if err := (XLSX{ExcelizeHomes: true}).Render(&buf, res); err != nil {
		t.Fatal(err)
	}
	plain := unzipAll(t, buf.Bytes())
	if len(spliced) != len(plain) {
		t.Fatalf("%d parts spliced, %d without", len(spliced), len(plain))
	}
	for name, want := range plain {
		if got := spliced[name]; !bytes.Equal(got, want) {
			t.Errorf("%s differs (%d bytes spliced, %d without)", name, len(got), len(want))
		}
	}
}

func unzipAll(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc) // checks the CRC-32
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = body
	}
	return out
}

// The spliced homes sheet opens in LibreOffice Calc with every row, the
// last piece's rows too.
func TestXLSXSplicedHomesInLibreOffice(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("LibreOffice check skipped in -short mode")
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "resultater.xlsx")
	if err := os.WriteFile(path, renderXLSX(t, manyHomes(2500)), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every sheet to its own CSV file (the last field, -1), UTF-8 (76).
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profil"), "--headless",
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", dir, path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "resultater-"+SheetHomes+".csv"))
	if err != nil {
		t.Fatalf("LibreOffice wrote no %s sheet: %v", SheetHomes, err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2501 {
		t.Fatalf("LibreOffice sees %d rows in %s, want 2501", len(lines), SheetHomes)
	}
	for i, prefix := range map[int]string{0: "FamilieID,", 1: "S0000000,", 1025: "S0001024,", 2500: "S0002499,"} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("row %d is %q, want it to start %q", i+1, lines[i], prefix)
		}
	}
}
