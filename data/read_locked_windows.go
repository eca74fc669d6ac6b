package data

import (
	"errors"
	"syscall"
)

// Windows error codes for a file another program holds open without
// sharing it: Excel can, and a sync client such as OneDrive may while it
// uploads.
const (
	errorSharingViolation syscall.Errno = 32
	errorLockViolation    syscall.Errno = 33
)

// isLocked reports whether err says the file is held by another program.
func isLocked(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation)
}
