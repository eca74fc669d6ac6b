package data

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// ReadOptions controls ReadDir.
type ReadOptions struct {
	// Context stops the reading when it is done (a stop signal): ReadDir
	// then returns at once with what it has, and the caller, which knows
	// why, says so. nil means never.
	Context context.Context
	// Today is the day of the run: a date or Fødselsår after it is a typo.
	// The zero value means the clock's today.
	Today Date
	// Workers is how many workbooks are read at once; 0 means all of
	// them, up to four per CPU (and at least one per CPU), so that no core
	// idles while the last large workbook is read alone.
	Workers int
}

// Problem kinds for files and folders.
const (
	KindWrongFileType = "feil-filtype"
	KindEmptyFile     = "tom-fil"
	KindNotWorkbook   = "ikke-xlsx"
	KindPassword      = "passordbeskyttet"
	KindTooLarge      = "for-stor-fil"
	KindUnreadable    = "kunne-ikke-leses"
	KindNotRegular    = "ikke-vanlig-fil"
)

// otherSpreadsheet lists file types people keep spreadsheets in that the
// reader does not read, with the name the message gives them.
var otherSpreadsheet = map[string]string{
	".xls":     "Excel 97–2003 (.xls)",
	".xlsb":    "binær Excel (.xlsb)",
	".ods":     "OpenDocument-regneark (.ods)",
	".fods":    "OpenDocument-regneark (.fods)",
	".csv":     "CSV-tekst (.csv)",
	".tsv":     "tekst (.tsv)",
	".numbers": "Numbers (.numbers)",
}

// ReadDir reads every .xlsx workbook in dir (not its subfolders), sorted by
// name, checks it and returns the dataset with every problem found.
//
// The error is a *FileError only when the folder itself cannot be used: it
// does not exist, is not a folder, cannot be listed, or holds no
// spreadsheet file at all (so a wrong --data is wrong use, not a data
// problem). Everything wrong with a file or its contents, including a
// spreadsheet saved in another format, is a Problem naming the file.
// Lock files (~$x.xlsx, .~lock.x.xlsx#) and hidden files are ignored.
func ReadDir(dir string, opt ReadOptions) (*Dataset, Problems, error) {
	if opt.Today.IsZero() {
		opt.Today = DateOf(time.Now())
	}
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	if namedWithIdentityNumber(dir) {
		return nil, nil, &FileError{Path: MaskDigits(dir), Message: fmt.Sprintf(
			"Navnet på mappen «%s» inneholder et fødselsnummer eller D-nummer (sifrene vises ikke); gi mappen et navn uten det.", MaskDigits(dir))}
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, &FileError{Path: dir, Message: fmt.Sprintf("Finner ikke mappen «%s».", dir)}
	case err != nil:
		return nil, nil, &FileError{Path: dir, Message: fmt.Sprintf("Kan ikke åpne mappen «%s».", dir)}
	case !info.IsDir():
		return nil, nil, &FileError{Path: dir, Message: fmt.Sprintf("«%s» er ikke en mappe; oppgi mappen som har arbeidsbøkene.", dir)}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, &FileError{Path: dir, Message: fmt.Sprintf("Kan ikke lese innholdet i mappen «%s».", dir)}
	}
	var workbooks []string
	var problems Problems
	spreadsheets := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
			continue
		}
		if ContainsIdentityNumber(name) || ContainsIdentityNumber(strings.TrimSuffix(name, filepath.Ext(name))) {
			// The name reaches every message and output that names the
			// file, so the file is not read at all.
			spreadsheets++
			problems = append(problems, Problem{Severity: Error, Kind: KindIdentityNumber, File: MaskDigits(name),
				Message: "Filnavnet inneholder et fødselsnummer eller D-nummer (sifrene vises ikke); gi filen et navn uten det."})
			continue
		}
		ext := strings.ToLower(filepath.Ext(name))
		if ext == ".xlsx" || ext == ".xlsm" {
			workbooks = append(workbooks, name)
			spreadsheets++
		} else if kind, ok := otherSpreadsheet[ext]; ok {
			spreadsheets++
			problems = append(problems, Problem{Severity: Error, Kind: KindWrongFileType, File: name,
				Message: fmt.Sprintf("Filen er lagret som %s; åpne den i Excel eller LibreOffice og lagre den som Excel-arbeidsbok (.xlsx).", kind)})
		}
	}
	if spreadsheets == 0 {
		return nil, nil, &FileError{Path: dir, Message: fmt.Sprintf("Mappen «%s» har ingen Excel-arbeidsbøker (.xlsx).", dir)}
	}
	sort.Strings(workbooks)
	sort.SliceStable(problems, func(i, j int) bool { return problems[i].File < problems[j].File })

	results := readAll(dir, workbooks, opt)
	if opt.Context.Err() != nil {
		return &Dataset{}, nil, nil
	}
	ds, merged := mergeResults(results)
	problems = append(problems, merged...)
	checked, ok := validateOrStop(opt.Context, ds, opt.Today)
	if !ok {
		return &Dataset{}, nil, nil
	}
	problems = finishProblems(ds, problems, checked)
	return ds, maskIdentityNumbers(problems), nil
}

