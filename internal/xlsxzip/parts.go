package xlsxzip

import (
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// sheetParts maps sheet names to their worksheet part, from the workbook
// and its relationships; open gives a part by name, or nil when there is
// none.
func sheetParts(open func(name string) io.ReadCloser) map[string]string {
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

// decodePart decodes a small XML part that excelize wrote.
func decodePart(rc io.ReadCloser, v any) bool {
	if rc == nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(rc).Decode(v) == nil
}
