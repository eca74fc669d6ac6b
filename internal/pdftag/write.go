package pdftag

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Meta is the document information written to the Info dictionary and the
// XMP metadata. fpdf's own Info strings cannot hold characters outside the
// Basic Multilingual Plane; these are written as UTF-16 with surrogates.
type Meta struct {
	Title, Subject, Author, Keywords string
	Creator, Producer                string
	Lang                             string // BCP 47, e.g. "nb-NO"
	Date                             time.Time
}

// Finish returns pdf, the file fpdf wrote from the tagger's drawing, with
// the structure appended as an incremental update. Every element must be
// closed and every link annotation must belong to a Link element.
func (t *Tagger) Finish(pdf []byte, meta Meta) ([]byte, error) {
	if len(t.stack) != 1 {
		return nil, fmt.Errorf("pdftag: %d structure elements are still open (innermost %s)", len(t.stack)-1, t.top().Type)
	}
	src, err := parseFile(pdf)
	if err != nil {
		return nil, err
	}
	if len(t.pages) > src.pages {
		return nil, fmt.Errorf("pdftag: tagged %d pages, the file has %d", len(t.pages), src.pages)
	}
	for len(t.pages) < src.pages {
		t.pages = append(t.pages, &page{})
	}

	w := &update{buf: bytes.NewBuffer(pdf), next: src.size}
	// fpdf writes the lowest version its features need; the structure
	// needs PDF 1.7 (PDF/UA-1 is based on it). Same length, so no offset
	// moves.
	if b := w.buf.Bytes(); bytes.HasPrefix(b, []byte("%PDF-1.")) && len(b) > 8 {
		b[7] = '7'
	}
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		w.buf.WriteByte('\n')
	}

	// Object numbers, in a fixed order: tree root, ParentTree, elements in
	// document order, annotations in page order, metadata, information.
	prune(t.root)
	rootObj := w.alloc()
	parentTreeObj := w.alloc()
	var elems []*Elem
	var walk func(e *Elem)
	walk = func(e *Elem) {
		e.obj = w.alloc()
		elems = append(elems, e)
		for _, k := range e.kids {
			if k.elem != nil {
				walk(k.elem)
			}
		}
	}
	walk(t.root)

	pageObj := func(n int) int { return 1 + 2*n } // fpdf's numbering
	annotObj := make([][]int, len(t.pages))
	var annotKeys []*Elem // StructParent key − pages → Link element
	annotText := make([][]string, len(t.pages))
	for i := range t.pages {
		n := i + 1
		dict, err := src.object(pageObj(n))
		if err != nil {
			return nil, err
		}
		if !strings.HasPrefix(dict, "<</Type /Page\n") {
			return nil, fmt.Errorf("pdftag: object %d is not page %d", pageObj(n), n)
		}
		annots, err := inlineAnnots(dict)
		if err != nil {
			return nil, fmt.Errorf("pdftag: page %d: %w", n, err)
		}
		p := t.pages[i]
		if len(annots) != len(p.annots) {
			return nil, fmt.Errorf("pdftag: page %d has %d link annotations, %d of them in a Link element", n, len(annots), len(p.annots))
		}
		for k, a := range annots {
			if p.annots[k] == nil {
				return nil, fmt.Errorf("pdftag: link annotation %d on page %d is in no Link element", k+1, n)
			}
			annotObj[i] = append(annotObj[i], w.alloc())
			annotText[i] = append(annotText[i], a)
			annotKeys = append(annotKeys, p.annots[k])
		}
	}
	metaObj := w.alloc()
	infoObj := w.alloc()
	refOf := func(e *Elem) string { return ref(e.obj) }

	// Catalog.
	cat, err := src.object(src.root)
	if err != nil {
		return nil, err
	}
	body, ok := strings.CutSuffix(strings.TrimSpace(cat), ">>")
	if !ok {
		return nil, errors.New("pdftag: the catalog is not a dictionary")
	}
	var c strings.Builder
	c.WriteString(strings.TrimRight(body, "\n"))
	c.WriteString("\n/MarkInfo <</Marked true>>\n/StructTreeRoot " + ref(rootObj))
	c.WriteString("\n/ViewerPreferences <</DisplayDocTitle true>>\n/Metadata " + ref(metaObj))
	if meta.Lang != "" && !strings.Contains(body, "/Lang") {
		c.WriteString("\n/Lang " + pdfString(meta.Lang))
	}
	c.WriteString("\n>>")
	w.object(src.root, c.String())

	// Pages: the structure key, the annotations as references and the tab
	// order that follows the structure.
	for i := range t.pages {
		n := i + 1
		dict, _ := src.object(pageObj(n))
		start, end := annotsSpan(dict)
		var refs []string
		for _, o := range annotObj[i] {
			refs = append(refs, ref(o))
		}
		extra := "/StructParents " + strconv.Itoa(i)
		if len(refs) > 0 {
			dict = dict[:start] + "/Annots [" + strings.Join(refs, " ") + "]" + dict[end:]
			extra += " /Tabs /S"
		}
		cut := strings.LastIndex(dict, ">>")
		if cut < 0 {
			return nil, fmt.Errorf("pdftag: page %d is not a dictionary", n)
		}
		w.object(pageObj(n), dict[:cut]+"\n"+extra+dict[cut:])
	}

	// Structure tree root and ParentTree.
	w.object(rootObj, "<</Type /StructTreeRoot /K ["+refOf(t.root)+"] /ParentTree "+ref(parentTreeObj)+
		" /ParentTreeNextKey "+strconv.Itoa(len(t.pages)+len(annotKeys))+">>")
	var nums strings.Builder
	nums.WriteString("<</Nums [")
	for i, p := range t.pages {
		nums.WriteString("\n" + strconv.Itoa(i) + " [")
		for k, e := range p.mcids {
			if k > 0 {
				nums.WriteByte(' ')
			}
			nums.WriteString(refOf(e))
		}
		nums.WriteString("]")
	}
	for k, e := range annotKeys {
		nums.WriteString("\n" + strconv.Itoa(len(t.pages)+k) + " " + refOf(e))
	}
	nums.WriteString("\n]>>")
	w.object(parentTreeObj, nums.String())

	// Elements.
	for _, e := range elems {
		var d strings.Builder
		d.WriteString("<</Type /StructElem /S /" + e.Type)
		if e.parent != nil {
			d.WriteString(" /P " + refOf(e.parent))
		} else {
			d.WriteString(" /P " + ref(rootObj))
		}
		if e.Alt != "" {
			d.WriteString(" /Alt " + pdfString(e.Alt))
		}
		if e.Scope != "" {
			d.WriteString(" /A <</O /Table /Scope /" + e.Scope + ">>")
		}
		// Most elements are on one page: that page is the element's /Pg
		// and its marked content is named by MCID alone, which keeps the
		// tree small.
		pg := onePage(e)
		if pg > 0 {
			d.WriteString(" /Pg " + ref(pageObj(pg)))
		}
		d.WriteString(" /K [")
		for j, k := range e.kids {
			if j > 0 {
				d.WriteByte(' ')
			}
			switch {
			case k.elem != nil:
				d.WriteString(refOf(k.elem))
			case k.annot >= 0:
				d.WriteString("<</Type /OBJR /Pg " + ref(pageObj(k.page)) + " /Obj " + ref(annotObj[k.page-1][k.annot]) + ">>")
			case pg > 0:
				d.WriteString(strconv.Itoa(k.mcid))
			default:
				d.WriteString("<</Type /MCR /Pg " + ref(pageObj(k.page)) + " /MCID " + strconv.Itoa(k.mcid) + ">>")
			}
		}
		d.WriteString("]>>")
		w.object(e.obj, d.String())
	}

	// Annotations, each with its key in the ParentTree and a description.
	key := len(t.pages)
	for i := range t.pages {
		for k, a := range annotText[i] {
			e := t.pages[i].annots[k]
			contents := e.Contents
			if contents == "" {
				contents = "Lenke"
			}
			d := "<</StructParent " + strconv.Itoa(key) + " /Contents " + pdfString(contents) + " /P " + ref(pageObj(i+1)) + " " + strings.TrimPrefix(a, "<<")
			w.object(annotObj[i][k], d)
			key++
		}
	}

	xmp := xmpPacket(meta)
	w.stream(metaObj, "<</Type /Metadata /Subtype /XML /Length "+strconv.Itoa(len(xmp))+">>\nstream\n"+xmp+"\nendstream")
	w.object(infoObj, infoDict(meta))

	return w.finish(src, infoObj), nil
}

