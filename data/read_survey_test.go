package data

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// writeSheetFile writes a workbook with one sheet of the given rows (the
// first is the header) into dir. Cells keep their Go type: an int is a
// number cell, a string a text cell, nil a blank.
func writeSheetFile(t *testing.T, dir, sheet string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "data.xlsx")); err != nil {
		t.Fatal(err)
	}
}

// readSheetOnly reads a folder holding one optional sheet and returns the
// dataset and the problems about that sheet (the required sheets are
// missing, which is not what these tests are about).
func readSheetOnly(t *testing.T, sheet string, rows [][]any) (*Dataset, []Problem) {
	t.Helper()
	dir := t.TempDir()
	writeSheetFile(t, dir, sheet, rows)
	ds, problems, err := ReadDir(dir, ReadOptions{Today: readToday})
	if err != nil {
		t.Fatal(err)
	}
	var mine []Problem
	for _, p := range problems {
		if p.Sheet == sheet {
			mine = append(mine, Problem{Severity: p.Severity, Kind: p.Kind, Cell: p.Cell, Column: p.Column, Value: p.Value})
		}
	}
	return ds, mine
}

// answer is a SurveyAnswer without its location, for comparing.
type answer struct {
	Round      int
	Statement  string
	Step       int
	Respondent int
}

func answersOf(ds *Dataset) []answer {
	var out []answer
	for _, a := range ds.Survey {
		out = append(out, answer{a.Round, a.Statement, a.Step, a.Respondent})
	}
	return out
}

func TestReadSurvey(t *testing.T) {
	const s1, s2 = "Barna har det tryggere", "Lettere å ta med venner hjem"
	tests := []struct {
		name     string
		rows     [][]any
		want     []answer
		problems []Problem
	}{
		{
			// Text and numbers mixed, case and spacing free, "Vet ikke" and
			// blank as no answer; the statement's line break is tidied.
			name: "answers as typed",
			rows: [][]any{
				{"FamilieID", " år ", s1, "Lettere å ta med\nvenner  hjem"},
				{"F001", 2020, "helt ENIG", 4},
				{"F002", "2020", " litt  uenig ", "5"},
				{nil, 2020, "VET IKKE", nil},
				{"F004", 2024, 1, "Verken enig eller uenig"},
			},
			want: []answer{
				{2020, s1, 5, 2}, {2020, s2, 4, 2},
				{2020, s1, 2, 3}, {2020, s2, 5, 3},
				{2020, s1, 0, 4}, {2020, s2, 0, 4},
				{2024, s1, 1, 5}, {2024, s2, 3, 5},
			},
		},
		{
			// Without År the round is the year of Dato (a real date or text).
			name: "round from Dato",
			rows: [][]any{
				{"Dato", s1},
				{"15.03.2020", "Litt enig"},
				{43905, "Helt uenig"}, // 2020-03-15 as an Excel serial
				{"2024-05-02", nil},
			},
			want: []answer{{2020, s1, 4, 2}, {2020, s1, 1, 3}, {2024, s1, 0, 4}},
		},
		{
			name: "År wins over Dato",
			rows: [][]any{
				{"År", "Dato", s1},
				{2020, "02.01.2021", "Helt enig"},
			},
			want: []answer{{2020, s1, 5, 2}},
		},
		{
			// Each answer off the scale is an error at its own cell; the
			// other answers of the row are kept.
			name: "answers off the scale",
			rows: [][]any{
				{"År", s1, s2},
				{2020, 7, "Enig"},
				{2020, "3,5", 0},
				{2020, "Helt enig", "Litt enig"},
			},
			want: []answer{{2020, s1, 5, 4}, {2020, s2, 4, 4}},
			problems: []Problem{
				{Severity: Error, Kind: KindOffScale, Cell: "B2", Column: s1, Value: "7"},
				{Severity: Error, Kind: KindOffScale, Cell: "C2", Column: s2, Value: "Enig"},
				{Severity: Error, Kind: KindOffScale, Cell: "B3", Column: s1, Value: "3,5"},
				{Severity: Error, Kind: KindOffScale, Cell: "C3", Column: s2, Value: "0"},
			},
		},
		{
			name: "no round",
			rows: [][]any{
				{"År", "Dato", s1},
				{nil, nil, "Helt enig"},
				{"tjue", nil, "Helt enig"},
			},
			problems: []Problem{
				{Severity: Error, Kind: KindNoRound, Cell: "A2", Column: ColYear},
				{Severity: Error, Kind: KindWrongValue, Cell: "A3", Column: ColYear, Value: "tjue"},
			},
		},
		{
			name: "a statement in two columns",
			rows: [][]any{
				{"År", s1, "barna  har det TRYGGERE"},
				{2020, "Helt enig", "Helt uenig"},
			},
			want: []answer{{2020, s1, 5, 2}},
			problems: []Problem{
				{Severity: Error, Kind: KindDuplicateStatement, Cell: "C2", Column: "barna har det TRYGGERE", Value: "barna  har det TRYGGERE"},
			},
		},
		{
			name:     "no statements",
			rows:     [][]any{{"År", "Dato"}, {2020, nil}},
			problems: []Problem{{Severity: Warning, Kind: KindNoStatements}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, problems := readSheetOnly(t, SheetSurvey, tt.rows)
			if got := answersOf(ds); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("answers:\n got %v\nwant %v", got, tt.want)
			}
			if !reflect.DeepEqual(problems, tt.problems) {
				t.Errorf("problems:\n got %+v\nwant %+v", problems, tt.problems)
			}
		})
	}
}

