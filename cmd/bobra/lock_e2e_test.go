package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"bobra/internal/outlock"
)

// checkCompleteSet fails unless dir holds exactly the files its manifest
// lists, with the sizes and checksums it gives, and nothing left over
// from a run: no temporary file and no lock.
func checkCompleteSet(t *testing.T, dir string) {
	t.Helper()
	man := readManifest(t, dir)
	files := tree(t, dir)
	want := map[string]bool{"manifest.json": true}
	for _, o := range man.Outputs {
		want[o.Name] = true
		b, ok := files[o.Name]
		if !ok {
			t.Errorf("%s is in the manifest but not in the folder", o.Name)
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != o.SHA256 || int64(len(b)) != o.Size {
			t.Errorf("%s does not match the manifest", o.Name)
		}
	}
	for name := range files {
		if !want[name] {
			t.Errorf("%s is in the folder but not in the manifest", name)
		}
	}
	noTempFiles(t, dir)
}

// Two runs of the binary into the same folder at once: one waits for the
// other or is refused with one Norwegian sentence (exit 2), and the folder
// ends with one complete set whose manifest matches its files.
func TestRapportConcurrentRuns(t *testing.T) {
	sample := writeBigSample(t, 10)
	dir := t.TempDir()
	for round := range 2 {
		var wg sync.WaitGroup
		results := make([]result, 2)
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = bobra(t, dir, "rapport", "--data", sample, "--ut", "ut", "--per", "2024-09-30", "--stille")
			}()
		}
		wg.Wait()
		ok := 0
		for _, r := range results {
			switch r.code {
			case 0:
				ok++
			case 2:
				if !strings.Contains(r.stderr, "brukes av en annen kjøring av bobra (prosess ") {
					t.Errorf("round %d: refused without saying why: %s", round, r.stderr)
				}
			default:
				t.Errorf("round %d: exit %d: %s", round, r.code, r.stderr)
			}
		}
		if ok == 0 {
			t.Errorf("round %d: neither run wrote its outputs", round)
		}
		checkCompleteSet(t, filepath.Join(dir, "ut"))
	}
}

// A run into a folder another run holds waits, then is refused (exit 2);
// the lock of a run that was killed is taken over.
func TestRapportLockedFolder(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "ut")
	os.MkdirAll(out, 0o755)
	lock, err := outlock.Acquire(out, outlock.Options{})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := bobra(t, dir, "rapport", "--ut", "ut", "--stille")
	lock.Release()
	if r.code != 2 {
		t.Fatalf("exit %d; want 2: %s", r.code, r.stderr)
	}
	want := fmt.Sprintf("bobra rapport: Utmappen «ut» brukes av en annen kjøring av bobra (prosess %d, startet ", os.Getpid())
	if !strings.HasPrefix(r.stderr, want) || !strings.Contains(r.stderr, "vent til den er ferdig, eller velg en annen mappe med --ut.\n") {
		t.Errorf("stderr %q; want it to start %q", r.stderr, want)
	}
	if waited := time.Since(start); waited < outlock.DefaultWait {
		t.Errorf("refused after %v; want a wait of %v first", waited, outlock.DefaultWait)
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err == nil {
		t.Error("the refused run wrote a manifest")
	}
	// A lock file left by a killed run (no process holds it).
	os.WriteFile(filepath.Join(out, outlock.FileName), []byte("prosess 999999999\nstartet 2026-01-01T00:00:00Z\n"), 0o644)
	if r := bobra(t, dir, "rapport", "--ut", "ut", "--stille"); r.code != 0 {
		t.Fatalf("stale lock not taken over: exit %d: %s", r.code, r.stderr)
	}
	checkCompleteSet(t, out)
}
