// Package webapp is the local web page of `bobra app`: a server on the
// loopback interface that lets a person who never uses a terminal check
// their workbooks and make the reports in the browser they already have.
//
// The server knows nothing of how workbooks are read or reports made: the
// command passes those in as Pipeline, so the handlers can be tested
// without the real pipeline and the page always gives what the command
// line gives.
package webapp

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"bobra/data"
)

// Pipeline is what the page can ask for; every function is the one the
// matching command uses.
type Pipeline struct {
	// Validate reads and checks every workbook in dir, as `bobra valider
	// --data dir` does, and returns every problem it finds (the page
	// groups and orders them as valider prints them), and Evalueringsdato from Forutsetninger (zero when it
	// is not there), which the page offers as the report's date. The error
	// is one Norwegian sentence about the folder as a whole (no workbooks
	// in it).
	Validate func(ctx context.Context, dir string) (data.Problems, data.Date, error)
	// Report runs `bobra rapport` on the request. Problems are every
	// problem found; Written says whether the outputs were written to
	// req.OutDir (false when the data has errors). The error is a fault
	// (one Norwegian sentence) rather than bad data.
	Report func(ctx context.Context, req ReportRequest) (problems data.Problems, written bool, err error)
	// Mark writes the marked copies of dataDir's workbooks into outDir,
	// as `bobra valider --data dataDir --merk outDir` does. An
	// *InputError is about what was sent (no workbook could be read).
	Mark func(ctx context.Context, dataDir, outDir string) error
	// ParseDate reads the evaluation date as `bobra rapport --per` does.
	ParseDate func(string) (data.Date, bool)
	// Template writes the empty input workbook (`bobra mal`).
	Template func(w io.Writer) error
	// Samples writes the sample workbooks (`bobra eksempel`), each with
	// its file name.
	Samples func(add func(name string, write func(io.Writer) error) error) error
}

// ReportRequest is one "Lag rapport": the uploads saved in DataDir, the
// outputs to go to OutDir.
type ReportRequest struct {
	DataDir, OutDir string
	// AsOf is the evaluation date; zero means the one in Forutsetninger.
	AsOf data.Date
	// Public is `--offentlig`.
	Public bool
	// Previous is the path of last year's resultater.json, or "".
	Previous string
}

// Options configure a Server.
type Options struct {
	// Port to listen on; 0 picks a free one.
	Port int
	// MaxUpload caps the size of one request's uploads in bytes; 0 means
	// DefaultMaxUpload.
	MaxUpload int64
	// TempDir is where the server's private folder is made; "" means the
	// system's temporary folder.
	TempDir string
	// FrameScripts are CSP source expressions (hashes) of the inline
	// scripts of rapport.html: a report shown in the page's frame is a
	// document the page created, so it runs under the page's policy too.
	FrameScripts []string
	// ReportWait is how long a second report waits for the one running
	// before it is refused; 0 means two minutes.
	ReportWait time.Duration
}

// DefaultMaxUpload is the cap on one request's uploads: far above any real
// programme's workbooks, far below what would fill a PC's disk or memory.
const DefaultMaxUpload = 200 << 20

// Server is a running `bobra app`.
type Server struct {
	pipe     Pipeline
	opt      Options
	token    string
	listener net.Listener
	port     string
	temp     string // private folder (0700) holding each request's files
	page     []byte
	csp      string
	reports  chan struct{} // one report at a time
	http     *http.Server
	stopOnce sync.Once
	stopped  chan struct{} // closed by Stop or "Avslutt"
	cleaned  sync.Once
	cleanErr error // why the private folder could not be removed
}

