package data

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// Sheets formatted far below their data (a style applied to whole columns,
// or rows formatted down to row 1 048 576) hold hundreds of thousands of
// empty rows. excelize decodes each through encoding/xml, which for a
// million rows takes seconds and gigabytes of garbage. So once a sheet has
// shown blankRunBeforeScan blank rows in a row, one fast byte scan of the
// worksheet finds the last row that holds anything (a value, a formula or
// an inline string); reading stops there. The scan decompresses the sheet
// a second time, so a sheet without such a stretch (every sheet of a
// national dataset) is never scanned.
//
// The scan errs on the side of reading more: anything it does not
// understand (prefixed element names, a row without a number after
// numbered ones) makes the extent unknown, and the whole sheet is read.

// noExtent means "read to the end".
const noExtent = int(^uint(0) >> 1)

// blankRunBeforeScan is the number of consecutive blank rows after which
// a sheet's extent is worth a scan.
const blankRunBeforeScan = 256

// extentFinder finds a sheet's extent, the number of its last row holding
// content (0 for an empty sheet), when asked, at most once per sheet.
type extentFinder struct {
	parts   map[string]*zip.File
	paths   map[string]string
	scanned map[string]bool
}

func newExtentFinder(zr *zip.Reader) *extentFinder {
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.ToLower(f.Name)] = f
	}
	open := func(name string) io.ReadCloser {
		f := parts[name]
		if f == nil {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		return rc
	}
	return &extentFinder{parts: parts, paths: sheetPaths(open), scanned: map[string]bool{}}
}

// extent returns the number of the sheet's last row holding content, or
// false when it cannot be worked out or was asked for before.
func (e *extentFinder) extent(sheet string) (int, bool) {
	if e.scanned[sheet] {
		return 0, false
	}
	e.scanned[sheet] = true
	p, ok := e.paths[sheet]
	if !ok {
		return 0, false
	}
	f, ok := e.parts[strings.ToLower(p)]
	if !ok {
		return 0, false
	}
	return lastContentRow(f)
}

// sheetPaths maps sheet names to their worksheet part, from the workbook
// and its relationships; open gives a part by name, or nil when there is
// none. The reader's extent scan and SortedZipWriter's splices use it.
func sheetPaths(open func(name string) io.ReadCloser) map[string]string {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !decodePart(open("xl/workbook.xml"), &wb) || !decodePart(open("xl/_rels/workbook.xml.rels"), &rels) {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.RID]; ok {
			out[s.Name] = t
		}
	}
	return out
}

// decodePart decodes a small XML part (the workbook and its relations are
// capped in size by sniffFile, and written by excelize in SortedZipWriter).
func decodePart(rc io.ReadCloser, v any) bool {
	if rc == nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v) == nil
}

// lastContentRow scans a worksheet part for the last <row> that contains
// a <v>, <f> or <is> element.
func lastContentRow(f *zip.File) (int, bool) {
	rc, err := f.Open()
	if err != nil {
		return 0, false
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 64<<10)
	current, last := 0, 0
	inData := false
	for {
		if _, err := br.ReadSlice('<'); err != nil {
			if err == bufio.ErrBufferFull {
				continue
			}
			return last, err == io.EOF && inData
		}
		head, _ := br.Peek(12)
		name := tagName(head)
		switch {
		case strings.Contains(name, ":"):
			return 0, false // prefixed SpreadsheetML: leave it to excelize
		case name == "sheetData":
			inData = true
		case name == "row":
			n, ok := rowNumber(br)
			if !ok {
				return 0, false
			}
			if n == 0 {
				n = current + 1
			}
			current = n
		case name == "v" || name == "f" || name == "is":
			if current > last {
				last = current
			}
		}
	}
}

// tagName returns the element name at the start of b (after "<"), or ""
// for end tags, comments and processing instructions.
func tagName(b []byte) string {
	end := 0
	for end < len(b) {
		c := b[end]
		if c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r' {
			break
		}
		end++
	}
	if end == 0 || b[0] == '/' || b[0] == '!' || b[0] == '?' {
		return ""
	}
	return string(b[:end])
}

// rowNumber reads the r attribute of a <row> start tag, 0 when it has none.
func rowNumber(br *bufio.Reader) (int, bool) {
	tag, err := br.ReadSlice('>')
	if err != nil || len(tag) > 4096 {
		return 0, false
	}
	s := string(tag)
	i := strings.Index(s, ` r="`)
	if i < 0 {
		if strings.Contains(s, "r=") {
			return 0, false // r='7' or r = "7": not worth a full parser
		}
		return 0, true
	}
	s = s[i+4:]
	j := strings.IndexByte(s, '"')
	if j <= 0 || j > 7 || !onlyDigits(s[:j]) {
		return 0, false
	}
	return atoiDigits(s[:j]), true
}
