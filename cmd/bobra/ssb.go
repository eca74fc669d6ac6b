package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"bobra/data"
	"bobra/internal/jsonstat"
)

// maxSSBDocument bounds a JSON-stat2 file bobra reads; SSB's answers for
// the two tables are a few kilobytes, and SSB refuses answers of more than
// 800 000 cells.
const maxSSBDocument = 32 << 20

// listFlag is a flag that may be given more than once (--fil, --region).
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ", ") }
func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// ssbOptions is what `bobra ssb` was asked to do.
type ssbOptions struct {
	files     []string // --fil: SSB's JSON-stat2 answers
	choice    data.SSBChoice
	out       string // --ut: the workbook to write
	overwrite bool
}

// runSSB is `bobra ssb`: it reads SSB's JSON-stat2 documents and writes
// the SSB-leie and SSB-prisindeks sheets; `bobra ssb hent` fetches them
// from SSB first, and --vis shows what a document holds.
func runSSB(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "hent" {
		return runSSBHent(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("ssb", flag.ContinueOnError)
	var files, regions listFlag
	fs.Var(&files, "fil", "`FIL.json`, SSBs svar som JSON-stat2 (tabell 09895 eller 07221); kan gis flere ganger")
	fs.Var(&regions, "region", "`KODE|NAVN`, regionen som skal brukes, for eksempel 01 eller «Oslo og Bærum kommune»; kan gis flere ganger (én per tabell)")
	dwelling := fs.String("boligtype", "", "`KODE|NAVN`, boligtypen i tabell 07221 (standard: 00 hvis tabellen har den)")
	out := fs.String("ut", "", "`FIL.xlsx` å skrive arkene SSB-leie og SSB-prisindeks til")
	overwrite := fs.Bool("overskriv", false, "erstatt filen hvis den finnes fra før")
	show := fs.String("vis", "", "vis i stedet hva `FIL.json` inneholder: tabell, oppdatert, dimensjoner, regioner og år")
	fs.Usage = func() {
		printFlagUsage(fs, "bobra ssb --fil FIL.json [--fil …] --region KODE|NAVN [--boligtype KODE] --ut FIL.xlsx\n"+
			"       bobra ssb --vis FIL.json\n"+
			"       bobra ssb hent TABELL --region KODE|NAVN [--boligtype KODE] [--fra ÅR] --ut FIL.xlsx",
			"Leser SSBs tabeller slik SSB sender dem (JSON-stat2 fra PxWebApi) og skriver arkene\n"+
				"SSB-leie (tabell 09895) og SSB-prisindeks (tabell 07221) som bobra leser, med SSBs\n"+
				"tabell og oppdateringsdato i kolonnen Kilde. Tabell 07221 er kvartalsvis: et års indeks\n"+
				"er snittet av de fire kvartalene. Celler SSB ikke har tall for, står tomme, og bobra\n"+
				"sier hvilke. Legg arbeidsboken i datamappen i stedet for arkene du har skrevet inn selv.\n"+
				"«bobra ssb hent» henter tabellen fra SSB (skriv «bobra ssb hent --help»).\n\n"+
				"Avslutningskode: 0 ferdig, 1 fila er ikke et SSB-dokument bobra kan lese, 2 feil bruk\n"+
				"(ukjent region, feil tabell), 4 arbeidsboken kunne ikke skrives.")
	}
	if code, done := parseNorwegianFlags(fs, args, stdout, stderr); done {
		return code
	}
	if *show != "" {
		if len(files) > 0 || *out != "" {
			return ssbUsage(stderr, "ssb", "--vis viser én fil og kan ikke brukes sammen med --fil eller --ut")
		}
		return ssbShow(*show, stdout, stderr)
	}
	if len(files) == 0 {
		return ssbUsage(stderr, "ssb", "oppgi SSB-dokumentet med --fil FIL.json (eller hent det med «bobra ssb hent»)")
	}
	if code := checkXLSXOut("ssb", *out, stderr); code != exitOK {
		return code
	}
	return ssbImport(ssbOptions{files: files, out: *out, overwrite: *overwrite,
		choice: data.SSBChoice{Regions: regions, DwellingType: *dwelling}}, stdout, stderr)
}

// ssbImport reads every document, maps each onto its sheet and writes the
// workbook.
func ssbImport(opt ssbOptions, stdout, stderr io.Writer) int {
	var imports []*data.SSBImport
	from := map[string]string{} // sheet → file
	for _, path := range opt.files {
		doc, err := readSSBDocument(path)
		if err != nil {
			fmt.Fprintf(stderr, "bobra ssb: %s.\n", err)
			return exitData
		}
		imp, err := data.ImportSSB(doc, opt.choice)
		if err != nil {
			fmt.Fprintf(stderr, "bobra ssb: %s: %s.\n", path, err)
			return exitUsage
		}
		if prev, dup := from[imp.Sheet]; dup {
			return ssbUsage(stderr, "ssb", fmt.Sprintf("både %s og %s gir arket %s; oppgi én fil per tabell", prev, path, imp.Sheet))
		}
		from[imp.Sheet] = path
		imports = append(imports, imp)
	}
	return writeSSBWorkbook("ssb", imports, opt.out, opt.overwrite, stdout, stderr)
}

// writeSSBWorkbook writes the imported sheets and tells the user what is
// in them and which cells SSB had no figures for.
func writeSSBWorkbook(cmd string, imports []*data.SSBImport, out string, overwrite bool, stdout, stderr io.Writer) int {
	ds := &data.Dataset{}
	var sheets []string
	for _, imp := range imports {
		ds.Rents = append(ds.Rents, imp.Rents...)
		ds.PriceIndex = append(ds.PriceIndex, imp.PriceIndex...)
		sheets = append(sheets, imp.Sheet)
	}
	files := []outputFile{{path: out, write: func(w io.Writer) error {
		return data.WriteWorkbookWith(w, ds, data.WriteOptions{Sheets: sheets})
	}}}
	if code := writeNewFiles(cmd, files, overwrite, stderr); code != exitOK {
		return code
	}
	fmt.Fprintf(stdout, "Skrev %s:\n", out)
	for _, imp := range imports {
		rows := len(imp.Rents) + len(imp.PriceIndex)
		fmt.Fprintf(stdout, "  %s: %d %s for %s (%s)\n", imp.Sheet, rows, plural(rows, "rad", "rader"), imp.Region, imp.Source)
		for _, m := range imp.Messages {
			fmt.Fprintf(stdout, "    merknad: %s\n", m)
		}
	}
	fmt.Fprintf(stdout, "Legg fila i datamappen i stedet for arkene %s du har skrevet inn selv, og kontroller med «bobra valider --data %s».\n",
		strings.Join(sheets, " og "), filepath.Dir(out))
	return exitOK
}

// readSSBDocument reads and parses one JSON-stat2 file; the error names it.
func readSSBDocument(path string) (*jsonstat.Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("fant ikke fila %s", path)
		}
		return nil, fmt.Errorf("kan ikke lese %s", path)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxSSBDocument+1))
	if err != nil {
		return nil, fmt.Errorf("kan ikke lese %s", path)
	}
	if len(b) > maxSSBDocument {
		return nil, fmt.Errorf("%s er større enn %d MB og er ikke et svar fra SSB bobra kan lese", path, maxSSBDocument>>20)
	}
	doc, err := jsonstat.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", path, err)
	}
	return doc, nil
}

