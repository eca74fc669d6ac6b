package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
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

// rawValues makes excelize return cells as stored (numbers unformatted,
// dates as serial numbers, formulas as their cached result), which is
// both exact and much faster than applying number formats.
var rawValues = excelize.Options{RawCellValue: true}

// recoverPanics is the last line of defence against a panic in excelize
// on a malformed file. The fuzz test turns it off to find such panics.
var recoverPanics = true

// readWorkbookBytes reads one .xlsx workbook held in memory. It never
// panics: a panic inside excelize becomes an Error problem.
func readWorkbookBytes(name string, b []byte) (res fileResult) {
	sum := sha256.Sum256(b)
	res.info = InputFile{Name: name, Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}
	defer func() {
		if !recoverPanics {
			return
		}
		if r := recover(); r != nil {
			res.sheets = nil
			res.problems = append(res.problems, fileProblem(name, KindUnreadable,
				"Filen kunne ikke leses; den kan være skadet. Åpne den i Excel eller LibreOffice og lagre den på nytt som .xlsx."))
		}
	}()
	zr, p := sniffFile(name, b)
	if p != nil {
		res.problems = append(res.problems, *p)
		return res
	}
	extents := newExtentFinder(zr)
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: sheetInMemory,
	})
	if err != nil {
		res.problems = append(res.problems, openProblem(name, err))
		return res
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	contract := Contract()
	for _, sheet := range f.GetSheetList() {
		sr, problems := readSheet(f, name, sheet, contract, date1904, extents)
		res.problems = append(res.problems, problems...)
		if sr != nil {
			res.sheets = append(res.sheets, *sr)
			res.info.Sheets = append(res.info.Sheets, SheetCount{Sheet: sr.spec.Name, Rows: sr.rows})
		}
	}
	res.problems = append(res.problems, identityOutsideCells(f, name)...)
	return res
}

// identityOutsideCells applies the identity-number guard to what a person
// can type outside the cells: the comments (notes) on cells and the
// workbook's defined names. bobra never reads them into a report, but a
// fødselsnummer has no place in the files at all.
func identityOutsideCells(f *excelize.File, file string) Problems {
	var problems Problems
	for _, sheet := range f.GetSheetList() {
		comments, err := f.GetComments(sheet)
		if err != nil {
			continue
		}
		name := sheet
		if ContainsIdentityNumber(sheet) {
			name = "(navn skjult)" // reported with the sheet's cells
		}
		for _, c := range comments {
			text := c.Author + " " + c.Text
			for _, run := range c.Paragraph {
				text += run.Text
			}
			if ContainsIdentityNumber(text) {
				problems = append(problems, Problem{Severity: Error, Kind: KindIdentityNumber, File: file, Sheet: name, Cell: c.Cell,
					Message: "Kommentaren til cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte."})
			}
		}
	}
	for _, d := range f.GetDefinedName() {
		if ContainsIdentityNumber(d.Name + " " + d.RefersTo + " " + d.Comment) {
			problems = append(problems, Problem{Severity: Error, Kind: KindIdentityNumber, File: file,
				Message: "Et definert navn i arbeidsboken (Formler → Navnebehandling) inneholder et gyldig fødselsnummer eller D-nummer; fjern det."})
		}
	}
	return problems
}

// openProblem turns an excelize open error into one Norwegian sentence.
func openProblem(name string, err error) Problem {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), errors.Is(err, excelize.ErrWorkbookPassword):
		return fileProblem(name, KindPassword, "Filen er passordbeskyttet eller kryptert; fjern passordet og lagre den på nytt som .xlsx.")
	case strings.Contains(err.Error(), "unzip size"):
		return fileProblem(name, KindTooLarge, fmt.Sprintf("Filen pakker seg ut til mer enn %d MB (en «zip-bombe» eller en skadet fil) og blir ikke lest.", maxUnzipped>>20))
	default:
		return fileProblem(name, KindUnreadable, "Filen kunne ikke åpnes som Excel-arbeidsbok; den kan være skadet. Lagre den på nytt som .xlsx.")
	}
}

