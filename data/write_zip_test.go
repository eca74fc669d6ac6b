package data

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// zipWorkbook writes a workbook of two sheets through SortedZipWriter: a
// "Stor" sheet of rows rows through excelize (several pieces' worth when
// large), and a "Skjøt" sheet with a header from excelize and splice's
// rows.
func zipWorkbook(t *testing.T, rows int, splice *Splice) ([]byte, error) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Stor"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Skjøt"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Stor", "Skjøt"} {
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			t.Fatal(err)
		}
		if err := sw.SetRow("A1", []any{"Overskrift", "Tall"}); err != nil {
			t.Fatal(err)
		}
		for r := 2; name == "Stor" && r <= rows+1; r++ {
			if err := sw.SetRow(fmt.Sprint("A", r), []any{fmt.Sprintf("rad %d", r), r * 7}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	opt := ZipOptions{Modified: time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC), Fast: true}
	if splice != nil {
		opt.Splices = map[string]Splice{"Skjøt": *splice}
	}
	f.SetZipWriter(SortedZipWriter(opt))
	var buf bytes.Buffer
	_, err := f.WriteTo(&buf)
	return buf.Bytes(), err
}

// rowsSplice makes rows 2 … n+1 of the "Skjøt" sheet, three to a piece.
func rowsSplice(n int) *Splice {
	return &Splice{
		Pieces: (n + 2) / 3,
		Piece: func(k int, dst []byte) ([]byte, error) {
			for r := 2 + 3*k; r < 2+3*(k+1) && r <= n+1; r++ {
				dst = fmt.Appendf(dst, `<row r="%d"><c r="A%d"><v>%d</v></c></row>`, r, r, r*r)
			}
			return dst, nil
		},
	}
}

func TestSortedZipWriterPieces(t *testing.T) {
	const rows = 60000 // the "Stor" sheet is some 3 MB: four pieces
	var first []byte
	for _, procs := range []int{1, 2, 5} {
		prev := runtime.GOMAXPROCS(procs)
		b, err := zipWorkbook(t, rows, rowsSplice(10))
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if !bytes.Equal(b, first) {
			t.Fatalf("GOMAXPROCS=%d gives other bytes than GOMAXPROCS=1", procs)
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rc); err != nil { // checks the CRC-32 and size
			t.Errorf("%s: %v", zf.Name, err)
		}
		rc.Close()
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := map[string][]string{
		"Stor":  {"Overskrift,Tall", "rad 2,14", "rad 30000,210000", "rad 60001,420007"},
		"Skjøt": {"Overskrift,Tall", "4", "9", "16", "25", "36", "49", "64", "81", "100", "121"},
	}
	for sheet, lines := range want {
		rs, err := f.Rows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rs.Next() {
			cells, err := rs.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, strings.Join(cells, ","))
		}
		rs.Close()
		if sheet == "Stor" {
			if len(got) != rows+1 {
				t.Fatalf("Stor has %d rows, want %d", len(got), rows+1)
			}
			got = []string{got[0], got[1], got[29999], got[rows]}
		}
		if strings.Join(got, "\n") != strings.Join(lines, "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", sheet, strings.Join(got, "\n"), strings.Join(lines, "\n"))
		}
	}
}

func TestSortedZipWriterSpliceErrors(t *testing.T) {
	failing := &Splice{Pieces: 4, Piece: func(k int, dst []byte) ([]byte, error) {
		if k == 2 {
			return dst, errors.New("piece 2 failed")
		}
		return dst, nil
	}}
	if _, err := zipWorkbook(t, 10, failing); err == nil || err.Error() != "piece 2 failed" {
		t.Errorf("failing piece: err = %v", err)
	}
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(SortedZipWriter(ZipOptions{Splices: map[string]Splice{"Finnes ikke": *rowsSplice(1)}}))
	if _, err := f.WriteTo(io.Discard); err == nil || !strings.Contains(err.Error(), `no sheet "Finnes ikke"`) {
		t.Errorf("missing sheet: err = %v", err)
	}
}
