package data

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"bobra/internal/editdist"
)

// newTestState is a contract sheet about to be read from a.xlsx.
func newTestState(t *testing.T, sheet string) *sheetState {
	t.Helper()
	spec, ok := sheetSpec(Contract(), sheet)
	if !ok {
		t.Fatalf("no sheet %s", sheet)
	}
	return &sheetState{origin: &origin{file: "a.xlsx", sheet: sheet, cols: map[string]string{}}, spec: spec, data: &Dataset{}}
}

// feed gives the state its rows, numbered from 1 (nil rows are blank and
// never reach it, as in readSheet), and ends the sheet.
func feed(s *sheetState, rows [][]string) Problems {
	var ps Problems
	for i, r := range rows {
		if r != nil {
			ps = append(ps, s.take(testRow(i+1, r))...)
		}
	}
	return append(ps, s.finish()...)
}

// testRow is a row numbered num; a cell written "Σ12" holds 12 as the
// result of a sum formula.
func testRow(num int, cells []string) heldRow {
	h := heldRow{num: num, cells: append([]string(nil), cells...)}
	for i, c := range h.cells {
		if v, ok := strings.CutPrefix(c, "Σ"); ok {
			if h.sums == nil {
				h.sums = make([]bool, len(cells))
			}
			h.cells[i], h.sums[i] = v, true
		}
	}
	return h
}

// brief lists problems as "kind@cell", in order.
func brief(ps Problems) string {
	var out []string
	for _, p := range ps.Sorted() {
		out = append(out, fmt.Sprintf("%s %s@%s", p.Severity, p.Kind, p.Cell))
	}
	return strings.Join(out, "; ")
}

