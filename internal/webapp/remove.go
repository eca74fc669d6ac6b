package webapp

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// removeTree removes dir and everything in it. When os.RemoveAll fails
// (Wine, and some network or synced drives, do not support the Windows
// calls Go's RemoveAll makes), it removes the entries one by one, deepest
// first, with the plain delete calls every file system has.
func removeTree(dir string) error {
	if err := os.RemoveAll(dir); err == nil {
		return nil
	}
	var paths []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		paths = append(paths, path)
		return nil
	})
	if err != nil {
		return err
	}
	// Children come after their folder in the walk: reversed, every
	// folder is empty by the time it is removed.
	slices.Reverse(paths)
	for _, p := range paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}
