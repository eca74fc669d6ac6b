// Command messygen writes the corpus of messy workbooks the end-to-end test
// of cmd/bobra reads (cmd/bobra/testdata/messy): each case is a folder
// holding the sample workbooks it changes, kept the way municipal staff
// really keep spreadsheets (title rows, totals, units in headers, dates
// typed by hand) or with one mistake that must be named at its cell. The
// test lays a case's files over a fresh copy of the clean sample, so a
// case only holds what it changes. The expected outcome of each case is
// in cmd/bobra/messy_test.go.
//
// With -libreoffice, the cases marked as saved by LibreOffice are opened
// and saved again by soffice, so that the corpus has files written by
// another program than excelize (and formulas with the values LibreOffice
// computed). The files are committed; CI never regenerates them.
//
// With -damaged, it writes the damaged cases too (damaged.go), into their
// own folder. With -case, only the named messy cases are written again,
// the others left as they are (so a new case does not need soffice for the
// old ones).
//
//	go run ./internal/messygen -out cmd/bobra/testdata/messy -libreoffice -damaged cmd/bobra/testdata/damaged
package main

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"bobra/data"

	"github.com/xuri/excelize/v2"
)

// Sample workbook names, as `bobra eksempel` writes them.
const (
	families  = "familier.xlsx"
	homes     = "boliger.xlsx"
	resources = "erfaringer-og-ressurser.xlsx"
	ssb       = "ssb-og-forutsetninger.xlsx"
)

// messyCase changes one sample workbook (or adds one).
type messyCase struct {
	name        string
	file        string
	edit        func(f *excelize.File) error
	libreOffice bool // saved again by LibreOffice
}

func main() {
	out := flag.String("out", "cmd/bobra/testdata/messy", "the corpus folder")
	lo := flag.Bool("libreoffice", false, "save the LibreOffice cases with soffice")
	damaged := flag.String("damaged", "", "the folder of damaged cases (none when empty)")
	only := flag.String("case", "", "comma-separated messy cases to write again (all when empty)")
	flag.Parse()
	if err := run(*out, *lo, *damaged, *only); err != nil {
		fmt.Fprintln(os.Stderr, "messygen:", err)
		os.Exit(1)
	}
}