// New listens on 127.0.0.1 and makes the private temporary folder. Serve
// must follow, and Close after it.
func New(pipe Pipeline, opt Options) (*Server, error) {
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.ReportWait <= 0 {
		opt.ReportWait = 2 * time.Minute
	}
	token, err := newToken()
	if err != nil {
		return nil, errors.New("kan ikke lage en tilgangsnøkkel (maskinen ga ingen tilfeldige tall)")
	}
	page, csp, err := buildPage(opt.FrameScripts)
	if err != nil {
		return nil, err
	}
	// Loopback only, whatever the port: a literal address, never a name a
	// resolver could answer with another interface.
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(opt.Port)))
	if err != nil {
		if opt.Port != 0 {
			return nil, fmt.Errorf("kan ikke bruke port %d (den kan være i bruk av et annet program); velg en annen med --port, eller utelat flagget", opt.Port)
		}
		return nil, errors.New("kan ikke starte den lokale nettsiden: fant ingen ledig port på 127.0.0.1")
	}
	temp, err := os.MkdirTemp(opt.TempDir, "bobra-app-")
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("kan ikke lage en midlertidig mappe i %s", tempParent(opt.TempDir))
	}
	// MkdirTemp makes it 0700 already; say so where the rule is kept.
	if err := os.Chmod(temp, 0o700); err != nil {
		ln.Close()
		removeTree(temp)
		return nil, fmt.Errorf("kan ikke gjøre den midlertidige mappen i %s privat", tempParent(opt.TempDir))
	}
	s := &Server{
		pipe: pipe, opt: opt, token: token, listener: ln,
		port: strconv.Itoa(ln.Addr().(*net.TCPAddr).Port),
		temp: temp, page: page, csp: csp,
		reports: make(chan struct{}, 1),
		stopped: make(chan struct{}),
	}
	s.http = &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          discardLog(),
	}
	return s, nil
}

// tempParent is the folder the private folder is made in, for messages.
func tempParent(dir string) string {
	if dir == "" {
		return os.TempDir()
	}
	return dir
}

func newToken() (string, error) {
	b := make([]byte, 16) // 128 bits
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// URL is the address to open: the page with the one-time token.
func (s *Server) URL() string {
	return "http://127.0.0.1:" + s.port + "/?token=" + s.token
}

// Token is the one-time token every request needs.
func (s *Server) Token() string { return s.token }

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return "127.0.0.1:" + s.port }

// TempDir is the server's private folder, removed by Close.
func (s *Server) TempDir() string { return s.temp }

// Stop asks Serve to return.
func (s *Server) Stop() { s.stopOnce.Do(func() { close(s.stopped) }) }

