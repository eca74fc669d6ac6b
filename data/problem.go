package data

import (
	"fmt"
	"strings"
)

// Severity says whether a problem stops a run.
type Severity int

const (
	// Note is information only, e.g. an extra column that was ignored.
	Note Severity = iota
	// Warning is reported and shown in the report's data-quality section,
	// but the run goes on.
	Warning
	// Error means the data cannot be used: nothing is written.
	Error
)

// String returns the Norwegian word for the severity.
func (s Severity) String() string {
	switch s {
	case Error:
		return "feil"
	case Warning:
		return "advarsel"
	default:
		return "merknad"
	}
}

// Problem is one thing wrong with the input, located as precisely as
// possible. Kind is a stable machine-readable code (e.g. "ugyldig-dato")
// that tests compare; Message is one Norwegian sentence for people.
//
// Value must never hold a national identity number: the reader blanks it.
type Problem struct {
	Severity Severity
	Kind     string
	File     string // base name of the workbook, "" when not tied to a file
	Sheet    string
	Cell     string // A1 reference, "" when the problem is about a sheet or file
	Column   string // canonical column name
	Value    string // the offending value as typed, shortened if long
	Message  string
	// FollowsOn marks a problem that only follows from an earlier one
	// (every FamilieID unknown because Familier could not be read); it
	// is listed after the others. Count is how many problems it stands
	// for when it was collapsed from several, else 0.
	FollowsOn bool
	Count     int
}

// Error formats the problem as one line: "fil.xlsx, ark Kjøp, celle C4
// (Kjøpesum): melding". Control characters in it are shown as escapes.
func (p Problem) Error() string {
	return p.line(p.cellText())
}

func (p Problem) line(cell string) string {
	var b strings.Builder
	b.WriteString(p.Severity.String())
	b.WriteString(": ")
	if where := p.place(cell); where != "" {
		b.WriteString(where)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return visible(b.String())
}

// place is where the problem is, as a line names it: "fil.xlsx, ark Kjøp,
// celle C4 (Kjøpesum)", with the cell as given.
func (p Problem) place(cell string) string {
	var where []string
	if p.File != "" {
		where = append(where, p.File)
	}
	if p.Sheet != "" {
		where = append(where, "ark "+p.Sheet)
	}
	if cell != "" {
		where = append(where, cell)
	}
	return strings.Join(where, ", ")
}

// cellText names the problem's cell for people: "celle C4 (Kjøpesum)",
// "rad 1 (overskriftsraden)", "rad 7".
func (p Problem) cellText() string {
	switch {
	case p.Cell == "":
		return ""
	case strings.HasPrefix(p.Cell, "rad "):
		if headerKinds[p.Kind] {
			return p.Cell + " (overskriftsraden)"
		}
		return p.Cell
	}
	c := "celle " + p.Cell
	if p.Column != "" {
		c += " (" + p.Column + ")"
	}
	return c
}

// headerKinds are the problems about a sheet's header row.
var headerKinds = map[string]bool{
	KindMissingColumn: true, KindDuplicateCol: true, KindExtraColumns: true,
	KindNearColumn: true, KindSynonym: true,
}

// Problems is every problem found in a dataset, in the order found.
type Problems []Problem

// HasErrors reports whether any problem is an Error.
func (ps Problems) HasErrors() bool { return ps.Count(Error) > 0 }

// Count returns the number of problems of severity s.
func (ps Problems) Count(s Severity) int {
	n := 0
	for _, p := range ps {
		if p.Severity == s {
			n++
		}
	}
	return n
}

// Only returns the problems of severity s, in order.
func (ps Problems) Only(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Summary is a Norwegian one-liner such as "2 feil, 1 advarsel".
func (ps Problems) Summary() string {
	e, w := ps.Count(Error), ps.Count(Warning)
	word := "advarsler"
	if w == 1 {
		word = "advarsel"
	}
	return fmt.Sprintf("%d feil, %d %s", e, w, word)
}

// FileError is a problem that stops reading a whole file or folder, such
// as an .xls file or a missing folder. Its message is one Norwegian sentence.
type FileError struct {
	Path    string
	Message string
}

func (e *FileError) Error() string { return e.Message }
