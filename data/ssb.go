package data

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"bobra/internal/jsonstat"
)

// The SSB statbank tables bobra reads straight from SSB's JSON-stat2
// answers, and the contract sheet each becomes.
const (
	SSBTableRent       = "09895" // Leiemarkedsundersøkelsen → SSB-leie
	SSBTablePriceIndex = "07221" // prisindeks for brukte boliger → SSB-prisindeks
)

// The contents (ContentsCode) bobra takes from each table.
const (
	SSBContentsRent  = "Husleie"     // average monthly rent; Husleiear is per m² and year
	SSBContentsIndex = "Boligindeks" // the price index
)

// ssbDefaultDwellingType is the "all dwellings" code bobra takes from a
// price table when --boligtype is not given, if the table has it.
const ssbDefaultDwellingType = "00"

// SSBChoice says what to take from an SSB table.
type SSBChoice struct {
	// Regions are codes or labels ("01", "Oslo og Bærum kommune"); the one
	// that names a region of the table is used, so one list can serve a
	// rent table and a price table whose codes differ.
	Regions      []string
	DwellingType string // code or label; "" = 00 when the table has it
	FromYear     int    // 0 = every year
}

// SSBImport is what one SSB document gives for the input contract.
type SSBImport struct {
	Table      string // "09895"
	Sheet      string // SheetRent or SheetPriceIndex
	Source     string // Kilde: "SSB, tabell 09895, oppdatert 22.12.2025 (CC BY 4.0)"
	Region     string // the chosen region's label
	Rents      []RentRow
	PriceIndex []PriceIndexRow
	// Messages are Norwegian sentences for the user: missing cells and
	// what SSB's symbol means, years left out.
	Messages []string
}

// SSBSymbol says in Norwegian what one of SSB's status symbols means.
func SSBSymbol(status string) string {
	switch status {
	case "..":
		return "«..»: tallgrunnlag mangler, eller tallet er for usikkert til å publiseres"
	case ":":
		return "«:»: tallet vises ikke av hensyn til personvern (konfidensialitet)"
	case ".":
		return "«.»: tallet kan ikke forekomme"
	case "":
		return "ingen forklaring fra SSB"
	}
	return "«" + status + "»"
}

// ssbDims are the dimensions of an SSB table that bobra understands,
// found by role and id, never by position.
type ssbDims struct {
	time, contents, region, rooms, dwelling *jsonstat.Dimension
}

// SSBRegions returns the table's region dimension (role geo, else an id
// beginning with Region or Soner), for listing the choices.
func SSBRegions(doc *jsonstat.Dataset) (*jsonstat.Dimension, bool) {
	d, _ := findSSBDims(doc)
	return d.region, d.region != nil
}

func findSSBDims(doc *jsonstat.Dataset) (ssbDims, error) {
	var d ssbDims
	var ok bool
	if d.time, ok = doc.ByRole("time"); !ok {
		d.time, _ = doc.Dimension("Tid")
	}
	if d.contents, ok = doc.ByRole("metric"); !ok {
		d.contents, _ = doc.Dimension("ContentsCode")
	}
	if d.region, ok = doc.ByRole("geo"); !ok {
		for i := range doc.Dimensions {
			id := strings.ToLower(doc.Dimensions[i].ID)
			if strings.HasPrefix(id, "region") || strings.HasPrefix(id, "soner") {
				d.region = &doc.Dimensions[i]
				break
			}
		}
	}
	d.rooms, _ = doc.Dimension("AntRom")
	d.dwelling, _ = doc.Dimension("Boligtype")
	if d.time == nil {
		return d, fmt.Errorf("finner ingen tidsdimensjon (role time eller Tid)")
	}
	for i := range doc.Dimensions {
		dim := &doc.Dimensions[i]
		if dim == d.time || dim == d.contents || dim == d.region || dim == d.rooms || dim == d.dwelling {
			continue
		}
		if len(dim.Categories) > 1 {
			return d, fmt.Errorf("dimensjonen «%s» (%s) har %d verdier, og bobra vet ikke hvilken som skal brukes",
				dim.ID, dim.Label, len(dim.Categories))
		}
	}
	return d, nil
}

