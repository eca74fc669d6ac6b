//lint:file-ignore SA1019 TestFinishHeader checks the 32-bit sizes the zip directory holds

package xlsxzip

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// zipWorkbook writes a workbook of two sheets through the writer: a
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
	opt := Options{Modified: time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC), Fast: true}
	if splice != nil {
		opt.Splices = map[string]Splice{"Skjøt": *splice}
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return NewWriter(w, opt) })
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

func TestWriterPieces(t *testing.T) {
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

func TestWriterSpliceErrors(t *testing.T) {
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
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return NewWriter(w, Options{Splices: map[string]Splice{"Finnes ikke": *rowsSplice(1)}})
	})
	if _, err := f.WriteTo(io.Discard); err == nil || !strings.Contains(err.Error(), `no sheet "Finnes ikke"`) {
		t.Errorf("missing sheet: err = %v", err)
	}
}

// A panic in making a piece, on one of the compressing workers, reaches
// the goroutine writing the workbook, where its caller can recover it.
func TestWriterSplicePanicReachesWriter(t *testing.T) {
	panicking := &Splice{Pieces: 4, Piece: func(k int, dst []byte) ([]byte, error) {
		if k == 1 {
			panic("piece 1")
		}
		return dst, nil
	}}
	var raised any
	func() {
		defer func() { raised = recover() }()
		zipWorkbook(t, 10, panicking)
	}()
	if raised != "piece 1" {
		t.Errorf("raised %v, want the piece's panic", raised)
	}
}

// The package is, byte for byte, what archive/zip's own CreateHeader
// writes for the same entries and the same deflate bytes: rawHeader sets
// every field as CreateHeader and its entry writer do, for a dated and an
// undated package, an empty entry, one of several pieces and a name that
// needs the UTF-8 flag.
func TestWriterMatchesCreateHeader(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("<row>bobra</row>", 200000) // 3.2 MB: four pieces
	entries := map[string]string{"xl/worksheets/sheet1.xml": big, "[Content_Types].xml": "<Types/>", "tom.xml": "", "xl/bøker/ark.xml": "<ark/>"}
	for _, modified := range []time.Time{{}, time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)} {
		var buf bytes.Buffer
		w := NewWriter(&buf, Options{Modified: modified})
		for _, name := range []string{"xl/worksheets/sheet1.xml", "tom.xml", "xl/bøker/ark.xml", "[Content_Types].xml"} {
			ew, err := w.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(ew, entries[name])
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		got := buf.Bytes()

		zr, err := zip.NewReader(bytes.NewReader(got), int64(len(got)))
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		zw := zip.NewWriter(&want)
		var deflated []byte
		// The reference compressor writes the entry's deflate bytes as they
		// are; archive/zip counts and sums the raw bytes itself.
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			return &fixedCompressor{out: out, body: deflated}, nil
		})
		for _, f := range zr.File {
			rc, err := f.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			if deflated, err = io.ReadAll(rc); err != nil {
				t.Fatal(err)
			}
			ew, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: modified})
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(ew, entries[f.Name])
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("modified %v: %d bytes, archive/zip's CreateHeader gives %d bytes, first difference at %d",
				modified, len(got), want.Len(), firstDiff(got, want.Bytes()))
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(rc) // checks the CRC-32 and size
			rc.Close()
			if err != nil || string(body) != entries[f.Name] {
				t.Errorf("%s reads back %d bytes (%v), want %d", f.Name, len(body), err, len(entries[f.Name]))
			}
		}
	}
}

type fixedCompressor struct {
	out  io.Writer
	body []byte
}

func (c *fixedCompressor) Write(p []byte) (int, error) { return len(p), nil }
func (c *fixedCompressor) Close() error {
	_, err := c.out.Write(c.body)
	return err
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// An entry's sizes are filled in after its data as archive/zip's entry
// writer fills them in; one of 4 GiB or more needs version 4.5, which only
// an entry whose size was known before its header (not a spliced sheet)
// can have said in its local header.
func TestFinishHeader(t *testing.T) {
	t.Parallel()
	const max32 = 1<<32 - 1
	tests := []struct {
		name          string
		version       uint16 // in the local header
		deflated, raw int64
		want          zip.FileHeader
		wantErr       bool
	}{
		{"small", 20, 10, 30, zip.FileHeader{ReaderVersion: 20, CRC32: 7, CompressedSize: 10, UncompressedSize: 30, CompressedSize64: 10, UncompressedSize64: 30}, false},
		{"just under zip64", 20, 1 << 20, max32 - 1, zip.FileHeader{ReaderVersion: 20, CRC32: 7, CompressedSize: 1 << 20, UncompressedSize: max32 - 1, CompressedSize64: 1 << 20, UncompressedSize64: max32 - 1}, false},
		{"zip64, known before", 45, 1 << 30, 5 << 30, zip.FileHeader{ReaderVersion: 45, CRC32: 7, CompressedSize: max32, UncompressedSize: max32, CompressedSize64: 1 << 30, UncompressedSize64: 5 << 30}, false},
		{"zip64, spliced", 20, 1 << 30, max32, zip.FileHeader{}, true},
	}
	for _, tt := range tests {
		fh := &zip.FileHeader{ReaderVersion: tt.version}
		err := finishHeader(fh, 7, tt.deflated, tt.raw)
		if tt.wantErr {
			if err == nil {
				t.Errorf("%s: no error", tt.name)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(*fh, tt.want) {
			t.Errorf("%s: %+v, %v\nwant %+v", tt.name, *fh, err, tt.want)
		}
	}
}
