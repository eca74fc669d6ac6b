package data

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// testIdentityNumber is a generated, valid national identity number.
var testIdentityNumber = func() string {
	for i := 100; ; i++ {
		if n := makeIdentityNumber("150385", itoa(i), 0); n != "" {
			return n
		}
	}
}()

const (
	msgMissingStatusChoices = "bor i boligen, flyttet til annen eid bolig, solgt og leier, tvangssalg, ukjent"
)

func TestReadDirPlantedMistakes(t *testing.T) {
	e := func(kind, sheet, cell, column, value, msg string) Problem {
		return Problem{Severity: Error, Kind: kind, File: "a.xlsx", Sheet: sheet, Cell: cell, Column: column, Value: value, Message: msg}
	}
	w := func(kind, sheet, cell, column, value, msg string) Problem {
		p := e(kind, sheet, cell, column, value, msg)
		p.Severity = Warning
		return p
	}
	n := func(kind, sheet, cell, column, value, msg string) Problem {
		p := e(kind, sheet, cell, column, value, msg)
		p.Severity = Note
		return p
	}
	cases := []struct {
		name   string
		change func(s []testSheet) []testSheet
		want   Problems
	}{
		{"valid", func(s []testSheet) []testSheet { return s }, nil},
		{"names with other spelling", func(s []testSheet) []testSheet {
			find(s, "Familier").name = "FAMILIER"
			find(s, "Kjøp").name = "kjop"
			find(s, "SSB-leie").name = "ssb_leie"
			set(s, "kjop", "H1", "husleie_FOR")
			set(s, "Barn", "B1", "Fodselsar")
			set(s, "ssb_leie", "C1", " Maanedsleie ") // "aa" is the keyboard spelling of "å"
			return s
		}, nil},
		{"wrong kind", func(s []testSheet) []testSheet { set(s, "Kjøp", "C2", "abc"); return s },
			Problems{e(KindWrongValue, "Kjøp", "C2", "Kjøpesum", "abc", "«abc» er ikke et tall.")}},
		// A TRUE/FALSE cell is stored as 1/0: read raw, a ticked box in
		// Startlån would become a loan of 1 kr without a word.
		{"boolean cell in number column", func(s []testSheet) []testSheet { set(s, "Kjøp", "D2", true); return s },
			Problems{e(KindWrongValue, "Kjøp", "D2", "Startlån", "SANN", "«SANN» er ikke et tall.")}},
		{"LibreOffice TRUE() in number column", func(s []testSheet) []testSheet {
			set(s, "Kjøp", "D2", excelize.Cell{Formula: "TRUE()", Value: 1})
			return s
		}, Problems{e(KindWrongValue, "Kjøp", "D2", "Startlån", "SANN", "«SANN» er ikke et tall.")}},
		{"false cell in number column", func(s []testSheet) []testSheet { set(s, "Kjøp", "H2", false); return s },
			Problems{e(KindWrongValue, "Kjøp", "H2", "Husleie før", "USANN", "«USANN» er ikke et tall.")}},
		{"ambiguous number", func(s []testSheet) []testSheet { set(s, "Kjøp", "H2", "14.000"); return s },
			Problems{e(KindAmbiguousValue, "Kjøp", "H2", "Husleie før", "14.000",
				"«14.000» er tvetydig: det kan bety tusen eller desimaler; skriv tusenskille med mellomrom (1 685) og desimaler med komma (1,685).")}},
		{"bad date", func(s []testSheet) []testSheet { set(s, "Kjøp", "B2", "31.06.2016"); return s },
			Problems{e(KindWrongValue, "Kjøp", "B2", "Kjøpsdato", "31.06.2016", "«31.06.2016» er ikke en gyldig dato: skriv for eksempel 30.09.2024.")}},
		{"bad year", func(s []testSheet) []testSheet { set(s, "Barn", "B2", "08"); return s },
			Problems{e(KindWrongValue, "Barn", "B2", "Fødselsår", "08", "«08» er ikke et årstall med fire sifre.")}},
		{"unknown list value", func(s []testSheet) []testSheet { set(s, "Familier", "E2", "bor i bolig"); return s },
			Problems{e(KindUnknownValue, "Familier", "E2", "Status", "bor i bolig",
				"«bor i bolig» er ikke en tillatt verdi for Status; tillatt er: "+msgMissingStatusChoices+".")}},
		{"list value in other case", func(s []testSheet) []testSheet { set(s, "Familier", "E2", "Bor  i Boligen"); return s }, nil},
		{"Del 3", func(s []testSheet) []testSheet { set(s, "Familier", "B3", 3); return s },
			Problems{e(KindUnknownValue, "Familier", "B3", "Del", "3", "«3» er ikke en tillatt verdi for Del; tillatt er: 1, 2.")}},
		{"rooms 0", func(s []testSheet) []testSheet { set(s, "Kjøp", "E2", 0); return s },
			Problems{e(KindTooSmall, "Kjøp", "E2", "Rom", "0", "Rom må være minst 1, ikke 0.")}},
		{"required value blank", func(s []testSheet) []testSheet { set(s, "Kjøp", "B2", nil); return s },
			Problems{e(KindMissingValue, "Kjøp", "B2", "Kjøpsdato", "", "Kjøpsdato mangler; cellen må fylles ut.")}},
		{"duplicate FamilieID", func(s []testSheet) []testSheet { addRow(s, "Familier", "F001", 2); return s },
			Problems{e(KindDuplicateID, "Familier", "A4", "FamilieID", "F001", "FamilieID F001 finnes allerede i celle A2; hver familie skal ha én rad.")}},
		{"FamilieID not in Familier", func(s []testSheet) []testSheet { set(s, "Barn", "A3", "F999"); return s },
			Problems{e(KindUnknownID, "Barn", "A3", "FamilieID", "F999", "FamilieID F999 finnes ikke i arket Familier.")}},
		{"purchase before enrolment", func(s []testSheet) []testSheet { set(s, "Familier", "C2", "01.07.2016"); return s },
			Problems{e(KindBuyBeforeEnrolment, "Kjøp", "B2", "Kjøpsdato", "15.06.2016", "Kjøpsdatoen 15.06.2016 er før familien F001 ble innmeldt (01.07.2016).")}},
		{"status date before purchase", func(s []testSheet) []testSheet {
			set(s, "Familier", "E2", "solgt og leier")
			set(s, "Familier", "F2", "01.01.2016")
			return s
		}, Problems{e(KindStatusBeforeBuy, "Familier", "F2", "Statusdato", "01.01.2016", "Statusdatoen 01.01.2016 er før familien F001 kjøpte boligen (15.06.2016).")}},
		{"date later than today", func(s []testSheet) []testSheet { set(s, "Familier", "C3", "2042-05-01"); return s },
			Problems{e(KindFuture, "Familier", "C3", "Innmeldt", "01.05.2042", "Datoen 01.05.2042 er senere enn i dag (01.10.2024); sjekk årstallet.")}},
		{"birth year later than today", func(s []testSheet) []testSheet { set(s, "Barn", "B4", 2042); return s },
			Problems{e(KindFuture, "Barn", "B4", "Fødselsår", "2042", "Fødselsåret 2042 er senere enn i år (2024); sjekk årstallet.")}},
		{"negative amount", func(s []testSheet) []testSheet { set(s, "Kjøp", "H2", "-14 000"); return s },
			Problems{e(KindNegative, "Kjøp", "H2", "Husleie før", "-14000", "Husleie før kan ikke være negativ (−14 000 kr).")}},
		{"start loan above price", func(s []testSheet) []testSheet { set(s, "Kjøp", "D2", 4000000); return s },
			Problems{e(KindLoanAbovePrice, "Kjøp", "D2", "Startlån", "4000000", "Startlånet (4 000 000 kr) er større enn kjøpesummen (3 350 000 kr).")}},
		{"status missing", func(s []testSheet) []testSheet { set(s, "Familier", "E2", nil); return s },
			Problems{e(KindMissingStatus, "Familier", "E2", "Status", "", "Familien F001 har kjøpt bolig, så Status må fylles ut ("+msgMissingStatusChoices+").")}},
		{"status date missing", func(s []testSheet) []testSheet { set(s, "Familier", "E2", "tvangssalg"); return s },
			Problems{e(KindMissingStatusDate, "Familier", "F2", "Statusdato", "", "Statusdato må fylles ut når status er «tvangssalg».")}},
		{"unknown parameter", func(s []testSheet) []testSheet {
			addRow(s, "Forutsetninger", "Kostnad per ungdom", "16 000 000", "typo")
			return s
		}, Problems{e(KindUnknownParam, "Forutsetninger", "A4", "Parameter", "Kostnad per ungdom",
			"«Kostnad per ungdom» er ikke en kjent forutsetning; skriv navnet som i malen: "+knownParamNames()+".")}},
		// A number in Evalueringsdato reads as an Excel day number: «5»
		// would make every figure as of 5 January 1900.
		{"evaluation date as a small number", func(s []testSheet) []testSheet { set(s, "Forutsetninger", "B2", "5"); return s },
			Problems{e(KindOldDate, "Forutsetninger", "B2", "Verdi", "05.01.1900", "Evalueringsdato 05.01.1900 er før 01.01.1990; sjekk datoen.")}},
		{"evaluation date number cell", func(s []testSheet) []testSheet { set(s, "Forutsetninger", "B2", 100); return s },
			Problems{e(KindOldDate, "Forutsetninger", "B2", "Verdi", "09.04.1900", "Evalueringsdato 09.04.1900 er før 01.01.1990; sjekk datoen.")}},
		// A mistyped year (2201 for 2021) would count every family as of
		// a day long after the data ends.
		{"evaluation date after today", func(s []testSheet) []testSheet { set(s, "Forutsetninger", "B2", "30.09.2201"); return s },
			Problems{e(KindFuture, "Forutsetninger", "B2", "Verdi", "30.09.2201", "Evalueringsdato 30.09.2201 er senere enn i dag (01.10.2024); sjekk årstallet."),
				// The SSB checks follow the date as given.
				Problem{Severity: Warning, Kind: KindSSBGap, Sheet: "SSB-leie", Column: "År",
					Message: "SSB-leie mangler månedsleie for 4 rom for årene 2022–2200; dataene trenger alle år fra 2016 til 2200."},
				Problem{Severity: Warning, Kind: KindSSBGap, Sheet: "SSB-prisindeks", Column: "År",
					Message: "SSB-prisindeks mangler årene 2022–2200; dataene trenger alle år fra 2016 til 2200."}}},
		{"bad parameter value", func(s []testSheet) []testSheet { set(s, "Forutsetninger", "B3", "5"); return s },
			Problems{e(KindBadParam, "Forutsetninger", "B3", "Verdi", "5",
				"«5» er ikke en andel (for eksempel 5 % eller 0,05), som Andel barn som unngår utenforskap (basis) skal være.")}},
		{"identity number in an unknown sheet", func(s []testSheet) []testSheet {
			return append(s, testSheet{"Notater", [][]any{{"Notat"}, {"ok", "mor: " + testIdentityNumber}}})
		}, Problems{
			n(KindUnknownSheet, "Notater", "", "", "", "Arket er ikke en del av malen og blir ikke brukt (det er likevel kontrollert for fødselsnumre)."),
			e(KindIdentityNumber, "Notater", "B2", "", "", "Cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte."),
		}},
		{"identity number as FamilieID", func(s []testSheet) []testSheet { set(s, "Familier", "A3", testIdentityNumber); return s },
			Problems{
				e(KindIdentityNumber, "Familier", "A3", "", "", "Cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte."),
				e(KindUnknownID, "Barn", "A4", "FamilieID", "F002", "FamilieID F002 finnes ikke i arket Familier."),
			}},
		{"identity number in Forutsetninger header", func(s []testSheet) []testSheet { set(s, "Forutsetninger", "D1", testIdentityNumber); return s },
			Problems{e(KindIdentityNumber, "Forutsetninger", "D1", "", "", "Cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte.")}},
		{"child 18 in purchase year", func(s []testSheet) []testSheet { set(s, "Barn", "B2", 1998); return s },
			Problems{w(KindChildAdult, "Barn", "B2", "Fødselsår", "1998", "Barnet fylte 18 år i kjøpsåret 2016; sjekk fødselsåret (barn er under 18).")}},
		{"price per m2", func(s []testSheet) []testSheet { set(s, "Kjøp", "F2", 20); return s },
			Problems{w(KindPricePerM2, "Kjøp", "C2", "Kjøpesum", "3350000", "Kjøpesum delt på BRA gir 167 500 kr per m², utenfor det vanlige (10 000–150 000); sjekk Kjøpesum og BRA.")}},
		{"purchase without children", func(s []testSheet) []testSheet { dropRow(s, "Barn", 2); dropRow(s, "Barn", 2); return s },
			Problems{w(KindNoChildren, "Familier", "A2", "FamilieID", "F001", "Familien F001 har kjøpt bolig, men har ingen barn i arket Barn.")}},
		{"two purchases", func(s []testSheet) []testSheet {
			addRow(s, "Kjøp", "F001", "01.02.2018", 4000000, nil, 4)
			return s
		}, Problems{w(KindSeveralPurchases, "Kjøp", "B3", "Kjøpsdato", "01.02.2018",
			"Familien F001 har flere kjøp; det tidligste (15.06.2016) regnes som prosjektkjøpet, og dette blir ikke brukt i beregningene.")}},
		{"SSB gap", func(s []testSheet) []testSheet {
			dropRow(s, "SSB-prisindeks", 4)
			dropRow(s, "SSB-prisindeks", 4)
			return s
		},
			Problems{{Severity: Warning, Kind: KindSSBGap, Sheet: "SSB-prisindeks", Column: "År",
				Message: "SSB-prisindeks mangler årene 2018–2019; dataene trenger alle år fra 2016 til 2020."}}},
		{"missing required column", func(s []testSheet) []testSheet {
			k := find(s, "Kjøp")
			for i := range k.rows {
				k.rows[i] = append(k.rows[i][:2:2], k.rows[i][3:]...)
			}
			return s
		}, Problems{e(KindMissingColumn, "Kjøp", "rad 1", "Kjøpesum", "", "Mangler kolonnen Kjøpesum i overskriftsraden (rad 1).")}},
		{"missing required sheet", func(s []testSheet) []testSheet { return dropSheet(s, "Barn") },
			Problems{
				{Severity: Error, Kind: KindMissingSheet, Sheet: "Barn", Message: "Finner ikke arket Barn i noen av arbeidsbøkene i mappen."},
				followsOn(w(KindNoChildren, "Familier", "A2", "FamilieID", "F001", "Familien F001 har kjøpt bolig, men har ingen barn i arket Barn.")),
			}},
		{"extra column and blank rows", func(s []testSheet) []testSheet {
			set(s, "Barn", "C1", "Kommentar")
			addRow(s, "Barn")
			addRow(s, "Barn", "  ", nil)
			addRow(s, "Barn", "F002", 2017)
			return s
		}, Problems{n(KindExtraColumns, "Barn", "rad 1", "", "", "Disse kolonnene er ikke i malen og blir ikke brukt: «Kommentar» (C).")}},
		{"header below blank rows", func(s []testSheet) []testSheet {
			b := find(s, "Barn")
			b.rows = append([][]any{{}, {}}, b.rows...)
			set(s, "Barn", "B5", "x")
			return s
		}, Problems{e(KindWrongValue, "Barn", "B5", "Fødselsår", "x", "«x» er ikke et årstall med fire sifre.")}},
		{"duplicate column", func(s []testSheet) []testSheet { set(s, "Barn", "C1", "fødselsår"); return s },
			Problems{e(KindDuplicateCol, "Barn", "C1", "Fødselsår", "fødselsår", "Kolonnen Fødselsår finnes også i kolonne B; fjern den ene.")}},
		{"sheet twice in one file", func(s []testSheet) []testSheet {
			return append(s, testSheet{"Barn_", [][]any{{"FamilieID", "Fødselsår"}}})
		}, Problems{e(KindDuplicateSheet, "Barn_", "", "", "", "Arket Barn finnes to ganger: her og som «Barn» også i samme fil; samle radene i ett ark, og slett det andre.")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeBook(t, dir, "a.xlsx", c.change(clone(goodSheets()))...)
			_, got, err := ReadDir(dir, ReadOptions{Today: testToday})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", dump(got), dump(c.want))
			}
		})
	}
}