// ImportSSB turns an SSB table (09895 or 07221) into rows of the input
// contract's SSB sheets. A missing cell (null, with SSB's status) gives no
// row, never zero or a neighbour's value, and a message naming it; the
// checks then warn when the data need that year. Table 07221 is
// quarterly: a year's index is the exact mean of its four quarters, and a
// year with fewer is left out with a message.
func ImportSSB(doc *jsonstat.Dataset, choice SSBChoice) (*SSBImport, error) {
	dims, err := findSSBDims(doc)
	if err != nil {
		return nil, err
	}
	imp := &SSBImport{Table: doc.TableID, Source: SSBSource(doc)}
	switch doc.TableID {
	case SSBTableRent:
		imp.Sheet = SheetRent
		if dims.rooms == nil {
			return nil, fmt.Errorf("tabell 09895 mangler dimensjonen AntRom (antall rom)")
		}
	case SSBTablePriceIndex:
		imp.Sheet = SheetPriceIndex
	case "":
		return nil, fmt.Errorf("finner ikke tabellnummeret (extension.px.tableid eller «NNNNN:» først i label); bobra leser tabell %s (leie) og %s (prisindeks)",
			SSBTableRent, SSBTablePriceIndex)
	default:
		return nil, fmt.Errorf("dette er tabell %s; bobra leser tabell %s (leie) og %s (prisindeks)",
			doc.TableID, SSBTableRent, SSBTablePriceIndex)
	}
	pos := make([]int, len(doc.Dimensions))
	set := func(dim *jsonstat.Dimension, p int) {
		for i := range doc.Dimensions {
			if &doc.Dimensions[i] == dim {
				pos[i] = p
			}
		}
	}
	if dims.region != nil {
		p, err := chooseRegion(dims.region, choice.Regions)
		if err != nil {
			return nil, err
		}
		set(dims.region, p)
		imp.Region = dims.region.Categories[p].Label
	}
	contents := SSBContentsRent
	if imp.Sheet == SheetPriceIndex {
		contents = SSBContentsIndex
	}
	if dims.contents != nil {
		p, ok := dims.contents.Position(contents)
		if !ok {
			if len(dims.contents.Categories) != 1 {
				return nil, fmt.Errorf("tabellen har ikke statistikkvariabelen %s; den har %s", contents, choices(dims.contents))
			}
			p = 0
		}
		set(dims.contents, p)
	}
	if dims.dwelling != nil {
		p, err := chooseDwelling(dims.dwelling, choice.DwellingType)
		if err != nil {
			return nil, err
		}
		set(dims.dwelling, p)
	} else if choice.DwellingType != "" {
		// One --boligtype serves the price table when both are read at once.
		imp.Messages = append(imp.Messages, fmt.Sprintf("Tabell %s har ingen boligtype; --boligtype gjelder ikke den.", doc.TableID))
	}
	notes := ssbNotes(doc, dims, pos)
	place := func(parts ...string) string {
		if imp.Region != "" {
			parts = append([]string{imp.Region}, parts...)
		}
		return strings.Join(parts, ", ")
	}
	if imp.Sheet == SheetRent {
		// Year by year, rooms within a year: the sheet reads as SSB's table.
		for ti, t := range dims.time.Categories {
			year, err := strconv.Atoi(t.Code)
			if err != nil || len(t.Code) != 4 {
				return nil, fmt.Errorf("tidskoden «%s» er ikke et årstall", t.Code)
			}
			if year < choice.FromYear {
				continue
			}
			set(dims.time, ti)
			for ri, room := range dims.rooms.Categories {
				key, ok := ssbRoomsKey(room.Code)
				if !ok {
					if ti == 0 {
						imp.Messages = append(imp.Messages, fmt.Sprintf("Romgruppen «%s» (%s) finnes ikke i SSB-leie og er utelatt.", room.Code, room.Label))
					}
					continue
				}
				set(dims.rooms, ri)
				v := doc.At(pos)
				if !v.Present {
					imp.Messages = append(imp.Messages, fmt.Sprintf("SSB har ikke tall for %s: %s. Cellen står tom i SSB-leie (ingen rad).",
						place(room.Label, t.Code), SSBSymbol(v.Status)))
					continue
				}
				m, err := decimal.NewFromString(v.Text)
				if err != nil {
					return nil, fmt.Errorf("verdien for %s er ikke et tall: %s", place(room.Label, t.Code), v.Text)
				}
				imp.Rents = append(imp.Rents, RentRow{Year: year, Rooms: key, Monthly: m,
					Region: imp.Region, Source: imp.Source, Note: notes})
			}
		}
		return imp, nil
	}
	rows, msgs, err := yearlyIndex(doc, dims.time, pos, set, choice.FromYear, place)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].Region, rows[i].Source = imp.Region, imp.Source
	}
	imp.PriceIndex, imp.Messages = rows, append(imp.Messages, msgs...)
	return imp, nil
}

