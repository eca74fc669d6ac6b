package data

import (
	"reflect"
	"testing"
)

// TestGroupedParts: each line's parts put together are the line valider
// prints, and a group carries every cell it stands for.
func TestGroupedParts(t *testing.T) {
	date := func(cell, value string) Problem {
		return Problem{Severity: Error, Kind: KindWrongValue, File: "b.xlsx", Sheet: "Kjøp", Cell: cell, Column: "Kjøpsdato", Value: value,
			Message: "«" + value + "» er ikke en gyldig dato."}
	}
	header := Problem{Severity: Error, Kind: KindMissingColumn, File: "b.xlsx", Sheet: "Kjøp", Cell: "rad 1", Column: ColPrice, Message: "Mangler kolonnen Kjøpesum."}
	folder := Problem{Severity: Error, Kind: KindMissingSheet, Message: "Finner ingen arbeidsbøker."}
	near := Problem{Severity: Warning, Kind: KindNearColumn, File: "a.xlsx", Sheet: "Kjøp", Cell: "D1", Column: ColStartLoan, Message: "nesten\x1b[2J"}
	cells := Problems{date("B2", "x1"), date("B3", "x2"), date("B9", "x2")}
	same := Problems{date("B2", "x"), date("B3", "x"), date("B4", "x")}
	for i := range same {
		same[i].File = "c.xlsx"
	}
	ps := append(append(Problems{near, header, folder}, cells...), same...)
	sameGroup := same[0]
	sameGroup.Cell = "B2–B4"
	sameGroup.Message = "«x» er ikke en gyldig dato. Det samme gjelder 2 celler til i kolonnen; alle har verdien «x»."
	group := cells[0]
	group.Cell = "B2–B9"
	group.Message = "«x1» er ikke en gyldig dato. Det samme gjelder 2 celler til i kolonnen; verdiene er «x1» og «x2»."
	want := []Line{
		{Problem: folder, Message: folder.Message, Text: "feil: Finner ingen arbeidsbøker.", Cells: Problems{folder}},
		{Problem: near, Place: "a.xlsx, ark Kjøp, celle D1 (Startlån)", Message: `nesten\x1b[2J`,
			Text: `advarsel: a.xlsx, ark Kjøp, celle D1 (Startlån): nesten\x1b[2J`, Cells: Problems{near}},
		{Problem: header, Place: "b.xlsx, ark Kjøp, rad 1 (overskriftsraden)", Message: header.Message,
			Text: "feil: b.xlsx, ark Kjøp, rad 1 (overskriftsraden): Mangler kolonnen Kjøpesum.", Cells: Problems{header}},
		{Problem: group, Place: "b.xlsx, ark Kjøp, B2–B9 (3 celler, Kjøpsdato)", Message: group.Message,
			Text: "feil: b.xlsx, ark Kjøp, B2–B9 (3 celler, Kjøpsdato): " + group.Message, Cells: cells},
		{Problem: sameGroup, Place: "c.xlsx, ark Kjøp, B2–B4 (3 celler, Kjøpsdato)", Message: sameGroup.Message,
			Text: "feil: c.xlsx, ark Kjøp, B2–B4 (3 celler, Kjøpsdato): " + sameGroup.Message, Cells: same},
	}
	got := ps.Grouped()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Grouped:\n%+v\nwant\n%+v", got, want)
	}
	lines := ps.Lines()
	for i, l := range got {
		if lines[i] != l.Text {
			t.Errorf("line %d: Lines gives %q, Grouped %q", i, lines[i], l.Text)
		}
	}
}
