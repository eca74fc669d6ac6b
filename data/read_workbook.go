package data

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"bobra/internal/sheetxml"
)

// fileResult is what one workbook gave: its record, the contract sheets
// it holds (each with its rows decoded into a dataset of its own), and the
// problems found in it.
type fileResult struct {
	info     InputFile
	sheets   []sheetResult
	problems Problems
}

// sheetResult is one contract sheet read from a workbook.
type sheetResult struct {
	spec Sheet
	name string   // as written in the workbook
	data *Dataset // the sheet's records only
	rows int
}

// Problem kinds for sheets and headers.
const (
	KindMissingSheet   = "mangler-ark"
	KindMissingColumn  = "mangler-kolonne"
	KindDuplicateCol   = "dobbel-kolonne"
	KindExtraColumns   = "ekstra-kolonner"
	KindUnknownSheet   = "ukjent-ark"
	KindDuplicateSheet = "ark-flere-ganger"
	KindIdentityNumber = "fodselsnummer"
)

// bookReader reads workbooks. Its zero value is the reader every run
// uses, where a recover is the last line of defence against a panic on a
// malformed file.
type bookReader struct {
	// panics lets a panic in the reader through instead of turning it
	// into a problem; the fuzz test sets it to find such panics.
	panics bool
}

// Problem kinds for damaged workbooks.
const (
	KindDamaged        = "skadet-fil"
	KindFormulaNoValue = "formel-uten-verdi"
	KindMacros         = "makroer"
)

// stopCheckRows is how many rows a sheet reads between looks at the stop
// signal.
const stopCheckRows = 512

// readWorkbookBytes reads one .xlsx workbook held in memory. It never
// panics: a panic in the reader becomes an Error problem.
func readWorkbookBytes(name string, b []byte) fileResult {
	return readWorkbook(context.Background(), name, b)
}

func readWorkbook(ctx context.Context, name string, b []byte) fileResult {
	return bookReader{}.read(ctx, name, b)
}

func (br bookReader) read(ctx context.Context, name string, b []byte) fileResult {
	sum := sha256.Sum256(b)
	info := InputFile{Name: name, Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}
	return br.readPackage(ctx, info, func() (*zip.Reader, *Problem) { return sniffFile(name, b) })
}

// readAt reads a workbook that starts as a zip file does from r, whose
// size and hash info gives: see readStreamed.
func (br bookReader) readAt(ctx context.Context, info InputFile, r io.ReaderAt) fileResult {
	return br.readPackage(ctx, info, func() (*zip.Reader, *Problem) { return openZip(info.Name, r, info.Size) })
}

// readPackage reads the workbook that open gives.
func (br bookReader) readPackage(ctx context.Context, info InputFile, open func() (*zip.Reader, *Problem)) (res fileResult) {
	name := info.Name
	res.info = info
	defer func() {
		if br.panics {
			return
		}
		if r := recover(); r != nil {
			res.sheets = nil
			res.problems = append(res.problems, fileProblem(name, KindUnreadable,
				"Filen kunne ikke leses; den kan være skadet. Åpne den i Excel eller LibreOffice og lagre den på nytt som .xlsx."))
		}
	}()
	zr, p := open()
	if p != nil {
		res.problems = append(res.problems, *p)
		return res
	}
	pkg, p := newPackage(name, zr)
	if p != nil {
		res.problems = append(res.problems, *p)
		return res
	}
	wb, ok := pkg.workbook()
	if !ok || len(wb.sheets) == 0 {
		res.problems = append(res.problems, fileProblem(name, KindUnreadable, "Filen kunne ikke åpnes som Excel-arbeidsbok; den kan være skadet. Lagre den på nytt som .xlsx."))
		return res
	}
	dates, p := pkg.dateStyles()
	if p != nil {
		res.problems = append(res.problems, *p)
		return res
	}
	sst, p := pkg.sharedStrings()
	if p != nil {
		res.problems = append(res.problems, *p)
		return res
	}
	contract := Contract()
	for _, sheet := range wb.sheets {
		if ctx.Err() != nil {
			return res
		}
		sr, problems := br.readSheet(ctx, pkg, sheet, sst, dates, contract, wb.date1904)
		res.problems = append(res.problems, problems...)
		if sr != nil {
			res.sheets = append(res.sheets, *sr)
			res.info.Sheets = append(res.info.Sheets, SheetCount{Sheet: sr.spec.Name, Rows: sr.rows})
		}
	}
	res.problems = append(res.problems, pkg.identityOutsideCells(wb)...)
	return res
}

