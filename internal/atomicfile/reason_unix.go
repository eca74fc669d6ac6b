//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// IsNoSpace reports whether err says the disk or the quota is full.
func IsNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