// onePage is the page of all of e's marked content, or 0 when it has none
// or it is on several pages.
func onePage(e *Elem) int {
	pg := 0
	for _, k := range e.kids {
		if k.elem != nil || k.annot >= 0 {
			continue
		}
		if pg != 0 && k.page != pg {
			return 0
		}
		pg = k.page
	}
	return pg
}

// prune drops the elements that hold no content (an empty table body, a
// list whose items did not fit): an element must have kids.
func prune(e *Elem) bool {
	kids := e.kids[:0]
	for _, k := range e.kids {
		if k.elem != nil && !prune(k.elem) {
			continue
		}
		kids = append(kids, k)
	}
	e.kids = kids
	return len(kids) > 0
}

func ref(obj int) string { return strconv.Itoa(obj) + " 0 R" }

// update collects the objects of an incremental update. Dictionaries go
// into compressed object streams (a structure tree has an object for every
// table cell; uncompressed, it would triple a report's size) and the update
// ends with a cross-reference stream, PDF 1.5's form of the table; streams
// (the XMP) are written as they come.
type update struct {
	buf     *bytes.Buffer
	next    int // next free object number
	pending []pendingObject
	entries map[int]xrefEntry
}

type pendingObject struct {
	n    int
	body string
}

// xrefEntry is a row of the cross-reference stream: type 1 is an object at
// a byte offset, type 2 the index-th object of object stream stm.
type xrefEntry struct {
	typ    byte
	f2, f3 int
}