// checkXLSXOut refuses an --ut that is missing, is not .xlsx or lies in a
// folder that does not exist.
func checkXLSXOut(cmd, path string, stderr io.Writer) int {
	switch {
	case path == "":
		return ssbUsage(stderr, cmd, "oppgi arbeidsboken som skal skrives, med --ut FIL.xlsx")
	case !strings.EqualFold(filepath.Ext(path), ".xlsx"):
		return ssbUsage(stderr, cmd, path+" må slutte på .xlsx")
	}
	if dir := filepath.Dir(path); dir != "." {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return ssbUsage(stderr, cmd, "mappen "+dir+" finnes ikke")
		}
	}
	return exitOK
}

func ssbUsage(stderr io.Writer, cmd, msg string) int {
	fmt.Fprintf(stderr, "bobra %s: %s. Skriv «bobra %s --help» for flaggene.\n", cmd, msg, cmd)
	return exitUsage
}

// ssbShow is `bobra ssb --vis FIL.json`: what the document holds, so the
// user can pick a region and a dwelling type.
func ssbShow(path string, stdout, stderr io.Writer) int {
	doc, err := readSSBDocument(path)
	if err != nil {
		fmt.Fprintf(stderr, "bobra ssb: %s.\n", err)
		return exitData
	}
	w := stdout
	fmt.Fprintf(w, "%s\n", path)
	if doc.TableID != "" {
		fmt.Fprintf(w, "  Tabell:     %s\n", doc.TableID)
	}
	if doc.Label != "" {
		fmt.Fprintf(w, "  Tittel:     %s\n", doc.Label)
	}
	if doc.Source != "" {
		fmt.Fprintf(w, "  Kilde:      %s\n", doc.Source)
	}
	if doc.Updated != "" {
		fmt.Fprintf(w, "  Oppdatert:  %s\n", showDate(doc.Updated))
	}
	fmt.Fprintf(w, "  Kilde-tekst i arkene: %s\n", data.SSBSource(doc))
	fmt.Fprintln(w, "  Dimensjoner:")
	for _, dim := range doc.Dimensions {
		fmt.Fprintf(w, "    %s (%s), %d %s: %s\n", dim.ID, dim.Label, len(dim.Categories),
			plural(len(dim.Categories), "verdi", "verdier"), showCategories(dim))
	}
	if regions, ok := data.SSBRegions(doc); ok {
		fmt.Fprintf(w, "  Regioner (--region): %s\n", showCategories(*regions))
	}
	if t, ok := doc.ByRole("time"); ok {
		first, last := t.Categories[0].Code, t.Categories[len(t.Categories)-1].Code
		years := first[:min(4, len(first))]
		if l := last[:min(4, len(last))]; l != years {
			years += "–" + l
		}
		if first != years && len(first) > 4 {
			years += " (" + showCategories(*t) + ")"
		}
		fmt.Fprintf(w, "  År: %s\n", years)
	}
	missing := map[string]int{}
	total := 0
	pos := make([]int, len(doc.Dimensions))
	for n := 0; n < doc.Cells(); n++ {
		rest := n
		for i := len(pos) - 1; i >= 0; i-- {
			size := len(doc.Dimensions[i].Categories)
			pos[i], rest = rest%size, rest/size
		}
		if v := doc.At(pos); !v.Present {
			missing[v.Status]++
			total++
		}
	}
	fmt.Fprintf(w, "  Celler: %d, av dem %d uten tall", doc.Cells(), total)
	if total > 0 {
		var kinds []string
		for s := range missing {
			kinds = append(kinds, s)
		}
		sort.Strings(kinds)
		var parts []string
		for _, s := range kinds {
			parts = append(parts, fmt.Sprintf("%d %s", missing[s], data.SSBSymbol(s)))
		}
		fmt.Fprintf(w, " (%s)", strings.Join(parts, "; "))
	}
	fmt.Fprintln(w)
	var notes []string
	notes = append(notes, doc.Notes...)
	for _, dim := range doc.Dimensions {
		for _, n := range dim.Notes {
			notes = append(notes, dim.Label+": "+n)
		}
		for _, c := range dim.Categories {
			for _, n := range c.Notes {
				notes = append(notes, c.Label+": "+n)
			}
		}
	}
	if len(notes) > 0 {
		fmt.Fprintln(w, "  Merknader fra SSB:")
		for _, n := range notes {
			fmt.Fprintf(w, "    - %s\n", strings.Join(strings.Fields(withoutTags(n)), " "))
		}
	}
	fmt.Fprintf(w, "Les inn med «bobra ssb --fil %s --region KODE --ut FIL.xlsx».\n", path)
	return exitOK
}

// showCategories lists a dimension's categories: every code with its
// label, or for time the first and last period.
func showCategories(dim jsonstat.Dimension) string {
	cs := dim.Categories
	if dim.Role == "time" {
		if len(cs) == 1 {
			return cs[0].Code
		}
		return cs[0].Code + "–" + cs[len(cs)-1].Code
	}
	const most = 20
	var parts []string
	for i, c := range cs {
		if i == most {
			parts = append(parts, fmt.Sprintf("… (%d til)", len(cs)-most))
			break
		}
		p := c.Code
		if c.Label != c.Code {
			p += " (" + c.Label + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// showDate writes 2025-12-22T07:00:00Z as 22.12.2025.
func showDate(iso string) string {
	if len(iso) >= 10 && iso[4] == '-' && iso[7] == '-' {
		return iso[8:10] + "." + iso[5:7] + "." + iso[0:4]
	}
	return iso
}

// withoutTags drops the HTML markup SSB puts in some notes (a link to its
// list of regional changes), keeping the text.
func withoutTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}
