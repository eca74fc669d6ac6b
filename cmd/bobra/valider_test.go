package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// plantedBook writes a workbook with one mistake of each common kind, and
// returns the lines valider must print for them.
func plantedBook(t *testing.T, dir string) []string {
	t.Helper()
	sheets := []struct {
		name string
		rows [][]any
	}{
		{"Familier", [][]any{
			{"FamilieID", "Del", "Innmeldt", "Husholdning", "Status", "Statusdato"},
			{"F001", 1, "01.03.2016", "enslig forsørger", "bor i boligen"},
			{"F002", 3, "01.05.2019", "to foreldre"},                 // Del 3
			{"F001", 2, "01.05.2019", "to foreldre"},                 // duplicate id
			{"F004", 2, "01.05.2019", "besteforeldre", "tvangssalg"}, // unknown household, missing Statusdato
		}},
		{"Barn", [][]any{{"FamilieID", "Fødselsår"}, {"F001", 2008}, {"F009", 2010}, {"F004", 2042}}},
		{"Kjøp", [][]any{
			{"FamilieID", "Kjøpsdato", "Kjøpesum", "Startlån", "Rom"},
			{"F001", "15.06.2016", "kr 3 350 000,-", "4 000 000", 4}, // loan above price
			{"F004", "31.02.2020", "3.350.000", nil, 3},              // no such date
		}},
		{"Forutsetninger", [][]any{{"Parameter", "Verdi"}, {"Kostnad per ungdom", "16 000 000"}}},
		{"Notater", [][]any{{"mor", "15038510190"}}},
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else {
			f.NewSheet(s.name)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			f.SetSheetRow(s.name, cell, &row)
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "data.xlsx")); err != nil {
		t.Fatal(err)
	}
	return []string{
		"feil: data.xlsx, ark Familier, celle B3 (Del): «3» er ikke en tillatt verdi for Del; tillatt er: 1, 2.",
		"feil: data.xlsx, ark Familier, celle A4 (FamilieID): FamilieID F001 finnes allerede i celle A2; hver familie skal ha én rad.",
		"feil: data.xlsx, ark Familier, celle D5 (Husholdning): «besteforeldre» er ikke en tillatt verdi for Husholdning; tillatt er: enslig forsørger, to foreldre.",
		"feil: data.xlsx, ark Barn, celle A3 (FamilieID): FamilieID F009 finnes ikke i arket Familier.",
		"feil: data.xlsx, ark Barn, celle B4 (Fødselsår): Fødselsåret 2042 er senere enn i år",
		"feil: data.xlsx, ark Kjøp, celle D2 (Startlån): Startlånet (4 000 000 kr) er større enn kjøpesummen (3 350 000 kr).",
		"feil: data.xlsx, ark Kjøp, celle B3 (Kjøpsdato): «31.02.2020» er ikke en gyldig dato: skriv for eksempel 30.09.2024.",
		"feil: data.xlsx, ark Forutsetninger, celle A2 (Parameter): «Kostnad per ungdom» er ikke en kjent forutsetning",
		"merknad: data.xlsx, ark Notater: Arket er ikke en del av malen",
		"feil: data.xlsx, ark Notater, celle B1: Cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det",
	}
}

func TestValiderPlantedMistakes(t *testing.T) {
	dir := t.TempDir()
	want := plantedBook(t, dir)
	code, out, errOut := runCmd("valider", "--data", dir)
	if code != exitData {
		t.Errorf("exit code %d, want %d; stderr %s", code, exitData, errOut)
	}
	lines := strings.Split(out, "\n")
	for _, w := range want {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing line %q in:\n%s", w, out)
		}
	}
	if strings.Contains(out, "15038510190") || strings.Contains(out, "150385") {
		t.Errorf("output shows digits of the identity number:\n%s", out)
	}
	// Sorted by file, sheet (contract order) and row.
	if strings.Index(out, "ark Familier") > strings.Index(out, "ark Barn") || strings.Index(out, "ark Barn") > strings.Index(out, "ark Kjøp") {
		t.Errorf("problems not in sheet order:\n%s", out)
	}
	if !strings.Contains(out, "Resultat: ") || !strings.HasSuffix(out, "Rett feilene og kjør på nytt.\n") {
		t.Errorf("no summary line:\n%s", out)
	}
}

func TestValiderExitCodes(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "finnes-ikke")
	cases := []struct {
		args   []string
		code   int
		stdout string // a line the output starts with or contains
		stderr string
	}{
		{[]string{"valider"}, exitOK, "Kontrollerer de innebygde eksempeldataene", ""},
		{[]string{"valider", "--data", missing}, exitUsage, "", "bobra valider: Finner ikke mappen «" + missing + "»."},
		{[]string{"valider", "--ukjent"}, exitUsage, "", "bobra valider: ukjent flagg «--ukjent»"},
		{[]string{"valider", "--data"}, exitUsage, "", "bobra valider: flagget «--data» trenger en verdi"},
		{[]string{"valider", "mappe"}, exitUsage, "", "bobra valider: ukjent argument «mappe»"},
		{[]string{"valider", "--help"}, exitOK, "Bruk: bobra valider [--data MAPPE]", ""},
	}
	for _, c := range cases {
		code, out, errOut := runCmd(c.args...)
		if code != c.code || !strings.Contains(out, c.stdout) || !strings.Contains(errOut, c.stderr) {
			t.Errorf("bobra %v = %d\nstdout: %s\nstderr: %s\nwant %d, %q, %q", c.args, code, out, errOut, c.code, c.stdout, c.stderr)
		}
	}
}

// TestValiderBinary runs the real binary on a good folder (exit 0), a
// folder with mistakes (exit 1) and bad files (exit 1, no crash).
func TestValiderBinary(t *testing.T) {
	good := t.TempDir()
	if r := bobra(t, good, "eksempel", "--ut", good); r.code != 0 {
		t.Fatalf("eksempel: %d %s", r.code, r.stderr)
	}
	if r := bobra(t, good, "valider", "--data", good); r.code != exitOK || !strings.Contains(r.stdout, "Dataene kan brukes") {
		t.Errorf("valider on the sample's workbooks = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	planted := t.TempDir()
	plantedBook(t, planted)
	if r := bobra(t, planted, "valider", "--data", planted); r.code != exitData {
		t.Errorf("valider on planted mistakes = %d\n%s", r.code, r.stdout)
	}
	bad := t.TempDir()
	for _, name := range []string{"tom.xlsx", "ikke-zip.xlsx", "xls-omdopt.xlsx", "ods-omdopt.xlsx", "csv-omdopt.xlsx"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "data", "testdata", "bad", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(bad, name), b, 0o644)
	}
	r := bobra(t, bad, "valider", "--data", bad)
	if r.code != exitData {
		t.Errorf("valider on bad files = %d\n%s", r.code, r.stdout)
	}
	for _, name := range []string{"tom.xlsx", "ikke-zip.xlsx", "xls-omdopt.xlsx", "ods-omdopt.xlsx", "csv-omdopt.xlsx"} {
		if !strings.Contains(r.stdout, "feil: "+name+": Filen ") {
			t.Errorf("no error line for %s:\n%s", name, r.stdout)
		}
	}
}
