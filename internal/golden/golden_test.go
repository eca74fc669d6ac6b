package golden

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a", 300)
	tests := []struct {
		name, want, got, diff string
	}{
		{"same", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "a\nb\nc\n", "a\nB\nc\n",
			"first difference at line 2, byte 1 (want 4 lines, got 4)\n     1  a\n-    2  b\n+    2  B\n"},
		{"line added at the end", "a\n", "a\nb\n",
			"first difference at line 2, byte 1 (want 2 lines, got 3)\n     1  a\n+    2  b\n"},
		{"long line shown around the difference", long + "x" + long, long + "y" + long,
			"first difference at line 1, byte 301 (want 1 lines, got 1)\n-    1  …" + strings.Repeat("a", 60) + "x" + strings.Repeat("a", 139) + "…\n+    1  …" + strings.Repeat("a", 60) + "y" + strings.Repeat("a", 139) + "…\n"},
	}
	for _, tt := range tests {
		if got := Diff(tt.want, tt.got); got != tt.diff {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, got, tt.diff)
		}
	}
	var many []string
	for i := range 30 {
		many = append(many, strings.Repeat("x", i))
	}
	if d := Diff("", strings.Join(many, "\n")); !strings.Contains(d, "… 17 more lines") {
		t.Errorf("many lines not cut:\n%s", d)
	}
}
