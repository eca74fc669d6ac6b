package data

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"

	"bobra/internal/sheetxml"
)

// xlsxPackage is a workbook's zip package: its parts by name. Part names
// are compared as OPC compares them, without regard to case.
type xlsxPackage struct {
	file  string
	parts map[string]*zip.File
}

const damagedFix = " Åpne filen i Excel eller LibreOffice og lagre den på nytt, eller bruk en sikkerhetskopi."

// newPackage indexes the parts. Two parts with one name are an error: a
// reader would take one and ignore the other, and which one is chance.
func newPackage(file string, zr *zip.Reader) (*xlsxPackage, *Problem) {
	p := &xlsxPackage{file: file, parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		key := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if _, dup := p.parts[key]; dup {
			pr := fileProblem(file, KindDamaged, "Filen er skadet: den har to deler med samme navn («"+shorten(f.Name)+"»), så det er uklart hvilken som gjelder."+damagedFix)
			return nil, &pr
		}
		p.parts[key] = f
	}
	return p, nil
}

// open opens a part by name.
func (p *xlsxPackage) open(name string) (io.ReadCloser, bool) {
	f, ok := p.parts[strings.ToLower(name)]
	if !ok {
		return nil, false
	}
	rc, err := f.Open()
	if err != nil {
		return nil, false
	}
	return rc, true
}

// partSize is a part's size unzipped (as its header declares it, which
// archive/zip holds it to) and zipped.
func (p *xlsxPackage) partSize(name string) (size, zipped int64) {
	f, ok := p.parts[strings.ToLower(name)]
	if !ok {
		return 0, 0
	}
	return int64(f.UncompressedSize64), int64(f.CompressedSize64)
}

// readSmall reads a part that is read whole (capped in size by
// sniffFile) to its end, so that archive/zip checks its CRC.
func (p *xlsxPackage) readSmall(name string) ([]byte, bool, error) {
	rc, ok := p.open(name)
	if !ok {
		return nil, false, nil
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	return b, true, err
}

// damagedPart is the problem for a part other than a sheet that could not
// be read.
func (p *xlsxPackage) damagedPart(what string, err error) *Problem {
	reason := "XML-en er ugyldig eller slutter midt i"
	switch {
	case errors.Is(err, zip.ErrChecksum):
		reason = "innholdet stemmer ikke med kontrollsummen i filen"
	case errors.As(err, new(*sheetxml.ReadError)), errors.Is(err, io.ErrUnexpectedEOF):
		reason = "den komprimerte delen er ødelagt eller avkortet"
	}
	pr := fileProblem(p.file, KindDamaged, "Filen er skadet: "+what+" kan ikke leses ("+reason+"), så ingen ark i filen kan leses riktig."+damagedFix)
	return &pr
}

type sheetEntry struct {
	name string
	path string // the worksheet part; "" when the workbook names none
}

type workbookInfo struct {
	sheets   []sheetEntry
	date1904 bool
	names    []definedName
}

type definedName struct {
	Name     string `xml:"name,attr"`
	Comment  string `xml:"comment,attr"`
	RefersTo string `xml:",chardata"`
}

// workbook reads the sheet list (in the workbook's order), the date
// system and the defined names from the workbook part and its relations.
func (p *xlsxPackage) workbook() (workbookInfo, bool) {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
		Names []definedName `xml:"definedNames>definedName"`
	}
	var rels relationships
	body, ok, err := p.readSmall("xl/workbook.xml")
	if !ok || err != nil || xml.Unmarshal(body, &wb) != nil {
		return workbookInfo{}, false
	}
	if body, ok, err := p.readSmall("xl/_rels/workbook.xml.rels"); ok && (err != nil || xml.Unmarshal(body, &rels) != nil) {
		return workbookInfo{}, false
	}
	targets := rels.targets("xl")
	info := workbookInfo{names: wb.Names}
	switch strings.ToLower(strings.TrimSpace(wb.Pr.Date1904)) {
	case "1", "true":
		info.date1904 = true
	}
	for _, s := range wb.Sheets {
		info.sheets = append(info.sheets, sheetEntry{name: s.Name, path: targets[s.RID]})
	}
	return info, true
}

type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// targets maps relation ids to part names, relative targets resolved
// against dir.
func (r relationships) targets(dir string) map[string]string {
	out := map[string]string{}
	for _, rel := range r.Rels {
		out[rel.ID] = resolveTarget(dir, rel.Target)
	}
	return out
}

func resolveTarget(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(dir, target)
}

// dateStyles reads which cell styles show dates.
func (p *xlsxPackage) dateStyles() (sheetxml.DateStyles, *Problem) {
	body, ok, err := p.readSmall("xl/styles.xml")
	if !ok {
		return nil, nil
	}
	if err != nil {
		return nil, p.damagedPart("stilene (xl/styles.xml)", err)
	}
	st, err := sheetxml.ReadDateStyles(bytes.NewReader(body))
	if err != nil {
		return nil, p.damagedPart("stilene (xl/styles.xml)", err)
	}
	return st, nil
}

// sharedStrings reads the shared-string table, which sheets refer to by
// number; a damaged table would put wrong texts in cells.
func (p *xlsxPackage) sharedStrings() (sheetxml.SharedStrings, *Problem) {
	rc, ok := p.open("xl/sharedStrings.xml")
	if !ok {
		return nil, nil
	}
	defer rc.Close()
	sst, err := sheetxml.ReadSharedStrings(rc)
	if err != nil {
		return nil, p.damagedPart("tabellen over delte tekster (xl/sharedStrings.xml)", err)
	}
	return sst, nil
}

