package reports

import (
	"bobra/internal/norfmt"
	"sort"
	"strconv"
	"strings"

	"bobra/pipeline/results"
)

// The sections' charts and tables, by the ids the prose places them with
// ({{ vis "id" }}).

// MaxHomeRows is the number of homes up to which the reports list each
// home; with more, the per-home rows are only in resultater.xlsx.
const MaxHomeRows = 200

// absent is a block the prose may place but that has nothing to show in
// this evaluation (no warnings, no family-level rows in a public report).
func absent(id string) namedBlock { return namedBlock{ID: id} }

func chartBlock(ch *Chart) namedBlock { return namedBlock{ID: ch.ID, Block: Block{Chart: ch}} }

func tableBlock(id string, t *Table) namedBlock { return namedBlock{ID: id, Block: Block{Table: t}} }

func summaryBlocks(res *results.Results) []namedBlock {
	return []namedBlock{{ID: "nokkeltall", Block: Block{KeyFigures: true}}}
}

func familyBlocks(res *results.Results) []namedBlock {
	c := newCells(res)
	parts := &Table{Caption: "Familier som har kjøpt, og barna deres, etter del", Header: []string{"Del", "Familier", "Barn"},
		Numeric: []bool{false, true, true}, Source: "Regnearkene Familier, Kjøp og Barn"}
	parts.Rows = [][]string{
		{"Del 1", c.count(res.Families.BoughtByPhase.P1), c.count(res.Children.ByPhase.P1)},
		{"Del 2", c.count(res.Families.BoughtByPhase.P2), c.count(res.Children.ByPhase.P2)},
		{"Alle", c.count(res.Families.Bought), c.count(res.Children.Total)},
	}
	age := &Table{Caption: "Barn etter alder per evalueringsdatoen", Header: []string{"Alder", "Barn"},
		Numeric: []bool{false, true}, Source: "Regnearket Barn (Fødselsår)"}
	for i, n := range res.Children.ByAge.Counts() {
		age.Rows = append(age.Rows, []string{results.AgeGroupLabels[i].Label, c.count(*n)})
	}
	age.Rows = append(age.Rows, []string{"Alle", c.count(res.Children.Total)})
	return []namedBlock{chartBlock(PurchasesChart(res)), tableBlock("barn", parts), tableBlock("barn-alder", age)}
}

func stabilityBlocks(res *results.Results) []namedBlock {
	c := newCells(res)
	t := &Table{Caption: "Status per evalueringsdatoen, etter del",
		Header:  []string{"Del", "Bor stabilt", "Gått ut av eie", results.LabelUnknownStatus, results.LabelStableRate},
		Numeric: []bool{false, true, true, true, true}, Source: "Regnearket Familier (Status og Statusdato)"}
	row := func(name string, s results.StabilityCounts) []string {
		return []string{name, c.count(s.Stable), c.count(s.Left), c.count(s.Unknown), c.share(s.Rate)}
	}
	t.Rows = [][]string{row("Del 1", res.Stability.ByPhase.P1), row("Del 2", res.Stability.ByPhase.P2), row("Alle", res.Stability.All)}
	return []namedBlock{chartBlock(StabilityChart(res)), tableBlock("stabilitet-tabell", t), chartBlock(RetentionChart(res))}
}

func valueBlocks(res *results.Results) []namedBlock {
	blocks := []namedBlock{chartBlock(ValueChart(res))}
	if n := len(res.Homes); n == 0 || n > MaxHomeRows {
		return append(blocks, absent("boliger-verdi"))
	}
	c := newCells(res)
	t := &Table{Caption: "Verdiutvikling per bolig",
		Header:  []string{"FamilieID", "Del", "Kjøpt", "Kjøpesum", "Verdi", "Verdi per", "Verdistigning", "Stigning", "Per år"},
		Numeric: []bool{false, true, true, true, true, true, true, true, true},
		Source:  "Regnearkene Kjøp og Verdivurderinger; * = anslått med SSBs prisindeks"}
	for _, h := range res.Homes {
		valueDate := h.ValueDate.Norwegian()
		if h.ValueEstimated {
			valueDate += " *"
		}
		if !h.Value.IsSet() {
			valueDate = Undefined
		}
		t.Rows = append(t.Rows, []string{h.FamilyID, strconv.Itoa(h.Phase), h.PurchaseDate.Norwegian(), c.money(h.Price),
			c.money(h.Value.Ptr()), valueDate, c.money(h.Gain.Ptr()), c.share(h.GainPct.Ptr()), c.share(h.AnnualPct.Ptr())})
	}
	return append(blocks, tableBlock("boliger-verdi", t))
}

