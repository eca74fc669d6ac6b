package webapp

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestRemoveTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "foresporsel")
	for _, p := range []string{"data/Barn bor bra/familier.xlsx", "data/.mottak/x.xlsx", "ut/rapport.html", "forrige/resultater.json"} {
		path := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("mappen finnes: %v", err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("en mappe som er borte: %v", err)
	}
}
