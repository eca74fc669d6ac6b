package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// The corpus under testdata/ holds workbooks kept the way people really
// keep them; internal/messygen writes testdata/messy (go generate, with
// LibreOffice for the cases it saves). Each case is a folder of the sample
// workbooks it changes or adds; the test lays them over a fresh copy of
// the clean sample and runs `bobra rapport` on it.
//
//go:generate go run ../../internal/messygen -out testdata/messy -libreoffice -damaged testdata/damaged

// wantProblem is an error or a warning a case must give, as --logg json
// writes it.
type wantProblem struct {
	severity, kind, file, sheet, cell string
}

// corpusCases is every case and its outcome: nil means exactly the
// figures of the clean sample (resultater.json without its run record),
// exit 0 and no error or warning; otherwise exactly these errors and
// warnings, and exit 1 (3 under --streng when there are only warnings).
// Add a row for each new folder under testdata/.
var corpusCases = []struct {
	dir  string
	want []wantProblem
}{
	// Title rows, blank rows and group labels above the header; the table
	// further right.
	{"messy/tittelrad-familier", nil},
	{"messy/tittel-og-oppdatert", nil},
	{"messy/tomme-rader-over", nil},
	{"messy/tittel-i-alle-ark", nil},
	{"messy/tabell-fra-kolonne-c", nil},
	{"messy/tittel-og-kolonne-b", nil},
	{"messy/gruppeetikett-over", nil},
	// Headers: case, units, line breaks, colons, keyboard spellings,
	// synonyms, brackets, spaces, decomposed letters, sheet names.
	{"messy/store-bokstaver", nil},
	{"messy/enhet-i-overskrift", nil},
	{"messy/linjeskift-i-overskrift", nil},
	{"messy/kolon-etter-overskrift", nil},
	{"messy/uten-norske-bokstaver", nil},
	{"messy/oe-og-aa", nil},
	{"messy/synonym-kjopspris", nil},
	{"messy/synonym-familienr", nil},
	{"messy/familie-id-med-strek", nil},
	{"messy/datoformat-i-overskrift", nil},
	{"messy/mellomrom-i-overskrift", nil},
	{"messy/dekomponert-overskrift", nil},
	{"messy/arknavn-store-bokstaver", nil},
	{"messy/arknavn-med-parentes", nil},
	{"messy/ekstra-kolonne", nil},
	{"messy/veiledning-ark", nil},
	// Totals and notes under the table, a header repeated inside it.
	{"messy/sumrad-til-slutt", nil},
	{"messy/sum-og-kilde-til-slutt", nil},
	{"messy/totalt-i-ressursbruk", nil},
	{"messy/i-alt-i-verdivurderinger", nil},
	{"messy/merknad-til-slutt", nil},
	{"messy/ensom-tekst-til-slutt", nil},
	{"messy/gjentatt-overskrift", nil},
	// Dates and amounts as Norwegians type them.
	{"messy/dato-lang-maned", nil},
	{"messy/dato-kort-maned", nil},
	{"messy/dato-tosifret-ar", nil},
	{"messy/dato-bindestrek", nil},
	{"messy/dato-skrastrek", nil},
	{"messy/belop-som-tekst", nil},
	// Saved by LibreOffice (with a SUM formula under the table).
	{"messy/lagret-av-libreoffice", nil},
	{"messy/libreoffice-sumformel-til-slutt", nil},
	{"messy/libreoffice-tittel-og-tekstdatoer", nil},
	// Totals rows without a label: sum formulas only, an Excel Table's.
	{"messy/sumformler-til-slutt", nil},
	{"messy/excel-tabell-med-summerad", nil},

	// Headers that nearly name a column, or are missing.
	{"messy/nesten-startlan", []wantProblem{{"advarsel", "nesten-kolonne", "boliger.xlsx", "Kjøp", "D1"}}},
	{"messy/nesten-husholdning", []wantProblem{{"advarsel", "nesten-kolonne", "familier.xlsx", "Familier", "D1"}}},
	{"messy/skrivefeil-kjopesum", []wantProblem{{"feil", "mangler-kolonne", "boliger.xlsx", "Kjøp", "rad 1"}}},
	{"messy/sammenslatt-overskrift", []wantProblem{{"feil", "data-uten-overskrift", "boliger.xlsx", "Kjøp", "D2"}}},
	{"messy/data-uten-overskrift", []wantProblem{{"feil", "data-uten-overskrift", "familier.xlsx", "Barn", "D5"}}},
	// Totals inside the data.
	{"messy/sumrad-midt-i", []wantProblem{{"feil", "sumrad-i-data", "boliger.xlsx", "Kjøp", "A6"}}},
	{"messy/delsum-i-ressursbruk", []wantProblem{{"feil", "sumrad-i-data", "erfaringer-og-ressurser.xlsx", "Ressursbruk", "A5"}}},
	{"messy/sumrad-i-barn", []wantProblem{{"feil", "sumrad-i-data", "familier.xlsx", "Barn", "A10"}}},
	{"messy/libreoffice-subtotal-midt-i", []wantProblem{{"feil", "sumrad-i-data", "erfaringer-og-ressurser.xlsx", "Ressursbruk", "B5"}}},
	{"messy/sumformler-midt-i", []wantProblem{{"feil", "sumrad-i-data", "erfaringer-og-ressurser.xlsx", "Ressursbruk", "D5"}}},
	// Dates.
	{"messy/bare-arstall-tekst", []wantProblem{{"feil", "bare-arstall", "familier.xlsx", "Familier", "C5"}}},
	{"messy/bare-arstall-tall", []wantProblem{{"feil", "bare-arstall", "boliger.xlsx", "Kjøp", "B3"}}},
	{"messy/dato-for-1990", []wantProblem{{"feil", "gammel-dato", "boliger.xlsx", "Kjøp", "B4"}}},
	{"messy/fodselsar-for-1900", []wantProblem{{"feil", "gammel-dato", "familier.xlsx", "Barn", "B3"}}},
	{"messy/engelske-datoer", []wantProblem{{"feil", "engelsk-dato", "boliger.xlsx", "Kjøp", "B2"}}},
	{"messy/ugyldig-dato", []wantProblem{{"feil", "feil-verditype", "boliger.xlsx", "Kjøp", "B7"}}},
	// Numbers.
	{"messy/kjopesum-null", []wantProblem{{"feil", "belop-er-null", "boliger.xlsx", "Kjøp", "C2"}}},
	{"messy/kjopesum-minus-null", []wantProblem{{"feil", "belop-er-null", "boliger.xlsx", "Kjøp", "C3"}}},
	{"messy/kjopesum-1e308", []wantProblem{{"feil", "for-stort-tall", "boliger.xlsx", "Kjøp", "C4"}}},
	{"messy/rom-60", []wantProblem{{"feil", "for-stort-tall", "boliger.xlsx", "Kjøp", "E5"}}},
	{"messy/verdi-null", []wantProblem{{"feil", "belop-er-null", "boliger.xlsx", "Verdivurderinger", "C2"}}},
	{"messy/lang-verdi", []wantProblem{{"feil", "feil-verditype", "boliger.xlsx", "Kjøp", "C6"}}},
	// Text.
	{"messy/nullbredde-i-familieid", []wantProblem{{"feil", "usynlige-tegn", "familier.xlsx", "Familier", "A3"}}},
	{"messy/kontrolltegn-i-familieid", []wantProblem{{"feil", "usynlige-tegn", "familier.xlsx", "Familier", "A4"}}},
	// One early mistake: the cause, and what follows from it as one line.
	{"messy/tittel-ikke-funnet", []wantProblem{{"feil", "mangler-overskriftsrad", "familier.xlsx", "Familier", "rad 1"}, {"feil", "ukjent-familieid", "familier.xlsx", "Barn", "A2"}}},
	{"messy/mangler-familieid", []wantProblem{{"feil", "mangler-kolonne", "familier.xlsx", "Familier", "rad 1"}, {"feil", "ukjent-familieid", "familier.xlsx", "Barn", "A2"}}},
	{"messy/mangler-fodselsar", []wantProblem{{"feil", "mangler-kolonne", "familier.xlsx", "Barn", "rad 1"}, {"advarsel", "kjop-uten-barn", "familier.xlsx", "Familier", "A2"}}},
	{"messy/arknavn-med-ar", []wantProblem{{"feil", "mangler-ark", "", "Kjøp", ""}}},
	{"messy/ark-i-to-filer", []wantProblem{{"feil", "ark-flere-ganger", "familier.xlsx", "Barn", ""}}},
}