func rentBlocks(res *results.Results) []namedBlock {
	blocks := []namedBlock{chartBlock(RentChart(res))}
	if n := len(res.Homes); n == 0 || n > MaxHomeRows {
		return append(blocks, absent("boliger-leie"))
	}
	c := newCells(res)
	t := &Table{Caption: "Leie per bolig etter SSBs leiepriser",
		Header:  []string{"FamilieID", "Rom", "Leie kjøpsåret", "Leie nå", "Økning per måned", "Økning", "Måneder", "Leie ikke betalt", "Etter boutgifter"},
		Numeric: []bool{false, true, true, true, true, true, true, true, true},
		Source:  rentSource(res) + "; regnearket Kjøp (Antall rom, Månedlige boutgifter)"}
	for _, h := range res.Homes {
		rent := h.Rent()
		t.Rows = append(t.Rows, []string{h.FamilyID, strconv.Itoa(h.Rooms), c.money(rent.RentThen.Ptr()), c.money(rent.RentNow.Ptr()),
			c.money(rent.RentIncreaseMonth.Ptr()), c.share(rent.RentIncreasePct.Ptr()), norfmt.Int(rent.RentMonths), c.money(rent.RentNotPaid.Ptr()), c.money(h.NetSaving.Ptr())})
	}
	return append(blocks, tableBlock("boliger-leie", t))
}

func workBlocks(res *results.Results) []namedBlock {
	c := newCells(res)
	t := &Table{Caption: "Arbeid og sosialhjelp ved start og ved siste oppfølging",
		Header:  []string{"Del", "Familier", "Voksen i arbeid, start", "Voksen i arbeid, siste", "Sosialhjelp, start", "Sosialhjelp, siste"},
		Numeric: []bool{false, true, true, true, true, true}, Source: "Regnearket Oppfølging"}
	row := func(name string, fam results.Count, inWork, social results.BaselineLatest) []string {
		return []string{name, c.count(fam), c.share(inWork.Baseline), c.share(inWork.Latest), c.share(social.Baseline), c.share(social.Latest)}
	}
	w := res.Work
	t.Rows = [][]string{
		row("Del 1", w.ByPhase.P1.Families, w.ByPhase.P1.InWork, w.ByPhase.P1.SocialAssistance),
		row("Del 2", w.ByPhase.P2.Families, w.ByPhase.P2.InWork, w.ByPhase.P2.SocialAssistance),
		row("Alle", w.Families, w.InWork, w.SocialAssistance),
	}
	return []namedBlock{tableBlock("arbeid", t)}
}

// scenarioCells is a scenario's row of the savings: the scenario, its
// share, the children, the persons, the cost per person and the savings.
// The report and the slides show the same row.
func scenarioCells(s results.Societal, sc results.Scenario, c cells) []string {
	return []string{scenarioLabel(sc, c), c.share(sc.Share), c.count(s.Children), c.persons(sc.Persons),
		c.money(s.CostPerPerson), c.money(sc.Savings)}
}

func societalBlocks(res *results.Results) []namedBlock {
	c := newCells(res)
	s := res.Societal
	scen := &Table{Caption: "Scenarioer for samfunnsøkonomisk gevinst",
		Header:  []string{"Scenario", "Andel som unngår utenforskap", "Barn", "Personer", "Kostnad per person", "Gevinst", "Kilde for andelen"},
		Numeric: []bool{false, true, true, true, true, true, false},
		Source:  "Personer = barn × andel; gevinst = personer × kostnad per person. Kostnad: " + s.CostSource}
	for _, sc := range s.Scenarios {
		scen.Rows = append(scen.Rows, append(scenarioCells(s, sc, c), sc.Source))
	}
	// Sensitivity: one row per scenario, one column per cost change, in
	// the order the results give them.
	sens := &Table{Caption: "Følsomhet: gevinst etter andel og kostnad per person", Header: []string{"Andel som unngår utenforskap"},
		Numeric: []bool{false}, Source: scen.Source}
	var changes []string
	col := map[string]int{}
	rowOf := map[string]int{}
	for _, cell := range s.Sensitivity {
		key := cell.CostChange.V.String()
		if _, ok := col[key]; !ok {
			col[key] = len(changes)
			changes = append(changes, key)
			label := c.money(cell.CostPerPerson) + " (" + norfmt.Signed(cell.CostChange.V, norfmt.Percent(cell.CostChange.V)) + ")"
			if cell.CostChange.V.IsZero() {
				label = c.money(cell.CostPerPerson) + " (som forutsatt)"
			}
			sens.Header = append(sens.Header, label)
			sens.Numeric = append(sens.Numeric, true)
		}
	}
	for _, cell := range s.Sensitivity {
		r, ok := rowOf[cell.Scenario]
		if !ok {
			r = len(sens.Rows)
			rowOf[cell.Scenario] = r
			sens.Rows = append(sens.Rows, undefinedRow(scenarioLabel(results.Scenario{Name: cell.Scenario, Share: cell.Share}, c), len(changes)+1))
		}
		sens.Rows[r][col[cell.CostChange.V.String()]+1] = c.money(cell.Savings)
	}
	return []namedBlock{chartBlock(SocietalChart(res)), tableBlock("scenarioer", scen), tableBlock("folsomhet", sens)}
}