// validateOrStop is Validate, returning at once (false) when ctx is done:
// the checks write nothing, so they are left to the process's end. A panic
// in them is raised again here.
func validateOrStop(ctx context.Context, ds *Dataset, today Date) (Problems, bool) {
	done := make(chan struct{})
	var out Problems
	var failure any
	go func() {
		defer close(done)
		defer func() { failure = recover() }()
		out = Validate(ds, today)
	}()
	select {
	case <-done:
		if failure != nil {
			panic(failure)
		}
		return out, true
	case <-ctx.Done():
		return nil, false
	}
}

// namedWithIdentityNumber reports whether the data folder is named with an
// identity number. Only its own name is looked at: that is the name the
// reports print (as the data source, and in messages), while the folders
// above it are never printed in a public output and may hold any digits,
// such as a temporary folder's random number.
func namedWithIdentityNumber(dir string) bool {
	return ContainsIdentityNumber(filepath.Base(filepath.Clean(dir)))
}

// newCells drops the errors of later checks at cells that already have an
// error (a Status the reader refused is also a missing Status), so that
// each mistake is reported once.
func newCells(later, earlier Problems) Problems {
	type key struct{ file, sheet, cell string }
	bad := map[key]bool{}
	for _, p := range earlier {
		if p.Severity == Error && p.Cell != "" {
			bad[key{p.File, p.Sheet, p.Cell}] = true
		}
	}
	var out Problems
	for _, p := range later {
		if p.Severity == Error && p.Cell != "" && bad[key{p.File, p.Sheet, p.Cell}] {
			continue
		}
		out = append(out, p)
	}
	return out
}

// maskIdentityNumbers is the last guard before problems leave the reader:
// no problem may repeat a national identity number, whatever check found it.
func maskIdentityNumbers(ps Problems) Problems {
	for i := range ps {
		if ContainsIdentityNumber(ps[i].Value) {
			ps[i].Value = ""
		}
		if ContainsIdentityNumber(ps[i].Message) {
			ps[i].Message = "Cellen inneholder et fødselsnummer eller D-nummer (vises ikke); fjern det."
		}
	}
	return ps
}

// readAll reads the workbooks in parallel; results keep the names' order.
func readAll(dir string, names []string, opt ReadOptions) []fileResult {
	workers := opt.Workers
	if workers <= 0 {
		workers = max(runtime.NumCPU(), min(len(names), 4*runtime.NumCPU()))
	}
	results := make([]fileResult, len(names))
	inParallel(len(names), workers, func(i int) {
		if opt.Context.Err() == nil {
			results[i] = readFile(opt.Context, filepath.Join(dir, names[i]), names[i])
		}
	})
	return results
}

// readFile reads one workbook from disk. Only a regular file is read: a
// FIFO would block for ever and a device (or a link to /dev/zero) would
// never end, so the file's type and size are checked before it is opened,
// and again on the opened file, which is opened so that it cannot block.
func readFile(ctx context.Context, path, name string) fileResult {
	fail := func(kind, msg string) fileResult {
		return fileResult{info: InputFile{Name: name}, problems: Problems{fileProblem(name, kind, msg)}}
	}
	info, err := os.Stat(path) // follows a link: what is read is the target
	if err != nil {
		if li, lerr := os.Lstat(path); lerr == nil && li.Mode()&fs.ModeSymlink != 0 {
			return fail(KindUnreadable, "Filen er en snarvei (lenke) til en fil som ikke finnes.")
		}
		return fail(KindUnreadable, unreadable(err, "Filen kunne ikke åpnes."))
	}
	if p := notRegular(name, info); p != nil {
		return fileResult{info: InputFile{Name: name}, problems: Problems{*p}}
	}
	if info.Size() > maxFileSize {
		return fileResult{info: InputFile{Name: name, Size: info.Size()},
			problems: Problems{fileProblem(name, KindTooLarge, fmt.Sprintf("Filen er større enn %d MB og blir ikke lest.", maxFileSize>>20))}}
	}
	f, err := openNoBlock(path)
	if err != nil {
		return fail(KindUnreadable, unreadable(err, "Filen kunne ikke åpnes."))
	}
	defer f.Close()
	// The file may have been swapped since the check above.
	info, err = f.Stat()
	if err != nil {
		return fail(KindUnreadable, "Filen kunne ikke leses.")
	}
	if p := notRegular(name, info); p != nil {
		return fileResult{info: InputFile{Name: name}, problems: Problems{*p}}
	}
	if res, ok := readStreamed(ctx, name, f, info); ok {
		return withMacroNote(name, res)
	}
	// Read into a buffer of the file's size (and room to see its end), not
	// one grown by doubling: the five workbooks of a national run are 17 MB.
	buf := bytes.NewBuffer(make([]byte, 0, min(info.Size(), maxFileSize)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, maxFileSize+1))
	b := buf.Bytes()
	if err != nil {
		return fail(KindUnreadable, unreadable(err, "Filen kunne ikke leses."))
	}
	if len(b) > maxFileSize {
		return fileResult{info: InputFile{Name: name, Size: int64(len(b))},
			problems: Problems{fileProblem(name, KindTooLarge, fmt.Sprintf("Filen er større enn %d MB og blir ikke lest.", maxFileSize>>20))}}
	}
	return withMacroNote(name, readWorkbook(ctx, name, b))
}

