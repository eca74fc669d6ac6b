package reports

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"bobra/pipeline"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"
)

// The PDF/UA checks a machine can make, on the PDFs as a reader's tools
// see them: qpdf's JSON view of the objects, and poppler's pdfinfo and
// pdftotext. Each check names the Matterhorn Protocol failure condition it
// guards against; docs/pdf-ua.md lists them, and those that need a person.

func TestReportPDFTagged(t *testing.T) {
	checkTaggedFile(t, "rapport-fixture.pdf", renderReport(t, fixtureDocument(40)), true)
}

// A homes table of 400 rows runs over many pages with repeated headers.
func TestReportPDFTaggedLongTable(t *testing.T) {
	checkTagged(t, "rapport-lang.pdf", renderReport(t, fixtureDocument(400)))
}

func TestSampleReportAndSlidesTagged(t *testing.T) {
	res := sampleResults(t)
	tpl := MustLoadEmbedded()
	public := disclose.Suppress(res, disclose.DefaultSmallCount)
	for _, tc := range []struct {
		name string
		r    pipeline.Renderer
		res  *results.Results
	}{
		{"rapport.pdf", NewPDF(tpl), res},
		{"rapport-offentlig.pdf", NewPDF(tpl), public},
		{"presentasjon.pdf", NewSlides(tpl), res},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkTaggedFile(t, tc.name, render(t, tc.r, tc.res), tc.name == "presentasjon.pdf")
		})
	}
}

// checkTagged runs every machine check on pdf. poppler's reading of the
// structure (pdfinfo -struct-text) is compared too when popplerTree is
// set: it is slow, rendering a page once per marked-content id.
func checkTagged(t *testing.T, name string, pdf []byte) { checkTaggedFile(t, name, pdf, false) }

func checkTaggedFile(t *testing.T, name string, pdf []byte, popplerTree bool) {
	t.Helper()
	qpdf := needTool(t, "qpdf")
	pdfinfo := needTool(t, "pdfinfo")
	path := writeTemp(t, name, pdf)
	out, err := exec.Command(qpdf, "--json", "--json-stream-data=inline", "--decode-level=generalized", path).Output()
	if err != nil {
		t.Fatalf("%s: qpdf --json: %v", name, err)
	}
	doc, err := loadQPDF(out)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	probs, tree, artifacts := checkPDFUA(doc)
	for _, p := range probs {
		t.Errorf("%s: %s", name, p)
	}

	info, err := exec.Command(pdfinfo, path).Output()
	if err != nil {
		t.Fatalf("%s: pdfinfo: %v", name, err)
	}
	if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).Match(info) {
		t.Errorf("%s: pdfinfo does not say Tagged: yes\n%s", name, info)
	}
	pages, err := exec.Command(needTool(t, "pdftotext"), "-raw", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("%s: pdftotext: %v", name, err)
	}
	if msg := compareText(tree, string(pages), artifacts); msg != "" {
		t.Errorf("%s: the structure tree (as read from the objects) against pdftotext -raw: %s", name, msg)
	}
	if popplerTree {
		st, err := exec.Command(pdfinfo, "-struct-text", path).Output()
		if err != nil {
			t.Fatalf("%s: pdfinfo -struct-text: %v", name, err)
		}
		if msg := compareText(structText(st), string(pages), artifacts); msg != "" {
			t.Errorf("%s: pdfinfo -struct-text against pdftotext -raw: %s", name, msg)
		}
	}
}

// qpdfDoc is the objects of a PDF as qpdf --json gives them.
type qpdfDoc struct {
	objs    map[string]any // "12 0 R" → value; streams as qpdfStream
	trailer map[string]any
}

type qpdfStream struct {
	dict map[string]any
	data []byte
}

func loadQPDF(b []byte) (*qpdfDoc, error) {
	var raw struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(b, &raw); err != nil || len(raw.QPDF) < 2 {
		return nil, fmt.Errorf("qpdf --json: %v", err)
	}
	var objs map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict map[string]any `json:"dict"`
			Data string         `json:"data"`
		} `json:"stream"`
	}
	if err := json.Unmarshal(raw.QPDF[1], &objs); err != nil {
		return nil, err
	}
	d := &qpdfDoc{objs: map[string]any{}}
	for k, v := range objs {
		if k == "trailer" {
			d.trailer, _ = v.Value.(map[string]any)
			continue
		}
		ref := strings.TrimPrefix(k, "obj:")
		if v.Stream != nil {
			data, err := base64.StdEncoding.DecodeString(v.Stream.Data)
			if err != nil {
				return nil, err
			}
			d.objs[ref] = qpdfStream{dict: v.Stream.Dict, data: data}
			continue
		}
		d.objs[ref] = v.Value
	}
	if d.trailer == nil {
		return nil, fmt.Errorf("qpdf --json: no trailer")
	}
	return d, nil
}

