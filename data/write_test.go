package data

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func writeSampleBytes(t *testing.T, opt WriteOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbookWith(&buf, Sample(), opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Go randomises map order on every iteration, so several writes in one
// process would differ if any map order reached the bytes.
func TestWriteWorkbookDeterministic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		write func(w io.Writer) error
	}{
		{"sample", func(w io.Writer) error { return WriteWorkbook(w, Sample()) }},
		{"template", WriteTemplate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var first []byte
			for i := 0; i < 5; i++ {
				var buf bytes.Buffer
				if err := tt.write(&buf); err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = buf.Bytes()
				} else if !bytes.Equal(first, buf.Bytes()) {
					t.Fatalf("write %d differs from the first", i+1)
				}
			}
		})
	}
}

func TestWriteWorkbookZip(t *testing.T) {
	t.Parallel()
	b := writeSampleBytes(t, WriteOptions{})
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.IsZero() && f.Modified.Year() > 1980 {
			t.Errorf("%s has a timestamp %s", f.Name, f.Modified)
		}
		if f.Name == "docProps/core.xml" {
			rc, _ := f.Open()
			core, _ := io.ReadAll(rc)
			rc.Close()
			if !strings.Contains(string(core), "2000-01-01T00:00:00Z") {
				t.Errorf("core.xml has no fixed date: %s", core)
			}
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("zip entries not sorted: %v", names)
	}
}