// TestReadSurveyExport reads a survey as a survey tool exports it: 200
// respondents and 40 statements, answers as words, digits, "Vet ikke" and
// blanks, in two rounds.
func TestReadSurveyExport(t *testing.T) {
	const respondents, statements = 200, 40
	header := []any{"Dato", "FamilieID"}
	for j := 0; j < statements; j++ {
		header = append(header, "Påstand nummer "+itoa(j+1)+": det er bedre nå")
	}
	rows := [][]any{header}
	// Respondent i answers statement j with (i+j) mod 7: 0 blank, 6 "Vet
	// ikke", 1–5 as a word for odd i and as a number for even i.
	for i := 0; i < respondents; i++ {
		date := "10.06.2020"
		if i >= 120 {
			date = "2024-06-10"
		}
		row := []any{date, nil}
		for j := 0; j < statements; j++ {
			switch k := (i + j) % 7; {
			case k == 0:
				row = append(row, nil)
			case k == 6:
				row = append(row, "Vet ikke")
			case i%2 == 1:
				row = append(row, SurveyScale[k-1])
			default:
				row = append(row, k)
			}
		}
		rows = append(rows, row)
	}
	ds, problems := readSheetOnly(t, SheetSurvey, rows)
	if len(problems) != 0 {
		t.Fatalf("problems: %+v", problems)
	}
	if len(ds.Survey) != respondents*statements {
		t.Fatalf("read %d answers, want %d", len(ds.Survey), respondents*statements)
	}
	for n, a := range ds.Survey {
		i, j := n/statements, n%statements
		want := answer{2020, header[j+2].(string), (i + j) % 7, i + 2}
		if i >= 120 {
			want.Round = 2024
		}
		if want.Step == 6 {
			want.Step = 0
		}
		if got := (answer{a.Round, a.Statement, a.Step, a.Respondent}); got != want {
			t.Fatalf("answer %d = %+v, want %+v", n, got, want)
		}
		if cell := a.At.Cell(ColDate); cell != "A"+itoa(i+2) {
			t.Fatalf("answer %d at %s", n, cell)
		}
	}
}

