// Package golden compares test output with a golden file and, when the
// two differ, says where in a line diff of the first differences, so a
// mismatch in a 100 KB report can be read without a diff tool. Tests take
// an -update flag of their own and pass it to Check.
package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxLines is how many differing lines of each side Diff shows.
const maxLines = 12

// Check compares got with the file at path, or writes got there when
// update is set. On a mismatch the test fails with Diff's report.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (run the test with -update and review the diff):\n%s", filepath.Base(path), Diff(string(want), string(got)))
	}
}

// Diff shows where want and got differ: the lines they share at the start
// and end are left out, and of the lines between, the first maxLines of
// each side are shown, "-" for want and "+" for got, with their line
// numbers and one shared line before them for context.
func Diff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	start := 0
	for start < len(w) && start < len(g) && w[start] == g[start] {
		start++
	}
	endW, endG := len(w), len(g)
	for endW > start && endG > start && w[endW-1] == g[endG-1] {
		endW--
		endG--
	}
	// The column of the first difference, so a long line is shown around it.
	col := 0
	if start < endW && start < endG {
		a, c := w[start], g[start]
		for col < len(a) && col < len(c) && a[col] == c[col] {
			col++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d, byte %d (want %d lines, got %d)\n", start+1, col+1, len(w), len(g))
	if start > 0 {
		fmt.Fprintf(&b, " %5d  %s\n", start, clip(w[start-1], 0))
	}
	side := func(sign string, lines []string, from int) {
		for i, l := range lines {
			if i == maxLines {
				fmt.Fprintf(&b, "%s       … %d more lines\n", sign, len(lines)-maxLines)
				break
			}
			at := 0
			if i == 0 {
				at = col
			}
			fmt.Fprintf(&b, "%s%5d  %s\n", sign, from+i+1, clip(l, at))
		}
	}
	side("-", w[start:endW], start)
	side("+", g[start:endG], start)
	return b.String()
}

// clip shortens a long line (minified HTML is one line of 100 KB) to a
// window around byte at.
func clip(s string, at int) string {
	const before, after = 60, 140
	if len(s) <= before+after {
		return s
	}
	from, to := max(0, at-before), min(len(s), at+after)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for to < len(s) && !utf8.RuneStart(s[to]) {
		to++
	}
	out := s[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(s) {
		out += "…"
	}
	return out
}