var refRe = regexp.MustCompile(`^\d+ \d+ R$`)

// get resolves v if it is a reference.
func (d *qpdfDoc) get(v any) any {
	if s, ok := v.(string); ok && refRe.MatchString(s) {
		return d.objs[s]
	}
	return v
}

func (d *qpdfDoc) dict(v any) map[string]any {
	switch x := d.get(v).(type) {
	case map[string]any:
		return x
	case qpdfStream:
		return x.dict
	}
	return nil
}

func (d *qpdfDoc) array(v any) []any { a, _ := d.get(v).([]any); return a }

// text decodes a qpdf JSON string ("u:…" text, "b:…" hex bytes).
func qtext(v any) string {
	s, _ := v.(string)
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		var b []byte
		fmt.Sscanf(s[2:], "%x", &b)
		return string(b)
	}
	return ""
}

func num(v any) (int, bool) {
	f, ok := v.(float64)
	return int(f), ok
}

// standardTypes are the standard structure types of ISO 32000-1, 14.8.4.
var standardTypes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private
		P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry
		Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form`) {
		standardTypes[s] = true
	}
}

// allowedKids is what the report's structure may nest, by parent type:
// the table, list and contents rules of ISO 32000-1, 14.8.4.3 and 14.8.4.7.
var allowedKids = map[string][]string{
	"Table": {"Caption", "THead", "TBody", "TFoot", "TR"},
	"THead": {"TR"}, "TBody": {"TR"}, "TFoot": {"TR"},
	"TR":  {"TH", "TD"},
	"L":   {"Caption", "LI", "L"},
	"LI":  {"Lbl", "LBody"},
	"TOC": {"Caption", "TOCI", "TOC"},
}

// mcKey is one marked-content sequence: a page's StructParents and MCID.
type mcKey struct{ page, mcid int }

// pageContent is what a page's content stream holds.
type pageContent struct {
	mcids    map[int]string // MCID → its tag
	text     map[int]string // MCID → the text drawn in it
	artifact string         // the text drawn as artifacts
	problems []string
}

var mcidRe = regexp.MustCompile(`/MCID (\d+)`)

// scanContent walks a content stream's operators: every text and painting
// operator must be inside marked content (real or artifact), marked
// content must not nest, and every MCID is used once.
func scanContent(b []byte) pageContent {
	pc := pageContent{mcids: map[int]string{}, text: map[int]string{}}
	current := -1
	var stack []string // "artifact" or "mcid"
	var operands []string
	var art strings.Builder
	paint := map[string]bool{"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true,
		"b": true, "b*": true, "sh": true, "Do": true, "BI": true}
	show := map[string]bool{"Tj": true, "TJ": true, "'": true, `"`: true}
	for _, tok := range contentTokens(b) {
		if !tok.op {
			operands = append(operands, tok.s)
			continue
		}
		op := tok.s
		switch {
		case op == "BDC" || op == "BMC":
			if len(stack) > 0 {
				pc.problems = append(pc.problems, "01-003/01-004: marked content nests inside marked content")
			}
			kind := "artifact"
			if len(operands) > 0 && operands[0] != "/Artifact" {
				kind = "mcid"
				m := mcidRe.FindStringSubmatch(strings.Join(operands, " "))
				if m == nil {
					pc.problems = append(pc.problems, "01-005: marked content "+operands[0]+" without an MCID")
				} else {
					id, _ := strconv.Atoi(m[1])
					if _, dup := pc.mcids[id]; dup {
						pc.problems = append(pc.problems, fmt.Sprintf("MCID %d is used twice", id))
					}
					pc.mcids[id] = strings.TrimPrefix(operands[0], "/")
					current = id
				}
			}
			stack = append(stack, kind)
		case op == "EMC":
			if len(stack) == 0 {
				pc.problems = append(pc.problems, "EMC without BDC")
				break
			}
			stack = stack[:len(stack)-1]
			current = -1
		case show[op] || paint[op]:
			if len(stack) == 0 {
				what := "a path is painted"
				if show[op] {
					what = "text is drawn"
				}
				pc.problems = append(pc.problems, fmt.Sprintf("01-005: %s outside marked content (%s %s)", what, strings.Join(operands, " "), op))
			} else if show[op] {
				var shown strings.Builder
				for _, o := range operands {
					shown.WriteString(decodeShown(o))
				}
				if stack[len(stack)-1] == "artifact" {
					art.WriteString(shown.String())
				} else if current >= 0 {
					pc.text[current] += shown.String()
				}
			}
		}
		operands = operands[:0]
	}
	if len(stack) != 0 {
		pc.problems = append(pc.problems, "marked content open at the end of the page")
	}
	pc.artifact = art.String()
	return pc
}

