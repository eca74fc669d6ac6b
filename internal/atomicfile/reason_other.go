//go:build !unix

package atomicfile

// IsNoSpace reports whether err says the disk or the quota is full.
func IsNoSpace(err error) bool { return false }