// readSheet streams one sheet. Every cell of every sheet goes through the
// identity-number guard; only contract sheets are decoded.
// After a long run of blank rows, the rows after the sheet's extent hold
// no content and are not read (see extentFinder).
func readSheet(f *excelize.File, file, sheet string, contract []Sheet, date1904 bool, extents *extentFinder) (*sheetResult, Problems) {
	var problems Problems
	name := sheet // the name problems show
	if ContainsIdentityNumber(sheet) {
		problems = append(problems, identityProblem(file, "", ""))
		name = "(navn skjult)"
	}
	spec, known := sheetSpec(contract, sheet)
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, append(problems, Problem{Severity: Error, Kind: KindUnreadable, File: file, Sheet: name,
			Message: "Arket kunne ikke leses; filen kan være skadet."})
	}
	defer rows.Close()
	var s *sheetState
	if known {
		s = &sheetState{origin: &origin{file: file, sheet: name, cols: map[string]string{}}, spec: spec, date1904: date1904, data: &Dataset{}}
	} else if !ownSheet(sheet) {
		problems = append(problems, Problem{Severity: Note, Kind: KindUnknownSheet, File: file, Sheet: name,
			Message: "Arket er ikke en del av malen og blir ikke brukt (det er likevel kontrollert for fødselsnumre)."})
	}
	// excelize's parsing stays on this goroutine; the rows it gives are
	// checked and decoded on another, so that the two overlap (most of
	// all while the last workbook is read alone and a core would idle).
	decoder := startRowDecoder(s, file, name, spec)
	defer decoder.close() // ends it if excelize panics midway
	rowNum, limit, blankRun := 0, noExtent, 0
	var rowProblems Problems
	for rowNum < limit && rows.Next() {
		rowNum++
		cells, err := rows.Columns(rawValues)
		if err != nil {
			rowProblems = append(rowProblems, Problem{Severity: Error, Kind: KindUnreadable, File: file, Sheet: name,
				Cell: "rad " + itoa(rowNum), Message: "Raden kunne ikke leses; filen kan være skadet."})
			break
		}
		if isBlankRow(cells) {
			if blankRun++; blankRun == blankRunBeforeScan {
				if n, ok := extents.extent(sheet); ok {
					limit = n
				}
			}
			continue
		}
		blankRun = 0
		decoder.add(rowNum, cells)
	}
	problems = append(problems, decoder.wait()...)
	if s != nil {
		problems = append(problems, s.finish()...)
	}
	problems = append(problems, rowProblems...)
	if err := rows.Error(); err != nil {
		problems = append(problems, Problem{Severity: Error, Kind: KindUnreadable, File: file, Sheet: name,
			Message: "Arket kunne ikke leses helt; filen kan være skadet eller ha for mange rader."})
	}
	if s == nil {
		return nil, problems
	}
	if s.cols == nil && spec.Required {
		problems = append(problems, Problem{Severity: Error, Kind: KindMissingColumn, File: file, Sheet: name,
			Message: "Arket er tomt; første rad skal ha kolonneoverskriftene fra malen."})
	}
	return &sheetResult{spec: spec, name: name, data: s.data, rows: s.rows}, problems
}

// rowDecoder checks and decodes a sheet's non-blank rows on its own
// goroutine, in order, in batches.
type rowDecoder struct {
	batch    []sheetRow
	batches  chan []sheetRow
	closed   bool
	done     chan struct{}
	problems Problems
	panicked any
}

type sheetRow struct {
	num   int
	cells []string
}

// rowBatch is how many rows go to the decoder at a time.
const rowBatch = 256

func startRowDecoder(s *sheetState, file, name string, spec Sheet) *rowDecoder {
	d := &rowDecoder{batches: make(chan []sheetRow, 4), done: make(chan struct{})}
	go func() {
		defer close(d.done)
		defer func() {
			// Raised again on the reading goroutine, where readWorkbookBytes
			// turns it into a problem (or the fuzz test sees it). Until then
			// the reading goroutine may still be handing over rows: take
			// them, or it would wait for ever.
			if !recoverPanics {
				return
			}
			if d.panicked = recover(); d.panicked != nil {
				for range d.batches {
				}
			}
		}()
		for batch := range d.batches {
			for _, r := range batch {
				d.problems = append(d.problems, decodeRow(s, file, name, spec, r.num, r.cells)...)
			}
		}
	}()
	return d
}

func (d *rowDecoder) add(num int, cells []string) {
	d.batch = append(d.batch, sheetRow{num, cells})
	if len(d.batch) == rowBatch {
		d.batches <- d.batch
		d.batch = make([]sheetRow, 0, rowBatch)
	}
}

// wait hands over the last rows and returns the problems of every row.
func (d *rowDecoder) wait() Problems {
	if len(d.batch) > 0 {
		d.batches <- d.batch
		d.batch = nil
	}
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
// contract sheet (s not nil), reads it as the header or decodes it.
func decodeRow(s *sheetState, file, name string, spec Sheet, rowNum int, cells []string) Problems {
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
	return append(problems, s.take(rowNum, cells, tainted)...)
}

func isBlankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
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
