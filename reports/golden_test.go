package reports

import (
	"flag"
	"path/filepath"
	"testing"

	"bobra/internal/golden"
)

// update rewrites the golden files instead of comparing with them:
// go test ./reports -update
var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// checkGolden compares got with the golden file testdata/golden/name, or
// rewrites it; a mismatch shows a line diff of the first differences.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "golden", name), got, *update)
}