// identityOutsideCells applies the identity-number guard to what a person
// can type outside the cells: the comments (notes) on cells and the
// workbook's defined names. bobra never reads them into a report, but a
// fødselsnummer has no place in the files at all.
func (p *xlsxPackage) identityOutsideCells(wb workbookInfo) Problems {
	var problems Problems
	for _, sheet := range wb.sheets {
		name := sheet.name
		if ContainsIdentityNumber(sheet.name) {
			name = "(navn skjult)" // reported with the sheet's cells
		}
		for _, c := range p.comments(sheet.path) {
			if ContainsIdentityNumber(c.text) {
				problems = append(problems, Problem{Severity: Error, Kind: KindIdentityNumber, File: p.file, Sheet: name, Cell: c.ref,
					Message: "Kommentaren til cellen inneholder et gyldig fødselsnummer eller D-nummer; fjern det – dataene skal bare ha pseudonymer som FamilieID, og kjøringen stopper til det er borte."})
			}
		}
	}
	for _, d := range wb.names {
		if ContainsIdentityNumber(d.Name + " " + d.RefersTo + " " + d.Comment) {
			problems = append(problems, Problem{Severity: Error, Kind: KindIdentityNumber, File: p.file,
				Message: "Et definert navn i arbeidsboken (Formler → Navnebehandling) inneholder et gyldig fødselsnummer eller D-nummer; fjern det."})
		}
	}
	return problems
}

type cellComment struct {
	ref  string
	text string // the author, a space and every text run
}

// comments reads the comments (notes) of the sheet at sheetPath, through
// the sheet's relations. Comments that cannot be read are skipped: they
// never reach a figure.
func (p *xlsxPackage) comments(sheetPath string) []cellComment {
	var out []cellComment
	for _, body := range p.relatedParts(sheetPath, "/comments") {
		var doc struct {
			Authors  []string `xml:"authors>author"`
			Comments []struct {
				Ref      string   `xml:"ref,attr"`
				AuthorID int      `xml:"authorId,attr"`
				Texts    []string `xml:"text>t"`
				Runs     []string `xml:"text>r>t"`
			} `xml:"commentList>comment"`
		}
		if xml.Unmarshal(body, &doc) != nil {
			continue
		}
		for _, c := range doc.Comments {
			author := ""
			if c.AuthorID >= 0 && c.AuthorID < len(doc.Authors) {
				author = doc.Authors[c.AuthorID]
			}
			out = append(out, cellComment{ref: c.Ref, text: author + " " + strings.Join(c.Texts, "") + strings.Join(c.Runs, "")})
		}
	}
	return out
}

// relatedParts are the bodies of the parts the sheet at sheetPath relates
// to with a relation type ending in kind ("/comments", "/table"), in the
// order of the sheet's relations. A part that cannot be read is skipped:
// neither kind ever reaches a figure.
func (p *xlsxPackage) relatedParts(sheetPath, kind string) [][]byte {
	if sheetPath == "" {
		return nil
	}
	dir, base := path.Split(sheetPath)
	body, ok, err := p.readSmall(dir + "_rels/" + base + ".rels")
	var rels relationships
	if !ok || err != nil || xml.Unmarshal(body, &rels) != nil {
		return nil
	}
	var out [][]byte
	for _, rel := range rels.Rels {
		if !strings.HasSuffix(rel.Type, kind) {
			continue
		}
		if body, ok, err := p.readSmall(resolveTarget(strings.TrimSuffix(dir, "/"), rel.Target)); ok && err == nil {
			out = append(out, body)
		}
	}
	return out
}

// tableTotals finds the totals rows of the Excel Tables (Sett inn →
// Tabell) on the sheet at sheetPath, by row number, with the table's
// name. Such a row is a total whatever its label says, even with none:
// Excel fills it with SUBTOTAL formulas, or with whatever the user picks.
// totalsRowCount is how many are shown now; totalsRowShown only says
// whether one ever was, so it does not count.
func (p *xlsxPackage) tableTotals(sheetPath string) map[int]string {
	var out map[int]string
	for _, body := range p.relatedParts(sheetPath, "/table") {
		var table struct {
			Name        string `xml:"name,attr"`
			DisplayName string `xml:"displayName,attr"`
			Ref         string `xml:"ref,attr"`
			TotalsRows  int    `xml:"totalsRowCount,attr"`
		}
		if xml.Unmarshal(body, &table) != nil || table.TotalsRows < 1 {
			continue
		}
		last, ok := refLastRow(table.Ref)
		if !ok {
			continue
		}
		name := table.DisplayName
		if name == "" {
			name = table.Name
		}
		for r := last - min(table.TotalsRows, last) + 1; r <= last; r++ {
			if out == nil {
				out = map[int]string{}
			}
			out[r] = name
		}
	}
	return out
}

// refLastRow is the last row of a range such as "A1:F20" (or of one cell).
func refLastRow(ref string) (int, bool) {
	if i := strings.LastIndexByte(ref, ':'); i >= 0 {
		ref = ref[i+1:]
	}
	ref = strings.TrimLeft(strings.ReplaceAll(ref, "$", ""), "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
	n, err := strconv.Atoi(ref)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}
