package pipeline

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Outputs are written in two steps so that a failed or killed run never
// leaves a half file or touches the previous run's outputs: every file is
// first written in full to a temporary name in the output folder (same file
// system, so a rename is atomic) and synced; only when all have succeeded
// are they renamed into place. Temporary files carry TempPrefix, so one
// left behind by a run that was killed outright is removed by the next run.
const TempPrefix = ".bobra-tmp-"

// staging is a set of temporary files waiting to be renamed into place.
// Its methods are called by Run alone; the renderers only write each to
// its own stagedFile.
type staging struct {
	dir   string
	files []*stagedFile
}

// stagedFile is one output being written under a temporary name.
type stagedFile struct {
	name   string // final base name
	format string
	tmp    string // temporary path
	f      *os.File
	size   int64
	sum    string
}

// newStaging prepares dir for writing: it creates the folder, removes
// temporary files a killed run left behind, and checks that a file can be
// created there, so a read-only folder fails before any work is done.
func newStaging(dir string) (*staging, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, writeErrorf(err, "kan ikke opprette utmappen %q: %s.", dir, OSReason(err))
	}
	removeStaleTemps(dir)
	return &staging{dir: dir}, nil
}

func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// create opens a temporary file for the output name.
func (s *staging) create(name, format string) (*stagedFile, error) {
	f, err := os.CreateTemp(s.dir, TempPrefix+"*")
	if err != nil {
		return nil, writeErrorf(err, "kan ikke skrive i utmappen %q: %s.", s.dir, OSReason(err))
	}
	sf := &stagedFile{name: name, format: format, tmp: f.Name(), f: f}
	s.files = append(s.files, sf)
	return sf, nil
}

// write fills the temporary file, keeping its size and SHA-256.
func (sf *stagedFile) write(fill func(w io.Writer) error) error {
	h := sha256.New()
	cw := &countingWriter{w: h}
	err := FillFile(sf.f, cw, fill)
	sf.size, sf.sum = cw.n, hexSum(h)
	return err
}

// FillFile writes what fill writes to f through a buffer, then flushes it,
// makes it readable (0644), syncs and closes it: a temporary file made
// ready to be renamed into place. also, when not nil, gets every byte too
// (for a checksum). The first error is returned; f is closed either way.
func FillFile(f *os.File, also io.Writer, fill func(w io.Writer) error) error {
	var w io.Writer = f
	if also != nil {
		w = io.MultiWriter(f, also)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	err := fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// commit renames every staged file into place, in the order staged, and
// syncs the folder. The last staged file is the run's record (the
// manifest): its old copy is removed before anything is renamed, so while
// the outputs are replaced one by one the folder has no record, and a run
// stopped midway (a crash, kill -9, a failed rename) leaves a folder that
// says it is incomplete, never old and new files under the old record.
func (s *staging) commit() error {
	if n := len(s.files); n > 0 {
		record := filepath.Join(s.dir, s.files[n-1].name)
		if err := os.Remove(record); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return writeErrorf(err, "kan ikke fjerne den forrige %s i utmappen %q: %s. Ingen filer er endret.", s.files[n-1].name, s.dir, OSReason(err))
		}
		syncDir(s.dir)
	}
	for _, sf := range s.files {
		if err := os.Rename(sf.tmp, filepath.Join(s.dir, sf.name)); err != nil {
			return writeErrorf(err, "kan ikke flytte %s på plass i utmappen %q: %s. Utmappen er ufullstendig (uten %s); kjør på nytt.",
				sf.name, s.dir, OSReason(err), s.files[len(s.files)-1].name)
		}
		sf.tmp = ""
	}
	syncDir(s.dir)
	return nil
}

// syncDir makes the renames and removals in dir survive a crash.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// cleanup removes every temporary file not yet renamed. Safe to call
// more than once and after commit.
func (s *staging) cleanup() {
	for _, sf := range s.files {
		if sf.tmp != "" {
			sf.f.Close()
			os.Remove(sf.tmp)
			sf.tmp = ""
		}
	}
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

// WriteError is a failure to write the outputs (a read-only or full
// folder, a failing renderer, an interrupted run). The previous outputs
// are left as they were. Its message is one Norwegian sentence.
type WriteError struct {
	Msg string
	Err error
}

func (e *WriteError) Error() string { return e.Msg }
func (e *WriteError) Unwrap() error { return e.Err }

func writeErrorf(err error, format string, args ...any) error {
	return &WriteError{Msg: fmt.Sprintf(format, args...), Err: err}
}

// OSReason says in Norwegian why writing a file or folder failed, for
// every command's messages.
func OSReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "ingen skrivetilgang"
	case errors.Is(err, fs.ErrNotExist):
		return "finnes ikke"
	case isNoSpace(err):
		return "disken er full"
	case errors.Is(err, fs.ErrExist):
		return "finnes fra før"
	case errors.Is(err, syscall.ENOTDIR):
		return "en del av stien er en fil, ikke en mappe"
	case errors.Is(err, syscall.EROFS):
		return "disken er skrivebeskyttet"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// checkOutDir refuses an output folder that is not a folder, or is the
// data folder or the template folder (which holds a file named like an
// output, rapport.html) or lies inside one. Paths are compared after making
// them absolute and resolving symbolic links, also for an output folder
// that does not exist yet (its nearest existing parent is resolved).
func checkOutDir(outDir, dataDir, templateDir string) error {
	if outDir == "" {
		return usageErrorf("utmappen (--ut) kan ikke være tom.")
	}
	if st, err := os.Stat(outDir); err == nil && !st.IsDir() {
		return usageErrorf("utmappen %q er en fil, ikke en mappe (--ut).", outDir)
	}
	out, outErr := resolvePath(outDir)
	if dataDir != "" {
		if outErr != nil {
			return usageErrorf("kan ikke finne utmappen %q: %v.", outDir, outErr)
		}
		in, err := resolvePath(dataDir)
		if err != nil {
			return usageErrorf("kan ikke finne datamappen %q: %v.", dataDir, err)
		}
		if within(out, in) {
			return usageErrorf("utmappen %q er datamappen eller ligger inni den; velg en annen mappe med --ut, så dataene aldri overskrives.", outDir)
		}
	}
	if templateDir != "" && outErr == nil {
		if tpl, err := resolvePath(templateDir); err == nil && within(out, tpl) {
			return usageErrorf("utmappen %q er malmappen eller ligger inni den; velg en annen mappe med --ut, så malene aldri overskrives.", outDir)
		}
	}
	return nil
}

// resolvePath returns path made absolute with symbolic links resolved; the
// part that does not exist yet is appended unresolved.
func resolvePath(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	var rest []string
	cur := abs
	for {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = parent
	}
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	if path == dir {
		return true
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// samePath reports whether a and b name the same existing file.
func samePath(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
