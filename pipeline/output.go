package pipeline

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"bobra/internal/atomicfile"
	"bobra/internal/outlock"
)

// staging is the outputs of a run waiting to be put in place: an
// atomicfile.Set whose last file is the manifest, so a run stopped while
// renaming leaves a folder without a record instead of old and new files
// under the old one. Its methods are called by Run alone; the renderers
// only write each to its own stagedFile.
type staging struct {
	dir  string
	set  atomicfile.Set
	lock *outlock.Lock
}

// stagedFile is one output being written under a temporary name.
type stagedFile struct {
	name   string // final base name
	format string
	file   *atomicfile.File
}

// newStaging prepares dir for writing: it creates the folder, takes the
// folder's lock (one run at a time writes into a folder; a second waits a
// little, then is refused), and removes the temporary files a killed run
// left behind, which only the holder of the lock may do.
func newStaging(dir string, wait time.Duration) (*staging, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, writeErrorf(err, "kan ikke opprette utmappen %q: %s.", dir, OSReason(err))
	}
	lock, err := outlock.Acquire(dir, outlock.Options{Wait: wait})
	if err != nil {
		var busy *outlock.BusyError
		if errors.As(err, &busy) {
			return nil, &UsageError{Msg: busy.Error()}
		}
		return nil, writeErrorf(err, "kan ikke skrive i utmappen %q: %s.", dir, OSReason(err))
	}
	atomicfile.RemoveStale(dir)
	return &staging{dir: dir, set: atomicfile.Set{LastIsRecord: true}, lock: lock}, nil
}

// create opens a temporary file for the output name.
func (s *staging) create(name, format string) (*stagedFile, error) {
	f, err := s.set.Create(filepath.Join(s.dir, name))
	if err != nil {
		err = errors.Unwrap(err)
		return nil, writeErrorf(err, "kan ikke skrive i utmappen %q: %s.", s.dir, OSReason(err))
	}
	return &stagedFile{name: name, format: format, file: f}, nil
}

// write fills the temporary file; its error is the cause, unwrapped.
func (sf *stagedFile) write(fill func(w io.Writer) error) error {
	if err := sf.file.Write(fill); err != nil {
		return errors.Unwrap(err)
	}
	return nil
}

// commit renames every staged file into place, in the order staged, the
// manifest last and its old copy removed first (atomicfile.Set.Commit).
func (s *staging) commit() error {
	err := s.set.Commit()
	var ae *atomicfile.Error
	if !errors.As(err, &ae) {
		return err
	}
	name := filepath.Base(ae.Path)
	if ae.Op == atomicfile.OpRemoveRecord {
		return writeErrorf(ae.Err, "kan ikke fjerne den forrige %s i utmappen %q: %s. Ingen filer er endret.", name, s.dir, OSReason(ae.Err))
	}
	return writeErrorf(ae.Err, "kan ikke flytte %s på plass i utmappen %q: %s. Utmappen er ufullstendig (uten %s); kjør på nytt.",
		name, s.dir, OSReason(ae.Err), ManifestName)
}

// cleanup removes every temporary file not yet renamed and gives the
// folder up.
func (s *staging) cleanup() {
	s.set.Cleanup()
	s.lock.Release()
}

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

// OSReason says in Norwegian why writing a file or folder failed
// (atomicfile.Reason), for every command's messages.
func OSReason(err error) string { return atomicfile.Reason(err) }

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