// objectsPerStream bounds an object stream, so a reader fetching one
// element does not inflate the whole tree.
const objectsPerStream = 200

func (w *update) alloc() int {
	w.next++
	return w.next - 1
}

// object adds a dictionary object, to be written into an object stream.
func (w *update) object(n int, body string) {
	w.pending = append(w.pending, pendingObject{n, body})
}

// stream writes a stream object at once.
func (w *update) stream(n int, body string) {
	w.entry(n, xrefEntry{1, w.buf.Len(), 0})
	w.buf.WriteString(strconv.Itoa(n) + " 0 obj\n" + body + "\nendobj\n")
}

func (w *update) entry(n int, e xrefEntry) {
	if w.entries == nil {
		w.entries = map[int]xrefEntry{}
	}
	w.entries[n] = e
}

func deflate(b []byte) []byte {
	var out bytes.Buffer
	zw := zlib.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// finish writes the object streams, the cross-reference stream and the
// trailer of the update.
func (w *update) finish(src *file, info int) []byte {
	for from := 0; from < len(w.pending); from += objectsPerStream {
		chunk := w.pending[from:min(len(w.pending), from+objectsPerStream)]
		stm := w.alloc()
		var head, body strings.Builder
		for i, o := range chunk {
			head.WriteString(strconv.Itoa(o.n) + " " + strconv.Itoa(body.Len()) + " ")
			body.WriteString(o.body + "\n")
			w.entry(o.n, xrefEntry{2, stm, i})
		}
		data := deflate([]byte(head.String() + body.String()))
		w.stream(stm, "<</Type /ObjStm /N "+strconv.Itoa(len(chunk))+" /First "+strconv.Itoa(head.Len())+
			" /Filter /FlateDecode /Length "+strconv.Itoa(len(data))+">>\nstream\n"+string(data)+"\nendstream")
	}
	xref := w.alloc()
	w.entry(xref, xrefEntry{1, w.buf.Len(), 0})
	nums := make([]int, 0, len(w.entries))
	for n := range w.entries {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	var index []string
	var rows []byte
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		index = append(index, strconv.Itoa(nums[i]), strconv.Itoa(j-i))
		for _, n := range nums[i:j] {
			e := w.entries[n]
			rows = append(rows, e.typ)
			rows = binary.BigEndian.AppendUint32(rows, uint32(e.f2))
			rows = binary.BigEndian.AppendUint32(rows, uint32(e.f3))
		}
		i = j
	}
	data := deflate(rows)
	fmt.Fprintf(w.buf, "%d 0 obj\n<</Type /XRef /Size %d /Root %s /Info %s /Prev %d /Index [%s] /W [1 4 4] /Filter /FlateDecode /Length %d>>\nstream\n",
		xref, w.next, ref(src.root), ref(info), src.startxref, strings.Join(index, " "), len(data))
	w.buf.Write(data)
	fmt.Fprintf(w.buf, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", w.entries[xref].f2)
	return w.buf.Bytes()
}

// file is what Finish needs of fpdf's output: a classic cross-reference
// table and trailer, which is all fpdf writes.
type file struct {
	data      []byte
	offsets   []int
	size      int
	root      int
	startxref int
	pages     int
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	sizeRe      = regexp.MustCompile(`/Size (\d+)`)
	rootRe      = regexp.MustCompile(`/Root (\d+) 0 R`)
	countRe     = regexp.MustCompile(`/Type /Pages\s*/Kids \[[^\]]*\]\s*/Count (\d+)`)
)

func parseFile(pdf []byte) (*file, error) {
	m := startxrefRe.FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("pdftag: no startxref at the end of the file")
	}
	f := &file{data: pdf}
	f.startxref, _ = strconv.Atoi(string(m[1]))
	if f.startxref >= len(pdf) {
		return nil, errors.New("pdftag: startxref points past the end")
	}
	tail := pdf[f.startxref:]
	if !bytes.HasPrefix(tail, []byte("xref\n")) {
		return nil, errors.New("pdftag: not a classic cross-reference table")
	}
	ti := bytes.Index(tail, []byte("trailer"))
	if ti < 0 {
		return nil, errors.New("pdftag: no trailer")
	}
	trailer := tail[ti:]
	if m := sizeRe.FindSubmatch(trailer); m != nil {
		f.size, _ = strconv.Atoi(string(m[1]))
	}
	if m := rootRe.FindSubmatch(trailer); m != nil {
		f.root, _ = strconv.Atoi(string(m[1]))
	}
	if f.size <= 0 || f.root <= 0 || f.size > len(pdf) {
		return nil, errors.New("pdftag: trailer without a usable /Size or /Root")
	}
	lines := strings.Split(string(tail[:ti]), "\n")
	f.offsets = make([]int, f.size)
	obj := 0
	for _, l := range lines[1:] {
		fields := strings.Fields(l)
		switch len(fields) {
		case 2:
			obj, _ = strconv.Atoi(fields[0])
		case 3:
			if obj >= 0 && obj < f.size {
				f.offsets[obj], _ = strconv.Atoi(fields[0])
			}
			obj++
		}
	}
	pages, err := f.object(1)
	if err != nil {
		return nil, err
	}
	if m := countRe.FindStringSubmatch(pages); m != nil {
		f.pages, _ = strconv.Atoi(m[1])
	} else {
		return nil, errors.New("pdftag: object 1 is not fpdf's page tree")
	}
	return f, nil
}

// object returns the text between "n 0 obj" and "endobj" of a dictionary
// object (not a stream).
func (f *file) object(n int) (string, error) {
	if n <= 0 || n >= len(f.offsets) || f.offsets[n] <= 0 || f.offsets[n] >= len(f.data) {
		return "", fmt.Errorf("pdftag: object %d is not in the file", n)
	}
	rest := f.data[f.offsets[n]:]
	head := []byte(strconv.Itoa(n) + " 0 obj\n")
	if !bytes.HasPrefix(rest, head) {
		return "", fmt.Errorf("pdftag: object %d is not where the table says", n)
	}
	rest = rest[len(head):]
	end := bytes.Index(rest, []byte("\nendobj"))
	if end < 0 {
		return "", fmt.Errorf("pdftag: object %d has no end", n)
	}
	return string(rest[:end]), nil
}

// annotsSpan is where "/Annots [ … ]" is in a page dictionary, or (0, 0).
func annotsSpan(dict string) (int, int) {
	start := strings.Index(dict, "/Annots [")
	if start < 0 {
		return 0, 0
	}
	i := start + len("/Annots [")
	depth, paren := 0, 0
	for ; i < len(dict); i++ {
		c := dict[i]
		switch {
		case paren > 0:
			switch c {
			case '\\':
				i++
			case '(':
				paren++
			case ')':
				paren--
			}
		case c == '(':
			paren++
		case c == '[':
			depth++
		case c == ']':
			if depth == 0 {
				return start, i + 1
			}
			depth--
		}
	}
	return 0, 0
}

// inlineAnnots splits the inline annotation dictionaries of a page.
func inlineAnnots(dict string) ([]string, error) {
	start, end := annotsSpan(dict)
	if end == 0 {
		if strings.Contains(dict, "/Annots") {
			return nil, errors.New("unreadable /Annots")
		}
		return nil, nil
	}
	s := dict[start+len("/Annots [") : end-1]
	var out []string
	depth, paren, from := 0, 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if paren > 0 {
			switch c {
			case '\\':
				i++
			case '(':
				paren++
			case ')':
				paren--
			}
			continue
		}
		switch {
		case c == '(':
			paren++
		case c == '<' && i+1 < len(s) && s[i+1] == '<':
			if depth == 0 {
				from = i
			}
			depth++
			i++
		case c == '>' && i+1 < len(s) && s[i+1] == '>':
			depth--
			i++
			if depth == 0 {
				out = append(out, s[from:i+1])
			}
		case c == '<': // a hex string
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				i += j
			}
		}
	}
	if depth != 0 || paren != 0 {
		return nil, errors.New("unbalanced /Annots")
	}
	return out, nil
}

