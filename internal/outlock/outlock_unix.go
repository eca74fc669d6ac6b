//go:build unix

package outlock

import (
	"errors"
	"os"
	"syscall"
)

// tryLock opens (or creates) the lock file and locks it without waiting.
// A lock file left by a killed run is unlocked, so it is simply taken
// over.
func tryLock(path string) (*Lock, error) {
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errBusy
			}
			return nil, err
		}
		// The run that held the file may have removed it between our open
		// and our lock; then we hold a file no one else will open, and
		// must try again with the one in the folder.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			unlockClose(f)
			continue
		}
		// The lock is the flock; the text only names the holder for the
		// message another run gives. On a full disk it may not fit, and
		// the run goes on to fail where it writes its outputs, with the
		// reason.
		writeOwner(f)
		return &Lock{path: path, f: f}, nil
	}
}

func unlockClose(f *os.File) error {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return f.Close()
}
