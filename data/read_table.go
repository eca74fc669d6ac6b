package data

import (
	"fmt"
	"slices"
	"strings"
)

// Where a table starts and ends in a sheet, as people really keep them:
// title rows and "Oppdatert …" lines above the header, totals and notes
// below the last data row, a header repeated inside the data. The rows
// arrive one by one (blank rows never do); rows whose role is not known
// yet are held until it is.

// headerSearchRows is how many rows with content the header is looked
// for in (blank rows above it are not counted).
const headerSearchRows = 10

// Problem kinds for the shape of a table.
const (
	KindSkippedRows   = "hoppet-over-rader"
	KindNoHeaderRow   = "mangler-overskriftsrad"
	KindTotalInData   = "sumrad-i-data"
	KindNoHeader      = "data-uten-overskrift"
	KindEnglishDate   = "engelsk-dato"
	KindBareYear      = "bare-arstall"
	KindOldDate       = "gammel-dato"
	KindTooLargeValue = "for-stort-tall"
	KindInvisibleChar = "usynlige-tegn"
)

// tableState is the part of sheetState about the table's shape.
type tableState struct {
	headerRow  int
	firstCol   int      // the leftmost column the header names, -1 for none
	headerText []string // the header row's cells, for a repeated header
	known      []bool   // column index -> the header row has text there
	before     []heldRow
	tail       []heldRow // totals and notes after the last data row so far
	repeats    []int     // repeated header rows, skipped
	// tableTotals are the totals rows of the sheet's Excel Tables, by row,
	// with the table's name; skipped are those met, skipped.
	tableTotals map[int]string
	skipped     []int
	noHeader    map[int]bool
	english     map[string]englishDate // column -> first month/day date
	// labelCols are the indexes of the columns a totals label may be in
	// (see tailRow), resolved at the first data row.
	labelCols []int
}

// heldCells is a copy of a row's cells kept beyond the row's decoding:
// the reader reuses the memory of the cells once a batch of rows is
// decoded.
func heldCells(cells []string) []string { return slices.Clone(cells) }

// heldRow is a row whose role is not known yet.
type heldRow struct {
	num     int
	cells   []string
	dates   []bool // which cells carry a date number format; nil if none
	sums    []bool // which cells hold a sum formula; nil if none (may be shorter than cells)
	tainted []int
	total   int  // index of the cell that reads as a total, -1 for a note line
	formula bool // the row is a total by its formulas, not by a label
}

type englishDate struct {
	cell, value string
	cells       int
}

// take handles one non-blank row of a contract sheet, after the
// identity-number guard.
func (s *sheetState) take(h heldRow) Problems {
	if s.cols == nil {
		if len(s.table.before) < headerSearchRows {
			if s.holdsHeader(h.cells) {
				return s.startTable(h.num, h.cells, h.tainted)
			}
			h.cells = heldCells(h.cells)
			s.table.before = append(s.table.before, h)
			return nil
		}
		ps := s.fallbackHeader()
		return append(ps, s.dataRow(h)...)
	}
	return s.dataRow(h)
}