// readSheet streams one sheet. Every cell of every sheet goes through the
// identity-number guard; only contract sheets are decoded. The sheet is
// read to the end of its part: a sheet that cannot be read whole is an
// error naming the last row read.
func (br bookReader) readSheet(ctx context.Context, pkg *xlsxPackage, sheet sheetEntry, sst sheetxml.SharedStrings, dates sheetxml.DateStyles, contract []Sheet, date1904 bool) (*sheetResult, Problems) {
	var problems Problems
	file := pkg.file
	name := sheet.name // the name problems show
	if ContainsIdentityNumber(sheet.name) {
		problems = append(problems, identityProblem(file, "", ""))
		name = "(navn skjult)"
	}
	spec, known := sheetSpec(contract, sheet.name)
	rc, ok := pkg.open(sheet.path)
	if !ok {
		return nil, append(problems, Problem{Severity: Error, Kind: KindUnreadable, File: file, Sheet: name,
			Message: "Arket kunne ikke leses; filen kan være skadet."})
	}
	defer rc.Close()
	var s *sheetState
	if known {
		s = &sheetState{origin: &origin{file: file, sheet: name, cols: map[string]string{}}, spec: spec, date1904: date1904, data: &Dataset{}}
		s.table.tableTotals = pkg.tableTotals(sheet.path)
	} else if !ownSheet(sheet.name) {
		problems = append(problems, Problem{Severity: Note, Kind: KindUnknownSheet, File: file, Sheet: name,
			Message: "Arket er ikke en del av malen og blir ikke brukt (det er likevel kontrollert for fødselsnumre)."})
	}
	// The XML is scanned on this goroutine; the rows it gives are checked
	// and decoded on another, so that the two overlap.
	decoder := startRowDecoder(s, file, name, br.panics)
	defer decoder.close() // ends it if the reader panics midway
	rows := sheetxml.NewSheet(rc, sst)
	// The decoder's batches own copies of the cells, reused once decoded.
	if recycleCells {
		rows.ReuseCells()
	}
	hidden := identityAfterDamage{}
	rows.OnDamage(hidden.look)
	var rowProblems Problems
	var dateChunk []bool
	size, zipped := pkg.partSize(sheet.path)
	n := 0
	for rows.Next() {
		if n++; n%stopCheckRows == 0 && ctx.Err() != nil {
			break
		}
		cells := rows.Cells()
		if isBlankRow(cells) {
			continue
		}
		cells = decoder.keep(cells)
		rowNum := rows.Row()
		if s != nil {
			for _, col := range rows.NoValue() {
				rowProblems = append(rowProblems, Problem{Severity: Error, Kind: KindFormulaNoValue, File: file, Sheet: name,
					Cell:    columnLetters(col-1) + itoa(rowNum),
					Message: "Cellen har en formel uten lagret resultat (filen er lagret av et program som ikke regner ut formler); åpne filen i Excel eller LibreOffice og lagre den på nytt, så blir resultatet lagret."})
			}
		}
		showBools(cells, rows.Bools())
		row := sheetRow{num: rowNum, cells: cells, dates: dateCells(rows.Styles(), dates, &dateChunk), sums: rows.Sums()}
		if n == sizeRows && s != nil {
			row.more = moreRows(n, rows.Offset(), size, zipped)
		}
		decoder.add(row)
	}
	problems = append(problems, decoder.wait()...)
	if s != nil {
		problems = append(problems, s.finish()...)
	}
	problems = append(problems, rowProblems...)
	damaged := rows.Err() != nil
	if damaged {
		problems = append(problems, damagedSheet(file, name, rows, rows.Err()))
		if hidden.found {
			problems = append(problems, Problem{Severity: Error, Kind: KindIdentityNumber, File: file, Sheet: name,
				Message: "Etter skaden står det et gyldig fødselsnummer eller D-nummer i arket; fjern det – dataene skal bare ha pseudonymer som FamilieID."})
		}
	}
	if s == nil {
		return nil, problems
	}
	if s.cols == nil && spec.Required && !damaged {
		problems = append(problems, Problem{Severity: Error, Kind: KindMissingColumn, File: file, Sheet: name,
			Message: "Arket er tomt; første rad skal ha kolonneoverskriftene fra malen."})
	}
	return &sheetResult{spec: spec, name: name, data: s.data, rows: s.rows}, problems
}

// sizeRows is the row after which a sheet's length is estimated.
const sizeRows = 1024

// moreRows estimates how many rows a sheet has after the first n, which
// took offset bytes of a part of size bytes, so that the records can be
// held in a slice of about the right size from then on instead of one
// grown by doubling (at national scale, copying the records as they grew
// was a third of decoding). The estimate is capped by the zipped size (a
// row takes at least a few zipped bytes), so that a part declaring a size
// it does not have cannot make the reader reserve much memory.
func moreRows(n int, offset, size, zipped int64) int {
	if offset <= 0 || size <= offset {
		return 0
	}
	total := int64(n) * size / offset
	total = min(total, zipped/4, sheetxml.MaxRows)
	return int(max(total-int64(n), 0))
}

