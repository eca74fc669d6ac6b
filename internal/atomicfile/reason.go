package atomicfile

import (
	"errors"
	"io/fs"
	"syscall"
)

// Reason says in Norwegian why writing a file or folder failed, for every
// command's messages.
func Reason(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "ingen skrivetilgang"
	case errors.Is(err, fs.ErrNotExist):
		return "finnes ikke"
	case IsNoSpace(err):
		return "disken er full"
	case errors.Is(err, fs.ErrExist):
		return "finnes fra før"
	case errors.Is(err, syscall.ENOTDIR):
		return "en del av stien er en fil, ikke en mappe"
	case errors.Is(err, syscall.EROFS):
		return "disken er skrivebeskyttet"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
