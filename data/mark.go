package data

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Fill colours of marked cells by severity, as Excel's own "bad",
// "neutral" and "note" cell styles.
var markFill = map[Severity]string{Error: "FFC7CE", Warning: "FFEB9C", Note: "DDEBF7"}

// MarkCopies writes a copy of every workbook in dataDir into outDir,
// under the same name, with each problem cell filled in its
// severity's colour, a comment holding the Norwegian message, and a first
// sheet "Kontroll" listing every problem of the file with a link to its
// cell. The originals are never written. The copies are the same bytes
// for the same workbook and problems, and reading a copy gives the same
// problems (the reader ignores the Kontroll sheet). It returns the names
// written, in order.
func MarkCopies(dataDir, outDir string, problems Problems) ([]string, error) {
	if same, err := sameDir(dataDir, outDir); err != nil || same {
		if err == nil {
			err = &FileError{Path: outDir, Message: fmt.Sprintf("«%s» er datamappen; oppgi en annen mappe for de merkede kopiene, så originalene ikke endres.", outDir)}
		}
		return nil, err
	}
	entries, err := os.ReadDir(dataDir)
	if err != nil {
		return nil, &FileError{Path: dataDir, Message: fmt.Sprintf("Kan ikke lese innholdet i mappen «%s».", dataDir)}
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		// A workbook with macros is read like any other, so it gets its
		// marked copy too: excelize keeps its macro part and writes the
		// macro-enabled content type for a path ending in .xlsm.
		if e.Type().IsRegular() && !strings.HasPrefix(name, "~$") && !strings.HasPrefix(name, ".") &&
			(strings.EqualFold(ext, ".xlsx") || strings.EqualFold(ext, ".xlsm")) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	// Problems of the folder as a whole (a missing sheet) are listed in
	// every copy; the others in their file's.
	var folder Problems
	byFile := map[string]Problems{}
	for _, p := range problems.Sorted() {
		if p.File == "" {
			folder = append(folder, p)
		} else {
			byFile[p.File] = append(byFile[p.File], p)
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, &FileError{Path: outDir, Message: fmt.Sprintf("Kan ikke lage mappen «%s» for de merkede kopiene.", outDir)}
	}
	var written []string
	for _, name := range names {
		src, dst := filepath.Join(dataDir, name), filepath.Join(outDir, name)
		f, err := excelize.OpenFile(src)
		if err == nil {
			err = markCopy(f, dst, append(append(Problems(nil), folder...), byFile[name]...))
			f.Close()
		} else {
			// A file bobra could not read as a workbook is copied as it
			// is, so that the copies give the same problems.
			err = copyFile(src, dst)
		}
		if err != nil {
			return written, &FileError{Path: name, Message: fmt.Sprintf("Kunne ikke skrive en merket kopi av %s til «%s».", name, outDir)}
		}
		written = append(written, name)
	}
	return written, nil
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return writeAtomically(dst, func(w *os.File) error { _, err := w.Write(b); return err })
}

// writeAtomically writes beside dst under a hidden name (which the reader
// skips) and renames, so a copy is never half written.
func writeAtomically(dst string, write func(w *os.File) error) error {
	tmp := filepath.Join(filepath.Dir(dst), ".bobra-tmp-"+filepath.Base(dst))
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := write(out); err != nil {
		out.Close()
		os.Remove(tmp)
		return err
	}
	if err := out.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}

func sameDir(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, &FileError{Path: a, Message: fmt.Sprintf("Finner ikke mappen «%s».", a)}
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, nil // not there yet: written fresh
	}
	return os.SameFile(ia, ib), nil
}

func markCopy(f *excelize.File, dst string, ps Problems) error {
	// A marked copy marked again keeps its Kontroll sheet, written over in
	// place: deleting it and adding a new one would give it a new
	// relation id and move its part in the package, and marking a marked
	// copy must give the same bytes as the first marking.
	again := false
	if idx, _ := f.GetSheetIndex(ControlSheet); idx >= 0 {
		again = true
	}
	sheets := map[string]bool{}
	for _, s := range f.GetSheetList() {
		sheets[s] = true
	}
	type cellKey struct{ sheet, cell string }
	var order []cellKey
	worst := map[cellKey]Severity{}
	texts := map[cellKey][]string{}
	for _, p := range ps {
		if !sheets[p.Sheet] || !isA1(p.Cell) {
			continue
		}
		k := cellKey{p.Sheet, p.Cell}
		if _, seen := texts[k]; !seen {
			order = append(order, k)
			worst[k] = p.Severity
		}
		worst[k] = max(worst[k], p.Severity)
		texts[k] = append(texts[k], visible(p.Severity.String()+": "+p.Message))
	}
	styles := map[[2]int]int{} // (old style, severity) -> new style
	for _, k := range order {
		old, err := f.GetCellStyle(k.sheet, k.cell)
		if err != nil {
			return err
		}
		id, ok := styles[[2]int{old, int(worst[k])}]
		if !ok {
			st, err := f.GetStyle(old)
			if err != nil || st == nil {
				st = &excelize.Style{}
			}
			fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{markFill[worst[k]]}}
			if reflect.DeepEqual(st.Fill, fill) {
				// Marked before in this colour (a marked copy marked
				// again): the style is the mark already. A new one from
				// GetStyle's round trip would differ from it in an empty
				// alignment, and the copy in bytes.
				id = old
			} else {
				st.Fill = fill
				if id, err = f.NewStyle(st); err != nil {
					return err
				}
			}
			styles[[2]int{old, int(worst[k])}] = id
		}
		if err := f.SetCellStyle(k.sheet, k.cell, k.cell, id); err != nil {
			return err
		}
		runs := []excelize.RichTextRun{{Text: markPrefix, Font: &excelize.Font{Bold: true}}, {Text: strings.Join(texts[k], "\n")}}
		if existing, ok := commentText(f, k.sheet, k.cell); ok {
			// One comment per cell: the one there (the template's help, a
			// person's note) goes first; an earlier marking is replaced.
			if err := f.DeleteComment(k.sheet, k.cell); err != nil {
				return err
			}
			if existing != "" {
				runs = append([]excelize.RichTextRun{{Text: existing + markSeparator}}, runs...)
			}
		}
		if err := f.AddComment(k.sheet, excelize.Comment{Cell: k.cell, Author: "bobra", Paragraph: runs}); err != nil {
			return err
		}
	}
	if err := writeControlSheet(f, ps, sheets, again); err != nil {
		return err
	}
	return writeAtomically(dst, func(w *os.File) error { _, err := f.WriteTo(w); return err })
}

