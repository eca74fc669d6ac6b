package data

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// The fixtures in testdata/libreoffice were saved by LibreOffice Calc from
// the same data as goodSheets (see make.sh): shared strings, styles, real
// date cells, a formula, a hidden sheet, and one in the 1904 date system.
// Read back they must give the same records as the excelize-written book.
func TestReadLibreOfficeFixtures(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, dir, "a.xlsx", goodSheets()...)
	want, ps, err := ReadDir(dir, ReadOptions{Today: testToday})
	if err != nil || len(ps) != 0 {
		t.Fatalf("reading the excelize book: %v %s", err, dump(ps))
	}
	for _, name := range []string{"lagret-av-libreoffice.xlsx", "lagret-av-libreoffice-1904.xlsx"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", "libreoffice", name))
			if err != nil {
				t.Fatal(err)
			}
			one := t.TempDir()
			writeFile(t, filepath.Join(one, name), b)
			got, ps, err := ReadDir(one, ReadOptions{Today: testToday})
			if err != nil {
				t.Fatal(err)
			}
			wantProblems := Problems{{Severity: Note, Kind: KindUnknownSheet, File: name, Sheet: "Notater",
				Message: "Arket er ikke en del av malen og blir ikke brukt (det er likevel kontrollert for fødselsnumre)."}}
			if !reflect.DeepEqual(ps, wantProblems) {
				t.Errorf("problems:\n%s", dump(ps))
			}
			if !reflect.DeepEqual(stripLocations(got), stripLocations(want)) {
				t.Errorf("dataset differs:\n got %+v\nwant %+v", stripLocations(got), stripLocations(want))
			}
		})
	}
}

// stripLocations returns a copy of ds without file names, locations and
// parameter text, which differ between two files holding the same data.
func stripLocations(ds *Dataset) Dataset {
	c := *ds
	c.Files = nil
	c.Families = append([]Family(nil), ds.Families...)
	for i := range c.Families {
		c.Families[i].At = Loc{}
	}
	c.Children = append([]Child(nil), ds.Children...)
	for i := range c.Children {
		c.Children[i].At = Loc{}
	}
	c.Purchases = append([]Purchase(nil), ds.Purchases...)
	for i := range c.Purchases {
		c.Purchases[i].At = Loc{}
	}
	c.Rents = append([]RentRow(nil), ds.Rents...)
	for i := range c.Rents {
		c.Rents[i].At = Loc{}
	}
	c.PriceIndex = append([]PriceIndexRow(nil), ds.PriceIndex...)
	for i := range c.PriceIndex {
		c.PriceIndex[i].At = Loc{}
	}
	c.Assumptions.Params = nil
	return c
}
