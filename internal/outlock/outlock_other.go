//go:build !unix

package outlock

import (
	"errors"
	"io/fs"
	"os"
)

// tryLock creates the lock file exclusively. A lock file whose process
// no longer exists is left by a killed run and taken over.
func tryLock(path string) (*Lock, error) {
	for range 3 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			if err := writeOwner(f); err != nil {
				f.Close()
				os.Remove(path)
				return nil, err
			}
			return &Lock{path: path, f: f}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		pid, _ := readOwner(path)
		if pid > 0 && processExists(pid) {
			return nil, errBusy
		}
		if pid == 0 {
			// Being written by the run that just created it.
			return nil, errBusy
		}
		os.Remove(path)
	}
	return nil, errBusy
}

func processExists(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}

func unlockClose(f *os.File) error { return f.Close() }
