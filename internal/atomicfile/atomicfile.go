// Package atomicfile writes a set of output files so that a failed, stopped
// or killed command never leaves a half-written file and never mixes old and
// new files: every file is first written in full under a temporary name in
// its own folder (the same file system, so a rename is atomic), made
// readable and synced; only when all have been written are they renamed
// into place, in order, and their folders synced so the renames survive a
// crash. Every command that writes files (rapport, mal, eksempel, maler)
// writes through it.
package atomicfile

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// TempPrefix starts the name of every temporary file, so that one left
// behind by a command that was killed outright is known as such and
// removed by RemoveStale.
const TempPrefix = ".bobra-tmp-"

// Op says which step of writing failed, so that a command can say it in
// its own words.
type Op int

const (
	// OpCreate: the temporary file could not be created in the folder.
	OpCreate Op = iota
	// OpWrite: filling, syncing or closing the temporary file failed.
	OpWrite
	// OpRemoveRecord: the old copy of the record could not be removed.
	OpRemoveRecord
	// OpRename: a file could not be renamed into place.
	OpRename
)

// Error is a failed step, with the final path of the file it concerns.
type Error struct {
	Op   Op
	Path string
	Err  error
}

func (e *Error) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Set is files waiting to be put in place. It is not safe for concurrent
// use, but each File may be written on its own goroutine.
type Set struct {
	// LastIsRecord makes Commit treat the last file as the record of the
	// set (a manifest): its old copy is removed before anything is renamed,
	// so while the files are replaced one by one the folder has no record,
	// and a set stopped midway leaves a folder that says it is incomplete,
	// never old and new files under the old record.
	LastIsRecord bool

	files []*File
}

// File is one output being written under a temporary name.
type File struct {
	path string // final path
	tmp  string // temporary path; "" once renamed or removed
	f    *os.File
	size int64
	sum  string
}

// Create opens a temporary file in the folder of path, which must exist.
func (s *Set) Create(path string) (*File, error) {
	f, err := os.CreateTemp(filepath.Dir(path), TempPrefix+"*")
	if err != nil {
		return nil, &Error{Op: OpCreate, Path: path, Err: err}
	}
	sf := &File{path: path, tmp: f.Name(), f: f}
	s.files = append(s.files, sf)
	return sf, nil
}

// Path is the file's final path.
func (f *File) Path() string { return f.path }

// Size is the number of bytes written.
func (f *File) Size() int64 { return f.size }

// SHA256 is the hex SHA-256 of the bytes written.
func (f *File) SHA256() string { return f.sum }

// Write fills the temporary file with what fill writes, through a buffer,
// then makes it readable (0644), syncs and closes it; the file keeps the
// size and SHA-256 of what was written. The first error is returned, as
// an *Error with OpWrite; the temporary file is closed either way.
func (f *File) Write(fill func(w io.Writer) error) error {
	h := sha256.New()
	cw := &countingWriter{w: h}
	bw := bufio.NewWriterSize(io.MultiWriter(f.f, cw), 256<<10)
	err := fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.f.Chmod(0o644)
	}
	if err == nil {
		err = f.f.Sync()
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	f.size, f.sum = cw.n, hex.EncodeToString(h.Sum(nil))
	if err != nil {
		return &Error{Op: OpWrite, Path: f.path, Err: err}
	}
	return nil
}

// Commit renames every file into place in the order created and syncs
// their folders. On an error the files not yet renamed stay temporary
// (Cleanup removes them).
func (s *Set) Commit() error {
	if n := len(s.files); n > 0 && s.LastIsRecord {
		record := s.files[n-1].path
		if err := os.Remove(record); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return &Error{Op: OpRemoveRecord, Path: record, Err: err}
		}
		syncDir(filepath.Dir(record))
	}
	var dirs []string
	for _, f := range s.files {
		if err := os.Rename(f.tmp, f.path); err != nil {
			return &Error{Op: OpRename, Path: f.path, Err: err}
		}
		f.tmp = ""
		if d := filepath.Dir(f.path); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	for _, d := range dirs {
		syncDir(d)
	}
	return nil
}

// Cleanup removes every temporary file not yet renamed. Safe to call more
// than once and after Commit.
func (s *Set) Cleanup() {
	for _, f := range s.files {
		if f.tmp != "" {
			f.f.Close()
			os.Remove(f.tmp)
			f.tmp = ""
		}
	}
}

// WriteAll writes every file of files (final path → filler) as one set:
// all of them are in place when it returns nil, none of them is changed
// when it returns an error.
func WriteAll(files []Output) error {
	var s Set
	defer s.Cleanup()
	for _, o := range files {
		f, err := s.Create(o.Path)
		if err != nil {
			return err
		}
		if err := f.Write(o.Fill); err != nil {
			return err
		}
	}
	return s.Commit()
}

// Output is one file for WriteAll: its final path and what goes in it.
type Output struct {
	Path string
	Fill func(w io.Writer) error
}

// RemoveStale removes the temporary files a killed command left in dir.
func RemoveStale(dir string) {
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

// syncDir makes the renames and removals in dir survive a crash. Some
// systems cannot sync a folder; the files themselves are synced anyway.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
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
