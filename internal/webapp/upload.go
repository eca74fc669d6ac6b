package webapp

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"bobra/data"
)

// DefaultFolder names the uploaded workbooks' folder when the page does not
// say which folder they came from. The name is the data source the reports
// record ("data_source"), as the folder's name is for `bobra rapport
// --data MAPPE`.
const DefaultFolder = "opplastet"

// upload is one request's files, saved in its own folder under the
// server's private one; remove deletes them all.
type upload struct {
	dir      string // the request's folder
	dataDir  string // dir/<folder>: the workbooks
	files    []string
	previous string // dir/forrige/<name>, or ""
	asOf     data.Date
	public   bool
}

func (u *upload) remove() { removeTree(u.dir) }

// refusal is a request the server will not serve, with its status and one
// Norwegian sentence.
type refusal struct {
	status  int
	message string
}

func (r *refusal) Error() string { return r.message }

func refused(status int, msg string) *refusal { return &refusal{status, msg} }

// withUpload is an API handler that reads what was sent: it receives the
// upload, refuses the request when it cannot be used, and removes the
// upload's folder when the handler is done.
func (s *Server) withUpload(handle func(w http.ResponseWriter, r *http.Request, u *upload)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		u, ref := s.receive(w, r)
		if ref != nil {
			refuse(w, ref.status, ref.message)
			return
		}
		defer u.remove()
		handle(w, r, u)
	}
}

// receive streams the multipart form into a new folder of the private
// one: the workbooks of field "filer", last year's resultater.json of
// "forrige", and the small fields. Nothing goes to the system's temporary
// folder (http.Request.ParseMultipartForm would put large files there).
func (s *Server) receive(w http.ResponseWriter, r *http.Request) (*upload, *refusal) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		return nil, refused(http.StatusBadRequest, "Filene må sendes som multipart/form-data, med arbeidsbøkene i feltet «filer».")
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, refused(http.StatusBadRequest, "Filene må sendes som multipart/form-data, med arbeidsbøkene i feltet «filer».")
	}
	dir, err := os.MkdirTemp(s.temp, "foresporsel-")
	if err != nil {
		return nil, refused(http.StatusInternalServerError, "Kan ikke lagre filene midlertidig på denne maskinen.")
	}
	u := &upload{dir: dir}
	ok := false
	defer func() {
		if !ok {
			u.remove()
		}
	}()
	// The workbooks wait in a hidden folder until the form has said which
	// folder they came from (a field may follow the files).
	staging := filepath.Join(dir, "data", ".mottak")
	if err := os.MkdirAll(staging, 0o700); err != nil {
		return nil, refused(http.StatusInternalServerError, "Kan ikke lagre filene midlertidig på denne maskinen.")
	}
	folder := DefaultFolder
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, s.readRefusal(err)
		}
		var ref *refusal
		switch part.FormName() {
		case "filer":
			ref = s.saveFile(part, staging, u, false)
		case "forrige":
			ref = s.saveFile(part, dir, u, true)
		case "per":
			ref = readField(part, func(v string) *refusal {
				if v == "" {
					return nil
				}
				d, ok := s.pipe.ParseDate(v)
				if !ok {
					return refused(http.StatusBadRequest, "Evalueringsdatoen («per») er ugyldig; skriv den som ÅÅÅÅ-MM-DD, for eksempel 2024-09-30.")
				}
				u.asOf = d
				return nil
			})
		case "offentlig":
			ref = readField(part, func(v string) *refusal {
				switch strings.ToLower(v) {
				case "", "nei":
					u.public = false
				case "ja":
					u.public = true
				default:
					return refused(http.StatusBadRequest, "«offentlig» må være «ja» eller «nei».")
				}
				return nil
			})
		case "mappe":
			ref = readField(part, func(v string) *refusal {
				if name, ok := folderName(v); ok {
					folder = name
				}
				return nil
			})
		default:
			_, err = io.Copy(io.Discard, part)
			if err != nil {
				ref = s.readRefusal(err)
			}
		}
		part.Close()
		if ref != nil {
			return nil, ref
		}
	}
	if len(u.files) == 0 {
		return nil, refused(http.StatusBadRequest, "Ingen arbeidsbøker ble sendt; velg én eller flere .xlsx-filer (feltet «filer»).")
	}
	u.dataDir = filepath.Join(dir, "data", folder)
	if err := os.Rename(staging, u.dataDir); err != nil {
		return nil, refused(http.StatusInternalServerError, "Kan ikke lagre filene midlertidig på denne maskinen.")
	}
	ok = true
	return u, nil
}

func (s *Server) readRefusal(err error) *refusal {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return refused(http.StatusRequestEntityTooLarge, "Filene er til sammen større enn "+megabytes(s.opt.MaxUpload)+
			" og blir ikke lest; send færre eller mindre filer om gangen.")
	}
	return refused(http.StatusBadRequest, "Opplastingen ble avbrutt eller er ufullstendig; prøv igjen.")
}