// identityAfterDamage looks for an identity number in what a damaged
// sheet holds after the damage, read as bytes: the cells there cannot be
// read, but a fødselsnummer in them must not go unnoticed.
type identityAfterDamage struct {
	carry []byte // the end of the previous piece: a number may be split
	found bool
}

func (h *identityAfterDamage) look(piece []byte) {
	if h.found {
		return
	}
	text := append(h.carry, piece...)
	if ContainsIdentityNumber(string(text)) {
		h.found = true
		return
	}
	h.carry = append(h.carry[:0], text[max(0, len(text)-16):]...)
}

// dateCells marks the cells whose style shows a date; nil when none does.
// The marks of many rows share one allocation, chunk.
func dateCells(styles []int, dates sheetxml.DateStyles, chunk *[]bool) []bool {
	var out []bool
	for i, st := range styles {
		if st != 0 && dates.IsDate(st) {
			if out == nil {
				n := len(styles)
				if cap(*chunk)-len(*chunk) < n {
					*chunk = make([]bool, 0, max(4096, n))
				}
				start := len(*chunk)
				*chunk = (*chunk)[:start+n]
				out = (*chunk)[start : start+n : start+n]
			}
			out[i] = true
		}
	}
	return out
}

// damagedSheet is the one sentence for a sheet that could not be read to
// its end. Nothing after the damage is used, so no figure can come from
// half a sheet: the problem is an error, and the run stops.
func damagedSheet(file, sheet string, rows *sheetxml.Sheet, err error) Problem {
	after := "før første rad"
	if n := rows.LastRow(); n > 0 {
		after = "etter rad " + itoa(n)
	}
	const fix = " Ingenting i arket blir brukt; åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."
	p := Problem{Severity: Error, Kind: KindDamaged, File: file, Sheet: sheet}
	var se *sheetxml.StructureError
	var ie *sheetxml.IndexError
	switch {
	case errors.Is(err, zip.ErrChecksum):
		p.Message = "Arket er skadet: innholdet stemmer ikke med kontrollsummen i filen (lest " + after + ")." + fix
	case errors.As(err, new(*sheetxml.ReadError)):
		p.Message = "Arket er skadet: den komprimerte delen av filen er ødelagt eller avkortet (lest " + after + ")." + fix
	case errors.As(err, &ie):
		p.Cell = columnLetters(ie.Col-1) + itoa(rows.Row())
		p.Message = fmt.Sprintf("Cellen viser til delt tekst nr. %d, men filen har bare %d; filen er skadet.", ie.Index, ie.Len) + fix
	case errors.As(err, &se):
		switch se.Code {
		case sheetxml.CodeRowOrder:
			p.Message = "Arket er skadet: en rad har et radnummer som ikke kommer etter forrige rad (" + after + ")." + fix
		case sheetxml.CodeCellOrder, sheetxml.CodeCellRef:
			p.Message = "Arket er skadet: en celle har en cellereferanse som ikke passer med raden eller kommer før forrige celle (" + after + ")." + fix
		case sheetxml.CodeEncoding:
			p.Message = "Arket er lagret med en annen tegnkoding enn UTF-8, som bobra ikke leser; åpne filen i Excel eller LibreOffice og lagre den på nytt som .xlsx."
		default:
			p.Message = "Arket er skadet: innholdet er ikke bygd opp slik et Excel-ark skal være (" + after + ")." + fix
		}
	case errors.Is(err, sheetxml.ErrTooLarge):
		p.Message = "Arket har en celle eller et element som er for stort til å leses (" + after + "); filen kan være skadet."
	default:
		p.Message = "Arket er skadet: XML-en i arket er ugyldig eller slutter midt i (lest " + after + ")." + fix
	}
	return p
}

// rowDecoder checks and decodes a sheet's non-blank rows on its own
// goroutine, in order, in batches.
type rowDecoder struct {
	batch    *rowBatchOf
	batches  chan *rowBatchOf
	free     chan *rowBatchOf // batches decoded, for the reader to fill again
	closed   bool
	done     chan struct{}
	problems Problems
	panicked any
}

type sheetRow struct {
	more  int // when > 0: about how many rows the sheet has after this one
	num   int
	cells []string
	dates []bool // beside cells: the cell shows a date (nil: none does)
	sums  []bool // beside cells: the cell's formula is a sum (nil: none is)
}

// showBools replaces the raw 1/0 of boolean cells by SANN/USANN, as a
// Norwegian Excel shows them: a ja/nei column still reads them, and a number
// column names them as not a number instead of counting a ticked box as 1.
func showBools(cells []string, cols []int) {
	for _, col := range cols {
		switch cells[col-1] {
		case "1":
			cells[col-1] = "SANN"
		case "0":
			cells[col-1] = "USANN"
		}
	}
}

