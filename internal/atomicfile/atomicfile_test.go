package atomicfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// listDir returns every name in dir with its content; folders end in /.
func listDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		if e.IsDir() {
			out[e.Name()+"/"] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

func TestWriteAll(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	tests := []struct {
		name   string
		before map[string]string
		files  []struct{ name, body string }
		failAt int // index of the file whose fill fails; -1 for none
		want   map[string]string
		wantOp Op
	}{
		{
			name:   "all written",
			before: map[string]string{"a.txt": "old a", "keep.txt": "keep"},
			files:  []struct{ name, body string }{{"a.txt", "new a"}, {"b.txt", "new b"}},
			failAt: -1,
			want:   map[string]string{"a.txt": "new a", "b.txt": "new b", "keep.txt": "keep"},
		},
		{
			name:   "second fails: nothing changes, no temporary file left",
			before: map[string]string{"a.txt": "old a"},
			files:  []struct{ name, body string }{{"a.txt", "new a"}, {"b.txt", "new b"}},
			failAt: 1,
			want:   map[string]string{"a.txt": "old a"},
			wantOp: OpWrite,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, body := range tt.before {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			var outs []Output
			for i, f := range tt.files {
				fill := text(f.body)
				if i == tt.failAt {
					fill = func(w io.Writer) error { io.WriteString(w, "half"); return boom }
				}
				outs = append(outs, Output{Path: filepath.Join(dir, f.name), Fill: fill})
			}
			err := WriteAll(outs)
			if tt.failAt < 0 && err != nil {
				t.Fatal(err)
			}
			if tt.failAt >= 0 {
				var ae *Error
				if !errors.As(err, &ae) || ae.Op != tt.wantOp || !errors.Is(err, boom) || ae.Path != outs[tt.failAt].Path {
					t.Fatalf("error %v, want %v at %s wrapping boom", err, tt.wantOp, outs[tt.failAt].Path)
				}
			}
			if got := listDir(t, dir); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("folder holds %v, want %v", got, tt.want)
			}
			if tt.failAt < 0 {
				for _, o := range outs {
					st, err := os.Stat(o.Path)
					if err != nil || st.Mode().Perm() != 0o644 {
						t.Errorf("%s: mode %v (%v), want 0644", o.Path, st.Mode().Perm(), err)
					}
				}
			}
		})
	}
}

// A folder that does not exist fails at creation, naming the file.
func TestWriteAllMissingFolder(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "finnes-ikke", "a.txt")
	err := WriteAll([]Output{{Path: path, Fill: text("x")}})
	var ae *Error
	if !errors.As(err, &ae) || ae.Op != OpCreate || ae.Path != path || Reason(ae.Err) != "finnes ikke" {
		t.Fatalf("got %v", err)
	}
}

// Size and SHA256 are those of the bytes written.
func TestFileSizeAndSum(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var s Set
	defer s.Cleanup()
	f, err := s.Create(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("bobra ", 100000) // more than the buffer
	if err := f.Write(text(body)); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(body))
	if f.Size() != int64(len(body)) || f.SHA256() != hex.EncodeToString(sum[:]) {
		t.Errorf("size %d sum %s, want %d %x", f.Size(), f.SHA256(), len(body), sum)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir)["a.txt"]; got != body {
		t.Errorf("file holds %d bytes, want %d", len(got), len(body))
	}
}

// With LastIsRecord, the old record is gone before the first rename: a
// rename that fails leaves the folder without a record, never the old
// record beside new files.
func TestCommitRecordRemovedFirst(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, body := range map[string]string{"a.txt": "old a", "manifest.json": "old"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := Set{LastIsRecord: true}
	defer s.Cleanup()
	var files []*File
	for _, name := range []string{"a.txt", "b.txt", "manifest.json"} {
		f, err := s.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := f.Write(text("new " + name)); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// b.txt cannot be renamed into place: a folder stands in its way.
	if err := os.Mkdir(filepath.Join(dir, "b.txt"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "b.txt", "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := s.Commit()
	var ae *Error
	if !errors.As(err, &ae) || ae.Op != OpRename || ae.Path != files[1].Path() {
		t.Fatalf("got %v, want a rename error for b.txt", err)
	}
	s.Cleanup()
	var names []string
	for name := range listDir(t, dir) {
		names = append(names, name)
	}
	sort.Strings(names)
	if want := []string{"a.txt", "b.txt/"}; !reflect.DeepEqual(names, want) {
		t.Errorf("folder holds %v, want %v (no record, no temporary file)", names, want)
	}
}

func TestRemoveStale(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, name := range []string{TempPrefix + "123", "rapport.html", "x" + TempPrefix} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	RemoveStale(dir)
	got := listDir(t, dir)
	want := map[string]string{"rapport.html": "", "x" + TempPrefix: ""}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("left %v, want %v", got, want)
	}
}
