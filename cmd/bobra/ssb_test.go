package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"bobra/data"
	"bobra/pipeline/results"
)

// The two real SSB answers, as SSB sent them.
var (
	rentJSON  = filepath.Join("..", "..", "data", "ssbdata", "09895-oslo-og-baerum-2012-2025.json")
	indexJSON = filepath.Join("..", "..", "data", "ssbdata", "07221-boligprisindeks-2022K1-2023K4.json")
)

// sheetRows reads a sheet of a written workbook as text rows.
func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestSSBImport(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ssb.xlsx")
	code, stdout, stderr := runCmd("ssb", "--fil", rentJSON, "--fil", indexJSON, "--region", "01", "--region", "Oslo med Bærum",
		"--boligtype", "03", "--ut", out)
	if code != exitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	wantOut := "Skrev " + out + ":\n" +
		"  SSB-leie: 70 rader for Oslo og Bærum kommune (SSB, tabell 09895, oppdatert 22.12.2025 (CC BY 4.0))\n" +
		"    merknad: Tabell 09895 har ingen boligtype; --boligtype gjelder ikke den.\n" +
		"  SSB-prisindeks: 2 rader for Oslo med Bærum (SSB, tabell 07221, oppdatert 12.01.2024 (CC BY 4.0))\n" +
		"Legg fila i datamappen i stedet for arkene SSB-leie og SSB-prisindeks du har skrevet inn selv, og kontroller med «bobra valider --data " + dir + "».\n"
	if stdout != wantOut {
		t.Errorf("stdout:\n%s\nwant\n%s", stdout, wantOut)
	}
	rent := sheetRows(t, out, data.SheetRent)
	if got, want := rent[0], []string{"År", "Rom", "Månedsleie", "Region", "Kilde", "Merknad"}; !reflect.DeepEqual(got, want) {
		t.Errorf("SSB-leie header = %q", got)
	}
	// 2016 is the fifth year; four rooms the fourth row of a year.
	if got := rent[1+4*5+3][:5]; !reflect.DeepEqual(got, []string{"2016", "4", "15150", "Oslo og Bærum kommune", "SSB, tabell 09895, oppdatert 22.12.2025 (CC BY 4.0)"}) {
		t.Errorf("SSB-leie 2016, 4 rom = %q", got)
	}
	if len(rent) != 71 || !strings.Contains(rent[1][5], "ikke direkte sammenlignbare mellom årganger") {
		t.Errorf("SSB-leie has %d rows, note %q", len(rent), rent[1][5])
	}
	// The exact means of the four quarters; 158,175 keeps its decimals.
	index := sheetRows(t, out, data.SheetPriceIndex)
	if want := [][]string{{"År", "Indeks", "Region", "Kilde"},
		{"2022", "158,175", "Oslo med Bærum", "SSB, tabell 07221, oppdatert 12.01.2024 (CC BY 4.0)"},
		{"2023", "159.45", "Oslo med Bærum", "SSB, tabell 07221, oppdatert 12.01.2024 (CC BY 4.0)"}}; !reflect.DeepEqual(index, want) {
		t.Errorf("SSB-prisindeks = %q", index)
	}
	noTemps(t, dir)
}

