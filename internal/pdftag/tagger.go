// Package pdftag makes the PDFs that fpdf draws tagged PDF/UA-1 files.
//
// fpdf draws well but cannot tag: it has no structure tree, no marked
// content and no way to add objects of one's own. The Tagger fills the gap
// in two steps. While fpdf draws, it writes the marked-content operators
// into the page content through fpdf's RawWriteStr (every piece of real
// content in a BDC … EMC sequence with an MCID, everything else in an
// /Artifact BMC … EMC) and builds the structure tree in memory; it takes
// over fpdf's header and footer hooks, so a sequence cut by a page break is
// closed at the foot of one page and continued on the next, and the running
// footer is an artifact. After fpdf has written the file, Finish appends an
// incremental update (ISO 32000-1, 7.5.6) with the structure tree, the
// ParentTree, the link annotations as objects of their own, the XMP
// metadata and the new catalog, page and information dictionaries. The
// bytes fpdf wrote stay as they are, and nothing in the update depends on
// a clock or on map order.
package pdftag

import (
	"reflect"
	"strconv"

	"github.com/go-pdf/fpdf"
)

// Elem is one structure element. Type is a standard structure type of
// ISO 32000-1, 14.8.4 (Document, H1, P, Table, TH, Figure, Link …).
type Elem struct {
	Type string
	// Alt is the alternate description (/Alt), for figures.
	Alt string
	// Scope is the /Scope attribute of a TH: "Column" or "Row".
	Scope string
	// Contents is the /Contents of the link annotations of a Link.
	Contents string

	parent *Elem
	kids   []kid
	obj    int // object number, set by Finish
}

// kid is a child of an element: another element, a marked-content
// sequence (page and MCID) or an annotation (page and its index in the
// page's /Annots).
type kid struct {
	elem  *Elem
	page  int
	mcid  int
	annot int
}

// page is what the tagger knows about one page.
type page struct {
	mcids  []*Elem // MCID → element whose content it is
	annots []*Elem // annotation index → Link element
}

// Tagger records the structure of the document fpdf draws.
type Tagger struct {
	f     *fpdf.Fpdf
	root  *Elem
	stack []*Elem
	pages []*page // pages[i] is page i+1

	mc  *Elem // element whose marked content is open, if any
	art bool  // an artifact sequence is open

	// What was open when fpdf broke the page, to continue on the next.
	resume    *Elem
	resumeArt bool

	// linkFrom is the number of annotations on the current page when the
	// innermost open Link started or the page began, whichever is later.
	linkFrom int

	footer func()
}

// New starts tagging f. It takes over f's header and footer functions: set
// the footer with SetFooter. The root element is a Document.
func New(f *fpdf.Fpdf) *Tagger {
	t := &Tagger{f: f, root: &Elem{Type: "Document"}}
	t.stack = []*Elem{t.root}
	f.SetHeaderFunc(t.onHeader)
	f.SetFooterFunc(t.onFooter)
	return t
}

// SetFooter sets the running footer, drawn on every page as an artifact.
func (t *Tagger) SetFooter(fn func()) { t.footer = fn }

// Open starts a child element of the innermost open element and makes it
// the innermost; content drawn after Mark belongs to it.
func (t *Tagger) Open(typ string) *Elem {
	t.closeMC()
	parent := t.top()
	e := &Elem{Type: typ, parent: parent}
	parent.kids = append(parent.kids, kid{elem: e, mcid: -1, annot: -1})
	t.stack = append(t.stack, e)
	if typ == "Link" {
		t.linkFrom = t.annotCount()
	}
	return e
}

// OpenLink starts a Link element whose annotations say contents.
func (t *Tagger) OpenLink(contents string) *Elem {
	e := t.Open("Link")
	e.Contents = contents
	return e
}

// Close ends the innermost element. The root cannot be closed. What the
// enclosing element draws next is its content only after a Mark: content
// is never given to an element implicitly.
func (t *Tagger) Close() {
	if len(t.stack) <= 1 {
		return
	}
	t.closeMC()
	e := t.top()
	if e.Type == "Link" {
		t.takeAnnots(e)
	}
	t.stack = t.stack[:len(t.stack)-1]
	// An enclosing link goes on collecting its own annotations.
	t.linkFrom = t.annotCount()
}