func withMacroNote(name string, res fileResult) fileResult {
	if strings.EqualFold(filepath.Ext(name), ".xlsm") {
		res.problems = append(Problems{{Severity: Note, Kind: KindMacros, File: name,
			Message: "Filen er en arbeidsbok med makroer (.xlsm); bobra leser bare cellene, og makroene blir verken kjørt eller brukt."}}, res.problems...)
	}
	return res
}

// readStreamed reads a workbook from the open file instead of from a copy
// in memory: the zip reader reads each part where it lies, so a national
// run does not hold its 50 MB of zipped workbooks while their rows are
// decoded (a sixth of the reader's live heap at 300 000 families). The
// file is read twice, once for its hash and once for its parts, so it
// reports false (and the caller reads the file into memory, as it does
// every file that does not start as a zip file) when the file changed in
// between: the run record's hash must be of the bytes that were read.
func readStreamed(ctx context.Context, name string, f *os.File, info fs.FileInfo) (fileResult, bool) {
	size := info.Size()
	head := make([]byte, len(zipMagic))
	if size < int64(len(zipMagic)) || size > maxFileSize {
		return fileResult{}, false
	}
	if _, err := f.ReadAt(head, 0); err != nil || !bytes.Equal(head, zipMagic) {
		return fileResult{}, false
	}
	h := sha256.New()
	if n, err := io.Copy(h, io.NewSectionReader(f, 0, size+1)); err != nil || n != size {
		return fileResult{}, false
	}
	res := bookReader{}.readAt(ctx, InputFile{Name: name, Size: size, SHA256: hex.EncodeToString(h.Sum(nil))}, f)
	after, err := f.Stat()
	if err != nil || after.Size() != size || !after.ModTime().Equal(info.ModTime()) {
		return fileResult{}, false
	}
	return res, true
}

// notRegular is the problem for anything in the data folder that is not a
// regular file (a named pipe, a device, a socket, a folder behind a link).
func notRegular(name string, info fs.FileInfo) *Problem {
	mode := info.Mode()
	if mode.IsRegular() {
		return nil
	}
	what := "ikke en vanlig fil"
	switch {
	case mode&fs.ModeNamedPipe != 0:
		what = "en navngitt rørledning (FIFO), ikke en vanlig fil"
	case mode&fs.ModeDevice != 0 || mode&fs.ModeCharDevice != 0:
		what = "en enhet (som /dev/zero), ikke en vanlig fil"
	case mode&fs.ModeSocket != 0:
		what = "en sokkel, ikke en vanlig fil"
	case mode.IsDir():
		what = "en mappe, ikke en fil"
	}
	p := fileProblem(name, KindNotRegular, "«"+name+"» er "+what+"; bobra leser bare vanlige Excel-filer. Flytt den ut av datamappen.")
	return &p
}

// lockedMessage is what a person is told about a workbook another program
// holds open, most often because it is open in Excel.
const lockedMessage = "Filen er åpen i et annet program (for eksempel Excel) og kan ikke leses; lukk den og prøv igjen."

// unreadable is the message for a file that could not be opened or read:
// the locked-file sentence when that is why, else otherwise.
func unreadable(err error, otherwise string) string {
	if isLocked(err) {
		return lockedMessage
	}
	return otherwise
}

func fileProblem(name, kind, message string) Problem {
	return Problem{Severity: Error, Kind: kind, File: name, Message: message}
}
