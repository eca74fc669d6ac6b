//go:build !windows

package data

// isLocked reports whether err says the file is held by another program;
// only Windows refuses to share an open file.
func isLocked(err error) bool { return false }