type contentToken struct {
	s  string
	op bool
}

// contentTokens splits a content stream into operands (numbers, names,
// strings, arrays and dictionaries, each one token) and operators.
func contentTokens(b []byte) []contentToken {
	var out []contentToken
	i := 0
	for i < len(b) {
		c := b[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '(' || c == '[' || (c == '<' && i+1 < len(b) && b[i+1] == '<') || c == '<':
			start := i
			i = skipObject(b, i)
			out = append(out, contentToken{s: string(b[start:i])})
		case c == '/':
			start := i
			i++
			for i < len(b) && !isDelim(b[i]) {
				i++
			}
			out = append(out, contentToken{s: string(b[start:i])})
		default:
			start := i
			for i < len(b) && !isDelim(b[i]) {
				i++
			}
			if i == start {
				i++
			}
			s := string(b[start:i])
			_, err := strconv.ParseFloat(s, 64)
			out = append(out, contentToken{s: s, op: err != nil})
		}
	}
	return out
}

func isDelim(c byte) bool {
	return strings.IndexByte(" \n\r\t\f\x00()<>[]{}/%", c) >= 0
}

// skipObject returns the index after the string, array or dictionary at i.
func skipObject(b []byte, i int) int {
	switch {
	case b[i] == '(':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return i
	case b[i] == '<' && i+1 < len(b) && b[i+1] == '<':
		i += 2
		for i < len(b) {
			if b[i] == '>' && i+1 < len(b) && b[i+1] == '>' {
				return i + 2
			}
			if b[i] == '(' || b[i] == '[' || b[i] == '<' {
				i = skipObject(b, i)
				continue
			}
			i++
		}
		return i
	case b[i] == '<':
		for i < len(b) && b[i] != '>' {
			i++
		}
		return i + 1
	case b[i] == '[':
		i++
		for i < len(b) && b[i] != ']' {
			if b[i] == '(' || b[i] == '[' || b[i] == '<' {
				i = skipObject(b, i)
				continue
			}
			i++
		}
		return i + 1
	}
	return i + 1
}

// decodeShown decodes a string operand of fpdf's UTF-8 fonts, whose
// character codes are the UTF-16 code units of the text.
func decodeShown(s string) string {
	if strings.HasPrefix(s, "[") { // TJ: the strings of the array
		var b strings.Builder
		for i := 1; i < len(s)-1; {
			if s[i] == '(' {
				j := skipObject([]byte(s), i)
				b.WriteString(decodeShown(s[i:j]))
				i = j
				continue
			}
			i++
		}
		return b.String()
	}
	if !strings.HasPrefix(s, "(") {
		return ""
	}
	var raw []byte
	body := s[1 : len(s)-1]
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			raw = append(raw, c)
			continue
		}
		i++
		switch e := body[i]; {
		case e >= '0' && e <= '7':
			v, n := 0, 0
			for ; n < 3 && i < len(body) && body[i] >= '0' && body[i] <= '7'; n, i = n+1, i+1 {
				v = v*8 + int(body[i]-'0')
			}
			i--
			raw = append(raw, byte(v))
		case e == 'n':
			raw = append(raw, '\n')
		case e == 'r':
			raw = append(raw, '\r')
		case e == 't':
			raw = append(raw, '\t')
		default:
			raw = append(raw, e)
		}
	}
	units := make([]uint16, 0, len(raw)/2)
	for i := 0; i+1 < len(raw); i += 2 {
		units = append(units, uint16(raw[i])<<8|uint16(raw[i+1]))
	}
	return string(utf16.Decode(units))
}

