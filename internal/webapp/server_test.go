package webapp

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bobra/data"
)

// A valid identity number (checksums hold) that must never be echoed.
const fnr = "01010101006"

func init() {
	if !data.IsIdentityNumber(fnr) {
		panic("the test's identity number is not valid")
	}
}

// fakePipeline records what the handlers hand over and answers as told.
type fakePipeline struct {
	mu       sync.Mutex
	calls    []call
	problems data.Problems
	asOf     data.Date // Evalueringsdato that Validate finds
	err      error
	// outputs are written into OutDir by Report (nil: none, as for data
	// errors).
	outputs map[string]string
	// release, when set, holds Report until it is closed or sent on.
	release chan struct{}
	started chan struct{}
}

// call is one Validate or Report: the request with its paths reduced to
// what the pipeline sees of them, and the files it found.
type call struct {
	Kind     string
	Folder   string // base name of the data folder
	Files    []string
	AsOf     data.Date
	Public   bool
	Previous string // base name, "" when none
	PrevBody string
}

func (f *fakePipeline) record(kind, dir string, req ReportRequest) {
	c := call{Kind: kind, Folder: filepath.Base(dir), AsOf: req.AsOf, Public: req.Public}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		c.Files = append(c.Files, e.Name())
	}
	if req.Previous != "" {
		c.Previous = filepath.Base(req.Previous)
		b, _ := os.ReadFile(req.Previous)
		c.PrevBody = string(b)
	}
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
}