// finish ends the sheet: a sheet of fewer than ten rows without a proper
// header gets its best row as header, and the rows held after the last
// data row are skipped with a note.
func (s *sheetState) finish() Problems {
	var ps Problems
	if s.cols == nil && len(s.table.before) > 0 {
		ps = s.fallbackHeader()
	}
	if len(s.table.tail) > 0 {
		var nums []int
		var shown []string
		for _, h := range s.table.tail {
			nums = append(nums, h.num)
			if len(shown) < 3 {
				if h.formula {
					shown = append(shown, "summeformler fra "+columnLetters(h.total)+itoa(h.num))
				} else {
					shown = append(shown, "«"+shorten(firstText(h.cells))+"»")
				}
			}
		}
		ps = append(ps, Problem{Severity: Note, Kind: KindSkippedRows, File: s.origin.file, Sheet: s.origin.sheet,
			Cell: "rad " + itoa(nums[0]),
			Message: fmt.Sprintf("%s under tabellen er sum- eller merknadslinjer og blir ikke brukt (%s).",
				capitalize(rowList(nums)), strings.Join(shown, ", "))})
		s.table.tail = nil
	}
	if len(s.table.skipped) > 0 {
		var names []string
		for _, r := range s.table.skipped {
			if n := "«" + shorten(s.table.tableTotals[r]) + "»"; !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		table := "Excel-tabellen " + names[0]
		if len(names) > 1 {
			table = "Excel-tabellene " + joinAnd(names)
		}
		ps = append(ps, Problem{Severity: Note, Kind: KindSkippedRows, File: s.origin.file, Sheet: s.origin.sheet,
			Cell:    "rad " + itoa(s.table.skipped[0]),
			Message: fmt.Sprintf("%s er %s i %s og blir ikke brukt.", capitalize(rowList(s.table.skipped)), plural(len(s.table.skipped), "summeraden", "summeradene"), table)})
	}
	if len(s.table.repeats) > 0 {
		ps = append(ps, Problem{Severity: Note, Kind: KindSkippedRows, File: s.origin.file, Sheet: s.origin.sheet,
			Cell:    "rad " + itoa(s.table.repeats[0]),
			Message: fmt.Sprintf("%s gjentar overskriftsraden og blir ikke brukt.", capitalize(rowList(s.table.repeats)))})
	}
	for _, col := range s.spec.Columns {
		e, ok := s.table.english[col.Name]
		if !ok {
			continue
		}
		more := ""
		if e.cells > 1 {
			more = fmt.Sprintf(" og %d celler til", e.cells-1)
		}
		ps = append(ps, Problem{Severity: Error, Kind: KindEnglishDate, File: s.origin.file, Sheet: s.origin.sheet,
			Cell: e.cell, Column: col.Name, Value: e.value,
			Message: fmt.Sprintf("Kolonnen %s har datoer i engelsk rekkefølge (måned/dag/år), som «%s» i celle %s%s; da kan ingen av datoene med skråstrek i kolonnen leses sikkert. Skriv datoene som dd.mm.åååå.",
				col.Name, e.value, e.cell, more)})
	}
	return ps
}

// holdsHeader reports whether a row names every required column of the
// sheet (and at least one column).
func (s *sheetState) holdsHeader(cells []string) bool {
	found := s.headerMatches(cells)
	if found == 0 {
		return false
	}
	for _, c := range s.spec.Columns {
		if c.Required && !s.rowNames(cells, c) {
			return false
		}
	}
	return true
}

// headerMatches counts the cells of a row that name a contract column.
func (s *sheetState) headerMatches(cells []string) int {
	n := 0
	for _, c := range cells {
		if t := strings.TrimSpace(c); t != "" {
			if _, ok := s.matchColumn(t); ok {
				n++
			}
		}
	}
	return n
}

func (s *sheetState) rowNames(cells []string, col Column) bool {
	for _, c := range cells {
		if t := strings.TrimSpace(c); t != "" {
			if m, ok := s.matchColumn(t); ok && m.Name == col.Name {
				return true
			}
		}
	}
	return false
}

// startTable reads the header row and notes the rows above it.
func (s *sheetState) startTable(row int, cells []string, tainted []int) Problems {
	var ps Problems
	if len(s.table.before) > 0 {
		var nums []int
		var shown []string
		for _, h := range s.table.before {
			nums = append(nums, h.num)
			if len(shown) < 2 {
				shown = append(shown, "«"+shorten(firstText(h.cells))+"»")
			}
		}
		ps = append(ps, Problem{Severity: Note, Kind: KindSkippedRows, File: s.origin.file, Sheet: s.origin.sheet,
			Cell: "rad " + itoa(nums[0]),
			Message: fmt.Sprintf("%s over overskriftsraden (rad %d) er ikke data og blir ikke brukt (%s).",
				capitalize(rowList(nums)), row, strings.Join(shown, ", "))})
		s.table.before = nil
	}
	s.table.headerText = heldCells(cells)
	ps = append(ps, s.header(cells, row)...)
	s.table.firstCol = -1
	for _, i := range s.cols {
		if s.table.firstCol < 0 || i < s.table.firstCol {
			s.table.firstCol = i
		}
	}
	return ps
}

// fallbackHeader is used when none of the first rows names every required
// column: the row naming the most columns (the first non-blank row when
// none names any) is taken as the header, so that the problems say which
// columns are missing from it, and the rows after it are data.
func (s *sheetState) fallbackHeader() Problems {
	held := s.table.before
	s.table.before = nil
	best, bestN := 0, 0
	for i, h := range held {
		if n := s.headerMatches(h.cells); n > bestN {
			best, bestN = i, n
		}
	}
	var required []string
	for _, c := range s.spec.Columns {
		if c.Required {
			required = append(required, c.Name)
		}
	}
	if bestN == 0 && len(required) > 0 {
		// No row names any column: the header is further down, or not
		// there at all. One error says so, instead of one per column.
		s.cols, s.skip = map[string]int{}, true
		s.table.headerRow = held[0].num
		return Problems{{Severity: Error, Kind: KindNoHeaderRow, File: s.origin.file, Sheet: s.origin.sheet,
			Cell: "rad " + itoa(held[0].num),
			Message: fmt.Sprintf("Fant ingen overskriftsrad med kolonnene %s i de %d første radene som ikke er tomme (rad %d er «%s»); overskriftene fra malen skal stå i en av dem, over dataene.",
				joinAnd(required), headerSearchRows, held[0].num, shorten(firstText(held[0].cells)))}}
	}
	s.table.before = held[:best]
	ps := s.startTable(held[best].num, held[best].cells, held[best].tainted)
	for _, h := range held[best+1:] {
		ps = append(ps, s.dataRow(h)...)
	}
	return ps
}

// dataRow handles a row below the header.
func (s *sheetState) dataRow(h heldRow) Problems {
	if s.skip {
		return nil
	}
	if _, ok := s.table.tableTotals[h.num]; ok {
		s.table.skipped = append(s.table.skipped, h.num)
		return nil
	}
	if s.repeatsHeader(h.cells) {
		s.table.repeats = append(s.table.repeats, h.num)
		return nil
	}
	if total, ok := s.tailRow(h.cells); ok {
		h.total, h.cells = total, heldCells(h.cells)
		s.table.tail = append(s.table.tail, h)
		return nil
	}
	if total, ok := sumsOnly(h.cells, h.sums); ok {
		h.total, h.formula, h.cells = total, true, heldCells(h.cells)
		s.table.tail = append(s.table.tail, h)
		return nil
	}
	var ps Problems
	if len(s.table.tail) > 0 {
		// Totals and notes with data below them are inside the table.
		held := s.table.tail
		s.table.tail = nil
		for _, t := range held {
			if t.formula {
				cell := columnLetters(t.total) + itoa(t.num)
				ps = append(ps, Problem{Severity: Error, Kind: KindTotalInData, File: s.origin.file, Sheet: s.origin.sheet,
					Cell: cell, Column: s.columnAt(t.total), Value: shorten(strings.TrimSpace(t.cells[t.total])),
					Message: "Raden er en sumrad midt i dataene: den har bare summeformler (SUMMER eller DELSUM), og summen ville bli talt med to ganger; slett raden, eller flytt summene under tabellen."})
				continue
			}
			if t.total >= 0 {
				label := strings.TrimSpace(t.cells[t.total])
				ps = append(ps, Problem{Severity: Error, Kind: KindTotalInData, File: s.origin.file, Sheet: s.origin.sheet,
					Cell: columnLetters(t.total) + itoa(t.num), Value: shorten(label),
					Message: fmt.Sprintf("Raden ser ut som en sumrad («%s») midt i dataene, og summen ville bli talt med to ganger; slett raden, eller flytt summene under tabellen.", shorten(label))})
				continue
			}
			ps = append(ps, s.decode(t)...)
		}
	}
	return append(ps, s.decode(h)...)
}

// decode turns a data row into a record.
func (s *sheetState) decode(h heldRow) Problems {
	ps := s.headerless(h.num, h.cells)
	if s.decoder == nil {
		s.decoder = decoders[s.spec.Name]
	}
	r := &s.row
	*r = rowCtx{s: s, cells: h.cells, dates: h.dates, row: h.num, tainted: h.tainted}
	s.decoder(r, s.data)
	s.rows++
	if len(ps) == 0 {
		return r.problems
	}
	return append(ps, r.problems...)
}

// headerless reports data in a column whose header cell is empty (for
// example under a header merged over two columns), once per column: its
// data would otherwise go unread without a word.
func (s *sheetState) headerless(row int, cells []string) Problems {
	var ps Problems
	for i, c := range cells {
		if c == "" || (i < len(s.table.known) && s.table.known[i]) || s.table.noHeader[i] {
			continue
		}
		if trimCell(c) == "" {
			continue
		}
		if s.table.noHeader == nil {
			s.table.noHeader = map[int]bool{}
		}
		s.table.noHeader[i] = true
		ps = append(ps, Problem{Severity: Error, Kind: KindNoHeader, File: s.origin.file, Sheet: s.origin.sheet,
			Cell: columnLetters(i) + itoa(row), Value: shorten(strings.TrimSpace(c)),
			Message: fmt.Sprintf("Kolonne %s har data («%s»), men ingen overskrift i overskriftsraden (rad %d), kanskje under en sammenslått overskrift; gi kolonnen en overskrift fra malen, eller flytt dataene.",
				columnLetters(i), shorten(strings.TrimSpace(c)), s.table.headerRow)})
	}
	return ps
}

// repeatsHeader reports whether a row is the header row again (as when
// two tables were pasted one under the other).
func (s *sheetState) repeatsHeader(cells []string) bool {
	first := s.table.firstCol
	if first < 0 || first >= len(cells) || first >= len(s.table.headerText) ||
		!strings.EqualFold(strings.TrimSpace(cells[first]), strings.TrimSpace(s.table.headerText[first])) {
		return false
	}
	return s.holdsHeader(cells)
}

// tailRow reports whether a row reads as a total (its FamilieID, Aktør,
// År or first cell says "Sum", "Totalt", "I alt" …; total is that cell's
// index) or a note line ("Kilde: …", "Merk: …", a lone sentence; total
// is -1).
func (s *sheetState) tailRow(cells []string) (total int, ok bool) {
	firstIdx, filled := -1, 0
	for i, c := range cells {
		if trimCell(c) != "" {
			if firstIdx < 0 {
				firstIdx = i
			}
			filled++
		}
	}
	if firstIdx < 0 {
		return 0, false
	}
	if s.table.labelCols == nil {
		s.table.labelCols = make([]int, 0, 3)
		for _, name := range []string{ColFamilyID, ColActor, ColYear} {
			if i := s.column(name).index; i >= 0 {
				s.table.labelCols = append(s.table.labelCols, i)
			}
		}
	}
	for _, i := range s.table.labelCols {
		if i < len(cells) && isTotalLabel(cells[i]) {
			return i, true
		}
	}
	if isTotalLabel(cells[firstIdx]) {
		return firstIdx, true
	}
	column := "" // only a lone cell's column matters to isNoteLine
	if filled == 1 {
		column = s.columnAt(firstIdx)
	}
	if isNoteLine(cells[firstIdx], filled, column) {
		return -1, true
	}
	return 0, false
}

// sumsOnly reports whether a row is a totals row without a label: every
// filled cell is the result of a sum formula (total is the first one's
// index). A data row may hold a formula, even a sum of two amounts, but
// not only sums with every other cell empty.
func sumsOnly(cells []string, sums []bool) (total int, ok bool) {
	if sums == nil {
		return 0, false
	}
	total = -1
	for i, c := range cells {
		sum := i < len(sums) && sums[i]
		if sum && total < 0 {
			total = i
		}
		if !sum && strings.TrimSpace(c) != "" {
			return 0, false
		}
	}
	return total, total >= 0
}

// columnAt returns the contract column at index i, if any.
func (s *sheetState) columnAt(i int) string {
	for name, j := range s.cols {
		if j == i {
			return name
		}
	}
	return ""
}

// isTotalLabel reports whether a cell reads like the label of a total or
// subtotal row: "Sum", "Sum 2016", "Totalt", "I alt", "Summer", "Delsum".
func isTotalLabel(cell string) bool {
	t := trimCell(cell)
	if t == "" || len(t) > 40 || !strings.ContainsRune("sStTiIdDgG", rune(t[0])) {
		return false
	}
	// Every word and prefix below starts with su, to, i , ia, de or gr, and
	// no character beyond ASCII folds to their second letters: a FamilieID
	// such as "G000123" is answered here, without the folded comparisons.
	if len(t) < 3 || !strings.ContainsRune("uUoO aAeErR", rune(t[1])) {
		return false
	}
	return isTotalWord(t)
}

// isTotalWord is isTotalLabel's comparison with the words, on a trimmed
// cell (TestTotalLabelFastReject holds the quick answers above to it).
func isTotalWord(t string) bool {
	// Folded comparisons, not strings.ToLower: this runs on every data row.
	t = strings.TrimRight(t, ": ")
	for _, w := range totalWords {
		if strings.EqualFold(t, w) {
			return true
		}
	}
	for _, p := range totalPrefixes {
		if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) {
			return true
		}
	}
	return false
}