// rowBatch is how many rows go to the decoder at a time.
const rowBatch = 256

// batchCells is how many cells a batch holds before it goes to the
// decoder with fewer rows (a row of more cells gets a batch of its own).
const batchCells = rowBatch * 16

// rowBatchOf is a batch of rows and the memory their cells are copied
// into: the sheet reader reuses its row, and a batch's memory is reused
// once the decoder is done with its rows. Whatever keeps a row's cells
// for longer (the rows above the header, the totals below the table, the
// header itself) keeps a copy (see heldCells).
type rowBatchOf struct {
	rows  []sheetRow
	cells []string
}

// recycleCells is false only in the tests that read with every row's
// cells and every batch's memory their own, as the reader did before
// reusing them.
var recycleCells = true

func startRowDecoder(s *sheetState, file, name string, panics bool) *rowDecoder {
	d := &rowDecoder{batches: make(chan *rowBatchOf, 4), free: make(chan *rowBatchOf, 8), done: make(chan struct{}), batch: newRowBatch()}
	go func() {
		defer close(d.done)
		defer func() {
			// Raised again on the reading goroutine, where readWorkbookBytes
			// turns it into a problem (or the fuzz test sees it). Until then
			// the reading goroutine may still be handing over rows: take
			// them, or it would wait for ever.
			if panics {
				return
			}
			if d.panicked = recover(); d.panicked != nil {
				for range d.batches {
				}
			}
		}()
		for batch := range d.batches {
			for _, r := range batch.rows {
				d.problems = append(d.problems, decodeRow(s, file, name, r)...)
			}
			if !recycleCells {
				continue
			}
			batch.rows, batch.cells = batch.rows[:0], batch.cells[:0]
			select {
			case d.free <- batch:
			default:
			}
		}
	}()
	return d
}

func newRowBatch() *rowBatchOf {
	return &rowBatchOf{rows: make([]sheetRow, 0, rowBatch), cells: make([]string, 0, batchCells)}
}

// keep copies a row's cells into the batch the row will go in, which
// becomes the next batch when this one is full.
func (d *rowDecoder) keep(cells []string) []string {
	if b := d.batch; cap(b.cells)-len(b.cells) < len(cells) {
		if len(b.rows) > 0 {
			d.send()
		}
		if b := d.batch; cap(b.cells) < len(cells) {
			b.cells = make([]string, 0, len(cells))
		}
	}
	b := d.batch
	start := len(b.cells)
	b.cells = append(b.cells, cells...)
	return b.cells[start:len(b.cells):len(b.cells)]
}

func (d *rowDecoder) add(r sheetRow) {
	d.batch.rows = append(d.batch.rows, r)
	if len(d.batch.rows) == rowBatch {
		d.send()
	}
}

// send hands the batch to the decoder and starts the next.
func (d *rowDecoder) send() {
	d.batches <- d.batch
	select {
	case d.batch = <-d.free:
	default:
		d.batch = newRowBatch()
	}
}

// wait hands over the last rows and returns the problems of every row.
func (d *rowDecoder) wait() Problems {
	if d.batch != nil && len(d.batch.rows) > 0 {
		d.batches <- d.batch
	}
	d.batch = nil
	d.close()
	<-d.done
	if d.panicked != nil {
		panic(d.panicked)
	}
	return d.problems
}

func (d *rowDecoder) close() {
	if !d.closed {
		d.closed = true
		close(d.batches)
	}
}

// decodeRow checks one non-blank row for identity numbers and, in a
// contract sheet (s not nil), hands it to the table finder, which reads it
// as the header, a data row, or a title, totals or note line.
func decodeRow(s *sheetState, file, name string, r sheetRow) Problems {
	rowNum, cells := r.num, r.cells
	var problems Problems
	var tainted []int
	for i, c := range cells {
		if c != "" && ContainsIdentityNumber(c) {
			tainted = append(tainted, i)
			problems = append(problems, identityProblem(file, name, columnLetters(i)+itoa(rowNum)))
		}
	}
	if s == nil {
		return problems
	}
	for _, i := range tainted {
		cells[i] = ""
	}
	if r.more > 0 {
		s.reserve(r.more)
	}
	return append(problems, s.take(heldRow{num: rowNum, cells: cells, dates: r.dates, sums: r.sums, tainted: tainted})...)
}

func isBlankRow(cells []string) bool {
	for _, c := range cells {
		if trimCell(c) != "" {
			return false
		}
	}
	return true
}

func identityProblem(file, name, cell string) Problem {
	msg := "Cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte."
	if cell == "" {
		msg = "Navnet på arket inneholder et gyldig fødselsnummer eller D-nummer; gi arket et annet navn."
	}
	return Problem{Severity: Error, Kind: KindIdentityNumber, File: file, Sheet: name, Cell: cell, Message: msg}
}