func run(out string, lo bool, damaged, only string) error {
	sample := map[string][]byte{}
	ds := data.Sample()
	for _, wb := range data.SampleWorkbooks() {
		var b bytes.Buffer
		if err := data.WriteWorkbookWith(&b, ds, data.WriteOptions{Sheets: wb.Sheets}); err != nil {
			return err
		}
		sample[wb.Name] = b.Bytes()
	}
	if damaged != "" {
		if err := writeDamaged(damaged, sample); err != nil {
			return err
		}
	}
	if out == "" {
		return nil
	}
	chosen := map[string]bool{}
	for _, name := range strings.Split(only, ",") {
		if name != "" {
			chosen[name] = true
		}
	}
	some := len(chosen) > 0
	if !some {
		if err := os.RemoveAll(out); err != nil {
			return err
		}
	}
	for _, c := range cases() {
		if some && !chosen[c.name] {
			continue
		}
		delete(chosen, c.name)
		src := c.file
		if strings.HasPrefix(src, "+") { // a new workbook built from a sample one
			src = strings.SplitN(src[1:], ">", 2)[0]
		}
		f, err := excelize.OpenReader(bytes.NewReader(sample[src]))
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		if err := c.edit(f); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		name := c.file
		if strings.HasPrefix(name, "+") {
			name = strings.SplitN(name, ">", 2)[1]
		}
		dir := filepath.Join(out, c.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		path := filepath.Join(dir, name)
		var b bytes.Buffer
		if _, err := f.WriteTo(&b); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		if post, ok := zipEdits[c.name]; ok {
			parts, err := unzip(b.Bytes())
			if err == nil {
				parts, err = post(parts)
			}
			var out []byte
			if err == nil {
				out, err = rezip(parts)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			b.Reset()
			b.Write(out)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		if c.libreOffice && lo {
			if err := resave(path); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
		}
	}
	if len(chosen) > 0 {
		return fmt.Errorf("no cases named %v", slices.Sorted(maps.Keys(chosen)))
	}
	return nil
}

// resave opens and saves a workbook with LibreOffice.
func resave(path string) error {
	tmp, err := os.MkdirTemp("", "messygen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+tmp+"/profile",
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", tmp+"/out", path)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("soffice: %v: %s", err, b)
	}
	b, err := os.ReadFile(filepath.Join(tmp, "out", filepath.Base(path)))
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// Edits used by the cases.

// zipEdits change a case's workbook in its zip, after excelize has
// written it, where excelize has no way to say it.
var zipEdits = map[string]func([]part) ([]part, error){
	"excel-tabell-med-summerad": func(parts []part) ([]part, error) {
		return withPart(parts, "xl/tables/table1.xml", func(p part) (part, error) {
			s := string(p.body)
			i := strings.Index(s, `ref="A1:H`)
			if i < 0 {
				return p, fmt.Errorf("no table range")
			}
			j := i + len(`ref="A1:H`)
			k := j + strings.IndexByte(s[j:], '"')
			var last int
			if _, err := fmt.Sscan(s[j:k], &last); err != nil {
				return p, err
			}
			s = s[:j] + fmt.Sprint(last+1) + `" totalsRowCount="1` + s[k:]
			p.body = []byte(s)
			return p, nil
		})
	},
}

// sumRow writes a row of sum formulas (fn over each column's data above,
// with the sum as the stored result, as Excel saves it) and no label: at
// row at, moving the rows from there down, or under the data when at is 0.
func sumRow(sheet string, at int, fn string, cols ...string) func(f *excelize.File) error {
	return func(f *excelize.File) error {
		if at > 0 {
			if err := f.InsertRows(sheet, at, 1); err != nil {
				return err
			}
		} else {
			rows, err := f.GetRows(sheet)
			if err != nil {
				return err
			}
			at = len(rows) + 1
		}
		for _, col := range cols {
			total := 0.0
			for r := 2; r < at; r++ {
				v, err := f.GetCellValue(sheet, fmt.Sprintf("%s%d", col, r), excelize.Options{RawCellValue: true})
				if err != nil {
					return err
				}
				var x float64
				if _, err := fmt.Sscan(v, &x); err == nil {
					total += x
				}
			}
			cell := fmt.Sprintf("%s%d", col, at)
			if err := f.SetCellValue(sheet, cell, total); err != nil {
				return err
			}
			formula := fmt.Sprintf("SUM(%s2:%s%d)", col, col, at-1)
			if fn == "SUBTOTAL" {
				formula = fmt.Sprintf("SUBTOTAL(9,%s2:%s%d)", col, col, at-1)
			}
			if err := f.SetCellFormula(sheet, cell, formula); err != nil {
				return err
			}
		}
		return nil
	}
}

func insertRows(sheet string, at, n int, texts ...string) func(f *excelize.File) error {
	return func(f *excelize.File) error {
		if err := f.InsertRows(sheet, at, n); err != nil {
			return err
		}
		for i, t := range texts {
			if err := f.SetCellStr(sheet, fmt.Sprintf("A%d", at+i), t); err != nil {
				return err
			}
		}
		return nil
	}
}

func set(sheet string, cellValues ...any) func(f *excelize.File) error {
	return func(f *excelize.File) error {
		for i := 0; i+1 < len(cellValues); i += 2 {
			if err := f.SetCellValue(sheet, cellValues[i].(string), cellValues[i+1]); err != nil {
				return err
			}
		}
		return nil
	}
}

func all(edits ...func(f *excelize.File) error) func(f *excelize.File) error {
	return func(f *excelize.File) error {
		for _, e := range edits {
			if err := e(f); err != nil {
				return err
			}
		}
		return nil
	}
}

// appendRow writes values in the first row below the data.
func appendRow(sheet string, values ...any) func(f *excelize.File) error {
	return func(f *excelize.File) error {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return err
		}
		return f.SetSheetRow(sheet, fmt.Sprintf("A%d", len(rows)+1), &values)
	}
}

// rewriteColumn replaces every data cell of a column by what form makes
// of its value as the sample shows it.
func rewriteColumn(sheet, col string, form func(shown string) any) func(f *excelize.File) error {
	return func(f *excelize.File) error {
		rows, err := f.GetRows(sheet)
		if err != nil {
			return err
		}
		n, err := excelize.ColumnNameToNumber(col)
		if err != nil {
			return err
		}
		for i := 1; i < len(rows); i++ {
			if n-1 >= len(rows[i]) || rows[i][n-1] == "" {
				continue
			}
			cell := fmt.Sprintf("%s%d", col, i+1)
			if err := f.SetCellValue(sheet, cell, form(rows[i][n-1])); err != nil {
				return err
			}
		}
		return nil
	}
}

var monthNames = []string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}

// dateForm rewrites a shown dd.mm.yyyy date by layout: "long" (15. juni
// 2016), "short" (15. jun. 2016), "yy" (15.06.16), "dash", "slash".
func dateForm(layout string) func(string) any {
	return func(shown string) any {
		p := strings.Split(shown, ".")
		if len(p) != 3 {
			return shown
		}
		d, m, y := p[0], p[1], p[2]
		mi := int(m[0]-'0')*10 + int(m[1]-'0')
		switch layout {
		case "long":
			return strings.TrimPrefix(d, "0") + ". " + monthNames[mi-1] + " " + y
		case "short":
			return strings.TrimPrefix(d, "0") + ". " + monthNames[mi-1][:3] + ". " + y
		case "yy":
			return d + "." + m + "." + y[2:]
		case "dash":
			return d + "-" + m + "-" + y
		case "english":
			return m + "/" + d + "/" + y
		default:
			return d + "/" + m + "/" + y
		}
	}
}

func cases() []messyCase {
	return []messyCase{
		// Read exactly as the clean sample.
		{"tittelrad-familier", families, insertRows("Familier", 1, 1, "Familier i Barn bor bra i Bærum"), false},
		{"tittel-og-oppdatert", families, insertRows("Familier", 1, 3, "Familier i prosjektet", "Oppdatert 01.03.2024 av boligkontoret"), false},
		{"tomme-rader-over", homes, insertRows("Kjøp", 1, 4), false},
		{"tittel-i-alle-ark", families, all(insertRows("Familier", 1, 1, "Familier"), insertRows("Barn", 1, 2, "Barn", "Ett barn per rad"), insertRows("Oppfølging", 1, 1, "Oppfølging")), false},
		{"tabell-fra-kolonne-c", families, func(f *excelize.File) error { return f.InsertCols("Barn", "A", 2) }, false},
		{"tittel-og-kolonne-b", homes, all(func(f *excelize.File) error { return f.InsertCols("Kjøp", "A", 1) }, insertRows("Kjøp", 1, 1, "Boligkjøp")), false},
		{"gruppeetikett-over", homes, all(insertRows("Kjøp", 1, 1), set("Kjøp", "A1", "Kjøpet", "E1", "Boligen"),
			func(f *excelize.File) error { return f.MergeCell("Kjøp", "A1", "D1") },
			func(f *excelize.File) error { return f.MergeCell("Kjøp", "E1", "H1") }), false},
		{"store-bokstaver", families, set("Familier", "A1", "FAMILIEID", "B1", "DEL", "C1", "innmeldt", "E1", "STATUS"), false},
		{"enhet-i-overskrift", homes, set("Kjøp", "C1", "Kjøpesum (kr)", "D1", "Startlån (kr)", "F1", "BRA (m²)", "G1", "Månedlige boutgifter (kr)"), false},
		{"linjeskift-i-overskrift", homes, set("Kjøp", "B1", "Kjøps-\ndato", "G1", "Månedlige\nboutgifter", "H1", "Husleie\nfør"), false},
		{"kolon-etter-overskrift", homes, set("Kjøp", "A1", "FamilieID:", "E1", "Rom:"), false},
		{"uten-norske-bokstaver", families, set("Barn", "B1", "Fodselsaar"), false},
		{"oe-og-aa", families, set("Barn", "B1", "Foedselsaar", "G1", "Flyttinger foer"), false},
		{"synonym-kjopspris", homes, set("Kjøp", "C1", "Kjøpspris", "E1", "Antall rom"), false},
		{"synonym-familienr", families, set("Familier", "A1", "Fam.nr", "C1", "Innmeldt dato", "D1", "Husholdningstype", "G1", "Flyttinger før kjøp"), false},
		{"familie-id-med-strek", families, all(set("Barn", "A1", "Familie-ID"), set("Oppfølging", "A1", "Familie-ID")), false},
		{"datoformat-i-overskrift", homes, all(set("Kjøp", "B1", "Kjøpsdato (dd.mm.åååå)"), set("Verdivurderinger", "B1", "Dato [dd.mm.åååå]")), false},
		{"mellomrom-i-overskrift", homes, set("Kjøp", "G1", "  Månedlige   boutgifter ", "H1", "Husleie\u00a0før"), false},
		{"dekomponert-overskrift", families, set("Barn", "B1", "Fo\u0338dselsa\u030ar"), false},
		{"arknavn-store-bokstaver", homes, func(f *excelize.File) error { return f.SetSheetName("Kjøp", "KJØP") }, false},
		{"arknavn-med-parentes", homes, func(f *excelize.File) error { return f.SetSheetName("Kjøp", "Kjøp (2016–2024)") }, false},
		{"sumrad-til-slutt", homes, appendRow("Kjøp", "Sum", nil, 174130000), false},
		{"sum-og-kilde-til-slutt", homes, all(appendRow("Kjøp", "Sum", nil, 174130000), appendRow("Kjøp", "Kilde: boligkontorets fagsystem")), false},
		{"totalt-i-ressursbruk", resources, appendRow("Ressursbruk", "Totalt", nil, 6697.5, 5950000), false},
		{"i-alt-i-verdivurderinger", homes, appendRow("Verdivurderinger", "I alt", nil, 1000000), false},
		{"merknad-til-slutt", homes, appendRow("Verdivurderinger", "Merk: verdiene fra 2024 er anslag fra megler"), false},
		{"ensom-tekst-til-slutt", families, appendRow("Barn", "Tallene er hentet fra fagsystemet i mars"), false},
		{"gjentatt-overskrift", families, func(f *excelize.File) error {
			if err := f.InsertRows("Barn", 40, 1); err != nil {
				return err
			}
			return f.SetSheetRow("Barn", "A40", &[]any{"FamilieID", "Fødselsår"})
		}, false},
		{"dato-lang-maned", homes, rewriteColumn("Kjøp", "B", dateForm("long")), false},
		{"dato-kort-maned", homes, rewriteColumn("Kjøp", "B", dateForm("short")), false},
		{"dato-tosifret-ar", families, rewriteColumn("Familier", "C", dateForm("yy")), false},
		{"dato-bindestrek", homes, rewriteColumn("Verdivurderinger", "B", dateForm("dash")), false},
		{"dato-skrastrek", families, rewriteColumn("Oppfølging", "B", dateForm("slash")), false},
		{"belop-som-tekst", homes, rewriteColumn("Kjøp", "C", func(s string) any { return "kr " + strings.ReplaceAll(s, ",", " ") + ",-" }), false},
		{"ekstra-kolonne", families, set("Barn", "C1", "Kommentar", "C2", "tvillinger"), false},
		{"veiledning-ark", families, func(f *excelize.File) error { _, err := f.NewSheet(data.GuideSheet); return err }, false},
		{"lagret-av-libreoffice", families, insertRows("Familier", 1, 1, "Familier"), true},
		{"libreoffice-sumformel-til-slutt", homes, func(f *excelize.File) error {
			rows, err := f.GetRows("Kjøp")
			if err != nil {
				return err
			}
			n := len(rows) + 1
			if err := f.SetCellStr("Kjøp", fmt.Sprintf("A%d", n), "Sum"); err != nil {
				return err
			}
			return f.SetCellFormula("Kjøp", fmt.Sprintf("C%d", n), fmt.Sprintf("SUM(C2:C%d)", n-1))
		}, true},
		{"libreoffice-tittel-og-tekstdatoer", homes, all(insertRows("Verdivurderinger", 1, 1, "Verdivurderinger"), rewriteColumn("Verdivurderinger", "B", dateForm("long"))), true},

		// One mistake, named at its cell.
		{"nesten-startlan", homes, set("Kjøp", "D1", "Startlaan kroner"), false},
		{"nesten-husholdning", families, set("Familier", "D1", "Husholdnig"), false},
		{"skrivefeil-kjopesum", homes, set("Kjøp", "C1", "Kjøpsum"), false},
		{"sammenslatt-overskrift", homes, func(f *excelize.File) error { return f.MergeCell("Kjøp", "C1", "D1") }, false},
		{"data-uten-overskrift", families, set("Barn", "D5", "se notat"), false},
		{"sumrad-midt-i", homes, func(f *excelize.File) error {
			if err := f.InsertRows("Kjøp", 6, 1); err != nil {
				return err
			}
			return f.SetSheetRow("Kjøp", "A6", &[]any{"Sum 2016", nil, 12000000})
		}, false},
		{"delsum-i-ressursbruk", resources, func(f *excelize.File) error {
			if err := f.InsertRows("Ressursbruk", 5, 1); err != nil {
				return err
			}
			return f.SetSheetRow("Ressursbruk", "A5", &[]any{"Sum 2016", nil, 1000, 900000})
		}, false},
		{"sumrad-i-barn", families, func(f *excelize.File) error {
			if err := f.InsertRows("Barn", 10, 1); err != nil {
				return err
			}
			return f.SetSheetRow("Barn", "A10", &[]any{"Totalt", 8})
		}, false},
		{"bare-arstall-tekst", families, set("Familier", "C5", "2017"), false},
		{"bare-arstall-tall", homes, set("Kjøp", "B3", 2017), false},
		{"dato-for-1990", homes, set("Kjøp", "B4", "01.01.1985"), false},
		{"fodselsar-for-1900", families, set("Barn", "B3", 1850), false},
		{"engelske-datoer", homes, rewriteColumn("Kjøp", "B", dateForm("english")), false},
		{"kjopesum-null", homes, set("Kjøp", "C2", 0), false},
		{"kjopesum-minus-null", homes, set("Kjøp", "C3", "-0"), false},
		{"kjopesum-1e308", homes, set("Kjøp", "C4", "1e308"), false},
		{"rom-60", homes, set("Kjøp", "E5", 60), false},
		{"verdi-null", homes, set("Verdivurderinger", "C2", 0), false},
		{"nullbredde-i-familieid", families, set("Familier", "A3", "F\u200b002"), false},
		{"kontrolltegn-i-familieid", families, set("Familier", "A4", "F0\n03"), false},
		{"lang-verdi", homes, set("Kjøp", "C6", strings.Repeat("tre millioner ", 20)), false},
		{"ugyldig-dato", homes, set("Kjøp", "B7", "30.02.2017"), false},
		{"tittel-ikke-funnet", families, insertRows("Familier", 1, 11, "Familier i prosjektet", "Slik fyller du ut arket:",
			"1. Én rad per familie.", "2. FamilieID er saksnummeret.", "3. Del er 1 eller 2.", "4. Innmeldt er datoen familien ble med.",
			"5. Husholdning velges fra listen.", "6. Status velges fra listen.", "7. Statusdato når statusen begynte.",
			"8. Flyttinger før er et heltall.", "Spørsmål? Kontakt boligkontoret."), false},
		{"mangler-familieid", families, set("Familier", "A1", "Nummer"), false},
		{"mangler-fodselsar", families, set("Barn", "B1", "Fødselsdato"), false},
		{"arknavn-med-ar", homes, func(f *excelize.File) error { return f.SetSheetName("Kjøp", "Kjøp 2016-2024") }, false},
		{"ark-i-to-filer", "+" + families + ">barn-2.xlsx", func(f *excelize.File) error {
			for _, s := range []string{"Familier", "Oppfølging"} {
				if err := f.DeleteSheet(s); err != nil {
					return err
				}
			}
			return nil
		}, false},
		// Totals rows made only of sum formulas, without a label, and an
		// Excel Table's totals row, whose label no rule knows.
		{"sumformler-til-slutt", homes, sumRow("Kjøp", 0, "SUM", "C", "D"), false},
		{"sumformler-midt-i", resources, sumRow("Ressursbruk", 5, "SUBTOTAL", "D"), false},
		{"excel-tabell-med-summerad", homes, func(f *excelize.File) error {
			rows, err := f.GetRows("Kjøp")
			if err != nil {
				return err
			}
			n := len(rows)
			if err := f.AddTable("Kjøp", &excelize.Table{Range: fmt.Sprintf("A1:H%d", n), Name: "Kjop", StyleName: "TableStyleMedium2"}); err != nil {
				return err
			}
			// The totals row as Excel writes it: the label the user picked
			// and a count. The table part is told of it in zipEdits.
			values := []any{"Antall", nil, n - 1}
			return f.SetSheetRow("Kjøp", fmt.Sprintf("A%d", n+1), &values)
		}, false},
		{"libreoffice-subtotal-midt-i", resources, func(f *excelize.File) error {
			if err := f.InsertRows("Ressursbruk", 5, 1); err != nil {
				return err
			}
			if err := f.SetCellStr("Ressursbruk", "B5", "Sum"); err != nil {
				return err
			}
			return f.SetCellFormula("Ressursbruk", "D5", "SUBTOTAL(9,D2:D4)")
		}, true},
	}
}