func TestReadQuotes(t *testing.T) {
	ds, problems := readSheetOnly(t, SheetQuotes, [][]any{
		{"Tema", "Sitat", "Hvem"},
		{"Erfaringer", `Han sa: "Er dette <vårt> hus?" & smilte – 'hjemme'.`, "mor, del 2"},
		{"  leie ", "Før gikk halve lønna til husleie.", nil},
		{"økonomi", "Et sitat med ukjent tema.", "far"},
		{"arbeid", nil, "far"},
	})
	want := []Quote{
		{Theme: "erfaringer", Text: `Han sa: "Er dette <vårt> hus?" & smilte – 'hjemme'.`, Who: "mor, del 2"},
		{Theme: "leie", Text: "Før gikk halve lønna til husleie."},
	}
	var got []Quote
	for _, q := range ds.Quotes {
		q.At = Loc{}
		got = append(got, q)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("quotes:\n got %+v\nwant %+v", got, want)
	}
	wantProblems := []Problem{
		{Severity: Error, Kind: KindUnknownValue, Cell: "A4", Column: ColTheme, Value: "økonomi"},
		{Severity: Error, Kind: KindMissingValue, Cell: "B5", Column: ColQuote},
	}
	if !reflect.DeepEqual(problems, wantProblems) {
		t.Errorf("problems:\n got %+v\nwant %+v", problems, wantProblems)
	}
}

func TestReadResources(t *testing.T) {
	ds, problems := readSheetOnly(t, SheetResources, [][]any{
		{"Kostnad", "Aktør", "år", "Timer"},
		{"kr 250 000,-", "NAV", 2016, "37,5"},
		{380000, "Boligbistand", "2016", nil},
		{"-5000", "NAV", 2017, 10},
		{1000, "NAV", 2017, -2},
		{1000, nil, 2018, 1},
	})
	hours := decimal.RequireFromString("37.5")
	want := []Resource{
		{Year: 2016, Actor: "NAV", Hours: &hours, Cost: decimal.NewFromInt(250000)},
		{Year: 2016, Actor: "Boligbistand", Cost: decimal.NewFromInt(380000)},
		{Year: 2017, Actor: "NAV", Cost: decimal.NewFromInt(1000)},
	}
	if len(ds.Resources) != len(want) {
		t.Fatalf("resources: got %+v, want %+v", ds.Resources, want)
	}
	for i, r := range ds.Resources {
		w := want[i]
		sameHours := (r.Hours == nil) == (w.Hours == nil) && (r.Hours == nil || r.Hours.Equal(*w.Hours))
		if r.Year != w.Year || r.Actor != w.Actor || !r.Cost.Equal(w.Cost) || !sameHours {
			t.Errorf("resource %d = %+v, want %+v", i, r, w)
		}
	}
	wantProblems := []Problem{
		{Severity: Error, Kind: KindNegativeResource, Cell: "A4", Column: ColCost, Value: "-5000"},
		{Severity: Error, Kind: KindNegativeResource, Cell: "D5", Column: ColHours, Value: "-2"},
		{Severity: Error, Kind: KindMissingValue, Cell: "B6", Column: ColActor},
	}
	if !reflect.DeepEqual(problems, wantProblems) {
		t.Errorf("problems:\n got %+v\nwant %+v", problems, wantProblems)
	}
}

func TestSurveyStep(t *testing.T) {
	for _, tt := range []struct {
		in   string
		step int
		ok   bool
	}{
		{"", 0, true}, {"  ", 0, true}, {"Vet ikke", 0, true}, {"vet  IKKE ", 0, true},
		{"Helt uenig", 1, true}, {"litt uenig", 2, true}, {"Verken enig eller uenig", 3, true},
		{"LITT ENIG", 4, true}, {"helt\u00a0enig", 5, true},
		{"1", 1, true}, {"5", 5, true}, {"3.0", 3, true}, {"4,0", 4, true},
		{"0", 0, false}, {"6", 0, false}, {"2,5", 0, false}, {"-1", 0, false},
		{"Enig", 0, false}, {"Helt enig!", 0, false}, {"ja", 0, false},
	} {
		step, ok := surveyStep(tt.in)
		if step != tt.step || ok != tt.ok {
			t.Errorf("surveyStep(%q) = %d, %v; want %d, %v", tt.in, step, ok, tt.step, tt.ok)
		}
	}
}

func FuzzSurveyStep(f *testing.F) {
	for _, s := range []string{"", "Vet ikke", "Helt enig", "3", "4,0", "1e0", "5 %", "Litt  uenig"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		step, ok := surveyStep(s)
		if step < 0 || step > len(SurveyScale) || (!ok && step != 0) {
			t.Fatalf("surveyStep(%q) = %d, %v", s, step, ok)
		}
	})
}