// megabytes says a cap the way people read it: 200 MB (kB below one MB,
// which only tests use).
func megabytes(n int64) string {
	if n < 1<<20 {
		return strconv.FormatInt(n>>10, 10) + " kB"
	}
	return strconv.FormatInt(n>>20, 10) + " MB"
}

// saveFile writes one uploaded file: a workbook into dir, or (previous)
// last year's resultater.json into dir/forrige.
func (s *Server) saveFile(part io.Reader, dir string, u *upload, previous bool) *refusal {
	p := part.(interface{ FileName() string })
	name, ref := uploadName(p.FileName(), previous)
	if ref != nil {
		return ref
	}
	if name == "" {
		// An Excel lock file or a hidden file, as in a dropped folder: the
		// command line skips them too.
		_, err := io.Copy(io.Discard, part)
		if err != nil {
			return s.readRefusal(err)
		}
		return nil
	}
	if previous {
		if u.previous != "" {
			return refused(http.StatusBadRequest, "Bare én forrige evaluering (resultater.json) kan sendes.")
		}
		dir = filepath.Join(dir, "forrige")
		if err := os.Mkdir(dir, 0o700); err != nil {
			return refused(http.StatusInternalServerError, "Kan ikke lagre filene midlertidig på denne maskinen.")
		}
	}
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return refused(http.StatusBadRequest, "Filen «"+name+"» er sendt to ganger; send hver arbeidsbok én gang.")
	}
	if err != nil {
		return refused(http.StatusInternalServerError, "Kan ikke lagre filene midlertidig på denne maskinen.")
	}
	_, err = io.Copy(f, part)
	if cerr := f.Close(); err == nil && cerr != nil {
		return refused(http.StatusInternalServerError, "Kan ikke lagre filene midlertidig på denne maskinen.")
	}
	if err != nil {
		return s.readRefusal(err)
	}
	if previous {
		u.previous = path
	} else {
		u.files = append(u.files, name)
	}
	return nil
}

// uploadName is the file name to save an upload as: its base name,
// whichever separator the sending system uses. It refuses names that are
// no workbook (or, for previous, no JSON file), that hold an identity
// number (never repeated), or that no file system would take; it returns
// "" for the files the command line skips in a folder.
func uploadName(raw string, previous bool) (string, *refusal) {
	name := raw
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.TrimSpace(name)
	if data.ContainsIdentityNumber(name) {
		return "", refused(http.StatusBadRequest, "Et filnavn inneholder et fødselsnummer eller D-nummer (vises ikke); gi filen et annet navn og send den på nytt.")
	}
	if name == "" || name == "." || name == ".." {
		return "", refused(http.StatusBadRequest, "En fil ble sendt uten navn; send den på nytt.")
	}
	if strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".") {
		return "", nil
	}
	if strings.ContainsAny(name, `:*?"<>|`) || strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) || len(name) > 200 {
		return "", refused(http.StatusBadRequest, "Filnavnet «"+printable(name)+"» har tegn som ikke kan brukes i et filnavn; gi filen et annet navn.")
	}
	ext := strings.ToLower(filepath.Ext(name))
	if previous {
		if ext != ".json" {
			return "", refused(http.StatusUnsupportedMediaType, "Forrige evaluering må være filen resultater.json fra en tidligere kjøring, ikke «"+name+"».")
		}
		return name, nil
	}
	if ext != ".xlsx" && ext != ".xlsm" {
		return "", refused(http.StatusUnsupportedMediaType, "«"+name+"» er ikke en Excel-arbeidsbok; bare .xlsx- og .xlsm-filer kan kontrolleres (lagre andre regneark som .xlsx i Excel eller LibreOffice).")
	}
	return name, nil
}

// printable drops control characters from a name before it is repeated.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// folderName is the name the uploads' folder gets, from the folder the
// person chose or dropped; ok is false for a name that cannot be used
// (the default is kept).
func folderName(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if i := strings.LastIndexAny(v, `/\`); i >= 0 {
		v = v[i+1:]
	}
	if v == "" || v == "." || v == ".." || strings.HasPrefix(v, ".") || len(v) > 100 ||
		data.ContainsIdentityNumber(v) || strings.ContainsAny(v, `:*?"<>|`) ||
		strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", false
	}
	return v, true
}

// readField reads a small text field and hands it to use.
func readField(part io.Reader, use func(string) *refusal) *refusal {
	b, err := io.ReadAll(io.LimitReader(part, 1<<10))
	if err != nil {
		return refused(http.StatusBadRequest, "Opplastingen ble avbrutt eller er ufullstendig; prøv igjen.")
	}
	return use(strings.TrimSpace(string(b)))
}
