package reports

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"bobra/data"
)

// KindPDFGlyph is the warning for a cell with characters the PDF outputs
// cannot draw; they are drawn as pdfMissingGlyph there, and kept in every
// other output.
const KindPDFGlyph = "tegn-mangler-i-pdf"

// pdfInvisible are the characters that show nothing on their own (joiners,
// variation selectors, skin-tone modifiers): the PDFs leave them out
// rather than drawing a square for each part of one emoji.
func pdfInvisible(r rune) bool {
	return unicode.Is(unicode.Cf, r) ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) ||
		(r >= 0x1F3FB && r <= 0x1F3FF)
}

// pdfMissing lists the distinct characters of s the PDF font cannot draw,
// in order of first appearance, leaving out the invisible ones.
func pdfMissing(s string) []rune {
	var out []rune
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			for _, r := range s[i:] {
				if !PDFCanDraw(r) && !pdfInvisible(r) && !slices.Contains(out, r) {
					out = append(out, r)
				}
			}
			break
		}
	}
	return out
}

// PDFGlyphProblems returns a warning for every cell of ds whose text has a
// character that rapport.pdf and presentasjon.pdf cannot draw (an emoji, a
// rare symbol): the run goes on, the PDFs show «□» in its place, and the
// user learns where. `bobra valider` and `bobra rapport` give the same
// warnings.
func PDFGlyphProblems(ds *data.Dataset) data.Problems {
	if ds == nil {
		return nil
	}
	var ps data.Problems
	seen := map[data.Problem]bool{}
	check := func(at data.Loc, column, value string) {
		missing := pdfMissing(value)
		if len(missing) == 0 {
			return
		}
		var names []string
		for _, r := range missing[:min(len(missing), 3)] {
			names = append(names, fmt.Sprintf("«%c» (U+%04X)", r, r))
		}
		var what string
		switch {
		case len(missing) == 1:
			what = "Tegnet " + names[0]
		case len(missing) > 3:
			what = fmt.Sprintf("Tegnene %s og %d til", strings.Join(names, ", "), len(missing)-3)
		default:
			what = "Tegnene " + strings.Join(names[:len(names)-1], ", ") + " og " + names[len(names)-1]
		}
		what += " finnes"
		cell := ""
		if at.Sheet() != "" && at.Row > 0 {
			cell = at.Cell(column)
		}
		p := data.Problem{
			Severity: data.Warning, Kind: KindPDFGlyph,
			File: at.File(), Sheet: at.Sheet(), Cell: cell, Column: column,
			Message: what + " ikke i skriften i rapport.pdf og presentasjon.pdf og vises der som «□»; " +
				"rapport.html, resultater.xlsx og resultater.json har teksten slik den står i cellen.",
		}
		if !seen[p] {
			seen[p] = true
			ps = append(ps, p)
		}
	}
	for _, f := range ds.Families {
		check(f.At, data.ColFamilyID, f.ID)
	}
	for _, c := range ds.Children {
		check(c.At, data.ColFamilyID, c.FamilyID)
	}
	for _, p := range ds.Purchases {
		check(p.At, data.ColFamilyID, p.FamilyID)
	}
	for _, v := range ds.Valuations {
		check(v.At, data.ColFamilyID, v.FamilyID)
		check(v.At, data.ColSource, v.Source)
	}
	for _, r := range ds.Rents {
		check(r.At, data.ColRegion, r.Region)
	}
	for _, r := range ds.PriceIndex {
		check(r.At, data.ColRegion, r.Region)
	}
	for _, u := range ds.FollowUps {
		check(u.At, data.ColFamilyID, u.FamilyID)
	}
	for _, c := range ds.Context {
		check(c.At, data.ColIndicator, c.Indicator)
	}
	for _, p := range ds.Assumptions.Params {
		check(p.At, data.ColValue, p.Value)
		check(p.At, data.ColSource, p.Source)
	}
	for _, a := range ds.Survey {
		// A statement is a column header of the survey export; the row
		// says nothing about where it is, so only the sheet is named.
		check(data.NewLoc(a.At.File(), a.At.Sheet(), 0, nil), "", a.Statement)
	}
	for _, q := range ds.Quotes {
		check(q.At, data.ColQuote, q.Text)
		check(q.At, data.ColWho, q.Who)
	}
	for _, r := range ds.Resources {
		check(r.At, data.ColActor, r.Actor)
	}
	return ps
}

// CheckData warns about the characters rapport.pdf cannot draw.
func (PDF) CheckData(ds *data.Dataset) data.Problems { return PDFGlyphProblems(ds) }

// CheckData warns about the characters presentasjon.pdf cannot draw; the
// warnings are the report's, so a run with both lists each once.
func (Slides) CheckData(ds *data.Dataset) data.Problems { return PDFGlyphProblems(ds) }