func TestSSBMissingCells(t *testing.T) {
	dir := t.TempDir()
	// 07221 for Innlandet, småhus, is all ".." in SSB's answer.
	out := filepath.Join(dir, "indeks.xlsx")
	code, stdout, stderr := runCmd("ssb", "--fil", indexJSON, "--region", "Innlandet", "--boligtype", "02", "--ut", out)
	if code != exitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	for _, want := range []string{"SSB-prisindeks: 0 rader for Innlandet",
		"merknad: Innlandet, 2022 har 0 av 4 kvartaler (de andre mangler 2022K1 («..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres)",
		"merknad: Innlandet, 2023 har 0 av 4 kvartaler"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if rows := sheetRows(t, out, data.SheetPriceIndex); len(rows) != 1 {
		t.Errorf("rows = %q, want only the header", rows)
	}
}

func TestSSBUsage(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "finnes.xlsx")
	if err := os.WriteFile(existing, []byte("gammel"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "feil.json")
	if err := os.WriteFile(bad, []byte(`{"version":"2.0","class":"dataset","id":["R"],`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "ny.xlsx")
	for _, tt := range []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"unknown region", []string{"ssb", "--fil", rentJSON, "--region", "Bergen", "--ut", out}, exitUsage,
			"bobra ssb: " + rentJSON + ": regionen «Bergen» finnes ikke i fila; velg en av 00 (Hele landet), 01 (Oslo og Bærum kommune).\n"},
		{"no 00 dwelling type", []string{"ssb", "--fil", indexJSON, "--region", "001", "--ut", out}, exitUsage,
			"velg en med --boligtype: 01 (Eneboliger), 02 (Småhus), 03 (Blokkleiligheter).\n"},
		{"two files for one sheet", []string{"ssb", "--fil", rentJSON, "--fil", rentJSON, "--region", "01", "--ut", out}, exitUsage,
			"gir arket SSB-leie; oppgi én fil per tabell"},
		{"not JSON-stat", []string{"ssb", "--fil", bad, "--region", "01", "--ut", out}, exitData,
			"bobra ssb: " + bad + ": dokumentet er tomt eller slutter for tidlig.\n"},
		{"no such file", []string{"ssb", "--fil", filepath.Join(dir, "mangler.json"), "--ut", out}, exitData, "fant ikke fila"},
		{"no file", []string{"ssb", "--region", "01", "--ut", out}, exitUsage, "oppgi SSB-dokumentet med --fil FIL.json"},
		{"no --ut", []string{"ssb", "--fil", rentJSON, "--region", "01"}, exitUsage, "oppgi arbeidsboken som skal skrives, med --ut FIL.xlsx"},
		{"not xlsx", []string{"ssb", "--fil", rentJSON, "--region", "01", "--ut", filepath.Join(dir, "a.csv")}, exitUsage, "må slutte på .xlsx"},
		{"refuses to overwrite", []string{"ssb", "--fil", rentJSON, "--region", "01", "--ut", existing}, exitUsage, "finnes fra før; bruk --overskriv"},
		{"unknown flag", []string{"ssb", "--file", rentJSON}, exitUsage, "bobra ssb: ukjent flagg «--file». Skriv «bobra ssb --help» for flaggene.\n"},
		{"--vis with --ut", []string{"ssb", "--vis", rentJSON, "--ut", out}, exitUsage, "--vis viser én fil"},
		{"hent without table", []string{"ssb", "hent", "--region", "01", "--ut", out}, exitUsage, "oppgi tabellen"},
		{"hent of another table", []string{"ssb", "hent", "12345", "--ut", out}, exitUsage,
			"bobra ssb hent: bobra kan hente tabell 09895 (leie) og 07221 (prisindeks), ikke \"12345\". Skriv «bobra ssb hent --help» for flaggene.\n"},
		{"hent with a bad year", []string{"ssb", "hent", "09895", "--fra", "16", "--ut", out}, exitUsage, "--fra må være et årstall med fire sifre"},
		{"hent with a bad year flag", []string{"ssb", "hent", "09895", "--fra", "seksten", "--ut", out}, exitUsage,
			"ugyldig verdi «seksten» for flagget «--fra»"},
		{"hent with a bad address", []string{"ssb", "hent", "09895", "--api", "data.ssb.no", "--ut", out}, exitUsage,
			"--api må være en nettadresse"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("code %d, stderr %q; want %d, %q", code, stderr, tt.code, tt.wantErr)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "gammel" {
		t.Error("an existing file was overwritten")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a failed command wrote %s", out)
	}
	for _, args := range [][]string{{"ssb", "--help"}, {"ssb", "hent", "--help"}} {
		code, stdout, _ := runCmd(args...)
		if code != exitOK || !strings.Contains(stdout, "Bruk: bobra ssb") || !strings.Contains(stdout, "--region KODE|NAVN") {
			t.Errorf("%v: %d %s", args, code, stdout)
		}
	}
	if _, stdout, _ := runCmd("hjelp"); !strings.Contains(stdout, "  ssb        leser eller henter SSBs") {
		t.Errorf("help lacks ssb:\n%s", stdout)
	}
}

func TestSSBVis(t *testing.T) {
	code, stdout, stderr := runCmd("ssb", "--vis", indexJSON)
	if code != exitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	for _, want := range []string{
		"  Tabell:     07221\n",
		"  Oppdatert:  12.01.2024\n",
		"  Kilde-tekst i arkene: SSB, tabell 07221, oppdatert 12.01.2024 (CC BY 4.0)\n",
		"    Boligtype (boligtype), 3 verdier: 01 (Eneboliger), 02 (Småhus), 03 (Blokkleiligheter)\n",
		"  Regioner (--region): TOTAL (Hele landet), 001 (Oslo med Bærum), 002 (Stavanger),",
		"  År: 2022–2023 (2022K1–2023K4)\n",
		"  Celler: 288, av dem 24 uten tall (24 «..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres)\n",
		"    - region: Se liste over endringer i de regionale inndelingene.\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	_, stdout, _ = runCmd("ssb", "--vis", rentJSON)
	for _, want := range []string{"  Regioner (--region): 00 (Hele landet), 01 (Oslo og Bærum kommune)\n", "  År: 2012–2025\n",
		"  Celler: 280, av dem 0 uten tall\n", "Gjennomsnittsleiene er ikke direkte sammenlignbare mellom årganger"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

// ssbServer serves recorded SSB answers as PxWebApi v2 would, and records
// the requests it got. No test touches the network.
type ssbServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []*http.Request
}

func newSSBServer(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) *ssbServer {
	s := &ssbServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r)
		s.mu.Unlock()
		handler(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func serveFile(t *testing.T, path string) func(w http.ResponseWriter, r *http.Request) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(b)
	}
}

func TestSSBHent(t *testing.T) {
	dir := t.TempDir()
	srv := newSSBServer(t, serveFile(t, rentJSON))
	api := srv.URL + "/api/pxwebapi/v2"
	fetched := filepath.Join(dir, "hentet.xlsx")
	code, stdout, stderr := runCmd("ssb", "hent", "09895", "--region", "01", "--fra", "2012", "--api", api, "--ut", fetched)
	if code != exitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	if len(srv.requests) != 1 {
		t.Fatalf("%d requests, want one per table", len(srv.requests))
	}
	r := srv.requests[0]
	q := r.URL.Query()
	got := map[string]string{"path": r.URL.Path, "method": r.Method}
	for k := range q {
		got[k] = q.Get(k)
	}
	want := map[string]string{"path": "/api/pxwebapi/v2/tables/09895/data", "method": "GET", "lang": "no", "outputFormat": "json-stat2",
		"valueCodes[Soner2]": "01", "valueCodes[AntRom]": "*", "valueCodes[ContentsCode]": "Husleie", "valueCodes[Tid]": "from(2012)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("request = %v\nwant %v", got, want)
	}
	if !strings.HasPrefix(stdout, "Henter tabell 09895 fra SSB: "+api+"/tables/09895/data?lang=no&outputFormat=json-stat2&valueCodes%5BSoner2%5D=01") ||
		!strings.Contains(stdout, "SSB-leie: 70 rader for Oslo og Bærum kommune") {
		t.Errorf("stdout:\n%s", stdout)
	}
	// The same workbook as from the file.
	fromFile := filepath.Join(dir, "fil.xlsx")
	if code, _, stderr := runCmd("ssb", "--fil", rentJSON, "--region", "01", "--ut", fromFile); code != exitOK {
		t.Fatal(stderr)
	}
	a, _ := os.ReadFile(fetched)
	b, _ := os.ReadFile(fromFile)
	if string(a) != string(b) {
		t.Error("hent and --fil wrote different workbooks")
	}

	// A name is matched here, so every region is asked for; the price
	// table's quarters start at K1.
	srv2 := newSSBServer(t, serveFile(t, indexJSON))
	code, _, stderr = runCmd("ssb", "hent", "07221", "--region", "Oslo med Bærum", "--boligtype", "03", "--fra", "2022",
		"--api", srv2.URL+"/api/pxwebapi/v2/", "--ut", filepath.Join(dir, "indeks.xlsx"))
	if code != exitOK {
		t.Fatalf("code %d: %s", code, stderr)
	}
	q = srv2.requests[0].URL.Query()
	if got := []string{srv2.requests[0].URL.Path, q.Get("valueCodes[Region]"), q.Get("valueCodes[Boligtype]"), q.Get("valueCodes[ContentsCode]"), q.Get("valueCodes[Tid]")}; !reflect.DeepEqual(got,
		[]string{"/api/pxwebapi/v2/tables/07221/data", "*", "03", "Boligindeks", "from(2022K1)"}) {
		t.Errorf("07221 request = %q", got)
	}
}

func TestSSBHentErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ssb.xlsx")
	status := func(code int) func(w http.ResponseWriter, r *http.Request) {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(code)
			w.Write([]byte(`{"type":"https://tools.ietf.org/html/rfc9110","title":"Some English from the server","status":` + http.StatusText(code) + `}`))
		}
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	for _, tt := range []struct {
		name    string
		api     string
		handler func(w http.ResponseWriter, r *http.Request)
		code    int
		want    string
	}{
		{"offline", closed.URL, nil, exitFailed,
			"bobra ssb hent: fikk ikke kontakt med SSB (" + strings.TrimPrefix(closed.URL, "http://") + "); er maskinen koblet til nettet?"},
		{"not found", "", status(404), exitFailed, "bobra ssb hent: SSB har ingen tabell 09895 (SSB svarte med kode 404).\n"},
		{"too many requests", "", status(429), exitFailed, "(kode 429; SSB tillater 30 i minuttet); vent et minutt og prøv igjen.\n"},
		{"bad request", "", status(400), exitFailed, "SSB avviste forespørselen (kode 400): tabell 09895 har kanskje ikke regionen"},
		{"server error", "", status(503), exitFailed, "bobra ssb hent: SSB har en feil hos seg (kode 503); prøv igjen senere.\n"},
		{"not JSON-stat", "", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>vedlikehold</html>")) }, exitData,
			"bobra ssb hent: SSBs svar for tabell 09895 kunne ikke leses: dokumentet er ikke gyldig JSON (feil ved tegn 1).\n"},
		{"another table", "", serveFile(t, indexJSON), exitData, "bobra ssb hent: SSB svarte med tabell 07221, ikke 09895.\n"},
		{"unknown region", "", serveFile(t, rentJSON), exitUsage, "bobra ssb hent: tabell 09895: regionen «99» finnes ikke i fila"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			api := tt.api
			if tt.handler != nil {
				api = newSSBServer(t, tt.handler).URL
			}
			code, _, stderr := runCmd("ssb", "hent", "09895", "--region", "99", "--api", api, "--ut", out)
			if code != tt.code || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, "English") {
				t.Errorf("code %d, stderr %q; want %d, %q", code, stderr, tt.code, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("a failed fetch wrote the workbook")
			}
		})
	}
}

// The round trip a project lead makes: replace the hand-typed SSB-leie
// with `bobra ssb`'s, check it, and get the same report, with the seed's
// 15 150 kr (2016) and 18 410 kr (2020) for the example home.
func TestSSBRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary")
	}
	work := t.TempDir()
	dir := writeSample(t)
	editWorkbook(t, dir, data.SheetRent, func(f *excelize.File) {
		if err := f.DeleteSheet(data.SheetRent); err != nil {
			t.Fatal(err)
		}
	})
	abs, _ := filepath.Abs(rentJSON)
	if r := bobra(t, work, "ssb", "--fil", abs, "--region", "Oslo og Bærum kommune", "--ut", filepath.Join(dir, "ssb-leie.xlsx")); r.code != 0 {
		t.Fatalf("ssb: %d %s", r.code, r.stderr)
	}
	if r := bobra(t, work, "valider", "--data", dir); r.code != 0 || !strings.Contains(r.stdout, "Resultat: ingen feil eller advarsler.") {
		t.Fatalf("valider: %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, per := range []string{"2021-09-30", "2024-09-30"} {
		imported, embedded := filepath.Join(work, "ut-"+per), filepath.Join(work, "eksempel-"+per)
		if r := bobra(t, work, "rapport", "--data", dir, "--per", per, "--ut", imported, "--format", "json,html"); r.code != 0 {
			t.Fatalf("rapport: %d %s", r.code, r.stderr)
		}
		if r := bobra(t, work, "rapport", "--per", per, "--ut", embedded, "--format", "json"); r.code != 0 {
			t.Fatalf("rapport on the sample: %d %s", r.code, r.stderr)
		}
		got, want := readResults(t, imported), readResults(t, embedded)
		if !reflect.DeepEqual(got.Rent, want.Rent) || !reflect.DeepEqual(got.Homes, want.Homes) || len(got.Warnings) != 0 {
			g, _ := json.Marshal(got.Rent)
			w, _ := json.Marshal(want.Rent)
			t.Errorf("%s: the imported SSB-leie gives other rent figures:\n%s\nwant\n%s\nwarnings %v", per, g, w, got.Warnings)
		}
		var f001 results.Home
		for _, h := range got.Homes {
			if h.FamilyID == "F001" {
				f001 = h
			}
		}
		then, now := f001.RentThen.Ptr(), f001.RentNow.Ptr()
		if then == nil || then.V.String() != "15150" || (per == "2021-09-30" && (now == nil || now.V.String() != "18410")) {
			t.Errorf("%s: F001 rent then %v, now %v", per, then, now)
		}
		html, _ := os.ReadFile(filepath.Join(imported, "rapport.html"))
		for _, want := range []string{"SSB, tabell 09895, oppdatert 22.12.2025 (CC BY 4.0)", "Gjennomsnittsleiene er ikke direkte sammenlignbare mellom årganger"} {
			if !strings.Contains(string(html), want) {
				t.Errorf("%s: rapport.html lacks %q", per, want)
			}
		}
	}
}