// checkPDFUA returns every failure found, the text of the structure tree
// in its order, and the text of the artifacts in content order.
func checkPDFUA(d *qpdfDoc) (probs []string, tree, artifacts string) {
	fail := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }

	cat := d.dict(d.trailer["/Root"])
	if cat == nil {
		return []string{"no catalog"}, "", ""
	}
	// Checkpoint 06 and 07: metadata and viewer preferences.
	if mi := d.dict(cat["/MarkInfo"]); mi == nil || mi["/Marked"] != true {
		fail("catalog: /MarkInfo /Marked is not true")
	} else if mi["/Suspects"] == true {
		fail("01-007: /MarkInfo /Suspects is true")
	}
	if got := qtext(cat["/Lang"]); got != pdfLang {
		fail("11-006: catalog /Lang is %q, want %q", got, pdfLang)
	}
	if vp := d.dict(cat["/ViewerPreferences"]); vp == nil || vp["/DisplayDocTitle"] != true {
		fail("07-001/07-002: /ViewerPreferences /DisplayDocTitle is not true")
	}
	info := d.dict(d.trailer["/Info"])
	meta, ok := d.get(cat["/Metadata"]).(qpdfStream)
	if !ok {
		fail("06-001: no XMP metadata stream in the catalog")
	} else {
		x := string(meta.data)
		title := regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>`).FindStringSubmatch(x)
		switch {
		case title == nil || strings.TrimSpace(title[1]) == "":
			fail("06-003: the XMP has no dc:title")
		case info != nil && xmlText(title[1]) != qtext(info["/Title"]):
			fail("dc:title %q is not the Info /Title %q", xmlText(title[1]), qtext(info["/Title"]))
		}
		if !strings.Contains(x, "<pdfuaid:part>1</pdfuaid:part>") {
			fail("06-002: the XMP has no pdfuaid:part 1")
		}
		if !regexp.MustCompile(`<dc:language>.*<rdf:li>` + pdfLang + `</rdf:li>`).MatchString(x) {
			fail("the XMP has no dc:language %s", pdfLang)
		}
	}
	if cat["/RoleMap"] != nil || d.dict(cat["/StructTreeRoot"])["/RoleMap"] != nil {
		fail("02-001/02-004: a RoleMap (the structure uses standard types only)")
	}

	// Pages: their content, keys and annotations.
	pages := d.array(d.dict(cat["/Pages"])["/Kids"])
	if len(pages) == 0 {
		return append(probs, "no pages"), "", ""
	}
	root := d.dict(cat["/StructTreeRoot"])
	if root == nil {
		return append(probs, "no /StructTreeRoot"), "", ""
	}
	parents := map[int]any{} // ParentTree key → value
	nums := d.array(d.dict(root["/ParentTree"])["/Nums"])
	for i := 0; i+1 < len(nums); i += 2 {
		k, _ := num(nums[i])
		parents[k] = nums[i+1]
	}
	if d.dict(root["/ParentTree"])["/Kids"] != nil {
		fail("the ParentTree has /Kids; this checker reads a flat /Nums only")
	}
	pageIndex := map[string]int{} // page ref → page number
	used := map[mcKey]string{}    // marked content in the pages, with its tag
	mcText := map[mcKey]string{}
	var art strings.Builder
	annotOwner := map[string]any{}
	for i, pref := range pages {
		n := i + 1
		pageIndex[pref.(string)] = n
		pg := d.dict(pref)
		sp, ok := num(pg["/StructParents"])
		if !ok {
			fail("page %d has no /StructParents", n)
		}
		var content []byte
		switch c := d.get(pg["/Contents"]).(type) {
		case qpdfStream:
			content = c.data
		case []any:
			for _, part := range c {
				if s, ok := d.get(part).(qpdfStream); ok {
					content = append(append(content, s.data...), '\n')
				}
			}
		}
		pc := scanContent(content)
		for _, p := range pc.problems {
			fail("page %d: %s", n, p)
		}
		art.WriteString(pc.artifact)
		for mcid, s := range pc.text {
			mcText[mcKey{n, mcid}] = s
		}
		owners := d.array(parents[sp])
		for mcid, tag := range pc.mcids {
			used[mcKey{n, mcid}] = tag
			if mcid >= len(owners) || d.dict(owners[mcid]) == nil {
				fail("page %d: MCID %d has no element in the ParentTree", n, mcid)
				continue
			}
			if s := d.dict(owners[mcid])["/S"]; s != "/"+tag {
				fail("page %d: MCID %d is tagged %s in the content and belongs to a %v", n, mcid, tag, s)
			}
		}
		if len(owners) != len(pc.mcids) {
			fail("page %d: the ParentTree lists %d MCIDs, the content has %d", n, len(owners), len(pc.mcids))
		}
		annots := d.array(pg["/Annots"])
		if len(annots) > 0 && pg["/Tabs"] != "/S" {
			fail("28-008/28-009: page %d has annotations and /Tabs is %v, not /S", n, pg["/Tabs"])
		}
		for _, a := range annots {
			ad := d.dict(a)
			if ad["/Subtype"] != "/Link" {
				fail("28-004: page %d has a %v annotation", n, ad["/Subtype"])
				continue
			}
			ref, isRef := a.(string)
			if !isRef {
				fail("28-011: page %d has an inline link annotation, which no OBJR can name", n)
				continue
			}
			if strings.TrimSpace(qtext(ad["/Contents"])) == "" {
				fail("28-012: link annotation %s has no /Contents", ref)
			}
			k, ok := num(ad["/StructParent"])
			if !ok {
				fail("28-011: link annotation %s has no /StructParent", ref)
				continue
			}
			owner := d.dict(parents[k])
			if owner == nil || owner["/S"] != "/Link" {
				fail("28-011: link annotation %s is not in a Link element", ref)
			}
			annotOwner[ref] = parents[k]
		}
	}

	// The structure tree: every element's kids exist, every marked-content
	// kid is in a page, and the types nest as the standard says.
	seenMC := map[mcKey]bool{}
	var treeText strings.Builder
	seenAnnot := map[string]bool{}
	var headings []int
	var walk func(ref any, parentRef any, parentType string)
	walk = func(ref any, parentRef any, parentType string) {
		e := d.dict(ref)
		if e == nil {
			fail("a kid of a %s does not exist (%v)", parentType, ref)
			return
		}
		typ := strings.TrimPrefix(fmt.Sprint(e["/S"]), "/")
		if !standardTypes[typ] {
			fail("01-006/02-001: %s is not a standard structure type", typ)
		}
		if e["/P"] != parentRef {
			fail("a %s's /P is %v, not its parent %v", typ, e["/P"], parentRef)
		}
		if allowed, ok := allowedKids[parentType]; ok && !slices.Contains(allowed, typ) {
			fail("09-004/09-005/09-006: a %s inside a %s", typ, parentType)
		}
		switch typ {
		case "Figure", "Formula":
			if strings.TrimSpace(qtext(e["/Alt"])) == "" {
				fail("13-004: a %s has no /Alt", typ)
			}
		case "TH":
			a := d.dict(e["/A"])
			if s := a["/Scope"]; s != "/Column" && s != "/Row" && s != "/Both" {
				fail("15-003: a TH has no /Scope")
			}
		case "TR", "TD":
			if parentType != "TR" && typ == "TD" {
				fail("09-004: a TD outside a TR")
			}
		case "LI":
			if parentType != "L" {
				fail("09-005: an LI outside an L")
			}
		case "TOCI":
			if parentType != "TOC" {
				fail("09-006: a TOCI outside a TOC")
			}
		}
		if typ == "H" {
			fail("14-006/14-007: an unnumbered H; the headings are H1 to H3")
		}
		if len(typ) == 2 && typ[0] == 'H' && typ[1] >= '1' && typ[1] <= '6' {
			headings = append(headings, int(typ[1]-'0'))
		}
		kids := d.get(e["/K"])
		list, isList := kids.([]any)
		if !isList {
			list = []any{kids}
		}
		if len(list) == 0 || kids == nil {
			fail("a %s has no kids", typ)
		}
		links := 0
		for _, k := range list {
			if mcid, ok := num(k); ok {
				pg := pageIndex[fmt.Sprint(e["/Pg"])]
				checkMC(used, seenMC, fail, typ, pg, mcid)
				treeText.WriteString(mcText[mcKey{pg, mcid}])
				continue
			}
			kd, isDict := d.get(k).(map[string]any)
			switch {
			case isDict && kd["/Type"] == "/MCR":
				mcid, _ := num(kd["/MCID"])
				pg := pageIndex[fmt.Sprint(kd["/Pg"])]
				if pg == 0 {
					pg = pageIndex[fmt.Sprint(e["/Pg"])]
				}
				checkMC(used, seenMC, fail, typ, pg, mcid)
				treeText.WriteString(mcText[mcKey{pg, mcid}])
			case isDict && kd["/Type"] == "/OBJR":
				obj := fmt.Sprint(kd["/Obj"])
				if d.objs[obj] == nil {
					fail("an OBJR of a %s names %s, which does not exist", typ, obj)
				}
				if owner, ok := annotOwner[obj]; !ok || owner != ref {
					fail("28-011: the annotation %s of a %s does not point back to it", obj, typ)
				}
				seenAnnot[obj] = true
				links++
			case isDict && kd["/Type"] == "/StructElem":
				walk(k, ref, typ)
			default:
				fail("a kid of a %s is neither an element, an MCID nor an object reference: %v", typ, k)
			}
		}
		if typ == "Link" && links == 0 {
			fail("a Link element has no annotation (OBJR)")
		}
	}
	for _, k := range d.array(root["/K"]) {
		walk(k, cat["/StructTreeRoot"], "StructTreeRoot")
	}
	if rk := d.array(root["/K"]); len(rk) != 1 || d.dict(rk[0])["/S"] != "/Document" {
		fail("the structure tree does not hold one Document element")
	}
	for k := range used {
		if !seenMC[k] {
			fail("page %d: MCID %d is in no structure element", k.page, k.mcid)
		}
	}
	for ref := range annotOwner {
		if !seenAnnot[ref] {
			fail("28-011: the annotation %s is in no element's kids", ref)
		}
	}
	// Checkpoint 14: the first heading is an H1, and no level is skipped on
	// the way down.
	for i, h := range headings {
		switch {
		case i == 0 && h != 1:
			fail("14-002: the first heading is an H%d", h)
		case i > 0 && h > headings[i-1]+1:
			fail("14-003: an H%d follows an H%d", h, headings[i-1])
		}
	}
	if next, _ := num(root["/ParentTreeNextKey"]); next <= maxKey(parents) {
		fail("/ParentTreeNextKey %d is not above every key", next)
	}

	// Checkpoint 31 and 10: every font is embedded and maps to Unicode.
	for _, pref := range pages {
		fonts := d.dict(d.dict(d.dict(pref)["/Resources"])["/Font"])
		for name, fref := range fonts {
			f := d.dict(fref)
			if f["/ToUnicode"] == nil {
				fail("10-001: font %s has no /ToUnicode", name)
			}
			desc := f["/FontDescriptor"]
			if f["/Subtype"] == "/Type0" {
				df := d.array(f["/DescendantFonts"])
				if len(df) == 1 {
					desc = d.dict(df[0])["/FontDescriptor"]
					if d.dict(df[0])["/Subtype"] == "/CIDFontType2" && d.dict(df[0])["/CIDToGIDMap"] == nil {
						fail("31-007: font %s has no /CIDToGIDMap", name)
					}
				}
			}
			fd := d.dict(desc)
			if fd["/FontFile"] == nil && fd["/FontFile2"] == nil && fd["/FontFile3"] == nil {
				fail("31-009: font %s is not embedded", name)
			}
		}
	}
	return probs, treeText.String(), art.String()
}

func checkMC(used map[mcKey]string, seen map[mcKey]bool, fail func(string, ...any), typ string, page, mcid int) {
	k := mcKey{page, mcid}
	switch {
	case page == 0:
		fail("a %s names MCID %d on no page", typ, mcid)
	case used[k] == "":
		fail("a %s names MCID %d on page %d, which the page does not have", typ, mcid, page)
	case seen[k]:
		fail("MCID %d on page %d is the kid of two elements", mcid, page)
	}
	seen[k] = true
}

func maxKey(m map[int]any) int {
	top := -1
	for k := range m {
		top = max(top, k)
	}
	return top
}

func xmlText(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&amp;", "&").Replace(s)
}

// structText is the text of the structure tree as pdfinfo -struct-text
// prints it: the quoted lines, in order.
func structText(out []byte) string {
	var b strings.Builder
	for _, line := range strings.Split(string(out), "\n") {
		l := strings.TrimSpace(line)
		if len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"' {
			b.WriteString(l[1 : len(l)-1])
		}
	}
	return b.String()
}

// compareText checks that the pages' text in content order (pdftotext
// -raw) is the tree's text in the same order with the artifacts' text
// between, and says where not. Spaces are left out: the tree's text joins
// the lines of a paragraph without one, as pdfinfo shows it.
func compareText(tree, pages, artifacts string) string {
	strip := func(s string) []rune {
		var out []rune
		for _, r := range s {
			if !unicode.IsSpace(r) {
				out = append(out, r)
			}
		}
		return out
	}
	treeR, pageR, artR := strip(tree), strip(pages), strip(artifacts)
	if len(treeR) == 0 {
		return "the tree holds no text"
	}
	ti := 0
	var leftover []rune
	for _, r := range pageR {
		if ti < len(treeR) && treeR[ti] == r {
			ti++
			continue
		}
		leftover = append(leftover, r)
	}
	if ti < len(treeR) {
		return fmt.Sprintf("the tree's text is not in the pages in this order from «%s»", string(treeR[ti:min(len(treeR), ti+60)]))
	}
	if len(leftover) != len(artR) {
		return fmt.Sprintf("%d characters of the pages are neither in the tree nor in artifacts: «%s»",
			len(leftover)-len(artR), string(leftover[:min(len(leftover), 200)]))
	}
	return ""
}

// The checker finds what it is there to find: untagged text and paths, and
// nesting, in a content stream.
func TestScanContent(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          []string
	}{
		{"tagged", "/P <</MCID 0>> BDC BT (\\000a) Tj ET EMC /Artifact BMC 0 0 1 1 re f EMC", nil},
		{"untagged text", "BT (\\000a) Tj ET", []string{"01-005: text is drawn outside marked content ((\\000a) Tj)"}},
		{"untagged path", "0 0 1 1 re f", []string{"01-005: a path is painted outside marked content ( f)"}},
		{"nested", "/P <</MCID 0>> BDC /Artifact BMC EMC EMC", []string{"01-003/01-004: marked content nests inside marked content"}},
		{"open", "/P <</MCID 0>> BDC", []string{"marked content open at the end of the page"}},
		{"twice", "/P <</MCID 0>> BDC EMC /P <</MCID 0>> BDC EMC", []string{"MCID 0 is used twice"}},
	} {
		got := scanContent([]byte(tc.content)).problems
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := scanContent([]byte("/Artifact BMC BT (\\000S\\000i\\000d\\000e) Tj ET EMC")).artifact; got != "Side" {
		t.Errorf("artifact text %q, want Side", got)
	}
}

// Two renders give the same bytes, update included.
func TestTaggedPDFSameBytes(t *testing.T) {
	res := sampleResults(t)
	tpl := MustLoadEmbedded()
	for _, r := range []pipeline.Renderer{NewPDF(tpl), NewSlides(tpl)} {
		first := render(t, r, res)
		if !bytes.Contains(first, []byte("<pdfuaid:part>1</pdfuaid:part>")) {
			t.Fatalf("%s is not tagged", r.FileName())
		}
		for range 3 {
			if !bytes.Equal(first, render(t, r, res)) {
				t.Fatalf("%s: two renders differ", r.FileName())
			}
		}
	}
}

// TestPDFUAFiles checks PDFs written elsewhere, for .ci/pdf-check.sh:
// BOBRA_PDFUA_FILES is a list of paths separated by colons.
func TestPDFUAFiles(t *testing.T) {
	list := os.Getenv("BOBRA_PDFUA_FILES")
	if list == "" {
		t.Skip("BOBRA_PDFUA_FILES is not set")
	}
	for _, path := range strings.Split(list, ":") {
		pdf, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		checkTaggedFile(t, filepath.Base(path), pdf, os.Getenv("BOBRA_PDFUA_POPPLER") != "")
	}
}

func TestCompareText(t *testing.T) {
	for _, tc := range []struct{ name, tree, pages, artifacts, want string }{
		{"same", "Tittel Et avsnitt", "Tittel\nEt avsnitt\n", "", ""},
		{"footer left out", "Tittel Et avsnitt", "Tittel Et avsnitt Side 2 av 9", "Side 2 av 9", ""},
		{"lines joined", "Etavsnittover tolinjer", "Et avsnitt over\nto linjer", "", ""},
		{"order", "B A", "A B", "", "the tree's text is not in the pages in this order from «A»"},
		{"untagged", "A", "A B", "", "1 characters of the pages are neither in the tree nor in artifacts: «B»"},
		{"empty", "", "A", "", "the tree holds no text"},
	} {
		if got := compareText(tc.tree, tc.pages, tc.artifacts); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
