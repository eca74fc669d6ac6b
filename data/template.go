package data

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// TemplateInputRows is how many rows of the template get drop-downs and
// date and number formats.
const TemplateInputRows = 2000

// WriteTemplate writes the empty input workbook of `bobra mal`: a first
// sheet of instructions, then every sheet of the contract with its headers
// (help text as comments, drop-downs for closed lists, formats on date and
// amount columns) and Forutsetninger filled with the default assumptions
// and their sources. Read back, it is an empty but valid dataset.
func WriteTemplate(w io.Writer) error {
	ds := &Dataset{Assumptions: DefaultAssumptions()}
	return WriteWorkbookWith(w, ds, WriteOptions{Guide: true, InputRows: TemplateInputRows})
}

// guideLines are the instructions of the Veiledning sheet.
var guideLines = []string{
	"Denne arbeidsboken har ett ark for hver tabell bobra leser. Skriv én rad per familie, barn, kjøp og så videre under overskriftene.",
	"Ikke endre overskriftene i første rad. Kolonner med mørk blå overskrift må fylles ut; kolonner med lys blå overskrift kan stå tomme.",
	"Hold musepekeren over en overskrift for å se hva kolonnen skal inneholde. Kolonner med faste verdier (Del, Husholdning, Status, Sosialhjelp, Rom i SSB-leie) har nedtrekksliste.",
	"Datoer skrives som 30.09.2024. Beløp skrives i hele kroner, for eksempel 3 350 000. Andeler skrives som 5 %.",
	"FamilieID er prosjektets saksnummer for familien, for eksempel F001. Skriv aldri fødselsnummer, navn eller adresse: bobra avviser data som inneholder et fødselsnummer.",
	"Arkene kan ligge i én fil eller fordeles på flere .xlsx-filer i samme mappe. Dette arket (Veiledning) leses ikke.",
	"Forutsetninger er fylt ut med standardverdiene og kildene deres. Endre verdi og kilde hvis dere bruker andre forutsetninger. Legg til Evalueringsdato (velg den i listen i kolonne A) for å bestemme datoen evalueringen gjelder; uten den gjelder den dagens dato.",
	"Kontroller dataene med «bobra valider --data MAPPE», og lag rapportene med «bobra rapport --data MAPPE».",
}

// writeGuide fills the Veiledning sheet: the instructions, then one line
// per sheet of the contract.
func writeGuide(f *excelize.File, st *writeStyles) error {
	sheet := GuideSheet
	if err := f.SetColWidth(sheet, "A", "A", 24); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "B", "B", 12); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "C", "C", 90); err != nil {
		return err
	}
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, style)
	}
	row := 1
	if err := set("A1", "Barn bor bra i Bærum – mal for data", st.guideTitle); err != nil {
		return err
	}
	row += 2
	for _, line := range guideLines {
		cell := "A" + strconv.Itoa(row)
		if err := f.MergeCell(sheet, cell, "C"+strconv.Itoa(row)); err != nil {
			return err
		}
		if err := set(cell, line, st.text); err != nil {
			return err
		}
		if err := f.SetRowHeight(sheet, row, 32); err != nil {
			return err
		}
		row++
	}
	row++
	for i, h := range []string{"Ark", "Påkrevd", "Innhold"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if err := set(cell, h, st.header); err != nil {
			return err
		}
	}
	row++
	for _, s := range Contract() {
		required := "nei"
		if s.Required {
			required = "ja"
		}
		for i, v := range []string{s.Name, required, s.Help} {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := set(cell, v, st.text); err != nil {
				return err
			}
		}
		row++
	}
	return nil
}
