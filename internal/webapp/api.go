package webapp

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"bobra/data"
)

// CheckResult is the answer of POST /api/valider (and of POST /api/rapport
// when the data has errors): the counts, one per problem cell as in
// valider's closing line, and the problems as the lines `bobra valider`
// prints, in its order.
type CheckResult struct {
	Errors   int            `json:"errors"`
	Warnings int            `json:"warnings"`
	Notes    int            `json:"notes"`
	Problems []ProblemEntry `json:"problems"`
}

// ProblemEntry is one line of valider's output. Severity is the
// Norwegian word valider uses: "feil", "advarsel" or "merknad". For the
// same problem in many cells of one column (a group), Cell is the range
// ("B2–B45"), Message the one standing for all, and Cells every cell's
// own record.
type ProblemEntry struct {
	Severity string `json:"severity"`
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Column   string `json:"column"`
	Message  string `json:"message"`
	// Place is where, as valider writes it ("data.xlsx, ark Kjøp, celle
	// C4 (Kjøpesum)"), and Line the whole line valider prints.
	Place string      `json:"place"`
	Line  string      `json:"line"`
	Count int         `json:"count"`
	Cells []CellEntry `json:"cells,omitempty"`
}

// CellEntry is one cell of a group.
type CellEntry struct {
	Cell    string `json:"cell"`
	Value   string `json:"value"`
	Message string `json:"message"`
}

// message is the answer to a refused or failed request.
type message struct {
	Message string `json:"melding"`
}

// hiddenIdentity replaces any text that holds an identity number: the
// reader already masks its messages, and this is the last guard before a
// response leaves the machine's loopback (a file or sheet name can hold
// one too).
const hiddenIdentity = "(skjult: inneholder et fødselsnummer eller D-nummer)"

func masked(s string) string {
	if data.ContainsIdentityNumber(s) {
		return hiddenIdentity
	}
	return s
}

// NewCheckResult turns problems, in any order, into the answer: the
// lines of `bobra valider`.
func NewCheckResult(ps data.Problems) CheckResult {
	lines := ps.Grouped()
	res := CheckResult{
		Errors: ps.Count(data.Error), Warnings: ps.Count(data.Warning), Notes: ps.Count(data.Note),
		Problems: make([]ProblemEntry, 0, len(lines)),
	}
	for _, l := range lines {
		p := l.Problem
		e := ProblemEntry{
			Severity: p.Severity.String(),
			File:     masked(p.File), Sheet: masked(p.Sheet), Cell: masked(p.Cell),
			Column: masked(p.Column), Message: masked(l.Message),
			Place: masked(l.Place), Line: masked(l.Text), Count: len(l.Cells),
		}
		if len(l.Cells) > 1 {
			for _, c := range l.Cells {
				e.Cells = append(e.Cells, CellEntry{Cell: masked(c.Cell), Value: masked(c.Value), Message: masked(c.Message)})
			}
		}
		res.Problems = append(res.Problems, e)
	}
	return res
}

// EvaluationDateHeader carries Evalueringsdato from Forutsetninger
// (YYYY-MM-DD) on the answer of POST /api/valider, when the workbooks
// have one.
const EvaluationDateHeader = "X-Bobra-Evalueringsdato"

// InputError is a Report failure caused by what was sent (an unusable
// resultater.json, a previous evaluation that cannot be compared): 422
// with its sentence, where any other failure is 500.
type InputError struct{ Message string }

func (e *InputError) Error() string { return e.Message }

func (s *Server) handleValidate(w http.ResponseWriter, r *http.Request, u *upload) {
	ps, asOf, err := s.pipe.Validate(r.Context(), u.dataDir)
	if err != nil {
		refuse(w, http.StatusUnprocessableEntity, "Ingen av filene kunne leses som Excel-arbeidsbok (.xlsx).")
		return
	}
	// A header, so the answer's JSON stays the one scripts rely on.
	if !asOf.IsZero() {
		w.Header().Set(EvaluationDateHeader, asOf.String())
	}
	writeJSON(w, http.StatusOK, NewCheckResult(ps))
}

// MarkedName is the file name of POST /api/merk's zip.
const MarkedName = "merkede-arbeidsbøker.zip"