// pdfString writes s as a PDF text string: literal when it is printable
// ASCII, else UTF-16BE with a byte order mark (surrogate pairs included,
// which fpdf's own conversion cannot write).
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

func pdfDate(t time.Time) string {
	return "D:" + t.UTC().Format("20060102150405") + "Z"
}

func infoDict(m Meta) string {
	var b strings.Builder
	b.WriteString("<<")
	for _, kv := range [][2]string{
		{"Title", m.Title}, {"Subject", m.Subject}, {"Author", m.Author}, {"Keywords", m.Keywords},
		{"Creator", m.Creator}, {"Producer", m.Producer},
	} {
		if kv[1] != "" {
			b.WriteString("\n/" + kv[0] + " " + pdfString(kv[1]))
		}
	}
	b.WriteString("\n/CreationDate " + pdfString(pdfDate(m.Date)))
	b.WriteString("\n/ModDate " + pdfString(pdfDate(m.Date)))
	b.WriteString("\n>>")
	return b.String()
}

// xmpPacket is the document's XMP metadata: the title and language a
// reader announces, and the PDF/UA-1 identification.
func xmpPacket(m Meta) string {
	esc := func(s string) string {
		var b bytes.Buffer
		for _, r := range s {
			switch r {
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			case '&':
				b.WriteString("&amp;")
			case '"':
				b.WriteString("&quot;")
			default:
				if r < 0x20 && r != '\t' && r != '\n' {
					continue // not allowed in XML 1.0
				}
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	date := m.Date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("<rdf:Description rdf:about=\"\"\n xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n")
	b.WriteString(" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	b.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if m.Subject != "" {
		b.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if m.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(m.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if m.Lang != "" {
		b.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(m.Lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if m.Keywords != "" {
		b.WriteString("<pdf:Keywords>" + esc(m.Keywords) + "</pdf:Keywords>\n")
	}
	if m.Producer != "" {
		b.WriteString("<pdf:Producer>" + esc(m.Producer) + "</pdf:Producer>\n")
	}
	if m.Creator != "" {
		b.WriteString("<xmp:CreatorTool>" + esc(m.Creator) + "</xmp:CreatorTool>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return b.String()
}
