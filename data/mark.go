package data

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Fill colours of marked cells by severity, as Excel's own "bad",
// "neutral" and "note" cell styles.
var markFill = map[Severity]string{Error: "FFC7CE", Warning: "FFEB9C", Note: "DDEBF7"}

// MarkCopies writes a copy of every workbook in dataDir that has problems
// into outDir, under the same name, with each problem cell filled in its
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
	byFile := map[string]Problems{}
	for _, p := range problems.Sorted() {
		if p.File != "" && strings.EqualFold(filepath.Ext(p.File), ".xlsx") {
			byFile[p.File] = append(byFile[p.File], p)
		}
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, &FileError{Path: outDir, Message: fmt.Sprintf("Kan ikke lage mappen «%s» for de merkede kopiene.", outDir)}
	}
	var written []string
	for _, name := range names {
		if err := markCopy(filepath.Join(dataDir, name), filepath.Join(outDir, name), byFile[name]); err != nil {
			return written, &FileError{Path: name, Message: fmt.Sprintf("Kunne ikke skrive en merket kopi av %s til «%s».", name, outDir)}
		}
		written = append(written, name)
	}
	return written, nil
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

func markCopy(src, dst string, ps Problems) error {
	f, err := excelize.OpenFile(src)
	if err != nil {
		return err
	}
	defer f.Close()
	if idx, _ := f.GetSheetIndex(ControlSheet); idx >= 0 {
		// A marked copy marked again: its list is replaced.
		if err := f.DeleteSheet(ControlSheet); err != nil {
			return err
		}
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
			st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{markFill[worst[k]]}}
			if id, err = f.NewStyle(st); err != nil {
				return err
			}
			styles[[2]int{old, int(worst[k])}] = id
		}
		if err := f.SetCellStyle(k.sheet, k.cell, k.cell, id); err != nil {
			return err
		}
		text := strings.Join(texts[k], "\n")
		if existing := commentText(f, k.sheet, k.cell); existing != "" {
			_ = f.DeleteComment(k.sheet, k.cell)
			text = existing + "\n\n" + text
		}
		if err := f.AddComment(k.sheet, excelize.Comment{Cell: k.cell, Author: "bobra",
			Paragraph: []excelize.RichTextRun{{Text: "bobra: ", Font: &excelize.Font{Bold: true}}, {Text: text}}}); err != nil {
			return err
		}
	}
	if err := writeControlSheet(f, ps, sheets); err != nil {
		return err
	}
	tmp := dst + ".tmp"
	if err := f.SaveAs(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, dst)
}

func commentText(f *excelize.File, sheet, cell string) string {
	comments, err := f.GetComments(sheet)
	if err != nil {
		return ""
	}
	for _, c := range comments {
		if c.Cell != cell {
			continue
		}
		text := c.Text
		for _, r := range c.Paragraph {
			text += r.Text
		}
		return text
	}
	return ""
}

// writeControlSheet adds the first sheet, listing the file's problems in
// the order valider gives them, each with a link to its cell.
func writeControlSheet(f *excelize.File, ps Problems, sheets map[string]bool) error {
	first := f.GetSheetList()[0]
	if _, err := f.NewSheet(ControlSheet); err != nil {
		return err
	}
	if err := f.MoveSheet(ControlSheet, first); err != nil {
		return err
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
	for sev, colour := range markFill {
		if fills[sev], err = f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}}); err != nil {
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
	for col, width := range map[string]float64{"A": 10, "B": 20, "C": 24, "D": 18, "E": 100} {
		if err := f.SetColWidth(ControlSheet, col, col, width); err != nil {
			return err
		}
	}
	return f.SetPanes(ControlSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}