// handleMark answers with a zip of the marked copies, each the bytes
// `bobra valider --merk` writes for the same workbook.
func (s *Server) handleMark(w http.ResponseWriter, r *http.Request, u *upload) {
	out := filepath.Join(u.dir, "merket")
	if err := s.pipe.Mark(r.Context(), u.dataDir, out); err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			refuse(w, http.StatusUnprocessableEntity, masked(u.withoutFolders(ie.Message)))
			return
		}
		// The reason names the private folder, which means nothing to
		// the person.
		refuse(w, http.StatusInternalServerError, "De merkede kopiene kunne ikke lages på denne maskinen; prøv igjen.")
		return
	}
	if _, err := os.Stat(out); errors.Is(err, os.ErrNotExist) {
		// Only .xlsm files were sent: valider marks .xlsx workbooks only.
		refuse(w, http.StatusUnprocessableEntity, "Ingen av filene er en .xlsx-arbeidsbok; bare .xlsx-filer kan merkes.")
		return
	}
	body, err := zipFolder(out)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "De merkede kopiene ble laget, men kunne ikke pakkes i en zip-fil.")
		return
	}
	download(w, "application/zip", MarkedName, body)
}

func (s *Server) handleReport(w http.ResponseWriter, r *http.Request, u *upload) {
	// One report at a time: a report can take all the memory and both
	// cores of a small PC. The next waits its turn, for a while.
	wait := time.NewTimer(s.opt.ReportWait)
	defer wait.Stop()
	select {
	case s.reports <- struct{}{}:
		defer func() { <-s.reports }()
	case <-wait.C:
		refuse(w, http.StatusServiceUnavailable, "En annen rapport lages akkurat nå. Vent til den er ferdig, og prøv igjen.")
		return
	case <-r.Context().Done():
		return
	case <-s.stopped:
		refuse(w, http.StatusServiceUnavailable, "bobra avsluttes; ingen rapport ble laget.")
		return
	}
	out := filepath.Join(u.dir, "ut")
	ps, written, err := s.pipe.Report(r.Context(), ReportRequest{
		DataDir: u.dataDir, OutDir: out, AsOf: u.asOf, Public: u.public, Previous: u.previous,
	})
	if err != nil {
		msg := masked(u.withoutFolders(err.Error()))
		var ie *InputError
		if errors.As(err, &ie) {
			refuse(w, http.StatusUnprocessableEntity, msg)
			return
		}
		refuse(w, http.StatusInternalServerError, msg)
		return
	}
	if !written {
		writeJSON(w, http.StatusUnprocessableEntity, NewCheckResult(ps))
		return
	}
	body, err := zipFolder(out)
	if err != nil {
		refuse(w, http.StatusInternalServerError, "Rapportene ble laget, men kunne ikke pakkes i en zip-fil.")
		return
	}
	w.Header().Set("X-Bobra-Advarsler", strconv.Itoa(ps.Count(data.Warning)))
	download(w, "application/zip", "bobra-rapport.zip", body)
}

// withoutFolders drops the request's private folders from a message, so
// a sentence about a file names the file as it was sent.
func (u *upload) withoutFolders(msg string) string {
	for _, dir := range []string{u.dataDir, filepath.Join(u.dir, "forrige"), filepath.Join(u.dir, "ut"), u.dir} {
		msg = strings.ReplaceAll(msg, dir+string(filepath.Separator), "")
	}
	return msg
}

// zipTime dates every entry the server zips: a fixed time, so the same
// outputs give the same zip.
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// zipBuilder collects files into a zip in memory. Entries are stored, not
// deflated: the outputs are mostly compressed already, and the page reads
// stored entries without a decompressor.
type zipBuilder struct {
	buf bytes.Buffer
	zw  *zip.Writer
}

func (z *zipBuilder) add(name string, write func(io.Writer) error) error {
	if z.zw == nil {
		z.zw = zip.NewWriter(&z.buf)
	}
	fw, err := z.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: zipTime})
	if err != nil {
		return err
	}
	return write(fw)
}

func (z *zipBuilder) finish() ([]byte, error) {
	if z.zw == nil {
		z.zw = zip.NewWriter(&z.buf)
	}
	if err := z.zw.Close(); err != nil {
		return nil, err
	}
	return z.buf.Bytes(), nil
}

// zipFolder zips every file in dir, by name.
func zipFolder(dir string) ([]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	var z zipBuilder
	for _, name := range names {
		err := z.add(name, func(w io.Writer) error {
			f, err := os.Open(filepath.Join(dir, name))
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = io.Copy(w, f)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return z.finish()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"melding":"Svaret kunne ikke lages."}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(body)
}

func refuse(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, message{Message: msg})
}

// discardLog keeps net/http's own English log lines (a client that hung
// up, a bad TLS probe) away from the person's window.
func discardLog() *log.Logger { return log.New(io.Discard, "", 0) }
