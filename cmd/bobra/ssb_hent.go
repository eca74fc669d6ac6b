package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"bobra/data"
	"bobra/internal/jsonstat"
)

// ssbAPI is SSB's PxWebApi v2.
const ssbAPI = "https://data.ssb.no/api/pxwebapi/v2"

// ssbTimeout bounds one request to SSB.
const ssbTimeout = 60 * time.Second

// ssbTables says how to ask SSB for each table bobra reads: the ids of its
// dimensions and the contents it takes.
var ssbTables = map[string]struct {
	region, rooms, dwelling, contents string
	quarterly                         bool
}{
	data.SSBTableRent:       {region: "Soner2", rooms: "AntRom", contents: data.SSBContentsRent},
	data.SSBTablePriceIndex: {region: "Region", dwelling: "Boligtype", contents: data.SSBContentsIndex, quarterly: true},
}

// ssbFetchOptions is what `bobra ssb hent` was asked to do.
type ssbFetchOptions struct {
	table     string
	choice    data.SSBChoice
	api       string // base address of PxWebApi v2
	out       string
	overwrite bool
}

// runSSBHent is `bobra ssb hent TABELL`: one GET to SSB's PxWebApi v2 for
// the table (well within SSB's limit of 30 requests a minute), then the
// same import as `bobra ssb --fil`.
func runSSBHent(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ssb hent", flag.ContinueOnError)
	var regions listFlag
	fs.Var(&regions, "region", "`KODE|NAVN`, regionen, for eksempel 01 (tabell 09895) eller 001 (tabell 07221)")
	dwelling := fs.String("boligtype", "", "`KODE|NAVN`, boligtypen i tabell 07221 (standard: 00 hvis tabellen har den)")
	from := fs.Int("fra", 0, "første `ÅR` som hentes (standard: alle år SSB har)")
	api := fs.String("api", ssbAPI, "`URL`, adressen til SSBs PxWebApi v2")
	out := fs.String("ut", "", "`FIL.xlsx` å skrive arket til")
	overwrite := fs.Bool("overskriv", false, "erstatt filen hvis den finnes fra før")
	fs.Usage = func() {
		printFlagUsage(fs, "bobra ssb hent TABELL --region KODE|NAVN [--boligtype KODE] [--fra ÅR] [--api URL] --ut FIL.xlsx",
			"Henter tabell 09895 (leie) eller 07221 (prisindeks) fra SSBs PxWebApi med én forespørsel\n"+
				"og skriver arket SSB-leie eller SSB-prisindeks, som «bobra ssb --fil». Tallene er SSBs\n"+
				"(CC BY 4.0), og kolonnen Kilde sier hvilken tabell og når den ble oppdatert.\n\n"+
				"Avslutningskode: 0 ferdig, 1 SSBs svar kunne ikke leses, 2 feil bruk, 4 SSB kunne ikke\n"+
				"nås eller svarte med en feil, eller arbeidsboken kunne ikke skrives.")
	}
	table := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		table, args = args[0], args[1:]
	}
	if code, done := parseNorwegianFlags(fs, args, stdout, stderr); done {
		return code
	}
	if table == "" {
		return ssbUsage(stderr, "ssb hent", "oppgi tabellen, for eksempel «bobra ssb hent 09895 --region 01 --ut ssb-leie.xlsx»")
	}
	if _, ok := ssbTables[table]; !ok {
		return ssbUsage(stderr, "ssb hent", fmt.Sprintf("bobra kan hente tabell %s (leie) og %s (prisindeks), ikke %q",
			data.SSBTableRent, data.SSBTablePriceIndex, table))
	}
	if flagGiven(fs, "fra") && (*from < 1000 || *from > 9999) {
		return ssbUsage(stderr, "ssb hent", fmt.Sprintf("--fra må være et årstall med fire sifre, ikke %d", *from))
	}
	if u, err := url.Parse(*api); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ssbUsage(stderr, "ssb hent", fmt.Sprintf("--api må være en nettadresse som begynner med https://, ikke %q", *api))
	}
	if code := checkXLSXOut("ssb hent", *out, stderr); code != exitOK {
		return code
	}
	return ssbHent(ssbFetchOptions{table: table, api: *api, out: *out, overwrite: *overwrite,
		choice: data.SSBChoice{Regions: regions, DwellingType: *dwelling, FromYear: *from}}, stdout, stderr)
}

