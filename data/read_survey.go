package data

import (
	"fmt"
	"slices"
	"strings"
)

// Problem kinds of the optional sheets.
const (
	KindOffScale           = "utenfor-skala"
	KindDuplicateStatement = "dobbel-pastand"
	KindNoStatements       = "ingen-pastander"
	KindNoRound            = "mangler-runde"
	KindNegativeResource   = "negativ-ressursbruk"
)

// decodeSurveyRow reads one respondent of Spørreundersøkelse: the round
// from År (else the year of Dato), then one answer per statement column,
// in column order. A blank cell or "Vet ikke" is no answer (step 0); an
// answer off the scale is an error at its cell.
func decodeSurveyRow(r *rowCtx, ds *Dataset) {
	statements := r.extras()
	if r.s.rows == 0 {
		r.checkStatements(statements)
	}
	_ = r.id(ColFamilyID) // optional; read so that the column is checked like any other
	round := 0
	if r.cell(ColYear) != "" {
		round = r.year(ColYear)
	} else if d := r.date(ColDate); !d.IsZero() {
		round = d.Year
	} else if r.cell(ColDate) == "" {
		r.add(Error, KindNoRound, ColYear, "",
			"Svaret mangler runde: fyll ut År (året undersøkelsen ble gjort) eller Dato.")
	}
	seen := map[string]bool{}
	for _, c := range statements {
		statement := statementText(c.Header)
		if seen[strings.ToLower(statement)] {
			continue // a repeated statement column, reported once above
		}
		seen[strings.ToLower(statement)] = true
		step, ok := surveyStep(c.Value)
		if !ok {
			r.problems = append(r.problems, Problem{Severity: Error, Kind: KindOffScale, File: r.s.origin.file, Sheet: r.s.origin.sheet,
				Cell: c.Column + itoa(r.row), Column: shorten(statement), Value: shorten(c.Value),
				Message: fmt.Sprintf("«%s» er ikke et svar på skalaen; tillatt er %s, 1–5, %s eller tom celle. (Alle kolonner utenom FamilieID, År og Dato leses som påstander.)",
					shorten(c.Value), strings.Join(SurveyScale, ", "), AnswerDontKnow)})
			continue
		}
		if round != 0 {
			ds.Survey = append(ds.Survey, SurveyAnswer{Round: round, Statement: statement, Step: step, Respondent: r.row, At: r.loc()})
		}
	}
}

// checkStatements reports, once per sheet, a survey without statement
// columns and statements that head two columns (their answers would be
// counted twice).
func (r *rowCtx) checkStatements(statements []extraCell) {
	if len(statements) == 0 {
		r.problems = append(r.problems, Problem{Severity: Warning, Kind: KindNoStatements, File: r.s.origin.file, Sheet: r.s.origin.sheet,
			Message: "Arket har ingen kolonner med påstander; hver påstand skal ha sin egen kolonne med påstanden som overskrift."})
		return
	}
	first := map[string]string{}
	for _, c := range statements {
		key := strings.ToLower(statementText(c.Header))
		if col, dup := first[key]; dup {
			r.problems = append(r.problems, Problem{Severity: Error, Kind: KindDuplicateStatement, File: r.s.origin.file, Sheet: r.s.origin.sheet,
				Cell: c.Column + itoa(r.row), Column: shorten(statementText(c.Header)), Value: shorten(c.Header),
				Message: fmt.Sprintf("Påstanden i kolonne %s står også i kolonne %s; svarene ville blitt telt to ganger. Fjern eller gi nytt navn til den ene kolonnen.", c.Column, col)})
			continue
		}
		first[key] = c.Column
	}
}

// statementText is a statement header with its spacing tidied, so that a
// line break or double space in an export does not make a new statement.
func statementText(header string) string {
	return strings.Join(strings.Fields(header), " ")
}

// surveyStep reads an answer: 1–5 from Helt uenig to Helt enig (as words,
// case and spacing free, or as the digits), 0 for blank or "Vet ikke".
func surveyStep(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, true
	}
	if choice, ok := matchAllowed(SurveyChoices, v); ok {
		if choice == AnswerDontKnow {
			return 0, true
		}
		return slices.Index(SurveyScale, choice) + 1, true
	}
	if d, err := ParseNumber(v); err == nil && d.IsInteger() {
		if n := d.IntPart(); n >= 1 && n <= int64(len(SurveyScale)) {
			return int(n), true
		}
	}
	return 0, false
}

// decodeQuote reads one row of Sitater.
func decodeQuote(r *rowCtx, ds *Dataset) {
	q := Quote{Theme: r.list(ColTheme), Text: r.text(ColQuote), Who: r.text(ColWho), At: r.loc()}
	if q.Theme != "" && q.Text != "" {
		ds.Quotes = append(ds.Quotes, q)
	}
}

// decodeResource reads one row of Ressursbruk.
func decodeResource(r *rowCtx, ds *Dataset) {
	res := Resource{Year: r.year(ColYear), Actor: r.text(ColActor), At: r.loc()}
	res.Hours = r.number(ColHours)
	if res.Hours != nil && res.Hours.IsNegative() {
		r.add(Error, KindNegativeResource, ColHours, r.cell(ColHours), "Timer kan ikke være negativt.")
		res.Hours = nil
	}
	cost := r.number(ColCost)
	if cost != nil && cost.IsNegative() {
		r.add(Error, KindNegativeResource, ColCost, r.cell(ColCost), "Kostnad kan ikke være negativ.")
		cost = nil
	}
	if cost != nil {
		res.Cost = *cost
	}
	if res.Year != 0 && res.Actor != "" && cost != nil {
		ds.Resources = append(ds.Resources, res)
	}
}
