package data

import (
	"errors"
	"fmt"
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
	// Today is the day of the run: a date or Fødselsår after it is a typo.
	// The zero value means the clock's today.
	Today Date
	// Workers is how many workbooks are read at once; 0 means one per CPU.
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
)

// otherSpreadsheet lists file types people keep spreadsheets in that the
// reader does not read, with the name the message gives them.
var otherSpreadsheet = map[string]string{
	".xls":     "Excel 97–2003 (.xls)",
	".xlsm":    "Excel med makroer (.xlsm)",
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
		if ext == ".xlsx" {
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
	ds, merged := mergeResults(results)
	problems = append(problems, merged...)
	problems = append(problems, newCells(Validate(ds, opt.Today), problems)...)
	return ds, maskIdentityNumbers(problems), nil
}

// namedWithIdentityNumber reports whether a folder of the path, as it was
// given, is named with an identity number.
func namedWithIdentityNumber(dir string) bool {
	for _, part := range strings.Split(filepath.ToSlash(filepath.Clean(dir)), "/") {
		if ContainsIdentityNumber(part) {
			return true
		}
	}
	return false
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
		workers = runtime.NumCPU()
	}
	results := make([]fileResult, len(names))
	inParallel(len(names), workers, func(i int) {
		results[i] = readFile(filepath.Join(dir, names[i]), names[i])
	})
	return results
}

// readFile reads one workbook from disk.
func readFile(path, name string) fileResult {
	info, err := os.Stat(path)
	if err != nil {
		return fileResult{problems: Problems{fileProblem(name, KindUnreadable, "Filen kunne ikke åpnes.")}}
	}
	if info.Size() > maxFileSize {
		return fileResult{info: InputFile{Name: name, Size: info.Size()},
			problems: Problems{fileProblem(name, KindTooLarge, fmt.Sprintf("Filen er større enn %d MB og blir ikke lest.", maxFileSize>>20))}}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fileResult{problems: Problems{fileProblem(name, KindUnreadable, "Filen kunne ikke leses.")}}
	}
	return readWorkbookBytes(name, b)
}

func fileProblem(name, kind, message string) Problem {
	return Problem{Severity: Error, Kind: kind, File: name, Message: message}
}
