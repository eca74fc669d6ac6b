package reports

import (
	"bobra/internal/norfmt"
	"strings"

	"bobra/data"
	"bobra/pipeline/results"
)

// MaxWarningsPerKind is how many warnings of each kind the HTML and PDF
// reports list one by one. Every kind is counted in a table, and the whole
// list is in resultater.xlsx (sheet Advarsler), so the data-quality section
// stays a few pages long whether the data has ten warnings or ten thousand.
const MaxWarningsPerKind = 10

// warningLabels describe the kinds of warning in words; a kind not listed
// (a new check) is shown by its code.
var warningLabels = map[string]string{
	// The reader's checks (data/validate*.go, data/read_survey.go).
	data.KindNoChildren:       "Familie med kjøp, men uten barn i arket Barn",
	data.KindSeveralPurchases: "Familie med flere kjøp; det tidligste er brukt",
	data.KindChildAdult:       "Barn 18 år eller eldre i kjøpsåret",
	data.KindPricePerM2:       "Kvadratmeterpris utenfor det vanlige",
	data.KindSSBGap:           "SSB-tabell mangler år som dataene trenger",
	data.KindNoStatements:     "Spørreundersøkelse uten påstander",
	// The PDF writers' check of the characters (reports/pdf_glyphs.go).
	KindPDFGlyph: "Tegn som PDF-skriften ikke har (vist som «□» i PDF-filene)",
	// The computation's remarks (pipeline/).
	"kjop-uten-familie":    "Kjøp for en familie som ikke finnes i Familier",
	"status-mangler":       "Familie med kjøp, men uten status",
	"status-ukjent-verdi":  "Ukjent statusverdi",
	"km-mangler-dato":      "Mangler statusdato for å ha gått ut av eie",
	"km-dato-for-kjop":     "Statusdato før kjøpsdato",
	"verdi-mangler":        "Bolig uten verdivurdering og prisindeks",
	"ssb-prisindeks-aar":   "SSB-prisindeks mangler året før evalueringsåret",
	"ssb-leie-mangler":     "SSB-leie har ingen brukbare år",
	"ssb-leie-rom-mangler": "SSB-leie mangler rader for et romantall",
	"ssb-leie-aar-mangler": "SSB-leie mangler et år; et tidligere år er brukt",
	"ssb-leie-aar":         "SSB-leie mangler året før evalueringsåret",
	"leie-mangler":         "Bolig uten SSB-leie for kjøpsåret",
	"ssb-dobbel-rad":       "SSB-tabell med flere rader for samme år",
	"kontekst-dobbel-rad":  "Kontekst med flere rader for samme indikator og år",
}

// WarningLabel describes a kind of warning in words.
func WarningLabel(kind string) string {
	if l, ok := warningLabels[kind]; ok {
		return l
	}
	return kind
}

// warningKind is one row of the table of warning kinds.
type warningKind struct {
	Kind  string
	Count int
	// FamilyLevel: a public report does not tell how many remarks of this
	// kind there are (they are about single families).
	FamilyLevel bool
}

// WarningSummary is what the data-quality section says about the
// warnings; templates reach it as {{ .merknader }} (warningSummaryTree).
type WarningSummary struct {
	// Total is the number of remarks; a summary warning counts for every
	// remark it stands for.
	Total int
	// Counted is false in a public report whose remarks about single
	// families are not counted: Total is then not the whole number.
	Counted bool
	// PerKind is MaxWarningsPerKind; Listed the warnings listed one by one
	// and More the remarks that are only in resultater.xlsx.
	PerKind, Listed, More int

	kinds  []warningKind // in order of first appearance
	listed []results.Warning
}

// summarizeWarnings counts the warnings by kind and picks the ones the
// report lists: the first MaxWarningsPerKind of each kind, in order. A
// summary of remarks left out (Count set) is counted, not listed.
func summarizeWarnings(ws []results.Warning) WarningSummary {
	s := WarningSummary{Counted: true, PerKind: MaxWarningsPerKind}
	index := map[string]int{}
	listedOf := map[string]int{}
	for _, w := range ws {
		i, seen := index[w.Kind]
		if !seen {
			i = len(s.kinds)
			index[w.Kind] = i
			s.kinds = append(s.kinds, warningKind{Kind: w.Kind})
		}
		if w.FamilyLevel {
			s.kinds[i].FamilyLevel = true
			s.Counted = false
			s.listed = append(s.listed, w)
			continue
		}
		n := max(w.Count, 1)
		s.kinds[i].Count += n
		s.Total += n
		if w.Count == 0 && listedOf[w.Kind] < MaxWarningsPerKind {
			listedOf[w.Kind]++
			s.listed = append(s.listed, w)
			s.Listed++
			continue
		}
		s.More += n
	}
	return s
}

// warningBlocks are the data-quality section's tables: the number of
// warnings of each kind, and the first warnings of each kind.
func warningBlocks(res *results.Results) []namedBlock {
	if len(res.Warnings) == 0 {
		return []namedBlock{absent("merknadstyper"), absent("merknader")}
	}
	s := summarizeWarnings(res.Warnings)
	kinds := &Table{Caption: "Merknader om dataene etter type", Header: []string{"Type merknad", "Kode", "Antall"},
		Numeric: []bool{false, false, true}, Source: "Kontrollen av regnearkene og beregningen"}
	for _, k := range s.kinds {
		count := norfmt.Int(k.Count)
		if k.FamilyLevel {
			count = Withheld
		}
		kinds.Rows = append(kinds.Rows, []string{WarningLabel(k.Kind), k.Kind, count})
	}
	caption := "Merknader om dataene"
	if s.More > 0 {
		caption = "De første merknadene av hver type (hele listen står i resultater.xlsx, arket " + SheetWarnings + ")"
	}
	list := &Table{Caption: caption, Header: []string{"Hvor", "Merknad"}, Numeric: []bool{false, false},
		Source: "Kontrollen av regnearkene og beregningen"}
	for _, w := range s.listed {
		var where []string
		for _, p := range []string{w.File, w.Sheet, w.Cell} {
			if p != "" {
				where = append(where, p)
			}
		}
		loc := strings.Join(where, ", ")
		if loc == "" {
			loc = Undefined
		}
		list.Rows = append(list.Rows, []string{loc, w.Message})
	}
	return []namedBlock{tableBlock("merknadstyper", kinds), tableBlock("merknader", list)}
}
