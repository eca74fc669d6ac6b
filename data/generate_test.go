package data

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	for _, wb := range GeneratedWorkbooks() {
		t.Run(wb.Name, func(t *testing.T) {
			write := func(seed uint64) []byte {
				var buf bytes.Buffer
				if err := (Generator{Families: 300, Seed: seed}).WriteWorkbook(&buf, wb.Name); err != nil {
					t.Fatal(err)
				}
				return buf.Bytes()
			}
			a, b := write(7), write(7)
			if !bytes.Equal(a, b) {
				t.Fatalf("two runs with seed 7 gave different bytes")
			}
			if wb.Name != "ssb-og-forutsetninger.xlsx" && bytes.Equal(a, write(8)) {
				t.Fatalf("seeds 7 and 8 gave the same bytes")
			}
		})
	}
}

func TestGenerateUnknownWorkbook(t *testing.T) {
	t.Parallel()
	if err := (Generator{Families: 1}).WriteWorkbook(&bytes.Buffer{}, "annet.xlsx"); err == nil {
		t.Fatal("no error for a workbook the generator does not make")
	}
}

// TestGenerateReadsBackValid reads a generated dataset with the reader and
// checks that it is valid input with the proportions the generator
// promises.
func TestGenerateReadsBackValid(t *testing.T) {
	t.Parallel()
	const n = 3000
	dir := t.TempDir()
	if err := GenerateDir(dir, n, 42); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, wb := range GeneratedWorkbooks() {
		names = append(names, wb.Name)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(names) {
		t.Fatalf("wrote %d files, want %d", len(entries), len(names))
	}
	ds, problems, err := ReadDir(dir, ReadOptions{Today: NewDate(2026, 1, 1)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		// A second purchase is the only warning the generator means to cause.
		if p.Severity != Note && p.Kind != "flere-kjop" {
			t.Errorf("unexpected problem: %s", p.Error())
		}
	}
	if t.Failed() {
		return
	}

	if len(ds.Families) != n {
		t.Fatalf("families = %d, want %d", len(ds.Families), n)
	}
	ids := map[string]*Family{}
	phases := map[int]int{}
	statuses := map[string]int{}
	withoutPurchase := 0
	for i := range ds.Families {
		f := &ds.Families[i]
		ids[f.ID] = f
		phases[f.Phase]++
		statuses[f.Status]++
		if f.Status == "" {
			withoutPurchase++
		}
	}
	if ds.Families[0].ID != "G000001" || ds.Families[n-1].ID != "G003000" {
		t.Errorf("ids run %s..%s, want G000001..G003000", ds.Families[0].ID, ds.Families[n-1].ID)
	}
	if phases[Phase1] == 0 || phases[Phase2] == 0 {
		t.Errorf("phases %v: want both", phases)
	}
	for _, s := range Statuses {
		if statuses[s] == 0 {
			t.Errorf("no family with status %q", s)
		}
	}
	if share := float64(statuses[StatusLivesInHome]) / n; share < 0.65 || share > 0.85 {
		t.Errorf("share living in the home = %.2f, want about 0.75", share)
	}
	if withoutPurchase == 0 || withoutPurchase > n/10 {
		t.Errorf("%d families enrolled without purchase, want a few", withoutPurchase)
	}
	perFamily := func(count int) float64 { return float64(count) / n }
	checkRange := func(what string, got, lo, hi float64) {
		t.Helper()
		if got < lo || got > hi {
			t.Errorf("%s = %.2f, want %.2f..%.2f", what, got, lo, hi)
		}
	}
	checkRange("children per family", perFamily(len(ds.Children)), 2.3, 2.6)
	checkRange("purchases per family", perFamily(len(ds.Purchases)), 0.95, 1.0)
	checkRange("valuations per family", perFamily(len(ds.Valuations)), 0.9, 1.5)
	checkRange("follow-ups per family", perFamily(len(ds.FollowUps)), 1.5, 2.1)

	perID := func(count func(add func(id string))) map[string]int {
		m := map[string]int{}
		count(func(id string) { m[id]++ })
		return m
	}
	checkMax := func(what string, m map[string]int, most int) {
		t.Helper()
		for id, k := range m {
			if ids[id] == nil {
				t.Errorf("%s: %s is not in Familier", what, id)
			}
			if k > most {
				t.Errorf("%s: %s has %d rows, want at most %d", what, id, k, most)
			}
		}
	}
	checkMax("Verdivurderinger", perID(func(add func(string)) {
		for _, v := range ds.Valuations {
			add(v.FamilyID)
		}
	}), 3)
	checkMax("Oppfølging", perID(func(add func(string)) {
		for _, o := range ds.FollowUps {
			add(o.FamilyID)
		}
	}), 4)
	checkMax("Kjøp", perID(func(add func(string)) {
		for _, p := range ds.Purchases {
			add(p.FamilyID)
		}
	}), 2)
	checkMax("Barn", perID(func(add func(string)) {
		for _, c := range ds.Children {
			add(c.FamilyID)
		}
	}), 5)

	end := GenerateEvaluationDate
	years := map[int]bool{}
	for _, p := range ds.Purchases {
		years[p.Date.Year()] = true
		if p.Date.After(end) {
			t.Errorf("%s bought after the evaluation date: %s", p.FamilyID, p.Date)
		}
	}
	rents := map[int]map[string]bool{}
	for _, r := range ds.Rents {
		if rents[r.Year] == nil {
			rents[r.Year] = map[string]bool{}
		}
		rents[r.Year][r.Rooms] = true
	}
	index := map[int]bool{}
	for _, p := range ds.PriceIndex {
		index[p.Year] = true
	}
	for y := range years {
		for _, rooms := range RentRooms {
			if !rents[y][rooms] {
				t.Errorf("SSB-leie lacks %d, %s rooms", y, rooms)
			}
		}
		if !index[y] {
			t.Errorf("SSB-prisindeks lacks %d", y)
		}
	}
	if !index[end.Year-1] || !rents[end.Year-1][RoomsAll] {
		t.Errorf("SSB tables lack the year before the evaluation date")
	}
	if ds.Assumptions.EvaluationDate != end {
		t.Errorf("Evalueringsdato = %s, want %s", ds.Assumptions.EvaluationDate, end)
	}
	if len(ds.Resources) == 0 || len(ds.Context) == 0 {
		t.Errorf("Ressursbruk has %d rows and Kontekst %d, want some", len(ds.Resources), len(ds.Context))
	}
}

// TestGenerateWorkbooksAreIndependent checks that a workbook written on its
// own equals the one GenerateDir writes beside the others.
func TestGenerateWorkbooksAreIndependent(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := GenerateDir(dir, 200, 3); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := (Generator{Families: 200, Seed: 3}).WriteWorkbook(&buf, "kjop.xlsx"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "kjop.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, buf.Bytes()) {
		t.Fatal("kjop.xlsx differs when written alone")
	}
}
