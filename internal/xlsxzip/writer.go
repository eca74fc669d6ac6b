// Package xlsxzip writes the zip package of every workbook bobra makes
// (the input template, the sample and generated data, resultater.xlsx):
// entries sorted by name so equal contents give equal bytes, deflated in
// fixed-size pieces on every core, and rows that bobra serializes itself
// spliced into a sheet excelize streamed. excelize writes the workbook's
// parts through it (excelize.File.SetZipWriter).
package xlsxzip

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Options set how the writer compresses and dates the entries.
type Options struct {
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

// NewWriter returns the zip writer of a workbook, for excelize's
// File.SetZipWriter: the entries are written sorted by name,
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
//
// Each entry is written with archive/zip's CreateRaw: its deflate bytes,
// CRC-32 and sizes are known before its header is written, and the header
// is the one archive/zip's CreateHeader writes for a deflated entry of the
// same name and date (see rawHeader), so the bytes are those of a plain
// archive/zip writer given the same deflate stream.
func NewWriter(w io.Writer, opt Options) *Writer {
	return &Writer{out: w, opt: opt}
}

// Writer is a workbook's zip package being written; see NewWriter.
type Writer struct {
	out     io.Writer
	opt     Options
	spool   *os.File
	size    int64
	entries []spooled
	err     error
}

type spooled struct {
	name      string
	off, size int64
	spliced   bool // rows are spliced in: its size is known only once written
}

// Create starts an entry; its bytes are spooled until Close.
func (z *Writer) Create(name string) (io.Writer, error) {
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

type entryWriter struct{ z *Writer }

func (e entryWriter) Write(p []byte) (int, error) {
	n, err := e.z.spool.Write(p)
	e.z.size += int64(n)
	e.z.entries[len(e.z.entries)-1].size += int64(n)
	return n, err
}

// AddFS is part of excelize's ZipWriter; excelize never calls it.
func (z *Writer) AddFS(fs.FS) error {
	return errors.New("xlsxzip: AddFS is not supported")
}

// Close compresses every entry and writes the package.
func (z *Writer) Close() error {
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

	// The pieces come back in order and each one's deflate bytes go out at
	// once: the entry's header says its CRC-32 and sizes follow the data
	// (a data descriptor), so they are filled in after its last piece, as
	// archive/zip's own entry writer does. Nothing of an entry is held
	// beyond the pieces being compressed.
	zw := zip.NewWriter(z.out)
	var (
		fh                *zip.FileHeader
		ew                io.Writer
		crc               uint32
		rawSize, deflated int64
	)
	for i := range pieces {
		p := &pieces[i]
		if p.first {
			e := z.entries[p.entry]
			fh = rawHeader(e.name, z.opt.Modified)
			if !e.spliced && e.size >= 1<<32-1 {
				fh.ReaderVersion = 45 // zip64, as excelize marks it
			}
			if ew, err = zw.CreateRaw(fh); err != nil {
				return err
			}
			crc, rawSize, deflated = 0, 0, 0
		}
		r := results.get(i)
		if r.err != nil {
			return r.err
		}
		crc = crc32.Update(crc, crc32.IEEETable, r.raw)
		rawSize += int64(len(r.raw))
		deflated += int64(len(r.deflated))
		_, err := ew.Write(r.deflated)
		results.recycle(r)
		if err != nil {
			return err
		}
		if p.last {
			if err := finishHeader(fh, crc, deflated, rawSize); err != nil {
				return err
			}
		}
	}
	return zw.Close()
}

// rawHeader is the header archive/zip's CreateHeader gives a deflated
// entry named name and dated modified (none when zero), before its data:
// a data descriptor follows the data (flag 0x8); the UTF-8 flag only for
// a name that needs it; version 2.0; the MS-DOS date and the extended
// timestamp of modified. finishHeader fills in the rest once the data
// has been written.
func rawHeader(name string, modified time.Time) *zip.FileHeader {
	fh := &zip.FileHeader{
		Name:           name,
		Method:         zip.Deflate,
		Flags:          0x8,
		CreatorVersion: 20,
		ReaderVersion:  20,
	}
	if needsUTF8(name) {
		fh.Flags |= 0x800
	}
	if !modified.IsZero() {
		fh.Modified = modified
		// CreateRaw, unlike CreateHeader, does not derive the MS-DOS fields
		// from Modified, and archive/zip writes them into both headers.
		//lint:ignore SA1019 the deprecated fields are what the headers hold
		fh.ModifiedDate = uint16(modified.Day() + int(modified.Month())<<5 + (modified.Year()-1980)<<9)
		//lint:ignore SA1019 as above
		fh.ModifiedTime = uint16(modified.Second()/2 + modified.Minute()<<5 + modified.Hour()<<11)
		// Extended timestamp (Info-ZIP "UT"): id, size, flags (mtime), mtime.
		fh.Extra = binary.LittleEndian.AppendUint16(fh.Extra, 0x5455)
		fh.Extra = binary.LittleEndian.AppendUint16(fh.Extra, 5)
		fh.Extra = append(fh.Extra, 1)
		fh.Extra = binary.LittleEndian.AppendUint32(fh.Extra, uint32(modified.Unix()))
	}
	return fh
}

// finishHeader sets an entry's CRC-32 and sizes once its data is written,
// before the next entry is created or the package closed: archive/zip
// keeps the header CreateRaw was given and writes the data descriptor and
// the directory from it then. The fields are set as archive/zip's own
// entry writer sets them when it closes an entry; an entry of 4 GiB or
// more (zip64) says version 4.5 in the directory, and must have said so
// in its local header too, which Excel checks: an entry whose size was not
// known when its header was written (a spliced sheet) cannot become one.
// A sheet of 4 GiB is some five million rows, over the 1 048 576 a
// worksheet can hold.
func finishHeader(fh *zip.FileHeader, crc uint32, deflated, raw int64) error {
	fh.CRC32 = crc
	fh.CompressedSize64 = uint64(deflated)
	fh.UncompressedSize64 = uint64(raw)
	if fh.CompressedSize64 >= 1<<32-1 || fh.UncompressedSize64 >= 1<<32-1 {
		if fh.ReaderVersion != 45 {
			return fmt.Errorf("arket %s ble over 4 GiB, mer enn en xlsx-fil kan holde", fh.Name)
		}
		//lint:ignore SA1019 the directory and data descriptor hold them
		fh.CompressedSize = 1<<32 - 1
		//lint:ignore SA1019 as above
		fh.UncompressedSize = 1<<32 - 1
		fh.ReaderVersion = 45
	} else {
		//lint:ignore SA1019 the directory and data descriptor hold them
		fh.CompressedSize = uint32(fh.CompressedSize64)
		//lint:ignore SA1019 as above
		fh.UncompressedSize = uint32(fh.UncompressedSize64)
	}
	return nil
}

// needsUTF8 reports whether archive/zip marks name as UTF-8: it is valid
// UTF-8 and holds a character outside the part of CP-437 that is ASCII.
func needsUTF8(name string) bool {
	if !utf8.ValidString(name) {
		return false
	}
	for _, r := range name {
		if r < 0x20 || r > 0x7d || r == 0x5c {
			return true
		}
	}
	return false
}

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
func (z *Writer) pieces() ([]zipPiece, error) {
	spliceAt, err := z.spliceEntries()
	if err != nil {
		return nil, err
	}
	var out []zipPiece
	for i, e := range z.entries {
		start := len(out)
		if s, ok := spliceAt[e.name]; ok {
			z.entries[i].spliced = true
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
func (z *Writer) spliceEntries() (map[string]Splice, error) {
	if len(z.opt.Splices) == 0 {
		return nil, nil
	}
	paths := sheetParts(func(name string) io.ReadCloser {
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
			return nil, fmt.Errorf("xlsxzip: no sheet %q to splice into", name)
		}
		out[part] = s
	}
	return out, nil
}

func (z *Writer) entry(name string) (spooled, bool) {
	for _, e := range z.entries {
		if e.name == name {
			return e, true
		}
	}
	return spooled{}, false
}

func (z *Writer) read(e spooled) ([]byte, error) {
	b := make([]byte, e.size)
	_, err := z.spool.ReadAt(b, e.off)
	return b, err
}

// sheetDataEnd returns where a streamed sheet's </sheetData> starts. The
// sheet holds no rows but its header, so it is read whole.
func (z *Writer) sheetDataEnd(e spooled) (int64, error) {
	b, err := z.read(e)
	if err != nil {
		return 0, err
	}
	at := bytes.LastIndex(b, []byte("</sheetData>"))
	if at < 0 {
		return 0, fmt.Errorf("xlsxzip: %s has no </sheetData> to splice before", e.name)
	}
	return int64(at), nil
}

// pieceResult is a piece compressed: its raw bytes (for archive/zip's
// CRC-32 and size) and its deflate bytes.
type pieceResult struct {
	raw, deflated []byte
	err           error
	// panicked is what a panic in making the piece (a Splice's Piece)
	// gave: get raises it again on the writer's goroutine, where the
	// caller's recover is; on a worker it would end the process.
	panicked any
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
			var deflate func(dst, src []byte, final bool) ([]byte, error)
			if level == flate.BestSpeed {
				// The same bytes as compress/flate (deflate.go), faster.
				d := new(deflater)
				deflate = func(dst, src []byte, final bool) ([]byte, error) {
					return d.appendDeflate(dst, src, final), nil
				}
			} else {
				deflate = flateWith(level)
			}
			for i := range jobs {
				c.results[i] <- compressPiece(&pieces[i], spool, deflate, c.buffer)
			}
		}()
	}
	return c
}

// flateWith deflates with compress/flate at level, one writer reused.
func flateWith(level int) func(dst, src []byte, final bool) ([]byte, error) {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, level) // level is valid
	return func(dst, src []byte, final bool) ([]byte, error) {
		buf.Reset()
		fw.Reset(&buf)
		if _, err := fw.Write(src); err != nil {
			return dst, err
		}
		var err error
		if final {
			err = fw.Close()
		} else {
			err = fw.Flush()
		}
		return append(dst, buf.Bytes()...), err
	}
}

func (c *compressed) get(i int) pieceResult {
	r := <-c.results[i]
	<-c.window
	if r.panicked != nil {
		panic(r.panicked)
	}
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

func compressPiece(p *zipPiece, spool *os.File, deflate func(dst, src []byte, final bool) ([]byte, error), buffer func() []byte) (r pieceResult) {
	defer func() {
		if p := recover(); p != nil {
			r = pieceResult{panicked: p}
		}
	}()
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
	r.deflated, r.err = deflate(buffer(), r.raw, p.last)
	return r
}