// maxYearColumns is how many years the context table shows side by side;
// with more (a series from SSB often starts in 2005) the years go down the
// rows instead, so that the table still fits a PDF page.
const maxYearColumns = 5

func contextBlocks(res *results.Results) []namedBlock {
	if len(res.Context) == 0 {
		return []namedBlock{absent("kontekst")}
	}
	c := newCells(res)
	yearSet := map[int]bool{}
	for _, ind := range res.Context {
		for _, p := range ind.Series {
			yearSet[p.Year] = true
		}
	}
	years := sortedYears(yearSet)
	// values[i][j] is indicator i in years[j].
	values := make([][]string, len(res.Context))
	for i, ind := range res.Context {
		byYear := map[int]results.Number{}
		for _, p := range ind.Series {
			byYear[p.Year] = p.Value
		}
		for _, y := range years {
			if v, ok := byYear[y]; ok {
				values[i] = append(values[i], c.number(v))
			} else {
				values[i] = append(values[i], Undefined)
			}
		}
	}
	t := &Table{Caption: "Utviklingstrekk", Source: "Regnearket Kontekst"}
	if len(years) <= maxYearColumns {
		t.Header, t.Numeric = []string{"Indikator"}, []bool{false}
		for _, y := range years {
			t.Header = append(t.Header, strconv.Itoa(y))
			t.Numeric = append(t.Numeric, true)
		}
		t.Header = append(t.Header, "Endring", "Endring i prosent")
		t.Numeric = append(t.Numeric, true, true)
		for i, ind := range res.Context {
			row := append([]string{ind.Indicator}, values[i]...)
			t.Rows = append(t.Rows, append(row, c.change(ind.Change), c.changePercent(ind.ChangePct)))
		}
		return []namedBlock{tableBlock("kontekst", t)}
	}
	t.Header, t.Numeric = []string{"År"}, []bool{false}
	for _, ind := range res.Context {
		t.Header = append(t.Header, ind.Indicator)
		t.Numeric = append(t.Numeric, true)
	}
	for j, y := range years {
		row := []string{strconv.Itoa(y)}
		for i := range res.Context {
			row = append(row, values[i][j])
		}
		t.Rows = append(t.Rows, row)
	}
	change, pct := []string{"Endring"}, []string{"Endring i prosent"}
	for _, ind := range res.Context {
		change = append(change, c.change(ind.Change))
		pct = append(pct, c.changePercent(ind.ChangePct))
	}
	t.Rows = append(t.Rows, change, pct)
	return []namedBlock{tableBlock("kontekst", t)}
}

func methodBlocks(res *results.Results) []namedBlock {
	t := &Table{Caption: "Forutsetninger brukt i beregningen", Header: []string{"Forutsetning", "Verdi", "Kilde"},
		Numeric: []bool{false, true, false}, Source: "Regnearket Forutsetninger og kjøringen"}
	for _, a := range res.Assumptions {
		t.Rows = append(t.Rows, []string{a.Name, FormatAssumption(a), a.Source})
	}
	return []namedBlock{tableBlock("forutsetninger", t)}
}

func runBlocks(res *results.Results) []namedBlock {
	if res.Run == nil || len(res.Run.Inputs) == 0 {
		return []namedBlock{absent("inndata")}
	}
	t := &Table{Caption: "Filer som ble lest", Header: []string{"Fil", "Rader lest", "SHA-256"}, Numeric: []bool{false, false, false},
		Source: "Kjøringen; de samme opplysningene står i manifest.json"}
	for _, in := range res.Run.Inputs {
		var sheets []string
		for _, s := range in.Sheets {
			sheets = append(sheets, s.Sheet+": "+norfmt.Int(s.Rows))
		}
		rows := strings.Join(sheets, ", ")
		if rows == "" {
			rows = Undefined
		}
		t.Rows = append(t.Rows, []string{in.Name, rows, in.SHA256})
	}
	return []namedBlock{tableBlock("inndata", t)}
}

// quoteBlocks are the quotes on a theme, in the order given.
func quoteBlocks(res *results.Results, theme string) []namedBlock {
	var out []namedBlock
	for _, q := range res.Quotes {
		if q.Theme == theme {
			out = append(out, namedBlock{ID: "sitat-" + strconv.Itoa(len(out)+1), Block: Block{Quote: &Quote{Text: q.Text, Who: q.Who}}})
		}
	}
	return out
}

// undefinedRow is a table row of n cells that starts with label and has
// Undefined in the others, for pivot tables filled in cell by cell.
func undefinedRow(label string, n int) []string {
	row := make([]string, n)
	for i := range row {
		row[i] = Undefined
	}
	row[0] = label
	return row
}

func sortedYears(set map[int]bool) []int {
	years := make([]int, 0, len(set))
	for y := range set {
		years = append(years, y)
	}
	sort.Ints(years)
	return years
}