func dump(ps Problems) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString("  " + p.Severity.String() + " " + p.Kind + " [" + p.File + "|" + p.Sheet + "|" + p.Cell + "|" + p.Column + "|" + p.Value + "] " + p.Message + "\n")
	}
	return b.String()
}

func TestReadDirDataset(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, dir, "a.xlsx", goodSheets()...)
	ds, ps, err := ReadDir(dir, ReadOptions{Today: testToday})
	if err != nil || len(ps) != 0 {
		t.Fatalf("ReadDir: %v, %s", err, dump(ps))
	}
	letters := map[string]string{"FamilieID": "A", "Del": "B", "Innmeldt": "C", "Husholdning": "D", "Status": "E", "Statusdato": "F", "Flyttinger før": "G"}
	three := 3
	wantFamilies := []Family{
		{ID: "F001", Phase: 1, Enrolled: DayOf(Date{2016, 3, 1}), Household: HouseholdSingleParent, Status: StatusLivesInHome, MovesBefore: &three,
			At: NewLoc("a.xlsx", "Familier", 2, letters)},
		{ID: "F002", Phase: 2, Enrolled: DayOf(Date{2019, 5, 1}), Household: HouseholdTwoParents,
			At: NewLoc("a.xlsx", "Familier", 3, letters)},
	}
	if !reflect.DeepEqual(ds.Families, wantFamilies) {
		t.Errorf("families = %+v\nwant %+v", ds.Families, wantFamilies)
	}
	p := ds.Purchases[0]
	if p.Price.String() != "3350000" || p.StartLoan.String() != "3000000" || p.Rooms != 4 || p.Area.String() != "89" ||
		p.MonthlyCosts.String() != "12500" || p.RentBefore.String() != "14000" || p.Date.Date() != (Date{2016, 6, 15}) {
		t.Errorf("purchase = %+v", p)
	}
	if got := len(ds.Children); got != 3 {
		t.Errorf("%d children, want 3", got)
	}
	if ds.PriceIndex[1].Index.String() != "104.2" || ds.PriceIndex[2].Index.String() != "103.1" {
		t.Errorf("price index = %+v", ds.PriceIndex)
	}
	a := ds.Assumptions
	if a.EvaluationDate != (Date{2021, 9, 30}) || a.ShareBase.String() != "0.05" || a.CostPerPerson.String() != "16400000" || a.SmallCount != 3 {
		t.Errorf("assumptions = %+v", a)
	}
	if a.Params[5].Value != "5 %" || a.Params[5].Source != "Evalueringen 2021" || a.Params[5].At.Row != 3 {
		t.Errorf("basis share parameter = %+v", a.Params[5])
	}
	f := ds.Files[0]
	wantSheets := []SheetCount{{"Familier", 2}, {"Barn", 3}, {"Kjøp", 1}, {"SSB-leie", 6}, {"SSB-prisindeks", 6}, {"Forutsetninger", 2}}
	if f.Name != "a.xlsx" || len(f.SHA256) != 64 || f.Size == 0 || !reflect.DeepEqual(f.Sheets, wantSheets) {
		t.Errorf("file = %+v", f)
	}
}

func TestReadDirFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "fil.xlsx")
	writeFile(t, file, []byte("x"))
	empty := t.TempDir()
	writeFile(t, filepath.Join(empty, "les meg.txt"), []byte("notater"))
	cases := []struct{ dir, want string }{
		{filepath.Join(dir, "finnes-ikke"), "Finner ikke mappen «" + filepath.Join(dir, "finnes-ikke") + "»."},
		{file, "«" + file + "» er ikke en mappe; oppgi mappen som har arbeidsbøkene."},
		{empty, "Mappen «" + empty + "» har ingen Excel-arbeidsbøker (.xlsx)."},
	}
	for _, c := range cases {
		_, _, err := ReadDir(c.dir, ReadOptions{Today: testToday})
		fe, ok := err.(*FileError)
		if !ok || fe.Message != c.want {
			t.Errorf("ReadDir(%s) error = %v; want %q", c.dir, err, c.want)
		}
	}
}

func TestReadDirTwoFiles(t *testing.T) {
	dir := t.TempDir()
	sheets := goodSheets()
	writeBook(t, dir, "a.xlsx", sheets[:3]...)
	writeBook(t, dir, "b.xlsx", sheets[3:]...)
	writeBook(t, dir, "c.xlsx", testSheet{"barn", [][]any{{"FamilieID", "Fødselsår"}, {"F002", 2016}}})
	// Lock files and other files are ignored; other spreadsheet formats are refused.
	writeFile(t, filepath.Join(dir, "~$a.xlsx"), []byte("lock"))
	writeFile(t, filepath.Join(dir, ".~lock.a.xlsx#"), []byte("lock"))
	writeFile(t, filepath.Join(dir, "notat.txt"), []byte("hei"))
	writeFile(t, filepath.Join(dir, "gammel.xls"), []byte("x"))
	writeFile(t, filepath.Join(dir, "eksport.csv"), []byte("a;b"))
	ds, ps, err := ReadDir(dir, ReadOptions{Today: testToday, Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := Problems{
		{Severity: Error, Kind: KindWrongFileType, File: "eksport.csv", Message: "Filen er lagret som CSV-tekst (.csv); åpne den i Excel eller LibreOffice og lagre den som Excel-arbeidsbok (.xlsx)."},
		{Severity: Error, Kind: KindWrongFileType, File: "gammel.xls", Message: "Filen er lagret som Excel 97–2003 (.xls); åpne den i Excel eller LibreOffice og lagre den som Excel-arbeidsbok (.xlsx)."},
		{Severity: Error, Kind: KindDuplicateSheet, File: "c.xlsx", Sheet: "barn", Message: "Arket Barn finnes to ganger: her og som «Barn» i a.xlsx; samle radene i ett ark, og slett det andre."},
	}
	if !reflect.DeepEqual(ps, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", dump(ps), dump(want))
	}
	var names []string
	for _, f := range ds.Files {
		names = append(names, f.Name)
	}
	if strings.Join(names, ",") != "a.xlsx,b.xlsx,c.xlsx" || len(ds.Children) != 3 {
		t.Errorf("files %v, %d children", names, len(ds.Children))
	}
}

// TestReadDirDeterministic reads the same folder with one and several
// workers and expects equal results.
func TestReadDirDeterministic(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"1.xlsx", "2.xlsx", "3.xlsx", "4.xlsx"} {
		s := clone(goodSheets())
		for i := range s {
			s[i].name += " " + name[:1] // four different (unknown) sheet sets
		}
		writeBook(t, dir, name, s...)
	}
	writeBook(t, dir, "5.xlsx", goodSheets()...)
	ds1, ps1, _ := ReadDir(dir, ReadOptions{Today: testToday, Workers: 1})
	for i := 0; i < 5; i++ {
		ds2, ps2, _ := ReadDir(dir, ReadOptions{Today: testToday, Workers: 4})
		if !reflect.DeepEqual(ds1, ds2) || !reflect.DeepEqual(ps1, ps2) {
			t.Fatal("results differ between runs")
		}
	}
	_ = os.Remove
}

// A fødselsnummer in a cell's comment or in a defined name stops the run
// as one in a cell does, and is never repeated.
func TestReadDirIdentityOutsideCells(t *testing.T) {
	cases := []struct {
		name string
		add  func(f *excelize.File) error
		want Problems
	}{
		{"comment", func(f *excelize.File) error {
			return f.AddComment("Familier", excelize.Comment{Cell: "B3", Author: "saksbehandler", Text: "mor: " + testIdentityNumber})
		}, Problems{{Severity: Error, Kind: KindIdentityNumber, File: "a.xlsx", Sheet: "Familier", Cell: "B3",
			Message: "Kommentaren til cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte."}}},
		{"rich-text comment", func(f *excelize.File) error {
			return f.AddComment("Kjøp", excelize.Comment{Cell: "C2", Author: "NAV",
				Paragraph: []excelize.RichTextRun{{Text: "Kjøper: "}, {Text: testIdentityNumber}}})
		}, Problems{{Severity: Error, Kind: KindIdentityNumber, File: "a.xlsx", Sheet: "Kjøp", Cell: "C2",
			Message: "Kommentaren til cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte."}}},
		{"harmless comment", func(f *excelize.File) error {
			return f.AddComment("Familier", excelize.Comment{Cell: "A2", Author: "NAV", Text: "Saksnummer 2016/1234, tlf. 67 50 40 00"})
		}, nil},
		{"defined name", func(f *excelize.File) error {
			return f.SetDefinedName(&excelize.DefinedName{Name: "Mor", RefersTo: `="` + testIdentityNumber + `"`})
		}, Problems{{Severity: Error, Kind: KindIdentityNumber, File: "a.xlsx",
			Message: "Et definert navn i arbeidsboken (Formler → Navnebehandling) inneholder et gyldig fødselsnummer eller D-nummer; fjern det."}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := writeBook(t, dir, "a.xlsx", goodSheets()...)
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.add(f); err != nil {
				t.Fatal(err)
			}
			if err := f.Save(); err != nil {
				t.Fatal(err)
			}
			f.Close()
			_, got, err := ReadDir(dir, ReadOptions{Today: testToday})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", dump(got), dump(c.want))
			}
			for _, p := range got {
				if strings.Contains(p.Message+p.Value, testIdentityNumber) {
					t.Errorf("a problem repeats the number: %+v", p)
				}
			}
		})
	}
}

