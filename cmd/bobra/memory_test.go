package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestMemoryLimitFor(t *testing.T) {
	const mb = 1 << 20
	cases := []struct {
		name          string
		data, machine int64
		want          int64
	}{
		{"the sample", 60 << 10, 16 << 30, memoryFloor},
		{"100 000 families (17 MB zipped)", 17 * mb, 16 << 30, memoryFloor},
		{"300 000 families (50 MB zipped)", 50 * mb, 16 << 30, memoryFloor},
		{"600 000 families (100 MB zipped)", 100 * mb, 16 << 30, 100 * mb * 5 * 5 / 4},
		{"a small machine keeps the floor", 50 * mb, 600 * mb, memoryFloor},
		{"half of a 1 GiB machine", 100 * mb, 1 << 30, 512 * mb},
		{"a tiny machine keeps the floor", 50 * mb, 256 * mb, memoryFloor},
		{"memory unknown", 100 * mb, 0, 100 * mb * 5 * 5 / 4},
	}
	for _, c := range cases {
		if got := memoryLimitFor(c.data, c.machine); got != c.want {
			t.Errorf("%s: %d MB, want %d MB", c.name, got/mb, c.want/mb)
		}
	}
}

func TestCollectOnlyAtLimit(t *testing.T) {
	cases := []struct {
		name    string
		args    []string
		gogcSet bool
		want    bool
	}{
		{"a report", []string{"rapport", "--data", "d"}, false, true},
		{"a check", []string{"valider"}, false, true},
		{"the page", []string{"app"}, false, false},
		{"no command starts the page", nil, false, false},
		{"the user's own GOGC", []string{"rapport"}, true, false},
	}
	for _, c := range cases {
		if got := collectOnlyAtLimit(c.args, c.gogcSet); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestDataSize(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.xlsx"), make([]byte, 1000), 0o644)
	os.WriteFile(filepath.Join(dir, "b.XLSM"), make([]byte, 500), 0o644)
	os.WriteFile(filepath.Join(dir, "c.txt"), make([]byte, 7000), 0o644)
	os.Symlink("/dev/zero", filepath.Join(dir, "d.xlsx"))
	for _, args := range [][]string{{"rapport", "--data", dir}, {"rapport", "--data=" + dir, "--ut", "x"}, {"valider", "-data", dir}} {
		if got := dataSize(args); got != 1500 {
			t.Errorf("%q: %d bytes, want 1500", args, got)
		}
	}
	if got := dataSize([]string{"rapport"}); got != 0 {
		t.Errorf("no --data: %d", got)
	}
}