// yearlyIndex makes one index row per year: the year itself for a yearly
// table, the exact mean of K1–K4 for a quarterly one.
func yearlyIndex(doc *jsonstat.Dataset, tdim *jsonstat.Dimension, pos []int, set func(*jsonstat.Dimension, int),
	from int, place func(...string) string) ([]PriceIndexRow, []string, error) {
	type year struct {
		quarters map[int]decimal.Decimal
		missing  []string
		yearly   *decimal.Decimal
	}
	years := map[int]*year{}
	var order []int
	get := func(y int) *year {
		if years[y] == nil {
			years[y] = &year{quarters: map[int]decimal.Decimal{}}
			order = append(order, y)
		}
		return years[y]
	}
	quarterly := false
	for ti, t := range tdim.Categories {
		y, q, err := ssbPeriod(t.Code)
		if err != nil {
			return nil, nil, err
		}
		if y < from {
			continue
		}
		quarterly = quarterly || q > 0
		set(tdim, ti)
		v := doc.At(pos)
		yr := get(y)
		if !v.Present {
			yr.missing = append(yr.missing, t.Code+" ("+SSBSymbol(v.Status)+")")
			continue
		}
		d, err := decimal.NewFromString(v.Text)
		if err != nil {
			return nil, nil, fmt.Errorf("verdien for %s er ikke et tall: %s", place(t.Code), v.Text)
		}
		if q == 0 {
			yr.yearly = &d
		} else {
			yr.quarters[q] = d
		}
	}
	if quarterly {
		for _, y := range years {
			if y.yearly != nil {
				return nil, nil, fmt.Errorf("tabellen blander år og kvartaler i tidsdimensjonen")
			}
		}
	}
	sort.Ints(order)
	var rows []PriceIndexRow
	var msgs []string
	quarter := decimal.RequireFromString("0.25")
	for _, y := range order {
		yr := years[y]
		switch {
		case !quarterly && yr.yearly != nil:
			rows = append(rows, PriceIndexRow{Year: y, Index: *yr.yearly})
		case !quarterly:
			msgs = append(msgs, fmt.Sprintf("SSB har ikke indeks for %s: %s. Året står tomt i SSB-prisindeks (ingen rad).",
				place(strconv.Itoa(y)), strings.Join(yr.missing, ", ")))
		case len(yr.quarters) == 4:
			sum := decimal.Zero
			for q := 1; q <= 4; q++ {
				sum = sum.Add(yr.quarters[q])
			}
			rows = append(rows, PriceIndexRow{Year: y, Index: sum.Mul(quarter)})
		default:
			why := "mangler " + strings.Join(yr.missing, ", ")
			if len(yr.missing) == 0 {
				why = "er ikke med i dokumentet"
			}
			msgs = append(msgs, fmt.Sprintf("%s har %d av 4 kvartaler (de andre %s); årsindeksen er snittet av fire kvartaler, så året er utelatt fra SSB-prisindeks.",
				place(strconv.Itoa(y)), len(yr.quarters), why))
		}
	}
	return rows, msgs, nil
}

// ssbPeriod reads a time code: "2022" (q = 0) or "2022K3".
func ssbPeriod(code string) (year, q int, err error) {
	y, k, quarterly := strings.Cut(code, "K")
	year, yerr := strconv.Atoi(y)
	if yerr != nil || len(y) != 4 {
		return 0, 0, fmt.Errorf("tidskoden «%s» er verken et år (2022) eller et kvartal (2022K1)", code)
	}
	if !quarterly {
		return year, 0, nil
	}
	q, qerr := strconv.Atoi(k)
	if qerr != nil || q < 1 || q > 4 || len(k) != 1 {
		return 0, 0, fmt.Errorf("tidskoden «%s» er verken et år (2022) eller et kvartal (2022K1)", code)
	}
	return year, q, nil
}

// ssbRoomsKey maps 09895's AntRom codes to SSB-leie's Rom.
func ssbRoomsKey(code string) (string, bool) {
	switch code {
	case "1", "2", "3", "4", RoomsFivePlus:
		return code, true
	}
	return "", false
}