// A panic while decoding rows is a problem with the file, as a panic in
// excelize is, and never leaves the reader waiting for a decoder that
// stopped: the sheet here has many more rows than the decoder's queue.
func TestReadDirDecoderPanic(t *testing.T) {
	sheets := goodSheets()
	fam := &sheets[0]
	for i := range 5000 {
		fam.rows = append(fam.rows, []any{"X" + itoa(i), 1, "01.03.2016", nil, nil, nil, nil})
	}
	dir := t.TempDir()
	writeBook(t, dir, "a.xlsx", sheets...)
	saved := decoders[SheetFamilies]
	decoders[SheetFamilies] = func(r *rowCtx, ds *Dataset) {
		if r.row == 300 {
			panic("decoder bug")
		}
		saved(r, ds)
	}
	defer func() { decoders[SheetFamilies] = saved }()

	done := make(chan Problems, 1)
	go func() {
		_, ps, _ := ReadDir(dir, ReadOptions{Today: testToday})
		done <- ps
	}()
	select {
	case ps := <-done:
		want := Problems{{Severity: Error, Kind: KindUnreadable, File: "a.xlsx",
			Message: "Filen kunne ikke leses; den kan være skadet. Åpne den i Excel eller LibreOffice og lagre den på nytt som .xlsx."}}
		if !reflect.DeepEqual(ps[:1], want) {
			t.Errorf("problems:\n%s\nwant first:\n%s", dump(ps), dump(want))
		}
	case <-time.After(30 * time.Second):
		t.Fatal("ReadDir did not return after a panic in the decoder")
	}
}

// followsOn marks a problem as following from an earlier one.
func followsOn(p Problem) Problem {
	p.FollowsOn = true
	return p
}
