package data

import (
	"fmt"
	"reflect"
	"strconv"
	"testing"
)

// TestRecycledCellsReadAsOwn reads a folder whose rows are held across
// many batches (titles above the header, a totals row inside the table,
// a row of more cells than a batch holds, and hundreds of totals and
// notes below the table) with each batch's memory reused once decoded
// and with every batch's memory its own, and compares the datasets and
// the problems: a row kept for longer than its batch must be a copy.
func TestRecycledCellsReadAsOwn(t *testing.T) {
	sheets := clone(goodSheets())
	barn := find(sheets, "Barn")
	header := barn.rows[0]
	barn.rows = [][]any{{"Barn i programmet"}, {"Oppdatert 2021"}, header}
	for i := range 3000 {
		id := "F001"
		if i%3 == 0 {
			id = "F002"
		}
		barn.rows = append(barn.rows, []any{id, 2005 + i%12})
		switch i {
		case 700:
			barn.rows = append(barn.rows, []any{"Sum", 2000 + i})
		case 1500:
			wide := make([]any, batchCells+300)
			wide[0], wide[1], wide[len(wide)-1] = "F001", 2010, "langt ute"
			barn.rows = append(barn.rows, wide)
		}
	}
	for i := range 1200 {
		barn.rows = append(barn.rows, []any{"Sum del " + strconv.Itoa(i+1), 3000 + i})
	}
	dir := t.TempDir()
	writeBook(t, dir, "data.xlsx", sheets...)
	read := func(recycle bool) (*Dataset, string) {
		defer func(was bool) { recycleCells = was }(recycleCells)
		recycleCells = recycle
		ds, ps, err := ReadDir(dir, ReadOptions{Today: testToday})
		if err != nil {
			t.Fatal(err)
		}
		return ds, fmt.Sprint(ps)
	}
	got, gotPs := read(true)
	want, wantPs := read(false)
	if gotPs != wantPs {
		t.Errorf("problems differ:\n got %s\nwant %s", gotPs, wantPs)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("datasets differ")
	}
	if len(got.Children) != 3001 {
		t.Errorf("%d children read, want 3001", len(got.Children))
	}
}

