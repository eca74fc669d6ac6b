package data

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
)

// ZipOptions set how SortedZipWriter compresses and dates the entries.
type ZipOptions struct {
	// Modified dates every entry; the zero time writes no date.
	Modified time.Time
	// Fast uses the fastest deflate level instead of archive/zip's default:
	// about half the CPU on a large sheet, for a file about a fifth larger.
	Fast bool
	// Splices add rows that bobra serializes itself to sheets excelize
	// streamed, by sheet name (see Splice).
	Splices map[string]Splice
}

// A Splice is the rows of a sheet too large for excelize's per-cell work.
// The sheet is streamed by excelize as usual (column widths, panes, the
// header row); its Pieces pieces of row XML go, in order, just before the
// sheet's </sheetData>. Piece appends piece i to dst; it is called on
// several goroutines at once and in any order, so it must only read shared
// data. Each piece is made and compressed on its own, on every core.
type Splice struct {
	Pieces int
	Piece  func(i int, dst []byte) ([]byte, error)
}

// zipDefaultLevel is the deflate level archive/zip uses itself.
const zipDefaultLevel = 5

// pieceSize is how much of a spooled entry one worker compresses at a
// time. Fixed, so the bytes never depend on the number of cores.
const pieceSize = 1 << 20

// SortedZipWriter returns the excelize zip writer (File.SetZipWriter) of
// every workbook bobra writes: the entries are written sorted by name,
// whatever order excelize creates them in, so equal contents give equal
// bytes. Entries are spooled uncompressed to one temporary file (not
// memory) and compressed once, on Close; repacking excelize's own zip
// instead would decompress and compress the whole workbook a second time.
//
// Compression runs on every core: each entry is cut into pieces of a fixed
// size (and a spliced sheet into its pieces), every piece is deflated on
// its own and ended with a sync flush, and the pieces are joined in order
// into one deflate stream, as pigz does. A piece does not refer back into
// the piece before it, which costs a little size and nothing else.
func SortedZipWriter(opt ZipOptions) func(io.Writer) excelize.ZipWriter {
	return func(w io.Writer) excelize.ZipWriter { return &sortedZip{out: w, opt: opt} }
}

type sortedZip struct {
	out     io.Writer
	opt     ZipOptions
	spool   *os.File
	size    int64
	entries []spooled
	err     error
}

type spooled struct {
	name      string
	off, size int64
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if z.err != nil {
		return nil, z.err
	}
	if z.spool == nil {
		z.spool, z.err = os.CreateTemp("", "bobra-xlsx-*")
		if z.err != nil {
			return nil, z.err
		}
	}
	z.entries = append(z.entries, spooled{name: name, off: z.size})
	return entryWriter{z}, nil
}

type entryWriter struct{ z *sortedZip }

func (e entryWriter) Write(p []byte) (int, error) {
	n, err := e.z.spool.Write(p)
	e.z.size += int64(n)
	e.z.entries[len(e.z.entries)-1].size += int64(n)
	return n, err
}

func (z *sortedZip) AddFS(fs.FS) error {
	return errors.New("sortedZip: AddFS is not supported")
}

func (z *sortedZip) Close() error {
	if z.spool != nil {
		defer os.Remove(z.spool.Name())
		defer z.spool.Close()
	}
	if z.err != nil {
		return z.err
	}
	slices.SortStableFunc(z.entries, func(a, b spooled) int { return strings.Compare(a.name, b.name) })
	pieces, err := z.pieces()
	if err != nil {
		return err
	}
	level := zipDefaultLevel
	if z.opt.Fast {
		level = flate.BestSpeed
	}
	results := compressPieces(pieces, z.spool, level)
	defer results.stop()

	zw := zip.NewWriter(z.out)
	// The pieces are compressed already: the "compressor" passes each
	// piece's deflate bytes through when its first raw byte arrives, while
	// archive/zip counts the raw bytes and sums their CRC-32 as usual.
	pass := &precompressed{}
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		pass.w = w
		return pass, nil
	})
	var ew io.Writer
	for i := range pieces {
		p := &pieces[i]
		if p.first {
			if ew, err = zw.CreateHeader(&zip.FileHeader{Name: z.entries[p.entry].name, Method: zip.Deflate, Modified: z.opt.Modified}); err != nil {
				return err
			}
		}
		r := results.get(i)
		if r.err != nil {
			return r.err
		}
		pass.next = r.deflated
		if len(r.raw) == 0 {
			// Nothing for archive/zip to pass on: write the deflate bytes
			// (at least the final block) directly.
			if _, err := pass.flush(); err != nil {
				return err
			}
			continue
		}
		if _, err := ew.Write(r.raw); err != nil {
			return err
		}
		results.recycle(r)
	}
	return zw.Close()
}

// precompressed is the zip "compressor" of SortedZipWriter's pieces.
type precompressed struct {
	w    io.Writer
	next []byte // deflate bytes of the piece being written, until written
}

func (p *precompressed) Write(b []byte) (int, error) {
	if _, err := p.flush(); err != nil {
		return 0, err
	}
	return len(b), nil
}

func (p *precompressed) flush() (int, error) {
	if p.next == nil {
		return 0, nil
	}
	n, err := p.w.Write(p.next)
	p.next = nil
	return n, err
}

func (p *precompressed) Close() error { return nil }

// zipPiece is a run of one entry's raw bytes: spooled bytes, or a piece of
// a splice.
type zipPiece struct {
	entry       int
	first, last bool // first and last piece of the entry
	off, size   int64
	splice      *Splice
	index       int
}

