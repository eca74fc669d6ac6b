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