// TestRecycledCellsReadAsCopied reads two workbooks with every shape in
// which a row's cells or their texts are kept past the row's batch, once
// with the sheet reader's row and the batches' memory reused and once
// with every row's cells and every batch its own, and compares the whole
// datasets, the problems of reading and the problems of the checks. The
// shapes: title rows above a header that starts after them, totals and
// notes below the data (more of them than a batch holds), a repeated
// header inside the table, a copy of a sheet in the second workbook,
// texts, amounts, dates and FamilieIDs repeated thousands of times
// (the per-sheet caches), closed-list values typed as the list has them
// and not, bad values that problems quote, and more rows than a batch.
func TestRecycledCellsReadAsCopied(t *testing.T) {
	households := []string{"enslig forsørger", "to foreldre", "Enslig forsørger", "TO FORELDRE", "enslig  forsørger", "tre foreldre"}
	statuses := []string{"bor i boligen", "Bor i boligen", "solgt og leier", "tvangssalg", "ukjent", "flyttet", ""}
	enrolled := []string{"01.03.2016", "2019-05-01", "1. mars 2017", "03/01/2018", "42736", "31.02.2019", "i fjor"}
	prices := []string{"3 350 000", "3350000", "2 500 000,50", "kr 4 000 000,-", "1.5E6", "3.350.000", "abc", "-200", "12345678901"}
	areas := []string{"89", "89,5", "75.25", "0", "-3", "mange", "1.685"}
	const families = 1500
	id := func(i int) string { return "F" + strconv.Itoa(i) }
	// Title rows wider than a batch: each goes to the decoder in a batch
	// of its own, so that the batches of the titles are reused before the
	// header, which quotes the first title, is found.
	wide := func(text string) []any {
		row := make([]any, batchCells+10)
		row[0], row[len(row)-1] = text, "kolonne langt ute"
		return row
	}
	fam := [][]any{{"Familier i programmet"}, wide("Rapport fra saksbehandlingssystemet"), {nil, "Oppdatert 2021"},
		wide("Eksportert av fagsystemet"), wide("Side 1"),
		{"FamilieID", "Del", "Innmeldt", "Husholdning", "Status", "Statusdato", "Flyttinger før"}}
	for i := range families {
		moves := any(i % 5)
		if i%97 == 0 {
			moves = "mange"
		}
		fam = append(fam, []any{id(i), 1 + i%2, enrolled[i%len(enrolled)], households[i%len(households)],
			statuses[i%len(statuses)], nil, moves})
		if i == 600 {
			fam = append(fam, []any{"FamilieID", "Del", "Innmeldt", "Husholdning", "Status", "Statusdato", "Flyttinger før"})
		}
	}
	fam = append(fam, []any{id(5), 2, "01.01.2020", "to foreldre", nil, nil, 1}) // a second row for F5
	for i := range 3000 {
		fam = append(fam, []any{"Sum del " + strconv.Itoa(i+1), nil, nil, nil, nil, nil, 100 + i})
	}
	fam = append(fam, []any{"Merknad: tallene er hentet ut 30.09.2021 og gjelder alle familier i begge delene av programmet."})
	barn := [][]any{{"FamilieID", "Fødselsår"}}
	for i := range 4 * families {
		y := any(2000 + i%20)
		if i%211 == 0 {
			y = "tjue"
		}
		barn = append(barn, []any{id(i/4 + 3), y}) // the last families are unknown
	}
	kjop := [][]any{{"Kjøp"}, {"FamilieID", "Kjøpsdato", "Kjøpesum", "Startlån", "Rom", "BRA", "Månedlige boutgifter", "Husleie før"}}
	for i := range families {
		kjop = append(kjop, []any{id(i), enrolled[(i+1)%len(enrolled)], prices[i%len(prices)], 3000000 + i%3*500000,
			2 + i%4, areas[i%len(areas)], "12 500", strconv.Itoa(14000 + i%3)})
	}
	kjop = append(kjop, []any{"I alt", nil, "5 000 000 000"}, []any{"Alle beløp i kroner."})
	sheets := clone(goodSheets())
	find(sheets, "Familier").rows = fam
	find(sheets, "Barn").rows = barn
	find(sheets, "Kjøp").rows = kjop
	other := []testSheet{{"Barn", barn[:len(barn)/3]}, {"Notater", [][]any{{"Fritekst"}, {"F12 flyttet"}}}}
	dir := t.TempDir()
	writeBook(t, dir, "data.xlsx", sheets...)
	writeBook(t, dir, "kopi.xlsx", other...)
	type read struct {
		ds           *Dataset
		read, checks Problems
	}
	readAs := func(recycle bool) read {
		defer func(was bool) { recycleCells = was }(recycleCells)
		recycleCells = recycle
		ds, ps, err := ReadDir(dir, ReadOptions{Today: testToday})
		if err != nil {
			t.Fatal(err)
		}
		return read{ds, ps, Validate(ds, testToday)}
	}
	got, want := readAs(true), readAs(false)
	if !reflect.DeepEqual(got.read, want.read) {
		t.Errorf("problems of reading differ:\n got %v\nwant %v", got.read, want.read)
	}
	if !reflect.DeepEqual(got.checks, want.checks) {
		t.Errorf("problems of the checks differ:\n got %v\nwant %v", got.checks, want.checks)
	}
	if !reflect.DeepEqual(got.ds, want.ds) {
		t.Error("datasets differ")
	}
	// The shapes are there: the rows were read, and each kind of problem
	// the test relies on was found.
	if len(got.ds.Families) != families+1 || len(got.ds.Children) != 4*families || len(got.ds.Purchases) != families {
		t.Errorf("read %d families, %d children, %d purchases", len(got.ds.Families), len(got.ds.Children), len(got.ds.Purchases))
	}
	kinds := map[string]bool{}
	for _, p := range append(got.read, got.checks...) {
		kinds[p.Kind] = true
	}
	for _, k := range []string{KindDuplicateSheet, KindUnknownID, KindDuplicateID} {
		if !kinds[k] {
			t.Errorf("no problem of kind %s: the workbook lacks a shape", k)
		}
	}
}
