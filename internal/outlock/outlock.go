// Package outlock lets one run at a time write into an output folder.
//
// Two runs into the same folder would remove each other's temporary
// files and could leave the folder with the files of one and the
// manifest of the other. A run therefore holds a lock file in the folder
// (FileName) while it writes. The file says which process holds it and
// since when, for the message another run gives. On Unix the lock is an
// flock(2) on that file, which the kernel drops when the process dies, so
// the lock of a run that was killed (even with kill -9) is taken over
// without guessing; elsewhere the file is created exclusively and taken
// over when the process it names no longer exists.
package outlock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// FileName is the lock file's name in the output folder.
const FileName = ".bobra-lås"

// Options says how long to wait for another run to finish.
type Options struct {
	// Wait is how long Acquire waits for a lock another run holds before
	// it gives up; 0 means DefaultWait, a negative value not at all.
	Wait time.Duration
	// Poll is how often it tries again while waiting; 0 means 100 ms.
	Poll time.Duration
}

// DefaultWait is how long a run waits for another run into the same
// folder: long enough for a short run to finish, short enough that a
// person is not left wondering.
const DefaultWait = 5 * time.Second

// Lock is a held lock on an output folder.
type Lock struct {
	path string
	f    *os.File
}

// BusyError says that another run holds the folder.
type BusyError struct {
	Dir     string
	PID     int       // 0 when the lock file could not be read
	Started time.Time // zero when the lock file could not be read
}

func (e *BusyError) Error() string {
	who := "en annen kjøring av bobra"
	if e.PID > 0 {
		who += fmt.Sprintf(" (prosess %d", e.PID)
		if !e.Started.IsZero() {
			t := e.Started.Local()
			who += fmt.Sprintf(", startet %02d.%02d.%d kl. %02d.%02d.%02d", t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute(), t.Second())
		}
		who += ")"
	}
	return fmt.Sprintf("Utmappen «%s» brukes av %s; vent til den er ferdig, eller velg en annen mappe med --ut.", e.Dir, who)
}

// Acquire takes the lock on dir, which must exist, waiting up to
// opt.Wait for another run to release it. The error is a *BusyError when
// another run still holds it.
func Acquire(dir string, opt Options) (*Lock, error) {
	if opt.Wait == 0 {
		opt.Wait = DefaultWait
	}
	if opt.Poll <= 0 {
		opt.Poll = 100 * time.Millisecond
	}
	path := filepath.Join(dir, FileName)
	deadline := time.Now().Add(opt.Wait)
	for {
		l, err := tryLock(path)
		if err == nil {
			return l, nil
		}
		if !errors.Is(err, errBusy) {
			return nil, err
		}
		if opt.Wait < 0 || time.Now().After(deadline) {
			busy := &BusyError{Dir: dir}
			busy.PID, busy.Started = readOwner(path)
			return nil, busy
		}
		time.Sleep(opt.Poll)
	}
}

// Release gives the folder up and removes the lock file. Safe to call
// more than once.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	// The file is removed while it is still locked, so a run waiting for
	// it finds either this file locked or no file, never a file it could
	// lock after this run has let go of it but before it is gone (tryLock
	// checks that the file it locked is still the one in the folder).
	err := os.Remove(l.path)
	if cerr := unlockClose(l.f); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

var errBusy = errors.New("outlock: held by another run")

// owner is what the lock file says: "prosess <pid>" and "startet <time>".
func ownerText(pid int, started time.Time) string {
	return fmt.Sprintf("prosess %d\nstartet %s\n", pid, started.UTC().Format(time.RFC3339))
}

func readOwner(path string) (int, time.Time) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, time.Time{}
	}
	var pid int
	var started time.Time
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "prosess "); ok {
			pid, _ = strconv.Atoi(strings.TrimSpace(v))
		}
		if v, ok := strings.CutPrefix(line, "startet "); ok {
			started, _ = time.Parse(time.RFC3339, strings.TrimSpace(v))
		}
	}
	return pid, started
}

// writeOwner replaces the lock file's text with this process's.
func writeOwner(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(ownerText(os.Getpid(), time.Now())), 0)
	if err == nil {
		err = f.Sync()
	}
	return err
}