func TestTableShape(t *testing.T) {
	header := []string{"FamilieID", "Fødselsår"}
	kid := func(id, year string) []string { return []string{id, year} }
	cases := []struct {
		name     string
		rows     [][]string
		problems string
		children []string // FamilieID and row of each child read
	}{
		{"clean", [][]string{header, kid("F1", "2010"), kid("F2", "2012")}, "", []string{"F1@2", "F2@3"}},
		{"title and blank rows above", [][]string{{"Barn i prosjektet"}, nil, {"Oppdatert 01.03.2024"}, header, kid("F1", "2010")},
			"merknad hoppet-over-rader@rad 1", []string{"F1@5"}},
		{"eleven blank rows above", [][]string{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, header, kid("F1", "2010")}, "", []string{"F1@13"}},
		{"table further right", [][]string{{"", "", "FamilieID", "Fødselsår"}, {"", "", "F1", "2010"}}, "", []string{"F1@2"}},
		{"totals and notes below", [][]string{header, kid("F1", "2010"), {"Sum", "1"}, {"Kilde: fagsystemet"}, {"Tallene er fra mars i år"}},
			"merknad hoppet-over-rader@rad 3", []string{"F1@2"}},
		{"a total inside the data", [][]string{header, kid("F1", "2010"), {"Sum 2016", "1"}, kid("F2", "2012")},
			"feil sumrad-i-data@A3", []string{"F1@2", "F2@4"}},
		{"sum formulas without a label below", [][]string{header, kid("F1", "2010"), {"", "Σ4022"}, {"Kilde: fagsystemet"}},
			"merknad hoppet-over-rader@rad 3", []string{"F1@2"}},
		{"sum formulas without a label inside the data", [][]string{header, kid("F1", "2010"), {"", "Σ2010"}, kid("F2", "2012")},
			"feil sumrad-i-data@B3", []string{"F1@2", "F2@4"}},
		{"a sum formula beside a value is data", [][]string{header, {"F1", "Σ2010"}},
			"", []string{"F1@2"}},
		{"a note inside the data is a row", [][]string{header, kid("F1", "2010"), {"Merk: se under"}, kid("F2", "2012")},
			"feil mangler-verdi@B3", []string{"F1@2", "Merk: se under@3", "F2@4"}},
		{"a repeated header", [][]string{header, kid("F1", "2010"), header, kid("F2", "2012")},
			"merknad hoppet-over-rader@rad 3", []string{"F1@2", "F2@4"}},
		{"data under an empty header", [][]string{header, {"F1", "2010", "tvilling"}, {"F2", "2012", "x"}},
			"feil data-uten-overskrift@C2", []string{"F1@2", "F2@3"}},
		{"a lone ID is a row, not a note", [][]string{header, kid("F1", "2010"), {"F2"}},
			"feil mangler-verdi@B3", []string{"F1@2", "F2@3"}},
		{"no header in the first ten rows", [][]string{{"Barn"}, {"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}, {"g"}, {"h"}, {"i"}, header, kid("F1", "2010")},
			"feil mangler-overskriftsrad@rad 1", nil},
		{"the best row when none has every column", [][]string{{"Barn"}, {"FamilieID", "Født når"}, kid("F1", "2010")},
			"feil mangler-kolonne@rad 2; merknad hoppet-over-rader@rad 1", nil}, // «Født når» nearly names Født, a synonym
		{"a short sheet without a header", [][]string{{"Barn"}, {"F1"}}, "feil mangler-overskriftsrad@rad 1", nil},
		{"synonym and unit", [][]string{{"Familie nr.", "Født år (åååå)"}, kid("F1", "2010")}, "merknad kolonne-synonym@rad 1", []string{"F1@2"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newTestState(t, SheetChildren)
			ps := feed(s, c.rows)
			if got := brief(ps); got != c.problems {
				t.Errorf("problems:\n got %s\nwant %s\n%v", got, c.problems, ps)
			}
			var got []string
			for _, ch := range s.data.Children {
				got = append(got, fmt.Sprintf("%s@%d", ch.FamilyID, ch.At.Row))
			}
			if strings.Join(got, " ") != strings.Join(c.children, " ") {
				t.Errorf("children %v, want %v", got, c.children)
			}
		})
	}
}

// TestTableShapeMessages checks the sentences people read about skipped
// rows and headers.
// TestTableOpenColumns: a survey export whose headers are all statements
// has its first row as header, as before.
func TestTableOpenColumns(t *testing.T) {
	s := newTestState(t, SheetSurvey)
	ps := feed(s, [][]string{{"Jeg trives", "Barna trives"}, {"Helt enig", "Litt enig"}})
	for _, p := range ps {
		if p.Kind == KindMissingColumn {
			t.Errorf("the statements are the header: %v", p)
		}
	}
	if s.table.headerRow != 1 || len(s.extra) != 2 {
		t.Errorf("problems %v, header row %d, statements %v", ps, s.table.headerRow, s.extra)
	}
}

func TestTableShapeMessages(t *testing.T) {
	s := newTestState(t, SheetChildren)
	ps := feed(s, [][]string{{"Barn i prosjektet"}, {"Oppdatert 01.03.2024"}, {"FamilieID", "Fødselsår"}, {"F1", "2010"},
		{"Sum", "1"}, {"Kilde: fagsystemet"}})
	want := []string{
		"merknad: a.xlsx, ark Barn, rad 1: Radene 1–2 over overskriftsraden (rad 3) er ikke data og blir ikke brukt («Barn i prosjektet», «Oppdatert 01.03.2024»).",
		"merknad: a.xlsx, ark Barn, rad 5: Radene 5–6 under tabellen er sum- eller merknadslinjer og blir ikke brukt («Sum», «Kilde: fagsystemet»).",
	}
	if got := ps.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s = newTestState(t, SheetChildren)
	ps = feed(s, [][]string{{"FamilieID", "Fødselsår"}, {"F1", "2010"}, {"", "Σ2010"}, {"F2", "2012"}, {"", "Σ4022"}})
	want = []string{
		"feil: a.xlsx, ark Barn, celle B3 (Fødselsår): Raden er en sumrad midt i dataene: den har bare summeformler (SUMMER eller DELSUM), og summen ville bli talt med to ganger; slett raden, eller flytt summene under tabellen.",
		"merknad: a.xlsx, ark Barn, rad 5: Rad 5 under tabellen er sum- eller merknadslinjer og blir ikke brukt (summeformler fra B5).",
	}
	if got := ps.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s = newTestState(t, SheetPurchases)
	ps = feed(s, [][]string{{"FamilieID", "Kjøpsdato", "Kjøpsum", "Startlaan kr", "Rom"}})
	want = []string{
		"feil: a.xlsx, ark Kjøp, rad 1 (overskriftsraden): Mangler kolonnen Kjøpesum i overskriftsraden (rad 1): kolonne C heter «Kjøpsum»; mente du «Kjøpesum»? Gi den navnet fra malen.",
		"advarsel: a.xlsx, ark Kjøp, celle D1 (Startlån): Kolonnen «Startlaan kr» blir ikke brukt; mente du «Startlån»? Gi den navnet fra malen, ellers mangler Startlån i beregningene.",
	}
	if got := ps.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMatchHeader(t *testing.T) {
	cases := []struct {
		sheet, header string
		match, near   string // the column matched, or nearly named; "" for none
	}{
		{SheetPurchases, "Kjøpesum", ColPrice, ""},
		{SheetPurchases, " KJØPESUM (kr) ", ColPrice, ""},
		{SheetPurchases, "Kjøpesum:", ColPrice, ""},
		{SheetPurchases, "Kjøpspris", ColPrice, ""},
		{SheetPurchases, "Kjopesum", ColPrice, ""},
		{SheetPurchases, "Kjøps-\ndato", ColBuyDate, ""},
		{SheetPurchases, "Kjøpsdato [dd.mm.åååå]", ColBuyDate, ""},
		{SheetPurchases, "Antall rom", ColRooms, ""},
		{SheetPurchases, "BRA (m²)", ColArea, ""},
		{SheetPurchases, "Startlån (kr)", ColStartLoan, ""},
		{SheetPurchases, "Kjøpsum", "", ColPrice},
		{SheetPurchases, "Startlaan kroner", "", ColStartLoan},
		{SheetPurchases, "Kjøpesum totalt", "", ColPrice},
		{SheetPurchases, "Kommentar", "", ""},
		{SheetPurchases, "(kr)", "", ""},
		{SheetChildren, "Fodselsaar", ColBirthYear, ""},
		{SheetChildren, "Foedselsaar", ColBirthYear, ""},
		{SheetChildren, "Fødselsdato", "", ""},
		{SheetFamilies, "Fam.nr", ColFamilyID, ""},
		{SheetFamilies, "Familie-ID", ColFamilyID, ""},
		{SheetFamilies, "Innmeldt dato", ColEnrolled, ""},
		{SheetFamilies, "Husholdningstype", ColHousehold, ""},
		{SheetFamilies, "Flyttinger før kjøp", ColMoves, ""},
		{SheetFamilies, "Husholdnig", "", ColHousehold},
		{SheetFamilies, "Fa\u200bmilieID", ColFamilyID, ""},
	}
	for _, c := range cases {
		s := newTestState(t, c.sheet)
		s.cols = map[string]int{}
		col, ok := s.matchColumn(c.header)
		got := ""
		if ok {
			got = col.Name
		}
		near := ""
		if !ok {
			if n, ok := s.nearColumn(c.header); ok {
				near = n.Name
			}
		}
		if got != c.match || near != c.near {
			t.Errorf("%s: %q matches %q, nearly %q; want %q, nearly %q", c.sheet, c.header, got, near, c.match, c.near)
		}
	}
}

func TestTotalAndNoteLines(t *testing.T) {
	for _, c := range []struct {
		text  string
		total bool
	}{{"Sum", true}, {"sum 2016", true}, {"Totalt", true}, {"I alt", true}, {"Summer", true}, {"Delsum", true},
		{"SUM:", true}, {"Subtotal", true}, {"Summit AS", false}, {"F001", false}, {"Samlet", false}, {"", false}} {
		if got := isTotalLabel(c.text); got != c.total {
			t.Errorf("isTotalLabel(%q) = %v, want %v", c.text, got, c.total)
		}
	}
	for _, c := range []struct {
		text   string
		filled int
		column string
		note   bool
	}{{"Kilde: SSB", 1, ColFamilyID, true}, {"Merk: se over", 3, ColFamilyID, true}, {"Oppdatert mars", 1, "", true},
		{"F041", 1, ColFamilyID, false}, {"Tallene er fra mars", 1, ColFamilyID, true}, {"notat", 1, "", true},
		{"12", 1, "", false}, {"F001", 4, ColFamilyID, false}} {
		if got := isNoteLine(c.text, c.filled, c.column); got != c.note {
			t.Errorf("isNoteLine(%q, %d, %q) = %v, want %v", c.text, c.filled, c.column, got, c.note)
		}
	}
}

// TestProblemLines: cause first, the same problem in a column as one line,
// every line free of control characters.
func TestProblemLines(t *testing.T) {
	cell := func(kind, cell, value string) Problem {
		return Problem{Severity: Error, Kind: kind, File: "b.xlsx", Sheet: "Kjøp", Cell: cell, Column: "Kjøpsdato", Value: value,
			Message: "«" + value + "» er ikke en gyldig dato."}
	}
	ps := Problems{
		cell(KindWrongValue, "B2", "x1"), cell(KindWrongValue, "B3", "x2"), cell(KindWrongValue, "B9", "x3"), cell(KindWrongValue, "B12", "x4"),
		{Severity: Error, Kind: KindUnknownID, File: "a.xlsx", Sheet: "Barn", Cell: "A2", Column: ColFamilyID, Message: "følger", FollowsOn: true},
		{Severity: Error, Kind: KindMissingColumn, File: "b.xlsx", Sheet: "Kjøp", Cell: "rad 1", Column: ColPrice, Message: "Mangler kolonnen Kjøpesum."},
		{Severity: Error, Kind: KindWrongFileType, File: "c.xls", Message: "Filen er lagret som .xls."},
		{Severity: Error, Kind: KindMissingSheet, Sheet: "Barn", Message: "Finner ikke arket Barn."},
		{Severity: Warning, Kind: KindNearColumn, File: "a.xlsx", Sheet: "Kjøp", Cell: "D1", Column: ColStartLoan, Message: "nesten\x1b[2J"},
	}
	want := []string{
		"feil: c.xls: Filen er lagret som .xls.",
		"feil: ark Barn: Finner ikke arket Barn.",
		`advarsel: a.xlsx, ark Kjøp, celle D1 (Startlån): nesten\x1b[2J`,
		"feil: b.xlsx, ark Kjøp, rad 1 (overskriftsraden): Mangler kolonnen Kjøpesum.",
		"feil: b.xlsx, ark Kjøp, B2–B12 (4 celler, Kjøpsdato): «x1» er ikke en gyldig dato. Det samme gjelder 3 celler til i kolonnen; de første verdiene er «x1», «x2» og «x3».",
		"feil: a.xlsx, ark Barn, celle A2 (FamilieID): følger",
	}
	if got := ps.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lines:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTextCells: control characters never reach a record's text, and an
// ID holding one is an error that still keeps the family.
func TestTextCells(t *testing.T) {
	s := newTestState(t, SheetQuotes)
	ps := feed(s, [][]string{{"Tema", "Sitat", "Hvem"}, {"familier", "Nå\x1b[2J vet vi\nhvor vi bor", "mor\u0085"}})
	if len(ps) != 0 || len(s.data.Quotes) != 1 || s.data.Quotes[0].Text != "Nå[2J vet vi\nhvor vi bor" || s.data.Quotes[0].Who != "mor" {
		t.Errorf("problems %v, quotes %+v", ps, s.data.Quotes)
	}
	s = newTestState(t, SheetChildren)
	ps = feed(s, [][]string{{"FamilieID", "Fødselsår"}, {"F0\x1b01", "2010"}, {"Fa\u0301", "2011"}})
	if got := brief(ps); got != "feil usynlige-tegn@A2" {
		t.Errorf("problems %s", got)
	}
	if len(s.data.Children) != 2 || s.data.Children[0].FamilyID != "F001" || s.data.Children[1].FamilyID != "F\u00e1" {
		t.Errorf("children %+v, want F001 and the composed Fá", s.data.Children)
	}
}

func TestTypedDateForm(t *testing.T) {
	for _, c := range []struct {
		in    string
		typed bool
	}{{"30.09.2024", false}, {"30.9.2024", false}, {"2024-09-30", false}, {"2024-09-30T00:00:00Z", false}, {"45565", false},
		{"15. juni 2017", true}, {"15.06.17", true}, {"15-06-2017", true}, {"15/06/2017", true}, {"15. jun. 2017", true}, {"15. OKT 2017", true}} {
		if got := typedForm(c.in); got != c.typed {
			t.Errorf("typedForm(%q) = %v, want %v", c.in, got, c.typed)
		}
	}
}

func TestShorten(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"F001", "F001"},
		{"a\x1b[31mb", `a\x1b[31mb`},
		{"to\nlinjer", `to\nlinjer`},
		{"F\u200b001", `F\u200b001`},
		{"\xff", `\xff`},
		{strings.Repeat("å", 100), strings.Repeat("å", 80) + "…"},
	} {
		if got := shorten(c.in); got != c.want {
			t.Errorf("shorten(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzMatchHeader: whatever a header cell holds, matching never panics,
// a column's own name stays matched however it is decorated, and a text
// that names no column is never taken for one.
func FuzzMatchHeader(f *testing.F) {
	for _, s := range []string{"Kjøpesum (kr)", "Fodselsaar", "Kjøps-\ndato", "Fam.nr", "((", "))x(", "a\u0301", "Startlaan kroner", "\xff", "Rom:"} {
		f.Add(s, 0)
	}
	contract := Contract()
	f.Fuzz(func(t *testing.T, header string, pick int) {
		sheet := contract[uint(pick)%uint(len(contract))]
		s := &sheetState{spec: sheet, cols: map[string]int{}, origin: &origin{cols: map[string]string{}}}
		col, ok := s.matchColumn(header)
		if ok {
			if _, in := sheet.Column(col.Name); !in {
				t.Fatalf("%q matched %s, not a column of %s", header, col.Name, sheet.Name)
			}
		} else if near, ok := s.nearColumn(header); ok {
			if _, in := sheet.Column(near.Name); !in {
				t.Fatalf("%q is near %s, not a column of %s", header, near.Name, sheet.Name)
			}
		}
		if !utf8.ValidString(header) || strings.ContainsAny(header, "()[]") {
			return
		}
		c := sheet.Columns[uint(pick)%uint(len(sheet.Columns))]
		for _, decorated := range []string{strings.ToUpper(c.Name) + " (" + header + ")", " " + c.Name + ":", c.Name + " [" + header + "]"} {
			if got, ok := s.matchColumn(decorated); !ok || got.Name != c.Name {
				t.Fatalf("%q matched %v %v, want %s", decorated, got.Name, ok, c.Name)
			}
		}
		if d := editdist.Distance(header, c.Name); d != editdist.Distance(c.Name, header) {
			t.Fatalf("editdist.Distance is not symmetric for %q, %q", header, c.Name)
		}
	})
}

// TestFollowOns: references to families collapse only when Familier
// itself could not be used, not because some other file failed.
func TestFollowOns(t *testing.T) {
	unknown := func(cell string) Problem {
		return Problem{Severity: Error, Kind: KindUnknownID, File: "b.xlsx", Sheet: "Kjøp", Cell: cell, Column: ColFamilyID, Message: "FamilieID X finnes ikke i arket Familier."}
	}
	checked := Problems{unknown("A2"), unknown("A3"), unknown("A4")}
	stray := Problem{Severity: Error, Kind: KindWrongFileType, File: "gammel.xls", Message: "Filen er lagret som .xls."}
	missing := Problem{Severity: Error, Kind: KindMissingColumn, File: "a.xlsx", Sheet: "familier", Cell: "rad 1", Column: ColFamilyID, Message: "Mangler kolonnen FamilieID."}
	ds := &Dataset{Families: []Family{{ID: "F1"}}}
	if got := finishProblems(ds, Problems{stray}, checked); len(got) != 4 || got[1].FollowsOn {
		t.Errorf("a stray .xls collapsed the references: %v", got)
	}
	damaged := Problem{Severity: Error, Kind: KindDamaged, File: "a.xlsx", Sheet: "Familier", Message: "Arket er skadet."}
	want := "FamilieID X finnes ikke i arket Familier. Det samme gjelder 2 rader i andre ark som viser til familier (følger av feilen i arket Familier over)."
	for _, cause := range []Problem{missing, damaged} {
		got := finishProblems(ds, Problems{cause}, checked)
		if len(got) != 2 || !got[1].FollowsOn || got[1].Count != 3 || got[1].Message != want {
			t.Errorf("%s: got %+v, want the cause and one line for the 3 references: %s", cause.Kind, got, want)
		}
	}
}

// FuzzTableRows feeds a sheet rows made from arbitrary text (rows split
// at "\n", cells at "|"): finding the header, the totals and the notes
// never panics, every row is either read, skipped or part of the header
// search, and every problem names its file and sheet.
func FuzzTableRows(f *testing.F) {
	for _, s := range []string{
		"Barn\nFamilieID|Fødselsår\nF1|2010\nSum|1\nKilde: x",
		"FamilieID|Kjøpsdato|Kjøpesum|Rom\nF1|15. juni 2017|3 350 000|4\nSum 2016||3350000\nF2|06/15/2016|0|60",
		"||FamilieID|Del\n||F1|1\nFamilieID|Del\nMerk: se over",
		"a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nFamilieID|Del",
		"FamilieID|Fødselsår\nF1|2010\n|Σ2010\nF2|2012\n|Σ4022",
	} {
		f.Add(s, 0)
	}
	contract := Contract()
	f.Fuzz(func(t *testing.T, text string, pick int) {
		spec := contract[uint(pick)%uint(len(contract))]
		s := &sheetState{origin: &origin{file: "a.xlsx", sheet: spec.Name, cols: map[string]string{}}, spec: spec, data: &Dataset{}}
		var rows [][]string
		for _, line := range strings.Split(text, "\n") {
			if strings.TrimSpace(strings.ReplaceAll(line, "|", "")) == "" {
				rows = append(rows, nil) // a blank row never reaches the sheet state
				continue
			}
			rows = append(rows, strings.Split(line, "|"))
		}
		if len(rows) > 200 {
			return
		}
		ps := feed(s, rows)
		for _, p := range ps {
			if p.File != "a.xlsx" || p.Sheet != spec.Name || p.Message == "" {
				t.Fatalf("problem without its place: %+v", p)
			}
		}
		if s.rows > len(rows) {
			t.Fatalf("%d rows read of %d", s.rows, len(rows))
		}
		_ = ps.Lines()
	})
}

func TestNearSheet(t *testing.T) {
	ps := Problems{
		{Severity: Error, Kind: KindMissingSheet, Sheet: SheetPurchases, Message: "Finner ikke arket Kjøp i noen av arbeidsbøkene i mappen."},
		{Severity: Note, Kind: KindUnknownSheet, File: "b.xlsx", Sheet: "Notater", Message: "…"},
		{Severity: Note, Kind: KindUnknownSheet, File: "b.xlsx", Sheet: "Kjøp 2016-2024", Message: "…"},
	}
	got := nearSheets(ps)[0].Message
	want := "Finner ikke arket Kjøp i noen av arbeidsbøkene i mappen. Arket «Kjøp 2016-2024» i b.xlsx ligner; mente du Kjøp? Gi det navnet Kjøp."
	if got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
	if ps[0].Message == want {
		t.Error("nearSheets changed its input")
	}
}