func (f *fakePipeline) pipeline() Pipeline {
	return Pipeline{
		Validate: func(ctx context.Context, dir string) (data.Problems, data.Date, error) {
			f.record("valider", dir, ReportRequest{})
			return f.problems, f.asOf, f.err
		},
		Report: func(ctx context.Context, req ReportRequest) (data.Problems, bool, error) {
			f.record("rapport", req.DataDir, req)
			if f.started != nil {
				f.started <- struct{}{}
			}
			if f.release != nil {
				<-f.release
			}
			if f.err != nil {
				return nil, false, f.err
			}
			if f.outputs == nil {
				return f.problems, false, nil
			}
			if err := os.MkdirAll(req.OutDir, 0o755); err != nil {
				return nil, false, err
			}
			for name, body := range f.outputs {
				if err := os.WriteFile(filepath.Join(req.OutDir, name), []byte(body), 0o644); err != nil {
					return nil, false, err
				}
			}
			return f.problems, true, nil
		},
		Mark: func(ctx context.Context, dataDir, outDir string) error {
			f.record("merk", dataDir, ReportRequest{})
			if f.err != nil {
				return f.err
			}
			entries, _ := os.ReadDir(dataDir)
			for _, e := range entries {
				if !strings.EqualFold(filepath.Ext(e.Name()), ".xlsx") {
					continue // as data.MarkCopies
				}
				if err := os.MkdirAll(outDir, 0o755); err != nil {
					return err
				}
				b, _ := os.ReadFile(filepath.Join(dataDir, e.Name()))
				if err := os.WriteFile(filepath.Join(outDir, e.Name()), append([]byte("MERKET "), b...), 0o644); err != nil {
					return err
				}
			}
			return nil
		},
		ParseDate: func(s string) (data.Date, bool) {
			t, err := time.Parse("2006-01-02", s)
			return data.DateOf(t), err == nil
		},
		Template: func(w io.Writer) error { _, err := io.WriteString(w, "MAL"); return err },
		Samples: func(add func(string, func(io.Writer) error) error) error {
			for _, name := range []string{"familier.xlsx", "boliger.xlsx"} {
				if err := add(name, func(w io.Writer) error { _, err := io.WriteString(w, "EKSEMPEL "+name); return err }); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

func newTestServer(t *testing.T, f *fakePipeline, opt Options) *Server {
	t.Helper()
	opt.TempDir = t.TempDir()
	srv, err := New(f.pipeline(), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// part is one field of a multipart form: a file when name is set.
type part struct {
	field, name, body string
}

func multipartBody(t *testing.T, parts []part) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.name != "" {
			h := textproto.MIMEHeader{}
			// Written by hand: CreateFormFile would escape backslashes
			// the way a browser on Windows does not.
			h.Set("Content-Disposition", `form-data; name="`+p.field+`"; filename="`+p.name+`"`)
			h.Set("Content-Type", "application/octet-stream")
			w, err = mw.CreatePart(h)
		} else {
			w, err = mw.CreateFormField(p.field)
		}
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

// request builds a request the page would send: own Host and Origin, the
// token in the header.
func pageRequest(t *testing.T, srv *Server, method, path string, parts []part) *http.Request {
	t.Helper()
	var body io.Reader
	var ctype string
	if parts != nil {
		body, ctype = multipartBody(t, parts)
	}
	r := httptest.NewRequest(method, "http://"+srv.Addr()+path, body)
	r.Host = srv.Addr()
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	r.Header.Set("X-Bobra-Token", srv.Token())
	if method == http.MethodPost {
		r.Header.Set("Origin", "http://"+srv.Addr())
		r.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	return r
}

func serve(srv *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	srv.Handler().ServeHTTP(w, r)
	return w
}

func melding(t *testing.T, w *httptest.ResponseRecorder) string {
	t.Helper()
	var m message
	if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil || m.Message == "" {
		t.Fatalf("svaret er ikke en melding: %q", w.Body.String())
	}
	return m.Message
}

var workbooks = []part{{"filer", "familier.xlsx", "A"}, {"filer", "boliger.xlsx", "B"}}

// TestRefusals sends every request the server must turn away, and checks
// the status and the Norwegian sentence of each, and that nothing of it is
// left in the private folder.
func TestRefusals(t *testing.T) {
	f := &fakePipeline{}
	srv := newTestServer(t, f, Options{MaxUpload: 4 << 10})
	big := strings.Repeat("x", 5<<10)
	tests := []struct {
		name   string
		change func(r *http.Request)
		method string
		path   string
		parts  []part
		status int
		want   string // a piece of the message
	}{
		{"uten nøkkel", func(r *http.Request) { r.Header.Del("X-Bobra-Token") }, "GET", "/api/mal", nil, 401, "Tilgangsnøkkelen mangler"},
		{"uten nøkkel, siden", func(r *http.Request) { r.Header.Del("X-Bobra-Token") }, "GET", "/", nil, 401, "Tilgangsnøkkelen mangler"},
		{"feil nøkkel", func(r *http.Request) { r.Header.Set("X-Bobra-Token", strings.Repeat("0", 32)) }, "POST", "/api/valider", workbooks, 403, "Tilgangsnøkkelen er feil"},
		{"feil nøkkel i adressen", func(r *http.Request) { r.Header.Del("X-Bobra-Token"); r.URL.RawQuery = "token=abc" }, "GET", "/api/eksempel", nil, 403, "Tilgangsnøkkelen er feil"},
		{"fremmed vertsnavn (DNS-rebinding)", func(r *http.Request) { r.Host = "angriper.example:" + srv.port }, "GET", "/api/mal", nil, 421, "ukjent vertsnavn"},
		{"annen port", func(r *http.Request) { r.Host = "127.0.0.1:1" }, "POST", "/api/rapport", workbooks, 421, "ukjent vertsnavn"},
		{"vertsnavn uten port", func(r *http.Request) { r.Host = "localhost" }, "GET", "/", nil, 421, "ukjent vertsnavn"},
		{"fremmed Origin (CSRF)", func(r *http.Request) { r.Header.Set("Origin", "http://angriper.example") }, "POST", "/api/rapport", workbooks, 403, "en annen nettside"},
		{"Origin med annen port", func(r *http.Request) { r.Header.Set("Origin", "http://127.0.0.1:1") }, "POST", "/api/avslutt", nil, 403, "en annen nettside"},
		{"Sec-Fetch-Site cross-site", func(r *http.Request) { r.Header.Del("Origin"); r.Header.Set("Sec-Fetch-Site", "cross-site") }, "POST", "/api/valider", workbooks, 403, "en annen nettside"},
		{"ukjent adresse", nil, "GET", "/api/hemmelig", nil, 404, "finnes ikke"},
		{"feil metode", nil, "GET", "/api/valider", nil, 405, "brukes med POST"},
		{"ikke multipart", func(r *http.Request) { r.Header.Set("Content-Type", "application/json") }, "POST", "/api/valider", workbooks, 400, "multipart/form-data"},
		{"ingen filer", nil, "POST", "/api/valider", []part{{"per", "", "2024-09-30"}}, 400, "Ingen arbeidsbøker"},
		{"for stor opplasting", nil, "POST", "/api/valider", []part{{"filer", "familier.xlsx", big}}, 413, "Filene er til sammen større enn 4 kB og blir ikke lest; send færre eller mindre filer om gangen."},
		{"feil filtype", nil, "POST", "/api/valider", []part{{"filer", "familier.xls", "A"}}, 415, "«familier.xls» er ikke en Excel-arbeidsbok"},
		{"csv", nil, "POST", "/api/rapport", []part{{"filer", "a.xlsx", "A"}, {"filer", "b.csv", "B"}}, 415, "bare .xlsx- og .xlsm-filer"},
		{"forrige er ikke json", nil, "POST", "/api/rapport", append(slices.Clone(workbooks), part{"forrige", "resultater.xlsx", "{}"}), 415, "resultater.json"},
		{"to forrige", nil, "POST", "/api/rapport", append(slices.Clone(workbooks), part{"forrige", "a.json", "{}"}, part{"forrige", "b.json", "{}"}), 400, "Bare én forrige"},
		{"samme fil to ganger", nil, "POST", "/api/valider", []part{{"filer", "a.xlsx", "A"}, {"filer", `C:\Data\a.xlsx`, "A"}}, 400, "«a.xlsx» er sendt to ganger"},
		{"fødselsnummer i filnavnet", nil, "POST", "/api/valider", []part{{"filer", "familie " + fnr + ".xlsx", "A"}}, 400, "fødselsnummer eller D-nummer (vises ikke)"},
		{"ugyldige tegn i filnavnet", nil, "POST", "/api/valider", []part{{"filer", "a<b>.xlsx", "A"}}, 400, "tegn som ikke kan brukes"},
		{"fil uten navn", nil, "POST", "/api/valider", []part{{"filer", "..", "A"}}, 400, "uten navn"},
		{"ugyldig dato", nil, "POST", "/api/rapport", append(slices.Clone(workbooks), part{"per", "", "30/09/2024"}), 400, "Evalueringsdatoen («per») er ugyldig"},
		{"ugyldig offentlig", nil, "POST", "/api/rapport", append(slices.Clone(workbooks), part{"offentlig", "", "kanskje"}), 400, "«ja» eller «nei»"},
		{"merk uten nøkkel", func(r *http.Request) { r.Header.Del("X-Bobra-Token") }, "POST", "/api/merk", workbooks, 401, "Tilgangsnøkkelen mangler"},
		{"merk med feil nøkkel", func(r *http.Request) { r.Header.Set("X-Bobra-Token", strings.Repeat("1", 32)) }, "POST", "/api/merk", workbooks, 403, "Tilgangsnøkkelen er feil"},
		{"merk til fremmed vertsnavn", func(r *http.Request) { r.Host = "angriper.example:" + srv.port }, "POST", "/api/merk", workbooks, 421, "ukjent vertsnavn"},
		{"merk fra fremmed Origin", func(r *http.Request) { r.Header.Set("Origin", "http://angriper.example") }, "POST", "/api/merk", workbooks, 403, "en annen nettside"},
		{"merk med GET", nil, "GET", "/api/merk", nil, 405, "brukes med POST"},
		{"merk uten filer", nil, "POST", "/api/merk", []part{{"mappe", "", "data"}}, 400, "Ingen arbeidsbøker"},
		{"merk for stor", nil, "POST", "/api/merk", []part{{"filer", "familier.xlsx", big}}, 413, "større enn 4 kB"},
		{"merk feil filtype", nil, "POST", "/api/merk", []part{{"filer", "familier.ods", "A"}}, 415, "«familier.ods» er ikke en Excel-arbeidsbok"},
		{"merk fødselsnummer i filnavnet", nil, "POST", "/api/merk", []part{{"filer", fnr + ".xlsx", "A"}}, 400, "(vises ikke)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := pageRequest(t, srv, tt.method, tt.path, tt.parts)
			if tt.change != nil {
				tt.change(r)
			}
			w := serve(srv, r)
			if w.Code != tt.status {
				t.Fatalf("status %d, vil ha %d: %s", w.Code, tt.status, w.Body.String())
			}
			if msg := melding(t, w); !strings.Contains(msg, tt.want) {
				t.Errorf("meldingen %q sier ikke %q", msg, tt.want)
			}
			if strings.Contains(w.Body.String(), "01010101006") {
				t.Errorf("svaret gjentar sifre fra et fødselsnummer: %s", w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			assertEmpty(t, srv.TempDir())
		})
	}
	if len(f.calls) != 0 {
		t.Errorf("en avvist forespørsel nådde rørledningen: %+v", f.calls)
	}
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("den midlertidige mappen er ikke tom: %v", names)
	}
}

// TestAccepted checks the requests the server must take, however the
// token, host and origin are given.
func TestAccepted(t *testing.T) {
	f := &fakePipeline{}
	srv := newTestServer(t, f, Options{})
	tests := []struct {
		name   string
		change func(r *http.Request)
	}{
		{"siden selv", nil},
		{"localhost", func(r *http.Request) {
			r.Host = "localhost:" + srv.port
			r.Header.Set("Origin", "http://localhost:"+srv.port)
		}},
		{"nøkkel i adressen", func(r *http.Request) { r.Header.Del("X-Bobra-Token"); r.URL.RawQuery = "token=" + srv.Token() }},
		{"skript uten Origin", func(r *http.Request) { r.Header.Del("Origin"); r.Header.Del("Sec-Fetch-Site") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := pageRequest(t, srv, "POST", "/api/valider", workbooks)
			if tt.change != nil {
				tt.change(r)
			}
			if w := serve(srv, r); w.Code != http.StatusOK {
				t.Errorf("status %d: %s", w.Code, w.Body.String())
			}
		})
	}
}

func TestValidate(t *testing.T) {
	f := &fakePipeline{problems: data.Problems{
		{Severity: data.Error, Kind: "ugyldig-dato", File: "familier.xlsx", Sheet: "Familier", Cell: "C4", Column: "Innmeldt", Value: "x", Message: "Datoen er ugyldig."},
		{Severity: data.Error, Kind: "ugyldig-dato", File: "familier.xlsx", Sheet: "Familier", Cell: "C9", Column: "Innmeldt", Value: "x", Message: "Datoen er ugyldig."},
		{Severity: data.Error, Kind: data.KindMissingColumn, File: "familier.xlsx", Sheet: "Familier", Cell: "rad 1", Column: "Statusdato", Message: "Mangler kolonnen Statusdato."},
		{Severity: data.Error, Kind: "ugyldig-dato", File: "familier.xlsx", Sheet: "Familier", Cell: "C5", Column: "Innmeldt", Value: "y", Message: "Datoen er ugyldig."},
		{Severity: data.Error, Kind: data.KindIdentityNumber, File: "familier.xlsx", Sheet: "Barn " + fnr, Cell: "B2", Message: "Cellen har " + fnr + "."},
		{Severity: data.Warning, File: "boliger.xlsx", Sheet: "Kjøp", Cell: "D7", Column: "Kjøpesum", Message: "Prisen per m² er høy."},
		{Severity: data.Note, File: "boliger.xlsx", Sheet: "Kjøp", Message: "Kolonnen «X» er hoppet over."},
	}}
	f.asOf = data.NewDate(2024, 9, 30)
	srv := newTestServer(t, f, Options{})
	// Whatever path the browser sends, and hidden files and Excel's lock
	// files as in a dropped folder, which the command line skips too.
	parts := []part{
		{"filer", `C:\Users\Kari Ås\OneDrive - Bærum kommune\Barn bor bra\familier.xlsx`, "A"},
		{"filer", "Barn bor bra/boliger.XLSX", "B"},
		{"filer", "ressurser.xlsm", "C"},
		{"filer", "~$familier.xlsx", "lås"},
		{"filer", ".skjult.xlsx", "?"},
		{"mappe", "", "Barn bor bra"},
		{"ukjent", "", "hoppes over"},
	}
	w := serve(srv, pageRequest(t, srv, "POST", "/api/valider", parts))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if got := w.Header().Get(EvaluationDateHeader); got != "2024-09-30" {
		t.Errorf("%s: %q", EvaluationDateHeader, got)
	}
	var got CheckResult
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	// valider's lines: cause first, the same problem in three cells of
	// a column as one line with every cell kept, identity numbers hidden.
	dates := []CellEntry{
		{"C4", "x", "Datoen er ugyldig."}, {"C5", "y", "Datoen er ugyldig."}, {"C9", "x", "Datoen er ugyldig."},
	}
	want := CheckResult{Errors: 5, Warnings: 1, Notes: 1, Problems: []ProblemEntry{
		{Severity: "merknad", File: "boliger.xlsx", Sheet: "Kjøp", Message: "Kolonnen «X» er hoppet over.",
			Place: "boliger.xlsx, ark Kjøp", Line: "merknad: boliger.xlsx, ark Kjøp: Kolonnen «X» er hoppet over.", Count: 1},
		{Severity: "feil", File: "familier.xlsx", Sheet: "Familier", Cell: "rad 1", Column: "Statusdato", Message: "Mangler kolonnen Statusdato.",
			Place: "familier.xlsx, ark Familier, rad 1 (overskriftsraden)", Line: "feil: familier.xlsx, ark Familier, rad 1 (overskriftsraden): Mangler kolonnen Statusdato.", Count: 1},
		{Severity: "advarsel", File: "boliger.xlsx", Sheet: "Kjøp", Cell: "D7", Column: "Kjøpesum", Message: "Prisen per m² er høy.",
			Place: "boliger.xlsx, ark Kjøp, celle D7 (Kjøpesum)", Line: "advarsel: boliger.xlsx, ark Kjøp, celle D7 (Kjøpesum): Prisen per m² er høy.", Count: 1},
		{Severity: "feil", File: "familier.xlsx", Sheet: "Familier", Cell: "C4–C9", Column: "Innmeldt",
			Message: "Datoen er ugyldig. Det samme gjelder 2 celler til i kolonnen; verdiene er «x» og «y».",
			Place:   "familier.xlsx, ark Familier, C4–C9 (3 celler, Innmeldt)",
			Line:    "feil: familier.xlsx, ark Familier, C4–C9 (3 celler, Innmeldt): Datoen er ugyldig. Det samme gjelder 2 celler til i kolonnen; verdiene er «x» og «y».",
			Count:   3, Cells: dates},
		{Severity: "feil", File: "familier.xlsx", Sheet: hiddenIdentity, Cell: "B2", Message: hiddenIdentity, Place: hiddenIdentity, Line: hiddenIdentity, Count: 1},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("svar\n%+v\nvil ha\n%+v", got, want)
	}
	if strings.Contains(w.Body.String(), "01010101006") {
		t.Error("svaret gjentar sifre fra et fødselsnummer")
	}
	wantCalls := []call{{Kind: "valider", Folder: "Barn bor bra", Files: []string{"boliger.XLSX", "familier.xlsx", "ressurser.xlsm"}}}
	if !reflect.DeepEqual(f.calls, wantCalls) {
		t.Errorf("rørledningen fikk %+v, vil ha %+v", f.calls, wantCalls)
	}
	assertEmpty(t, srv.TempDir())

	// A folder that cannot be read as workbooks at all.
	f.err = errors.New("Mappen «/tmp/x» har ingen Excel-arbeidsbøker (.xlsx).")
	w = serve(srv, pageRequest(t, srv, "POST", "/api/valider", workbooks))
	if w.Code != http.StatusUnprocessableEntity || strings.Contains(w.Body.String(), "/tmp") {
		t.Errorf("status %d: %s", w.Code, w.Body.String())
	}
}

// TestMark: the marked copies come back as one zip, each file as the
// pipeline wrote it, and nothing stays in the private folder.
func TestMark(t *testing.T) {
	f := &fakePipeline{}
	srv := newTestServer(t, f, Options{})
	parts := []part{{"filer", `C:\Barn bor bra\familier.xlsx`, "A"}, {"filer", "boliger.xlsx", "B"}, {"filer", "makro.xlsm", "C"}, {"mappe", "", "Barn bor bra"}}
	w := serve(srv, pageRequest(t, srv, "POST", "/api/merk", parts))
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("status %d %v: %s", w.Code, w.Header(), w.Body.String())
	}
	if got, want := w.Header().Get("Content-Disposition"), `attachment; filename="merkede-arbeidsboker.zip"; filename*=UTF-8''merkede-arbeidsb%C3%B8ker.zip`; got != want {
		t.Errorf("Content-Disposition %q, vil ha %q", got, want)
	}
	want := map[string]string{"boliger.xlsx": "MERKET B", "familier.xlsx": "MERKET A"}
	if got := unzipAll(t, w.Body.Bytes()); !reflect.DeepEqual(got, want) {
		t.Errorf("zip-filen har %v, vil ha %v", got, want)
	}
	wantCalls := []call{{Kind: "merk", Folder: "Barn bor bra", Files: []string{"boliger.xlsx", "familier.xlsx", "makro.xlsm"}}}
	if !reflect.DeepEqual(f.calls, wantCalls) {
		t.Errorf("rørledningen fikk %+v, vil ha %+v", f.calls, wantCalls)
	}
	assertEmpty(t, srv.TempDir())

	for _, tt := range []struct {
		name   string
		err    error
		parts  []part
		status int
		want   string
	}{
		{"bare .xlsm", nil, []part{{"filer", "makro.xlsm", "C"}}, 422, "Ingen av filene er en .xlsx-arbeidsbok; bare .xlsx-filer kan merkes."},
		{"ingenting kan leses", &InputError{Message: "Ingen av filene kunne leses som Excel-arbeidsbok (.xlsx)."}, workbooks, 422, "Ingen av filene kunne leses som Excel-arbeidsbok (.xlsx)."},
		{"disken er full", errors.New("write /tmp/bobra-app-1/foresporsel-2/merket/a.xlsx: no space left on device"), workbooks, 500,
			"De merkede kopiene kunne ikke lages på denne maskinen; prøv igjen."},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f.err = tt.err
			w := serve(srv, pageRequest(t, srv, "POST", "/api/merk", tt.parts))
			if w.Code != tt.status || melding(t, w) != tt.want {
				t.Errorf("status %d: %s", w.Code, w.Body.String())
			}
			assertEmpty(t, srv.TempDir())
		})
	}
}

func TestReport(t *testing.T) {
	outputs := map[string]string{"rapport.html": "<p>rapport</p>", "resultater.json": "{}", "manifest.json": "{\"m\":1}"}
	f := &fakePipeline{outputs: outputs, problems: data.Problems{{Severity: data.Warning, Message: "Advarsel."}}}
	srv := newTestServer(t, f, Options{})
	parts := append(slices.Clone(workbooks),
		part{"per", "", "2024-09-30"}, part{"offentlig", "", "ja"},
		part{"forrige", `D:\Evaluering 2023\resultater.json`, `{"fjor":true}`}, part{"mappe", "", "data 2024"})
	w := serve(srv, pageRequest(t, srv, "POST", "/api/rapport", parts))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/zip" {
		t.Errorf("Content-Type %q", ct)
	}
	if got := w.Header().Get("X-Bobra-Advarsler"); got != "1" {
		t.Errorf("X-Bobra-Advarsler %q", got)
	}
	if got := unzipAll(t, w.Body.Bytes()); !reflect.DeepEqual(got, outputs) {
		t.Errorf("zip-filen har %v, vil ha %v", got, outputs)
	}
	wantCalls := []call{{Kind: "rapport", Folder: "data 2024", Files: []string{"boliger.xlsx", "familier.xlsx"},
		AsOf: data.NewDate(2024, 9, 30), Public: true, Previous: "resultater.json", PrevBody: `{"fjor":true}`}}
	if !reflect.DeepEqual(f.calls, wantCalls) {
		t.Errorf("rørledningen fikk\n%+v\nvil ha\n%+v", f.calls, wantCalls)
	}
	assertEmpty(t, srv.TempDir())

	// The same request twice gives the same zip.
	w2 := serve(srv, pageRequest(t, srv, "POST", "/api/rapport", parts))
	if !bytes.Equal(w.Body.Bytes(), w2.Body.Bytes()) {
		t.Error("to like forespørsler ga ulike zip-filer")
	}

	// Without a folder name, the default; without per, a zero date.
	f.calls = nil
	serve(srv, pageRequest(t, srv, "POST", "/api/rapport", workbooks))
	if len(f.calls) != 1 || f.calls[0].Folder != DefaultFolder || !f.calls[0].AsOf.IsZero() || f.calls[0].Public {
		t.Errorf("uten felt: %+v", f.calls)
	}
}

func TestReportFailures(t *testing.T) {
	tests := []struct {
		name   string
		f      *fakePipeline
		status int
		want   string
	}{
		{"feil i dataene", &fakePipeline{problems: data.Problems{{Severity: data.Error, File: "familier.xlsx", Sheet: "Familier", Cell: "A2", Message: "Mangler."}}},
			422, `{"errors":1,"warnings":0,"notes":0,"problems":[{"severity":"feil","file":"familier.xlsx","sheet":"Familier","cell":"A2","column":"","message":"Mangler.","place":"familier.xlsx, ark Familier, celle A2","line":"feil: familier.xlsx, ark Familier, celle A2: Mangler.","count":1}]}`},
		{"forrige kan ikke brukes", &fakePipeline{err: &InputError{Message: "kan ikke lese forrige evaluering «resultater.json»."}},
			422, `{"melding":"kan ikke lese forrige evaluering «resultater.json»."}`},
		{"feil under skriving", &fakePipeline{err: errors.New("disken er full.")}, 500, `{"melding":"disken er full."}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, tt.f, Options{})
			w := serve(srv, pageRequest(t, srv, "POST", "/api/rapport", workbooks))
			if w.Code != tt.status || w.Body.String() != tt.want {
				t.Errorf("status %d %s, vil ha %d %s", w.Code, w.Body.String(), tt.status, tt.want)
			}
			assertEmpty(t, srv.TempDir())
		})
	}
}

// A fault in bobra itself while a request is handled gets the page one
// Norwegian sentence, and the upload is removed.
func TestHandlerPanic(t *testing.T) {
	pipe := (&fakePipeline{}).pipeline()
	pipe.Report = func(ctx context.Context, req ReportRequest) (data.Problems, bool, error) { panic("feil i programmet") }
	srv, err := New(pipe, Options{TempDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	w := serve(srv, pageRequest(t, srv, "POST", "/api/rapport", workbooks))
	if want := `{"melding":"` + internalError + `"}`; w.Code != 500 || w.Body.String() != want {
		t.Errorf("status %d %s, vil ha 500 %s", w.Code, w.Body.String(), want)
	}
	assertEmpty(t, srv.TempDir())
}

// TestReportMessageWithoutFolder: a message about an uploaded file names
// the file, not the server's private folder.
func TestReportMessageWithoutFolder(t *testing.T) {
	f := &fakePipeline{}
	srv := newTestServer(t, f, Options{})
	f.err = &InputError{}
	p := f.pipeline()
	report := p.Report
	p.Report = func(ctx context.Context, req ReportRequest) (data.Problems, bool, error) {
		report(ctx, req)
		return nil, false, &InputError{Message: "fant ikke forrige evaluering «" + req.Previous + "» eller «" + filepath.Join(req.DataDir, "a.xlsx") + "»."}
	}
	srv.pipe = p
	parts := append(slices.Clone(workbooks), part{"forrige", "resultater.json", "{}"})
	w := serve(srv, pageRequest(t, srv, "POST", "/api/rapport", parts))
	if got, want := melding(t, w), "fant ikke forrige evaluering «resultater.json» eller «a.xlsx»."; got != want {
		t.Errorf("melding %q, vil ha %q", got, want)
	}
}

func unzipAll(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		if zf.Method != zip.Store {
			t.Errorf("%s er komprimert; siden leser bare lagrede filer", zf.Name)
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		out[zf.Name] = string(body)
	}
	return out
}

func TestDownloads(t *testing.T) {
	srv := newTestServer(t, &fakePipeline{}, Options{})
	w := serve(srv, pageRequest(t, srv, "GET", "/api/mal", nil))
	if w.Code != 200 || w.Body.String() != "MAL" ||
		w.Header().Get("Content-Disposition") != `attachment; filename="barn-bor-bra-mal.xlsx"` {
		t.Errorf("mal: %d %q %v", w.Code, w.Body.String(), w.Header())
	}
	w = serve(srv, pageRequest(t, srv, "GET", "/api/eksempel", nil))
	want := map[string]string{"familier.xlsx": "EKSEMPEL familier.xlsx", "boliger.xlsx": "EKSEMPEL boliger.xlsx"}
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/zip" {
		t.Fatalf("eksempel: %d %v", w.Code, w.Header())
	}
	if got := unzipAll(t, w.Body.Bytes()); !reflect.DeepEqual(got, want) {
		t.Errorf("eksempel: %v", got)
	}
}

// TestPage: the page is served with a policy that lets exactly its own
// script (and the framed report's) run, and it names no web address.
func TestPage(t *testing.T) {
	srv := newTestServer(t, &fakePipeline{}, Options{FrameScripts: []string{"'sha256-rapport'"}})
	r := pageRequest(t, srv, "GET", "/", nil)
	r.Header.Del("X-Bobra-Token")
	r.URL.RawQuery = "token=" + srv.Token()
	w := serve(srv, r)
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("%d %v", w.Code, w.Header())
	}
	page := w.Body.String()
	csp := w.Header().Get("Content-Security-Policy")
	scripts := regexp.MustCompile(`(?s)<script>(.*?)</script>`).FindAllStringSubmatch(page, -1)
	if len(scripts) != 1 {
		t.Fatalf("siden har %d skript, vil ha 1", len(scripts))
	}
	wantCSP := "default-src 'none'; script-src " + HashSource(scripts[0][1]) + " 'sha256-rapport'; style-src 'unsafe-inline'; img-src data: blob:; font-src 'none'; connect-src 'self'; media-src 'none'; object-src 'none'; frame-src blob:; child-src blob:; worker-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
	if csp != wantCSP {
		t.Errorf("CSP\n%s\nvil ha\n%s", csp, wantCSP)
	}
	if strings.Contains(page, "http://") || strings.Contains(page, "https://") || strings.Contains(page, "<script src") {
		t.Error("siden henter noe utenfra")
	}
	for _, h := range []string{"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Cache-Control"} {
		if w.Header().Get(h) == "" {
			t.Errorf("mangler %s", h)
		}
	}
}

// TestServe runs the real server: loopback only, requests at once, one
// report at a time, "Avslutt", and the private folder gone afterwards.
func TestServe(t *testing.T) {
	f := &fakePipeline{outputs: map[string]string{"resultater.json": "{}"}, release: make(chan struct{}), started: make(chan struct{}, 4)}
	srv := newTestServer(t, f, Options{ReportWait: 200 * time.Millisecond})
	if !strings.HasPrefix(srv.Addr(), "127.0.0.1:") || !strings.HasPrefix(srv.URL(), "http://127.0.0.1:") ||
		!regexp.MustCompile(`\?token=[0-9a-f]{32}$`).MatchString(srv.URL()) {
		t.Fatalf("adresse %s", srv.URL())
	}
	temp := srv.TempDir()
	if st, err := os.Stat(temp); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("den midlertidige mappen: %v %v", st, err)
	}
	done := make(chan error)
	go func() { done <- srv.Serve(context.Background()) }()

	send := func(path string, parts []part) (*http.Response, error) {
		body, ctype := multipartBody(t, parts)
		r, _ := http.NewRequest("POST", "http://"+srv.Addr()+path, body)
		r.Header.Set("Content-Type", ctype)
		r.Header.Set("X-Bobra-Token", srv.Token())
		return http.DefaultClient.Do(r)
	}
	type answer struct {
		status int
		body   string
	}
	first := make(chan answer)
	go func() {
		resp, err := send("/api/rapport", workbooks)
		if err != nil {
			first <- answer{0, err.Error()}
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		first <- answer{resp.StatusCode, string(b)}
	}()
	<-f.started
	// While the first report runs, checks are answered...
	resp, err := send("/api/valider", workbooks)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("kontroll under en rapport: %v %v", resp, err)
	}
	resp.Body.Close()
	// ...and a second report waits, then is refused politely.
	resp, err = send("/api/rapport", workbooks)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(b), "En annen rapport lages akkurat nå") {
		t.Errorf("andre rapport: %d %s", resp.StatusCode, b)
	}
	// A third waits its turn and is made once the first is done.
	third := make(chan int)
	srv.opt.ReportWait = time.Minute
	go func() {
		resp, err := send("/api/rapport", workbooks)
		if err != nil {
			third <- 0
			return
		}
		resp.Body.Close()
		third <- resp.StatusCode
	}()
	time.Sleep(100 * time.Millisecond)
	f.release <- struct{}{}
	if a := <-first; a.status != 200 {
		t.Errorf("første rapport: %d %s", a.status, a.body)
	}
	<-f.started
	f.release <- struct{}{}
	if got := <-third; got != 200 {
		t.Errorf("tredje rapport: %d", got)
	}

	resp, err = send("/api/avslutt", nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("avslutt: %v %v", resp, err)
	}
	resp.Body.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serveren stoppet ikke etter «Avslutt»")
	}
	if _, err := os.Stat(temp); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("den midlertidige mappen finnes etter stopp: %v", err)
	}
	if _, err := http.Get("http://" + srv.Addr() + "/"); err == nil {
		t.Error("serveren svarer etter stopp")
	}
}

// TestServeStopsOnContext is Ctrl-C: the context ends, the folder goes,
// also with files of a request still in it.
func TestServeStopsOnContext(t *testing.T) {
	srv := newTestServer(t, &fakePipeline{}, Options{})
	if err := os.WriteFile(filepath.Join(srv.TempDir(), "igjen.xlsx"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- srv.Serve(ctx) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(srv.TempDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("den midlertidige mappen finnes etter stopp: %v", err)
	}
}

func TestPortInUse(t *testing.T) {
	srv := newTestServer(t, &fakePipeline{}, Options{})
	port := srv.listener.Addr().(interface{ String() string }).String()
	_, err := New((&fakePipeline{}).pipeline(), Options{Port: atoi(t, port[strings.LastIndex(port, ":")+1:]), TempDir: t.TempDir()})
	if err == nil || !strings.Contains(err.Error(), "kan ikke bruke port") {
		t.Errorf("feil %v", err)
	}
}

func atoi(t *testing.T, s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestDefaultCap(t *testing.T) {
	srv := newTestServer(t, &fakePipeline{}, Options{})
	if got := srv.readRefusal(&http.MaxBytesError{Limit: DefaultMaxUpload}); got.status != 413 || !strings.Contains(got.message, "større enn 200 MB") {
		t.Errorf("%d %q", got.status, got.message)
	}
}

func TestUploadName(t *testing.T) {
	tests := []struct {
		raw, want string
		previous  bool
		refused   bool
	}{
		{`C:\Users\Kari Ås\OneDrive - Bærum kommune\Barn bor bra\Familier 2024.xlsx`, "Familier 2024.xlsx", false, false},
		{`\\server\felles\Ærlig øl å.xlsm`, "Ærlig øl å.xlsm", false, false},
		{"mappe/undermappe/boliger.xlsx", "boliger.xlsx", false, false},
		{"  familier.XLSX ", "familier.XLSX", false, false},
		{"~$familier.xlsx", "", false, false},
		{".~lock.familier.xlsx#", "", false, false},
		{"resultater.json", "resultater.json", true, false},
		{`D:\2023\resultater.JSON`, "resultater.JSON", true, false},
		{"resultater.json", "", false, true},
		{"familier.xlsx", "", true, true},
		{"familier.ods", "", false, true},
		{"..", "", false, true},
		{"a:b.xlsx", "", false, true},
		{"fnr " + fnr + ".xlsx", "", false, true},
	}
	for _, tt := range tests {
		got, ref := uploadName(tt.raw, tt.previous)
		if got != tt.want || (ref != nil) != tt.refused {
			t.Errorf("uploadName(%q, %v) = %q, %v; vil ha %q, avvist %v", tt.raw, tt.previous, got, ref, tt.want, tt.refused)
		}
	}
}

func TestFolderName(t *testing.T) {
	tests := []struct {
		raw, want string
		ok        bool
	}{
		{"Barn bor bra", "Barn bor bra", true},
		{`C:\Users\Kari\OneDrive - Bærum kommune\Data 2024`, "Data 2024", true},
		{"", "", false},
		{"..", "", false},
		{".skjult", "", false},
		{"a|b", "", false},
		{fnr, "", false},
	}
	for _, tt := range tests {
		got, ok := folderName(tt.raw)
		if got != tt.want || ok != tt.ok {
			t.Errorf("folderName(%q) = %q, %v; vil ha %q, %v", tt.raw, got, ok, tt.want, tt.ok)
		}
	}
}