func ssbHent(opt ssbFetchOptions, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	address := ssbDataURL(opt)
	fmt.Fprintf(stdout, "Henter tabell %s fra SSB: %s\n", opt.table, address)
	body, err := fetchSSB(ctx, &http.Client{Timeout: ssbTimeout}, address, opt.table)
	if err != nil {
		fmt.Fprintf(stderr, "bobra ssb hent: %s.\n", err)
		return exitFailed
	}
	doc, err := jsonstat.Parse(body)
	if err != nil {
		fmt.Fprintf(stderr, "bobra ssb hent: SSBs svar for tabell %s kunne ikke leses: %s.\n", opt.table, err)
		return exitData
	}
	if doc.TableID == "" {
		doc.TableID = opt.table
	}
	if doc.TableID != opt.table {
		fmt.Fprintf(stderr, "bobra ssb hent: SSB svarte med tabell %s, ikke %s.\n", doc.TableID, opt.table)
		return exitData
	}
	imp, err := data.ImportSSB(doc, opt.choice)
	if err != nil {
		fmt.Fprintf(stderr, "bobra ssb hent: tabell %s: %s.\n", opt.table, err)
		return exitUsage
	}
	return writeSSBWorkbook("ssb hent", []*data.SSBImport{imp}, opt.out, opt.overwrite, stdout, stderr)
}

// ssbDataURL is the v2 GET for the table: every dimension is selected
// (a dimension left out would be eliminated to its total). A region or
// dwelling type given as a code is asked for; given by name (or several)
// all are fetched and the choice is made here, as for a file.
func ssbDataURL(opt ssbFetchOptions) string {
	t := ssbTables[opt.table]
	one := func(given []string) string {
		if len(given) == 1 && isSSBCode(given[0]) {
			return strings.TrimSpace(given[0])
		}
		return "*"
	}
	q := []string{"lang=no", "outputFormat=json-stat2"}
	add := func(dim, sel string) {
		q = append(q, url.QueryEscape("valueCodes["+dim+"]")+"="+url.QueryEscape(sel))
	}
	add(t.region, one(opt.choice.Regions))
	if t.rooms != "" {
		add(t.rooms, "*")
	}
	if t.dwelling != "" {
		var given []string
		if opt.choice.DwellingType != "" {
			given = []string{opt.choice.DwellingType}
		}
		add(t.dwelling, one(given))
	}
	add("ContentsCode", t.contents)
	tid := "*"
	if opt.choice.FromYear > 0 {
		first := strconv.Itoa(opt.choice.FromYear)
		if t.quarterly {
			first += "K1"
		}
		tid = "from(" + first + ")"
	}
	add("Tid", tid)
	return strings.TrimRight(opt.api, "/") + "/tables/" + url.PathEscape(opt.table) + "/data?" + strings.Join(q, "&")
}

// isSSBCode reports whether s is written like an SSB code (01, 001,
// TOTAL, 5+) rather than a name, which always has lower-case letters.
func isSSBCode(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+") == ""
}

// fetchSSB makes the one request and returns SSB's answer; the error is a
// Norwegian phrase saying what went wrong and what to do.
func fetchSSB(ctx context.Context, client *http.Client, address, table string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, address, nil)
	if err != nil {
		return nil, fmt.Errorf("ugyldig adresse %s", address)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "bobra/"+version())
	resp, err := client.Do(req)
	if err != nil {
		var ne net.Error
		switch {
		case ctx.Err() != nil:
			return nil, errors.New("avbrutt før SSB svarte")
		case errors.As(err, &ne) && ne.Timeout():
			return nil, fmt.Errorf("SSB svarte ikke innen %d sekunder; prøv igjen senere", int(ssbTimeout.Seconds()))
		}
		return nil, fmt.Errorf("fikk ikke kontakt med SSB (%s); er maskinen koblet til nettet? Uten nett kan du laste ned tabellen som JSON-stat2 et annet sted og lese den med «bobra ssb --fil»",
			req.URL.Host)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
		switch code := resp.StatusCode; {
		case code == http.StatusNotFound:
			return nil, fmt.Errorf("SSB har ingen tabell %s (SSB svarte med kode 404)", table)
		case code == http.StatusTooManyRequests:
			return nil, errors.New("SSB avviste forespørselen fordi det har kommet for mange på kort tid (kode 429; SSB tillater 30 i minuttet); vent et minutt og prøv igjen")
		case code == http.StatusBadRequest:
			return nil, fmt.Errorf("SSB avviste forespørselen (kode 400): tabell %s har kanskje ikke regionen, boligtypen eller året som er valgt; se valgene med «bobra ssb --vis» på en fil, eller hent alle regioner ved å oppgi regionen med navn", table)
		case code >= 500:
			return nil, fmt.Errorf("SSB har en feil hos seg (kode %d); prøv igjen senere", code)
		default:
			return nil, fmt.Errorf("SSB svarte med feilkode %d", code)
		}
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxSSBDocument+1))
	if err != nil {
		return nil, errors.New("forbindelsen til SSB ble brutt før hele svaret var kommet; prøv igjen")
	}
	if len(b) > maxSSBDocument {
		return nil, fmt.Errorf("SSBs svar er større enn %d MB; velg færre år med --fra", maxSSBDocument>>20)
	}
	return b, nil
}
