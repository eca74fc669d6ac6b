package reports

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"bobra/pipeline/results"
)

// FigureListFile is the list of names the report texts can use, written
// beside the templates by `bobra maler` and kept in docs/.
const FigureListFile = "FIGURER.md"

var indexRe = regexp.MustCompile(`\[\d+\]`)

// FigureList writes FIGURER.md: every figure of the catalogue by its
// Norwegian name, with its label, unit and id in resultater.json, and
// every other name the texts can use. It is made from the catalogue of
// the sample (with a comparison), so it lists what an evaluation has;
// a list's entries are shown once, with [i] for the index.
func FigureList() []byte {
	res := checkResults()[0]
	cat := results.CatalogueOf(res)
	var b bytes.Buffer
	b.WriteString(`# Navnene i rapporttekstene

Denne filen er laget av bobra (` + "`bobra maler`" + ` skriver den ved siden av malene). Den lister hvert navn
malene i ` + "`templates/`" + ` og en ` + "`--maler`" + `-mappe kan bruke. Et tall skrives med ` + "`figur`" + ` og en formaterer,
for eksempel ` + "`{{ figur \"familier.kjøpt\" | heltall }}`" + `; det samme navnet med punktum foran virker også
(` + "`{{ .familier.kjøpt | heltall }}`" + `), og inne i ` + "`{{ with .stabilitet.alle }}`" + ` er navnene relative
(` + "`{{ .stabile }}`" + `). En del av navnet som ikke er et ord (` + "`1`" + `, ` + "`0-5`" + `), eller en plass i en liste
(` + "`[0]`" + `), krever ` + "`figur`" + `: ` + "`{{ figur \"stabilitet.del.1.andel\" | prosent }}`" + `,
` + "`{{ with figur \"stabilitet.del.1\" }}`" + `. Navnene er JSON-navnene i ` + "`resultater.json`" + ` på norsk.

I lister står ` + "`[i]`" + ` for plassen (0, 1, 2, …), og etiketten er den første i eksempeldataene.

## Tallene

| navn | etikett | enhet | i resultater.json |
| --- | --- | --- | --- |
`)
	seen := map[string]bool{}
	for _, f := range cat.Figures {
		if f.Unpublished {
			continue
		}
		name := indexRe.ReplaceAllString(f.Name, "[i]")
		if seen[name] {
			continue
		}
		seen[name] = true
		fmt.Fprintf(&b, "| `%s` | %s | %s | `%s` |\n", name, mdCell(f.Label), f.Unit, indexRe.ReplaceAllString(f.ID, "[i]"))
	}
	b.WriteString(`
## Tekster, lister og grupper

| navn | hva |
| --- | --- |
`)
	for _, n := range textNames() {
		name := n.name
		if seen[name] {
			continue
		}
		seen[name] = true
		fmt.Fprintf(&b, "| `%s` | %s |\n", name, n.kind)
	}
	return b.Bytes()
}

// mdCell makes text safe in a Markdown table cell.
func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
