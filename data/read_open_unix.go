//go:build unix

package data

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading so that opening a named pipe that
// has replaced it does not wait for a writer.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