var (
	totalWords    = []string{"sum", "summer", "summert", "sum totalt", "total", "totalt", "totals", "i alt", "ialt", "delsum", "subtotal", "totalsum", "grand total", "sum alle"}
	totalPrefixes = []string{"sum ", "sum:", "totalt ", "total ", "i alt ", "delsum ", "subtotal ", "totalsum "}
)

// isNoteLine reports whether a row whose first filled cell is text and
// which has filled cells in total is a note under the table.
func isNoteLine(text string, filled int, column string) bool {
	t := strings.TrimSpace(text)
	if t == "" || (filled != 1 && !strings.ContainsRune("kKmMnNfFoO*", rune(t[0]))) {
		return false
	}
	t = strings.ToLower(t)
	for _, p := range []string{"kilde:", "kilder:", "merk:", "merknad:", "note:", "nb:", "nb!", "kommentar:", "fotnote", "oppdatert", "*"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	if filled != 1 {
		return false
	}
	if _, err := ParseNumber(t); err == nil {
		return false
	}
	// A lone sentence, or a lone text outside the table's columns; a lone
	// FamilieID is a row with its other cells missing, not a note.
	return len(strings.Fields(t)) >= 3 || column == ""
}

// firstText is the first filled cell of a row.
func firstText(cells []string) string {
	for _, c := range cells {
		if t := strings.TrimSpace(c); t != "" {
			return t
		}
	}
	return ""
}

// rowList names rows as Norwegians read them: "rad 3", "radene 3–5",
// "radene 3, 7 og 9".
func rowList(nums []int) string {
	if len(nums) == 1 {
		return "rad " + itoa(nums[0])
	}
	consecutive := true
	for i := 1; i < len(nums); i++ {
		if nums[i] != nums[i-1]+1 {
			consecutive = false
		}
	}
	if consecutive {
		return fmt.Sprintf("radene %d–%d", nums[0], nums[len(nums)-1])
	}
	var parts []string
	for i, n := range nums {
		if i == 10 {
			parts = append(parts, fmt.Sprintf("%d til", len(nums)-10))
			break
		}
		parts = append(parts, itoa(n))
	}
	return "radene " + strings.Join(parts[:len(parts)-1], ", ") + " og " + parts[len(parts)-1]
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