// markPrefix starts the part of a comment bobra writes on a marked cell,
// in a run of its own; markSeparator stands between the comment that was
// there and it.
const (
	markPrefix    = "bobra: "
	markSeparator = "\n\n"
)

// commentText is the comment on a cell as it was before bobra marked it
// (empty when bobra wrote the whole of it), and whether it has one.
func commentText(f *excelize.File, sheet, cell string) (string, bool) {
	comments, err := f.GetComments(sheet)
	if err != nil {
		return "", false
	}
	for _, c := range comments {
		if c.Cell != cell {
			continue
		}
		text := c.Text
		for _, r := range c.Paragraph {
			if r.Text == markPrefix && r.Font != nil && r.Font.Bold {
				return strings.TrimSuffix(text, markSeparator), true
			}
			text += r.Text
		}
		return text, true
	}
	return "", false
}

// writeControlSheet adds the first sheet, listing the file's problems in
// the order valider gives them, each with a link to its cell.
// again says the workbook has a Kontroll sheet from an earlier marking,
// which is emptied and written anew.
func writeControlSheet(f *excelize.File, ps Problems, sheets map[string]bool, again bool) error {
	if again {
		if err := clearSheet(f, ControlSheet, len(ps)+1); err != nil {
			return err
		}
	} else {
		first := f.GetSheetList()[0]
		if _, err := f.NewSheet(ControlSheet); err != nil {
			return err
		}
		if err := f.MoveSheet(ControlSheet, first); err != nil {
			return err
		}
	}
	if idx, _ := f.GetSheetIndex(ControlSheet); idx != 0 {
		if err := f.MoveSheet(ControlSheet, f.GetSheetList()[0]); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	header := []any{"Alvor", "Ark", "Celle", "Kolonne", "Melding"}
	if err := f.SetSheetRow(ControlSheet, "A1", &header); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(ControlSheet, "A1", "E1", bold); err != nil {
		return err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	if err != nil {
		return err
	}
	fills := map[Severity]int{}
	for _, sev := range []Severity{Error, Warning, Note} { // in order: the style ids go into the file
		if fills[sev], err = f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{markFill[sev]}}}); err != nil {
			return err
		}
	}
	if len(ps) == 0 {
		if err := f.SetCellStr(ControlSheet, "E2", "bobra fant ingen problemer i denne arbeidsboken."); err != nil {
			return err
		}
	}
	for i, p := range ps {
		row := itoa(i + 2)
		where := p.cellText()
		target := ""
		switch {
		case !sheets[p.Sheet]:
		case isA1(p.Cell):
			where, target = p.Cell, p.Cell
		case strings.HasPrefix(p.Cell, "rad "):
			target = "A" + strings.TrimPrefix(p.Cell, "rad ")
		default:
			target = "A1"
		}
		values := []any{p.Severity.String(), visible(p.Sheet), where, p.Column, visible(p.Message)}
		if err := f.SetSheetRow(ControlSheet, "A"+row, &values); err != nil {
			return err
		}
		if err := f.SetCellStyle(ControlSheet, "A"+row, "A"+row, fills[p.Severity]); err != nil {
			return err
		}
		if target != "" {
			if where == "" {
				if err := f.SetCellStr(ControlSheet, "C"+row, "gå til arket"); err != nil {
					return err
				}
			}
			ref := "'" + strings.ReplaceAll(p.Sheet, "'", "''") + "'!" + target
			if err := f.SetCellHyperLink(ControlSheet, "C"+row, ref, "Location"); err != nil {
				return err
			}
			if err := f.SetCellStyle(ControlSheet, "C"+row, "C"+row, link); err != nil {
				return err
			}
		}
	}
	for i, width := range []float64{10, 20, 24, 18, 100} {
		col := columnLetters(i)
		if err := f.SetColWidth(ControlSheet, col, col, width); err != nil {
			return err
		}
	}
	return f.SetPanes(ControlSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// clearSheet removes the rows of a sheet after row keep, and with them
// their links. The rows up to keep are written over: removing a row with
// a link makes excelize add an empty relations part to the sheet, which a
// first marking does not have.
func clearSheet(f *excelize.File, sheet string, keep int) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	for r := len(rows); r > keep; r-- {
		if err := f.RemoveRow(sheet, r); err != nil {
			return err
		}
	}
	return nil
}