// pieces cuts every entry into pieces, splices included.
func (z *sortedZip) pieces() ([]zipPiece, error) {
	spliceAt, err := z.spliceEntries()
	if err != nil {
		return nil, err
	}
	var out []zipPiece
	for i, e := range z.entries {
		start := len(out)
		if s, ok := spliceAt[e.name]; ok {
			at, err := z.sheetDataEnd(e)
			if err != nil {
				return nil, err
			}
			out = appendSpooled(out, i, e.off, at)
			for k := range s.Pieces {
				out = append(out, zipPiece{entry: i, splice: &s, index: k})
			}
			out = appendSpooled(out, i, e.off+at, e.size-at)
		} else {
			out = appendSpooled(out, i, e.off, e.size)
		}
		if len(out) == start {
			out = append(out, zipPiece{entry: i})
		}
		out[start].first = true
		out[len(out)-1].last = true
	}
	return out, nil
}

func appendSpooled(out []zipPiece, entry int, off, size int64) []zipPiece {
	for size > 0 {
		n := min(size, pieceSize)
		out = append(out, zipPiece{entry: entry, off: off, size: n})
		off += n
		size -= n
	}
	return out
}

// spliceEntries maps the zip entry of each spliced sheet to its splice,
// finding the sheet's part through the workbook and its relationships.
func (z *sortedZip) spliceEntries() (map[string]Splice, error) {
	if len(z.opt.Splices) == 0 {
		return nil, nil
	}
	paths := sheetPaths(func(name string) io.ReadCloser {
		e, ok := z.entry(name)
		if !ok {
			return nil
		}
		return io.NopCloser(io.NewSectionReader(z.spool, e.off, e.size))
	})
	out := map[string]Splice{}
	for name, s := range z.opt.Splices {
		part, ok := paths[name]
		if !ok {
			return nil, fmt.Errorf("sortedZip: no sheet %q to splice into", name)
		}
		out[part] = s
	}
	return out, nil
}

func (z *sortedZip) entry(name string) (spooled, bool) {
	for _, e := range z.entries {
		if e.name == name {
			return e, true
		}
	}
	return spooled{}, false
}

func (z *sortedZip) read(e spooled) ([]byte, error) {
	b := make([]byte, e.size)
	_, err := z.spool.ReadAt(b, e.off)
	return b, err
}

// sheetDataEnd returns where a streamed sheet's </sheetData> starts. The
// sheet holds no rows but its header, so it is read whole.
func (z *sortedZip) sheetDataEnd(e spooled) (int64, error) {
	b, err := z.read(e)
	if err != nil {
		return 0, err
	}
	at := bytes.LastIndex(b, []byte("</sheetData>"))
	if at < 0 {
		return 0, fmt.Errorf("sortedZip: %s has no </sheetData> to splice before", e.name)
	}
	return int64(at), nil
}

// pieceResult is a piece compressed: its raw bytes (for archive/zip's
// CRC-32 and sizes) and its deflate bytes.
type pieceResult struct {
	raw, deflated []byte
	err           error
}

// compressed hands out the pieces' results in order while workers
// compress the pieces ahead, at most a few pieces per worker ahead of the
// reader, so memory stays a few megabytes whatever the size.
type compressed struct {
	results []chan pieceResult
	done    chan struct{}
	window  chan struct{}
	buffers sync.Pool // *[]byte, raw and deflate bytes of written pieces
}

func compressPieces(pieces []zipPiece, spool *os.File, level int) *compressed {
	workers := runtime.GOMAXPROCS(0)
	c := &compressed{
		results: make([]chan pieceResult, len(pieces)),
		done:    make(chan struct{}),
		window:  make(chan struct{}, 2*workers),
	}
	for i := range c.results {
		c.results[i] = make(chan pieceResult, 1)
	}
	jobs := make(chan int)
	go func() {
		defer close(jobs)
		for i := range pieces {
			select {
			case c.window <- struct{}{}:
			case <-c.done:
				return
			}
			select {
			case jobs <- i:
			case <-c.done:
				return
			}
		}
	}()
	for range workers {
		go func() {
			var buf bytes.Buffer
			fw, _ := flate.NewWriter(&buf, level) // level is valid
			for i := range jobs {
				c.results[i] <- compressPiece(&pieces[i], spool, fw, &buf, c.buffer)
			}
		}()
	}
	return c
}

func (c *compressed) get(i int) pieceResult {
	r := <-c.results[i]
	<-c.window
	return r
}

// buffer returns an empty buffer, one of a written piece if there is one.
func (c *compressed) buffer() []byte {
	if b, ok := c.buffers.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, pieceSize+pieceSize/4)
}

// recycle keeps the buffers of a written piece for the pieces after it.
func (c *compressed) recycle(r pieceResult) {
	for _, b := range [][]byte{r.raw, r.deflated} {
		if cap(b) > 0 {
			c.buffers.Put(&b)
		}
	}
}

// stop lets the workers end when the writer stopped early.
func (c *compressed) stop() { close(c.done) }

func compressPiece(p *zipPiece, spool *os.File, fw *flate.Writer, buf *bytes.Buffer, buffer func() []byte) (r pieceResult) {
	switch {
	case p.splice != nil:
		r.raw, r.err = p.splice.Piece(p.index, buffer())
	case p.size > 0:
		r.raw = slices.Grow(buffer(), int(p.size))[:p.size]
		_, r.err = spool.ReadAt(r.raw, p.off)
	}
	if r.err != nil {
		return r
	}
	buf.Reset()
	fw.Reset(buf)
	if _, r.err = fw.Write(r.raw); r.err != nil {
		return r
	}
	if p.last {
		r.err = fw.Close()
	} else {
		r.err = fw.Flush()
	}
	r.deflated = append(buffer(), buf.Bytes()...)
	return r
}