// damagedCases are the damaged workbooks internal/messygen writes into
// testdata/damaged, each with its errors and the Norwegian sentence of the
// first one (the cause); every one must stop the run with exit 1. A
// damaged Familier sheet makes every reference to a family one line that
// follows from it.
var damagedCases = []struct {
	dir     string
	want    []wantProblem
	message string
}{
	{"damaged/avkortet-ark", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A49")}, sheetDamage("XML-en i arket er ugyldig eller slutter midt i (lest etter rad 20).")},
	{"damaged/avkortet-midt-i-tagg", []wantProblem{damagedPurchases}, sheetDamage("XML-en i arket er ugyldig eller slutter midt i (lest etter rad 14).")},
	{"damaged/kontrolltegn-i-arket", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A25")}, sheetDamage("XML-en i arket er ugyldig eller slutter midt i (lest etter rad 10).")},
	{"damaged/ugyldig-utf8", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A29")}, sheetDamage("XML-en i arket er ugyldig eller slutter midt i (lest etter rad 11).")},
	{"damaged/ukjent-entitet", []wantProblem{damagedPurchases}, sheetDamage("XML-en i arket er ugyldig eller slutter midt i (lest etter rad 12).")},
	{"damaged/sluttagg-passer-ikke", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A17")}, sheetDamage("XML-en i arket er ugyldig eller slutter midt i (lest etter rad 7).")},
	{"damaged/skade-etter-arkdata", []wantProblem{damagedFamilies}, sheetDamage("XML-en i arket er ugyldig eller slutter midt i (lest etter rad 48).")},
	{"damaged/endret-under-gammel-crc", []wantProblem{damagedPurchases}, sheetDamage("innholdet stemmer ikke med kontrollsummen i filen (lest etter rad 45).")},
	{"damaged/odelagt-komprimering", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A2")}, sheetDamage("den komprimerte delen av filen er ødelagt eller avkortet (lest før første rad).")},
	{"damaged/rader-i-feil-rekkefolge", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A23")}, sheetDamage("en rad har et radnummer som ikke kommer etter forrige rad (etter rad 9).")},
	{"damaged/rad-to-ganger", []wantProblem{damagedPurchases}, sheetDamage("en rad har et radnummer som ikke kommer etter forrige rad (etter rad 16).")},
	{"damaged/celler-i-feil-rekkefolge", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A12")}, sheetDamage("en celle har en cellereferanse som ikke passer med raden eller kommer før forrige celle (etter rad 5).")},
	{"damaged/celle-i-annen-rad", []wantProblem{damagedFamilies, followsFamilies("familier.xlsx", "Barn", "A21")}, sheetDamage("en celle har en cellereferanse som ikke passer med raden eller kommer før forrige celle (etter rad 8).")},
	{"damaged/delt-tekst-utenfor-tabellen", []wantProblem{{"feil", "skadet-fil", "familier.xlsx", "Familier", "A3"}, followsFamilies("familier.xlsx", "Barn", "A5")},
		"Cellen viser til delt tekst nr. 7, men filen har bare 2; filen er skadet." + sheetFix},
	{"damaged/to-deler-samme-navn", []wantProblem{{"feil", "skadet-fil", "familier.xlsx", "", ""}, missingSheet("Familier"), missingSheet("Barn"), followsFamilies("boliger.xlsx", "Kjøp", "A2")},
		"Filen er skadet: den har to deler med samme navn («xl/worksheets/sheet1.xml»), så det er uklart hvilken som gjelder." + fileFix},
	{"damaged/skadede-delte-tekster", []wantProblem{{"feil", "skadet-fil", "familier.xlsx", "", ""}, missingSheet("Familier"), missingSheet("Barn"), followsFamilies("boliger.xlsx", "Kjøp", "A2")},
		"Filen er skadet: tabellen over delte tekster (xl/sharedStrings.xml) kan ikke leses (XML-en er ugyldig eller slutter midt i), så ingen ark i filen kan leses riktig." + fileFix},
	{"damaged/skadede-stiler", []wantProblem{{"feil", "skadet-fil", "boliger.xlsx", "", ""}, missingSheet("Kjøp")},
		"Filen er skadet: stilene (xl/styles.xml) kan ikke leses (XML-en er ugyldig eller slutter midt i), så ingen ark i filen kan leses riktig." + fileFix},
	{"damaged/avkortet-fil", []wantProblem{{"feil", "ikke-xlsx", "boliger.xlsx", "", ""}, missingSheet("Kjøp")},
		"Filen er skadet eller ufullstendig og kan ikke åpnes som Excel-arbeidsbok."},
	{"damaged/formel-uten-resultat", []wantProblem{{"feil", "mangler-verdi", "boliger.xlsx", "Kjøp", "C4"}, {"feil", "formel-uten-verdi", "boliger.xlsx", "Kjøp", "C4"}},
		"Kjøpesum mangler; cellen må fylles ut."},
}

const (
	sheetFix = " Ingenting i arket blir brukt; åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."
	fileFix  = " Åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."
)

var (
	damagedFamilies  = wantProblem{"feil", "skadet-fil", "familier.xlsx", "Familier", ""}
	damagedPurchases = wantProblem{"feil", "skadet-fil", "boliger.xlsx", "Kjøp", ""}
)

func sheetDamage(what string) string { return "Arket er skadet: " + what + sheetFix }

func followsFamilies(file, sheet, cell string) wantProblem {
	return wantProblem{"feil", "ukjent-familieid", file, sheet, cell}
}

func missingSheet(sheet string) wantProblem { return wantProblem{"feil", "mangler-ark", "", sheet, ""} }

// corpusRoots are the folders under testdata whose every subfolder is a
// case of corpusCases or damagedCases.
var corpusRoots = []string{"messy", "damaged"}

// TestCorpus runs every case of the corpus through the real binary.
func TestCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus runs the binary some seventy times")
	}
	clean := cleanFigures(t)
	seen := map[string]bool{}
	type corpusCase struct {
		dir     string
		want    []wantProblem
		message string // the first error's sentence, when given
	}
	var all []corpusCase
	for _, c := range corpusCases {
		all = append(all, corpusCase{c.dir, c.want, ""})
	}
	for _, c := range damagedCases {
		if c.want == nil || c.message == "" {
			t.Fatalf("%s: a damaged case names its errors and the first one's sentence", c.dir)
		}
		all = append(all, corpusCase{c.dir, c.want, c.message})
	}
	if n := len(damagedCases); n < 15 {
		t.Errorf("%d damaged cases, want at least 15", n)
	}
	for _, c := range all {
		seen[c.dir] = true
		t.Run(c.dir, func(t *testing.T) {
			t.Parallel()
			dir := corpusFolder(t, c.dir)
			out := filepath.Join(t.TempDir(), "ut")
			args := []string{"rapport", "--data", dir, "--ut", out, "--per", "30.09.2024", "--format", "json", "--logg", "json"}
			r := bobra(t, t.TempDir(), args...)
			got := loggedProblems(t, r.stderr)
			want := append([]wantProblem(nil), c.want...)
			sortProblems(want)
			if !equalProblems(got, want) {
				t.Fatalf("errors and warnings:\n got %v\nwant %v\n%s", got, want, r.stderr)
			}
			if c.message != "" {
				if first := firstErrorMessage(t, r.stderr); first != c.message {
					t.Errorf("first error:\n got %s\nwant %s", first, c.message)
				}
			}
			switch {
			case c.want == nil:
				if r.code != exitOK {
					t.Fatalf("exit %d, want 0:\n%s", r.code, r.stderr)
				}
				if figures := resultFigures(t, out); !bytes.Equal(figures, clean) {
					t.Errorf("the figures differ from the clean sample's:\n%s", firstDiff(figures, clean))
				}
			case onlyWarnings(c.want):
				if r.code != exitOK {
					t.Fatalf("exit %d, want 0 (warnings only):\n%s", r.code, r.stderr)
				}
				if s := bobra(t, t.TempDir(), append(args, "--streng")...); s.code != exitWarnings {
					t.Errorf("--streng: exit %d, want %d", s.code, exitWarnings)
				}
				// The report's data-quality section lists them.
				if got := resultWarnings(t, out); !equalProblems(got, want) {
					t.Errorf("warnings in resultater.json:\n got %v\nwant %v", got, want)
				}
			default:
				if r.code != exitData {
					t.Fatalf("exit %d, want %d:\n%s", r.code, exitData, r.stderr)
				}
			}
		})
	}
	// Every folder of the corpus is a case of the table.
	for _, root := range corpusRoots {
		entries, err := os.ReadDir(filepath.Join("testdata", root))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if e.IsDir() && !seen[root+"/"+e.Name()] {
				t.Errorf("testdata/%s/%s has no row in corpusCases", root, e.Name())
			}
		}
	}
}

// TestCorpusCauseFirst: one early mistake gives a short list whose first
// error names the cause, in valider as in rapport.
func TestCorpusCauseFirst(t *testing.T) {
	for _, c := range []struct{ dir, cause string }{
		{"messy/tittel-ikke-funnet", "feil: familier.xlsx, ark Familier, rad 1: Fant ingen overskriftsrad"},
		{"messy/mangler-familieid", "feil: familier.xlsx, ark Familier, rad 1 (overskriftsraden): Mangler kolonnen FamilieID"},
		{"messy/mangler-fodselsar", "feil: familier.xlsx, ark Barn, rad 1 (overskriftsraden): Mangler kolonnen Fødselsår"},
		{"damaged/avkortet-ark", "feil: familier.xlsx, ark Familier: Arket er skadet: XML-en i arket er ugyldig eller slutter midt i (lest etter rad 20)."},
		{"damaged/skadede-delte-tekster", "feil: familier.xlsx: Filen er skadet: tabellen over delte tekster (xl/sharedStrings.xml) kan ikke leses"},
		{"damaged/avkortet-fil", "feil: boliger.xlsx: Filen er skadet eller ufullstendig og kan ikke åpnes som Excel-arbeidsbok."},
	} {
		t.Run(c.dir, func(t *testing.T) {
			r := bobra(t, t.TempDir(), "valider", "--data", corpusFolder(t, c.dir))
			var errs []string
			for _, line := range strings.Split(r.stdout, "\n") {
				if strings.HasPrefix(line, "feil: ") {
					errs = append(errs, line)
				}
			}
			if r.code != exitData || len(errs) == 0 || len(errs) >= 15 {
				t.Fatalf("exit %d, %d error lines, want 1 and fewer than 15:\n%s", r.code, len(errs), r.stdout)
			}
			if !strings.HasPrefix(errs[0], c.cause) {
				t.Errorf("first error:\n %s\nwant it to start with\n %s", errs[0], c.cause)
			}
		})
	}
}

var (
	sampleOnce sync.Once
	sampleDir  string
	cleanOnce  sync.Once
	cleanJSON  []byte
)

// corpusSample is the clean sample, written once for every case.
func corpusSample(t *testing.T) string {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "bobra-corpus-")
		if err != nil {
			t.Fatal(err)
		}
		sampleDir = filepath.Join(dir, "data")
		if r := bobra(t, dir, "eksempel", "--ut", sampleDir); r.code != 0 {
			t.Fatalf("eksempel: %d %s", r.code, r.stderr)
		}
	})
	if sampleDir == "" {
		t.Fatal("no sample")
	}
	return sampleDir
}

// corpusFolder lays a case's workbooks over a copy of the clean sample.
func corpusFolder(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), filepath.Base(name))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, from := range []string{corpusSample(t), filepath.Join("testdata", name)} {
		entries, err := os.ReadDir(from)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(from, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// cleanFigures are the clean sample's results, as resultFigures gives them.
func cleanFigures(t *testing.T) []byte {
	t.Helper()
	cleanOnce.Do(func() {
		out := filepath.Join(t.TempDir(), "ut")
		r := bobra(t, t.TempDir(), "rapport", "--data", corpusSample(t), "--ut", out, "--per", "30.09.2024", "--format", "json")
		if r.code != exitOK {
			t.Fatalf("clean sample: exit %d\n%s", r.code, r.stderr)
		}
		cleanJSON = resultFigures(t, out)
	})
	if cleanJSON == nil {
		t.Fatal("no clean figures")
	}
	return cleanJSON
}

// resultFigures is resultater.json without its run record (which names
// the input files and their checksums), as canonical JSON.
func resultFigures(t *testing.T, out string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "resultater.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "run")
	canon, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return canon
}

// resultWarnings are the warnings resultater.json gives the reports.
func resultWarnings(t *testing.T, out string) []wantProblem {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "resultater.json"))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Warnings []struct{ Kind, File, Sheet, Cell string }
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	var ws []wantProblem
	for _, w := range res.Warnings {
		ws = append(ws, wantProblem{"advarsel", w.Kind, w.File, w.Sheet, w.Cell})
	}
	sortProblems(ws)
	return ws
}