// Serve answers requests until ctx ends or Stop is called, then lets
// running requests finish (up to a short grace) and removes the temporary
// folder. It returns nil on an orderly stop.
func (s *Server) Serve(ctx context.Context) error {
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.listener) }()
	var err error
	select {
	case <-ctx.Done():
	case <-s.stopped:
	case err = <-errc:
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if e := s.http.Shutdown(shutdown); e != nil {
		s.http.Close()
	}
	s.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Close removes the temporary folder; it is safe to call more than once,
// and Serve calls it on the way out.
func (s *Server) Close() error {
	s.cleaned.Do(func() {
		s.listener.Close()
		s.cleanErr = removeTree(s.temp)
	})
	return s.cleanErr
}

// Handler is the whole server: every request passes the Host and token
// checks before it reaches the page or an endpoint.
func (s *Server) Handler() http.Handler {
	return s.guard(http.HandlerFunc(s.route))
}

// routes are the page and the API, by path and method.
func (s *Server) routes() map[string]route {
	return map[string]route{
		"/":             {http.MethodGet, s.handlePage},
		"/api/valider":  {http.MethodPost, s.withUpload(s.handleValidate)},
		"/api/merk":     {http.MethodPost, s.withUpload(s.handleMark)},
		"/api/rapport":  {http.MethodPost, s.withUpload(s.handleReport)},
		"/api/mal":      {http.MethodGet, s.handleTemplate},
		"/api/eksempel": {http.MethodGet, s.handleSample},
		"/api/avslutt":  {http.MethodPost, s.handleQuit},
	}
}

type route struct {
	method string
	handle http.HandlerFunc
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	rt, ok := s.routes()[r.URL.Path]
	switch {
	case !ok:
		refuse(w, http.StatusNotFound, "Siden finnes ikke.")
	case r.Method != rt.method:
		w.Header().Set("Allow", rt.method)
		refuse(w, http.StatusMethodNotAllowed, "Denne adressen brukes med "+rt.method+", ikke "+r.Method+".")
	default:
		defer func() {
			// net/http would recover it too, but only by dropping the
			// connection: the page would say nothing useful. The upload's
			// folder is removed by withUpload's own defer on the way here.
			if p := recover(); p != nil {
				refuse(w, http.StatusInternalServerError, internalError)
			}
		}()
		rt.handle(w, r)
	}
}

// internalError is what the page shows for a fault in bobra itself.
const internalError = "Intern feil i bobra (en feil i programmet, ikke i dataene). Send det du gjorde og utskriften av «bobra versjon» til dem som vedlikeholder bobra."

// guard refuses, in order: a Host that is not this server by its loopback
// name (a DNS-rebinding page would send its own name), a missing or wrong
// token, and a POST from another page (CSRF).
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setCommonHeaders(w.Header())
		if !s.ownHost(r.Host) {
			refuse(w, http.StatusMisdirectedRequest, "Forespørselen var ikke til bobra på denne maskinen (ukjent vertsnavn), og ble avvist.")
			return
		}
		token := r.Header.Get("X-Bobra-Token")
		if token == "" {
			token = r.URL.Query().Get("token")
		}
		if token == "" {
			refuse(w, http.StatusUnauthorized, "Tilgangsnøkkelen mangler. Bruk adressen bobra skrev ut da den startet (med ?token=…).")
			return
		}
		if subtle.ConstantTimeCompare([]byte(token), []byte(s.token)) != 1 {
			refuse(w, http.StatusForbidden, "Tilgangsnøkkelen er feil. Bruk adressen bobra skrev ut da den startet; en ny start gir en ny nøkkel.")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.ownOrigin(r) {
			refuse(w, http.StatusForbidden, "Forespørselen kom fra en annen nettside enn bobras egen, og ble avvist.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) ownHost(host string) bool {
	return host == "127.0.0.1:"+s.port || strings.EqualFold(host, "localhost:"+s.port)
}

// ownOrigin accepts a POST from the page itself, or from a script that
// sends no Origin at all (curl, a scheduled job: the token is its proof).
// A browser always sends Origin on a POST, and Sec-Fetch-Site where it
// knows it.
func (s *Server) ownOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	return origin == "http://127.0.0.1:"+s.port || strings.EqualFold(origin, "http://localhost:"+s.port)
}

func setCommonHeaders(h http.Header) {
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

func (s *Server) handlePage(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", s.csp)
	w.Write(s.page)
}

func (s *Server) handleQuit(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, message{Message: "bobra er avsluttet. Du kan lukke denne fanen."})
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	s.Stop()
}

func (s *Server) handleTemplate(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := s.pipe.Template(&buf); err != nil {
		refuse(w, http.StatusInternalServerError, "Malen kunne ikke lages.")
		return
	}
	download(w, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "barn-bor-bra-mal.xlsx", buf.Bytes())
}

func (s *Server) handleSample(w http.ResponseWriter, r *http.Request) {
	var z zipBuilder
	err := s.pipe.Samples(z.add)
	body, zerr := z.finish()
	if err != nil || zerr != nil {
		refuse(w, http.StatusInternalServerError, "Eksempeldataene kunne ikke lages.")
		return
	}
	download(w, "application/zip", "bobra-eksempel.zip", body)
}

func download(w http.ResponseWriter, contentType, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", attachment(name))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// asciiLetters spell æøå for the plain file name old clients read.
var asciiLetters = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a", "Æ", "Ae", "Ø", "O", "Å", "A")

// attachment is the Content-Disposition of a download: a name with æøå
// goes as filename* (RFC 6266), which browsers prefer, after a plain one.
func attachment(name string) string {
	plain := asciiLetters.Replace(name)
	d := `attachment; filename="` + plain + `"`
	if plain != name {
		d += "; filename*=UTF-8''" + url.PathEscape(name)
	}
	return d
}
