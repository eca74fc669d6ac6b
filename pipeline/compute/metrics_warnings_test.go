package compute

import (
	"reflect"
	"strconv"
	"testing"

	"bobra/data"
)

// TestWarningsReplay checks that recording a section's warnings and
// replaying them gives the list the direct calls give, including the cap
// per kind and the once-only general warnings shared across sections.
func TestWarningsReplay(t *testing.T) {
	at := data.NewLoc("kjop.xlsx", "Kjøp", 7, nil)
	first := func(w *warnings) {
		for i := range MaxFamilyWarnings - 5 {
			w.family("verdi-mangler", at, "Kjøpesum", "F"+strconv.Itoa(i), "a")
		}
		w.general("k1", "ssb", data.Loc{}, "", "g1")
	}
	second := func(w *warnings) {
		for i := range 12 {
			w.family("verdi-mangler", at, "Kjøpesum", "G"+strconv.Itoa(i), "b")
			w.family("leie-mangler", at, "Kjøpsdato", "G"+strconv.Itoa(i), "c")
		}
		w.general("k1", "ssb", data.Loc{}, "", "g1 again")
		w.general("k2", "ssb", at, "År", "g2")
	}
	var direct warnings
	first(&direct)
	second(&direct)

	var replayed warnings
	rec := warnings{record: true}
	second(&rec)
	first(&replayed)
	rec.replay(&replayed)

	want, got := direct.done(), replayed.done()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("replayed warnings differ:\ngot  %+v\nwant %+v", got, want)
	}
	if len(want) != MaxFamilyWarnings+12+2+1 {
		t.Fatalf("test setup: %d warnings", len(want))
	}
}