// loggedProblems reads the errors and warnings of a --logg json run.
func loggedProblems(t *testing.T, stderr string) []wantProblem {
	t.Helper()
	var out []wantProblem
	for _, line := range strings.Split(stderr, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON log line: %q", line)
		}
		sev, _ := rec["alvor"].(string)
		if sev != "feil" && sev != "advarsel" {
			continue
		}
		str := func(k string) string { s, _ := rec[k].(string); return s }
		out = append(out, wantProblem{sev, str("type"), str("fil"), str("ark"), str("celle")})
	}
	sortProblems(out)
	return out
}

// firstErrorMessage is the sentence of the first error a --logg json run
// gives, in the order it gives them (the cause first).
func firstErrorMessage(t *testing.T, stderr string) string {
	t.Helper()
	for _, line := range strings.Split(stderr, "\n") {
		var rec struct{ Alvor, Msg string }
		if json.Unmarshal([]byte(line), &rec) == nil && rec.Alvor == "feil" {
			return rec.Msg
		}
	}
	return ""
}

func sortProblems(ps []wantProblem) {
	sort.Slice(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		return a.severity+a.kind+a.file+a.sheet+a.cell < b.severity+b.kind+b.file+b.sheet+b.cell
	})
}

func equalProblems(a, b []wantProblem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func onlyWarnings(ps []wantProblem) bool {
	for _, p := range ps {
		if p.severity != "advarsel" {
			return false
		}
	}
	return true
}

// firstDiff shows the first line where two texts differ.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, la[i], lb[i])
		}
	}
	return "one is a prefix of the other"
}
