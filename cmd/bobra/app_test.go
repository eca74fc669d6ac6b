package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"bobra/internal/webapp"

	"github.com/xuri/excelize/v2"
)

// syncBuffer is a bytes.Buffer the server goroutine writes while the test
// may read.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startApp runs `bobra <args>` (app or no command) with the browser
// replaced by a channel, and returns the page's address once it is up,
// and a function that ends it with "Avslutt" and returns the exit code and
// output.
func startApp(t *testing.T, args []string) (*url.URL, func() (int, string, string)) {
	t.Helper()
	opened := make(chan string, 1)
	saved := openBrowser
	openBrowser = func(u string) error { opened <- u; return nil }
	t.Cleanup(func() { openBrowser = saved })
	var stdout, stderr syncBuffer
	code := make(chan int, 1)
	go func() { code <- run(args, &stdout, &stderr) }()
	var raw string
	select {
	case raw = <-opened:
	case c := <-code:
		t.Fatalf("bobra %v stoppet med kode %d: %s %s", args, c, stdout.String(), stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("nettsiden startet ikke")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	stop := func() (int, string, string) {
		resp, err := appPost(u, "/api/avslutt", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		select {
		case c := <-code:
			return c, stdout.String(), stderr.String()
		case <-time.After(30 * time.Second):
			t.Fatal("bobra app stoppet ikke etter «Avslutt»")
			return 0, "", ""
		}
	}
	return u, stop
}

// appPost sends a form to the page's server as a script would.
func appPost(page *url.URL, path string, fill func(mw *multipart.Writer)) (*http.Response, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if fill != nil {
		fill(mw)
	}
	mw.Close()
	r, err := http.NewRequest("POST", "http://"+page.Host+path, &body)
	if err != nil {
		return nil, err
	}
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r.Header.Set("X-Bobra-Token", page.Query().Get("token"))
	return http.DefaultClient.Do(r)
}

func addFolder(t *testing.T, mw *multipart.Writer, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		w, err := mw.CreateFormFile("filer", e.Name())
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	mw.WriteField("mappe", filepath.Base(dir))
}

// TestAppReportIsRapport runs the real pipeline behind the page: the zip
// holds the same bytes as `bobra rapport` writes for the same files in a
// folder of the same name, manifest.json aside (it records the run's time
// and command).
func TestAppReportIsRapport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Barn bor bra 2024")
	if code := run([]string{"eksempel", "--ut", dir}, io.Discard, io.Discard); code != exitOK {
		t.Fatal("eksempel", code)
	}
	prevDir := t.TempDir()
	if code := run([]string{"rapport", "--data", dir, "--ut", prevDir, "--per", "2023-09-30", "--format", "json"}, io.Discard, io.Discard); code != exitOK {
		t.Fatal("rapport i fjor", code)
	}
	out := t.TempDir()
	args := []string{"rapport", "--data", dir, "--ut", out, "--per", "2024-09-30", "--offentlig", "--forrige", filepath.Join(prevDir, "resultater.json")}
	var stderr bytes.Buffer
	if code := run(args, io.Discard, &stderr); code != exitOK {
		t.Fatalf("rapport: %d %s", code, stderr.String())
	}

	temp := t.TempDir()
	var stdout syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	opened := make(chan string, 1)
	saved := openBrowser
	openBrowser = func(u string) error { opened <- u; return nil }
	defer func() { openBrowser = saved }()
	done := make(chan int)
	go func() { done <- serveApp(ctx, webapp.Options{TempDir: temp}, true, &stdout, io.Discard) }()
	page, err := url.Parse(<-opened)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := appPost(page, "/api/rapport", func(mw *multipart.Writer) {
		addFolder(t, mw, dir)
		mw.WriteField("per", "2024-09-30")
		mw.WriteField("offentlig", "ja")
		w, _ := mw.CreateFormFile("forrige", "resultater.json")
		b, _ := os.ReadFile(filepath.Join(prevDir, "resultater.json"))
		w.Write(b)
	})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	names := compareZip(t, body, out, "bobra rapport", "manifest.json")
	entries, _ := os.ReadDir(out)
	if len(names) != len(entries) || len(entries) < 6 {
		t.Errorf("zip-filen har %d filer, bobra rapport skrev %d", len(names), len(entries))
	}
	cancel() // as Ctrl-C
	if code := <-done; code != exitOK {
		t.Errorf("kode %d", code)
	}
	if entries, _ := os.ReadDir(temp); len(entries) != 0 {
		t.Errorf("midlertidige filer er igjen etter stopp: %v", entries)
	}
}

// groupedBook is plantedBook with the same mistake in four more rows of
// one column, which valider prints as one line.
func groupedBook(t *testing.T, dir string) {
	t.Helper()
	plantedBook(t, dir)
	path := filepath.Join(dir, "data.xlsx")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i, id := range []string{"F005", "F006", "F007", "F008"} {
		row := []any{id, 3, "01.05.2019", "to foreldre"}
		if err := f.SetSheetRow("Familier", fmt.Sprintf("A%d", 6+i), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// validerLines runs `bobra valider --data dir` and returns its problem
// lines and its closing line.
func validerLines(t *testing.T, dir string) (lines []string, result string) {
	t.Helper()
	var printed bytes.Buffer
	run([]string{"valider", "--data", dir}, &printed, io.Discard)
	for _, line := range strings.Split(printed.String(), "\n") {
		switch {
		case strings.HasPrefix(line, "feil: ") || strings.HasPrefix(line, "advarsel: ") || strings.HasPrefix(line, "merknad: "):
			lines = append(lines, line)
		case strings.HasPrefix(line, "Resultat: "):
			result = line
		}
	}
	return lines, result
}

// validerErrors returns the errors `bobra valider` prints for dir,
// without their «feil: » prefix, as the page lists them.
func validerErrors(t *testing.T, dir string) []string {
	t.Helper()
	lines, _ := validerLines(t, dir)
	var errs []string
	for _, line := range lines {
		if rest, ok := strings.CutPrefix(line, "feil: "); ok {
			errs = append(errs, rest)
		}
	}
	return errs
}

// TestAppValidateIsValider: the page lists the lines `bobra valider`
// prints, grouped and in its order, counts as its closing line does, and
// never an identity number's digits.
func TestAppValidateIsValider(t *testing.T) {
	dir := t.TempDir()
	groupedBook(t, dir)
	want, result := validerLines(t, dir)
	page, stop := startApp(t, []string{"app", "--ingen-nettleser=false"})
	resp, err := appPost(page, "/api/valider", func(mw *multipart.Writer) { addFolder(t, mw, dir) })
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var res webapp.CheckResult
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	var got, shown []string
	grouped := 0
	for _, p := range res.Problems {
		got = append(got, p.Line)
		// What the page shows: the place, then the message.
		shown = append(shown, p.Severity+": "+p.Place+": "+p.Message)
		if p.Count > 1 {
			grouped++
			if len(p.Cells) != p.Count {
				t.Errorf("%s: %d celler, vil ha %d", p.Line, len(p.Cells), p.Count)
			}
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || strings.Join(shown, "\n") != strings.Join(want, "\n") {
		t.Errorf("siden viser\n%s\nbobra valider skriver\n%s", strings.Join(shown, "\n"), strings.Join(want, "\n"))
	}
	if grouped == 0 {
		t.Error("ingen linje samler flere celler; testen prøver ikke grupperingen")
	}
	counts := fmt.Sprintf("Resultat: %d feil, %d advarsler, %d merknad", res.Errors, res.Warnings, res.Notes)
	if !strings.HasPrefix(result, counts) {
		t.Errorf("svaret teller %q, bobra valider sier %q", counts, result)
	}
	if res.Errors == 0 || strings.Contains(string(body), "15038510190") {
		t.Errorf("svaret: %s", body)
	}
	if code, _, _ := stop(); code != exitOK {
		t.Errorf("kode %d", code)
	}
}

// TestAppMarkIsValiderMerk: the page's marked copies are the bytes
// `bobra valider --merk` writes for the same workbooks.
func TestAppMarkIsValiderMerk(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Barn bor bra")
	if code := run([]string{"eksempel", "--ut", dir}, io.Discard, io.Discard); code != exitOK {
		t.Fatal("eksempel", code)
	}
	groupedBook(t, dir)
	marked := t.TempDir()
	if code := run([]string{"valider", "--data", dir, "--merk", marked}, io.Discard, io.Discard); code != exitData {
		t.Fatal("valider --merk", code)
	}
	page, stop := startApp(t, []string{"app"})
	defer stop()
	resp, err := appPost(page, "/api/merk", func(mw *multipart.Writer) { addFolder(t, mw, dir) })
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	compareMarked(t, body, marked)
}

// compareMarked checks that a zip holds exactly the files of dir, byte
// for byte.
func compareMarked(t *testing.T, body []byte, dir string) {
	t.Helper()
	names := compareZip(t, body, dir, "bobra valider --merk")
	entries, _ := os.ReadDir(dir)
	if len(names) != len(entries) || len(entries) == 0 {
		t.Errorf("zip-filen har %d filer, bobra valider --merk skrev %d", len(names), len(entries))
	}
}

// compareZip checks that every file of a downloaded zip has the bytes of
// the file of that name in dir, which the command wrote (except the files
// named in skip, whose bytes differ on purpose), and returns the zip's
// file names.
func compareZip(t *testing.T, body []byte, dir, command string, skip ...string) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, zf := range zr.File {
		names = append(names, zf.Name)
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		want, err := os.ReadFile(filepath.Join(dir, zf.Name))
		if err != nil {
			t.Errorf("%s: %s skrev ikke filen", zf.Name, command)
		} else if !slices.Contains(skip, zf.Name) && !bytes.Equal(got, want) {
			t.Errorf("%s i zip-filen er ulik filen %s skrev", zf.Name, command)
		}
	}
	return names
}

// TestNoArgumentsStartsApp is a double-click: the page starts, the browser
// opens, and one line points to `bobra hjelp`.
func TestNoArgumentsStartsApp(t *testing.T) {
	page, stop := startApp(t, nil)
	if page.Hostname() != "127.0.0.1" || len(page.Query().Get("token")) != 32 {
		t.Errorf("adresse %s", page)
	}
	code, stdout, stderr := stop()
	want := "Starter nettsiden. «bobra hjelp» viser kommandoene for terminalen.\n" +
		"bobra kjører på " + page.String() + "\n" +
		"Siden er bare tilgjengelig fra denne maskinen. Avslutt med «Avslutt» på siden eller Ctrl+C.\n" +
		"bobra er avsluttet.\n"
	if code != exitOK || stdout != want || stderr != "" {
		t.Errorf("kode %d\nstdout %q\nvil ha %q\nstderr %q", code, stdout, want, stderr)
	}
}

func TestAppUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"app", "--help"}, exitOK, "Bruk: bobra app [--port N] [--ingen-nettleser]", ""},
		{[]string{"app", "--port", "x"}, exitUsage, "", "bobra app: ugyldig verdi «x» for flagget «--port»"},
		{[]string{"app", "--port", "70000"}, exitUsage, "", "bobra app: --port må være et tall fra 1 til 65535"},
		{[]string{"app", "mappe"}, exitUsage, "", "bobra app: uventet argument"},
		{[]string{"hjelp"}, exitOK, "  app        åpner bobra som en nettside", ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("bobra %v: kode %d\nstdout %q\nstderr %q", tt.args, code, stdout.String(), stderr.String())
		}
	}
}

// TestAppPortInUse: a port that is taken gives one sentence and code 2.
func TestAppPortInUse(t *testing.T) {
	page, stop := startApp(t, []string{"app"})
	defer stop()
	var stdout, stderr bytes.Buffer
	code := run([]string{"app", "--ingen-nettleser", "--port", page.Port()}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "kan ikke bruke port "+page.Port()) {
		t.Errorf("kode %d: %s", code, stderr.String())
	}
}

// TestAppCtrlC runs the real binary, makes a report through the page, and
// presses Ctrl-C (SIGINT): the program ends with code 0 and leaves nothing
// in the temporary folder, its own or its libraries'.
func TestAppCtrlC(t *testing.T) {
	if testing.Short() {
		t.Skip("bygger og kjører programmet")
	}
	if runtime.GOOS == "windows" {
		t.Skip("Windows kan ikke sende Ctrl+C til en annen prosess slik")
	}
	temp := t.TempDir()
	dir := filepath.Join(t.TempDir(), "data")
	if code := run([]string{"eksempel", "--ut", dir}, io.Discard, io.Discard); code != exitOK {
		t.Fatal("eksempel", code)
	}
	cmd := exec.Command(bobraBin(t), "app", "--ingen-nettleser")
	cmd.Env = append(os.Environ(), "TMPDIR="+temp)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("ingen adresse: %s", stderr.String())
	}
	first := lines.Text()
	raw, ok := strings.CutPrefix(first, "bobra kjører på ")
	if !ok {
		t.Fatalf("første linje %q", first)
	}
	page, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := appPost(page, "/api/rapport", func(mw *multipart.Writer) { addFolder(t, mw, dir) })
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("rapport: %d", resp.StatusCode)
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	var rest []string
	for lines.Scan() {
		rest = append(rest, lines.Text())
	}
	err = cmd.Wait()
	if err != nil || stderr.Len() > 0 {
		t.Errorf("avsluttet med %v: %s", err, stderr.String())
	}
	if got := strings.Join(rest, "\n"); !strings.HasSuffix(got, "bobra er avsluttet.") {
		t.Errorf("skrev til slutt %q", got)
	}
	if left, _ := os.ReadDir(temp); len(left) != 0 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Errorf("igjen i den midlertidige mappen etter Ctrl+C: %v", names)
	}
}