// TestWriteWorkbookCells checks that values are the cells a person would
// type: real dates with a dd.mm.yyyy format, amounts as numbers with a
// thousands format, shares as percentages, ja/nei as text.
func TestWriteWorkbookCells(t *testing.T) {
	t.Parallel()
	f, err := excelize.OpenReader(bytes.NewReader(writeSampleBytes(t, WriteOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tests := []struct {
		sheet, cell string
		raw         string // raw cell value
		cellType    excelize.CellType
		format      string // number format code; "" = General
	}{
		{SheetFamilies, "A2", "F001", excelize.CellTypeInlineString, "@"},
		{SheetFamilies, "B2", "1", excelize.CellTypeUnset, ""},
		{SheetFamilies, "C2", "42389", excelize.CellTypeUnset, "dd.mm.yyyy"}, // 2016-01-20
		{SheetFamilies, "E2", StatusLivesInHome, excelize.CellTypeInlineString, ""},
		{SheetPurchases, "B2", "42536", excelize.CellTypeUnset, "dd.mm.yyyy"}, // 2016-06-15
		{SheetPurchases, "C2", "3350000", excelize.CellTypeUnset, "#,##0"},
		{SheetPurchases, "F2", "89", excelize.CellTypeUnset, ""},
		{SheetRent, "B2", "1", excelize.CellTypeUnset, ""},
		{SheetRent, "B6", RoomsFivePlus, excelize.CellTypeInlineString, ""},
		{SheetPriceIndex, "B3", "111.3", excelize.CellTypeUnset, ""},
		{SheetFollowUps, "D2", "ja", excelize.CellTypeInlineString, ""},
		{SheetAssumptions, "B2", "Barn bor bra i Bærum", excelize.CellTypeInlineString, ""},
		{SheetAssumptions, "B4", "44469", excelize.CellTypeUnset, "dd.mm.yyyy"}, // 2021-09-30
		{SheetAssumptions, "B5", "16400000", excelize.CellTypeUnset, "#,##0"},
		{SheetAssumptions, "B7", "0.05", excelize.CellTypeUnset, "0%"},
		{SheetAssumptions, "B9", "3", excelize.CellTypeUnset, ""},
	}
	for _, tt := range tests {
		raw, err := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		typ, _ := f.GetCellType(tt.sheet, tt.cell)
		style, _ := f.GetCellStyle(tt.sheet, tt.cell)
		format := ""
		if s, err := f.GetStyle(style); err == nil {
			switch {
			case s.CustomNumFmt != nil:
				format = *s.CustomNumFmt
			case s.NumFmt == 3:
				format = "#,##0"
			case s.NumFmt == 9:
				format = "0%"
			case s.NumFmt == 49:
				format = "@"
			}
		}
		if raw != tt.raw || typ != tt.cellType || format != tt.format {
			t.Errorf("%s!%s = %q (type %v, format %q), want %q (type %v, format %q)",
				tt.sheet, tt.cell, raw, typ, format, tt.raw, tt.cellType, tt.format)
		}
	}
	if got, _ := f.GetCellValue(SheetAssumptions, "A4"); got != ParamEvaluationDate {
		t.Errorf("Forutsetninger!A4 = %q", got)
	}
}

// TestWriteEveryColumn catches a contract column the writer does not
// fill: in the written sample, every column of every sheet has a value in
// some row. The survey's FamilieID and Dato are the exception: a
// SurveyAnswer keeps neither.
func TestWriteEveryColumn(t *testing.T) {
	t.Parallel()
	f, err := excelize.OpenReader(bytes.NewReader(writeSampleBytes(t, WriteOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	exempt := map[string]bool{SheetSurvey + "/" + ColFamilyID: true, SheetSurvey + "/" + ColDate: true}
	for _, s := range Contract() {
		rows, err := f.GetRows(s.Name)
		if err != nil {
			t.Fatalf("%s: %v", s.Name, err)
		}
		if len(rows) < 2 {
			t.Errorf("%s: no data rows", s.Name)
			continue
		}
		for i, c := range s.Columns {
			if rows[0][i] != c.Name {
				t.Errorf("%s: header %d = %q, want %q", s.Name, i+1, rows[0][i], c.Name)
			}
			filled := false
			for _, r := range rows[1:] {
				filled = filled || i < len(r) && r[i] != ""
			}
			if !filled && !exempt[s.Name+"/"+c.Name] {
				t.Errorf("%s: column %s is never written", s.Name, c.Name)
			}
		}
	}
}

func TestWriteWorkbookSheets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		opt     WriteOptions
		want    []string
		wantErr bool
	}{
		{"subset in contract order", WriteOptions{Sheets: []string{SheetChildren, SheetFamilies}}, []string{SheetFamilies, SheetChildren}, false},
		{"guide first", WriteOptions{Guide: true, Sheets: []string{SheetContext}}, []string{GuideSheet, SheetContext}, false},
		{"unknown sheet", WriteOptions{Sheets: []string{"Familie"}}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteWorkbookWith(&buf, Sample(), tt.opt)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil {
				return
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !slices.Equal(got, tt.want) {
				t.Errorf("sheets = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestWriteNumberText: a decimal whose digits a float64 cannot carry is
// written as text, which the reader parses exactly.
func TestWriteNumberText(t *testing.T) {
	t.Parallel()
	st := &writeStyles{money: 7, plain: 8, percent: 9, percentFrac: 10}
	tests := []struct {
		in   string
		kind Kind
		want excelize.Cell
	}{
		{"3350000", KindMoney, excelize.Cell{StyleID: 7, Value: 3350000.0}},
		{"21.5", KindDecimal, excelize.Cell{StyleID: 8, Value: 21.5}},
		{"0.05", KindShare, excelize.Cell{StyleID: 9, Value: 0.05}},
		{"0.025", KindShare, excelize.Cell{StyleID: 10, Value: 0.025}},
		{"1234567890.123456789", KindMoney, excelize.Cell{Value: "1234567890.123456789"}},
	}
	for _, tt := range tests {
		d, err := ParseNumber(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.number(tt.kind, d); got != tt.want {
			t.Errorf("number(%s) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

// scaledSample repeats the sample's families n/47 times with new ids, for
// the benchmark.
func scaledSample(n int) *Dataset {
	base := Sample()
	ds := &Dataset{Rents: base.Rents, PriceIndex: base.PriceIndex, Context: base.Context, Assumptions: base.Assumptions}
	for copyNo := 0; len(ds.Families) < n; copyNo++ {
		rename := func(id string) string { return fmt.Sprintf("%s-%05d", id, copyNo) }
		for _, f := range base.Families {
			f.ID = rename(f.ID)
			ds.Families = append(ds.Families, f)
		}
		for _, c := range base.Children {
			c.FamilyID = rename(c.FamilyID)
			ds.Children = append(ds.Children, c)
		}
		for _, p := range base.Purchases {
			p.FamilyID = rename(p.FamilyID)
			ds.Purchases = append(ds.Purchases, p)
		}
		for _, v := range base.Valuations {
			v.FamilyID = rename(v.FamilyID)
			ds.Valuations = append(ds.Valuations, v)
		}
		for _, o := range base.FollowUps {
			o.FamilyID = rename(o.FamilyID)
			ds.FollowUps = append(ds.FollowUps, o)
		}
	}
	return ds
}

// BenchmarkWriteWorkbook100k writes a workbook of 100 000 families (about
// 230 000 children); run with -benchmem to see that memory stays far below
// the size of the sheets' XML, which the stream writer spools to disk.
func BenchmarkWriteWorkbook100k(b *testing.B) {
	ds := scaledSample(100000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var n countWriter
		if err := WriteWorkbook(&n, ds); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/1e6, "MB/workbook")
	}
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