// Mark opens a marked-content sequence for the innermost element unless one
// is open for it already: what is drawn next is its content.
func (t *Tagger) Mark() {
	e := t.top()
	if t.mc == e && !t.art {
		return
	}
	t.closeMC()
	t.begin(e)
}

// Leaf draws fn as the content of a new element of type typ.
func (t *Tagger) Leaf(typ string, fn func()) *Elem {
	e := t.Open(typ)
	t.Mark()
	fn()
	t.Close()
	return e
}

// Artifact draws fn as an artifact (a rule, a fill, a repeated header),
// then continues the marked content that was open before, if any.
func (t *Tagger) Artifact(fn func()) {
	prev := t.mc
	if t.art {
		fn()
		return
	}
	t.closeMC()
	t.f.RawWriteStr("/Artifact BMC")
	t.art = true
	fn()
	if t.art {
		t.f.RawWriteStr("EMC")
		t.art = false
	}
	if prev != nil && prev == t.top() {
		t.begin(prev)
	}
}

func (t *Tagger) top() *Elem { return t.stack[len(t.stack)-1] }

func (t *Tagger) page() (int, *page) {
	n := t.f.PageNo()
	for len(t.pages) < n {
		t.pages = append(t.pages, &page{})
	}
	if n == 0 {
		return 0, nil
	}
	return n, t.pages[n-1]
}

// begin opens a marked-content sequence for e on the current page.
func (t *Tagger) begin(e *Elem) {
	n, p := t.page()
	if p == nil {
		return // nothing is drawn before the first page
	}
	mcid := len(p.mcids)
	p.mcids = append(p.mcids, e)
	e.kids = append(e.kids, kid{page: n, mcid: mcid, annot: -1})
	t.f.RawWriteStr("/" + e.Type + " <</MCID " + strconv.Itoa(mcid) + ">> BDC")
	t.mc = e
}

func (t *Tagger) closeMC() {
	if t.art {
		t.f.RawWriteStr("EMC")
		t.art = false
	}
	if t.mc != nil {
		t.f.RawWriteStr("EMC")
		t.mc = nil
	}
}

// annotCount is the number of link annotations fpdf holds for the current
// page. fpdf keeps them in an unexported slice and adds one per link call
// (several for a link text that wraps), so counting before and after is
// the only way to know which annotations a Link element drew. Reading the
// length through reflection touches nothing; fpdf is pinned in go.mod and
// a test fails if the field ever goes.
func (t *Tagger) annotCount() int {
	n := t.f.PageNo()
	links := reflect.ValueOf(t.f).Elem().FieldByName("pageLinks")
	if !links.IsValid() || n <= 0 || n >= links.Len() {
		return 0
	}
	return links.Index(n).Len()
}

// takeAnnots makes the annotations added to the current page since
// linkFrom kids of the link e.
func (t *Tagger) takeAnnots(e *Elem) {
	n, p := t.page()
	if p == nil {
		return
	}
	count := t.annotCount()
	for i := t.linkFrom; i < count; i++ {
		for len(p.annots) < i {
			p.annots = append(p.annots, nil) // not a tagged link: Finish fails
		}
		p.annots = append(p.annots, e)
		e.kids = append(e.kids, kid{page: n, mcid: -1, annot: i})
	}
	t.linkFrom = count
}

// innermostLink is the innermost open Link element, or nil.
func (t *Tagger) innermostLink() *Elem {
	for i := len(t.stack) - 1; i > 0; i-- {
		if t.stack[i].Type == "Link" {
			return t.stack[i]
		}
	}
	return nil
}

func (t *Tagger) onFooter() {
	t.resume, t.resumeArt = t.mc, t.art
	t.closeMC()
	if l := t.innermostLink(); l != nil {
		t.takeAnnots(l)
	}
	if t.footer != nil {
		t.f.RawWriteStr("/Artifact BMC")
		t.footer()
		t.f.RawWriteStr("EMC")
	}
}

func (t *Tagger) onHeader() {
	t.linkFrom = 0
	t.page() // a page without content still gets its entry
	switch {
	case t.resumeArt:
		t.f.RawWriteStr("/Artifact BMC")
		t.art = true
	case t.resume != nil:
		t.begin(t.resume)
	}
	t.resume, t.resumeArt = nil, false
}
