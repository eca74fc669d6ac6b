package disclose

import (
	"bobra/data"
	"bobra/internal/outscan"
)

// KindFamilyIDInQuote is a quote that names a family by its FamilieID.
const KindFamilyIDInQuote = "familieid-i-sitat"

// QuoteProblems returns an error at the cell of every quote, or its Hvem,
// that names a family by its FamilieID, in any form the last scan of a
// public run's outputs refuses. A public report shows the quotes as they
// are written, so such a quote cannot be published; found here, it is a
// data error the person can mend at its cell, not a refusal at the end of
// the run. The problems never repeat the text.
func QuoteProblems(ds *data.Dataset, familyIDs []string) data.Problems {
	if len(ds.Quotes) == 0 {
		return nil
	}
	ids := outscan.NewIDs(familyIDs)
	var ps data.Problems
	for _, q := range ds.Quotes {
		for _, field := range []struct{ column, text string }{{data.ColQuote, q.Text}, {data.ColWho, q.Who}} {
			if !ids.Names(field.text) {
				continue
			}
			ps = append(ps, data.Problem{
				Severity: data.Error, Kind: KindFamilyIDInQuote,
				File: q.At.File(), Sheet: q.At.Sheet(), Cell: q.At.Cell(field.column), Column: field.column,
				Message: "Teksten nevner en familie ved FamilieID, og en offentlig utgave viser sitatene slik de står; skriv den uten FamilieID-en, eller lag bare den interne utgaven (uten --offentlig).",
			})
		}
	}
	return ps
}
