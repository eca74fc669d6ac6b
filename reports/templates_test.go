package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"bobra/templates"
)

// CopyTemplates writes the embedded templates into dir (created if
// needed), as `bobra maler` does. It refuses to overwrite a file.
func CopyTemplates(dir string) error {
	entries, err := templates.FS.ReadDir(".")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("kan ikke lage mappen %s: %v", dir, err)
	}
	for _, e := range entries {
		b, err := templates.FS.ReadFile(e.Name())
		if err != nil {
			return err
		}
		path := filepath.Join(dir, e.Name())
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s finnes fra før; velg en tom mappe", path)
			}
			return fmt.Errorf("kan ikke skrive %s: %v", path, err)
		}
		_, werr := f.Write(b)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			return fmt.Errorf("kan ikke skrive %s: %v", path, werr)
		}
	}
	return nil
}

// MustLoadEmbedded returns the embedded templates; they are tested, so an
// error is a bug in bobra.
func MustLoadEmbedded() *Templates {
	t, err := LoadTemplates("")
	if err != nil {
		panic(err)
	}
	return t
}