// chooseRegion finds the one region among the wanted codes or labels.
func chooseRegion(dim *jsonstat.Dimension, wanted []string) (int, error) {
	if len(wanted) == 0 {
		if len(dim.Categories) == 1 {
			return 0, nil
		}
		return 0, fmt.Errorf("velg region med --region; fila har %s", choices(dim))
	}
	found := -1
	for _, w := range wanted {
		if p, ok := findCategory(dim, w); ok {
			if found >= 0 && found != p {
				return 0, fmt.Errorf("flere av regionene passer i tabellen (%s og %s); oppgi bare én per tabell",
					dim.Categories[found].Label, dim.Categories[p].Label)
			}
			found = p
		}
	}
	if found < 0 {
		return 0, fmt.Errorf("regionen %s finnes ikke i fila; velg en av %s", quoteList(wanted), choices(dim))
	}
	return found, nil
}

func chooseDwelling(dim *jsonstat.Dimension, wanted string) (int, error) {
	if wanted == "" {
		if p, ok := dim.Position(ssbDefaultDwellingType); ok {
			return p, nil
		}
		if len(dim.Categories) == 1 {
			return 0, nil
		}
		return 0, fmt.Errorf("tabellen har ikke boligtypen 00 (alle boligtyper); velg en med --boligtype: %s", choices(dim))
	}
	if p, ok := findCategory(dim, wanted); ok {
		return p, nil
	}
	return 0, fmt.Errorf("boligtypen «%s» finnes ikke i fila; velg en av %s", wanted, choices(dim))
}

// findCategory matches a code exactly or a label without regard to case
// and spacing.
func findCategory(dim *jsonstat.Dimension, want string) (int, bool) {
	if p, ok := dim.Position(strings.TrimSpace(want)); ok {
		return p, true
	}
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	for i, c := range dim.Categories {
		if norm(c.Label) == norm(want) {
			return i, true
		}
	}
	return 0, false
}

// choices lists a dimension's categories: "00 (Hele landet), 01 (Oslo og
// Bærum kommune)".
func choices(dim *jsonstat.Dimension) string {
	parts := make([]string, len(dim.Categories))
	for i, c := range dim.Categories {
		parts[i] = c.Code
		if c.Label != c.Code {
			parts[i] += " (" + c.Label + ")"
		}
	}
	return strings.Join(parts, ", ")
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = "«" + s + "»"
	}
	return strings.Join(q, " / ")
}

// SSBSource is the Kilde text for a table: "SSB, tabell 09895, oppdatert
// 22.12.2025 (CC BY 4.0)", from the document itself.
func SSBSource(doc *jsonstat.Dataset) string {
	s := "SSB"
	if doc.Source != "" && doc.Source != "Statistisk sentralbyrå" {
		s = doc.Source
	}
	if doc.TableID != "" {
		s += ", tabell " + doc.TableID
	}
	if d, ok := ssbDate(doc.Updated); ok {
		s += ", oppdatert " + d
	}
	return s + " (CC BY 4.0)"
}

// ssbDate writes the date part of an ISO time as 22.12.2025.
func ssbDate(iso string) (string, bool) {
	if len(iso) < 10 {
		return "", false
	}
	var d Date
	if err := d.UnmarshalText([]byte(iso[:10])); err != nil {
		return "", false
	}
	return fmt.Sprintf("%02d.%02d.%04d", d.Day, int(d.Month), d.Year), true
}

// ssbNotes are the notes that travel with the rows: the dataset's, then
// those of the categories used, one per line, each on one line. PxWeb
// writes a note about particular values at table level with the value's
// label in quotes first ("'Tettsteder med 20 000 innbyggere eller flere' -
// Ekskl. Oslo, …"); such a note about a category not chosen is left out,
// so the report quotes only what concerns its figures (bobra ssb --vis
// lists every note).
func ssbNotes(doc *jsonstat.Dataset, dims ssbDims, pos []int) string {
	chosen := map[string]bool{}
	for i := range doc.Dimensions {
		chosen[doc.Dimensions[i].Categories[pos[i]].Label] = true
	}
	var lines []string
	add := func(ns []string) {
		for _, n := range ns {
			n = strings.Join(strings.Fields(n), " ")
			if rest, ok := strings.CutPrefix(n, "'"); ok {
				if label, _, ok := strings.Cut(rest, "'"); ok && !chosen[label] {
					continue
				}
			}
			if n != "" {
				lines = append(lines, n)
			}
		}
	}
	add(doc.Notes)
	for i := range doc.Dimensions {
		dim := &doc.Dimensions[i]
		if dim == dims.region || dim == dims.contents || dim == dims.dwelling {
			add(dim.Categories[pos[i]].Notes)
		}
	}
	return strings.Join(lines, "\n")
}
