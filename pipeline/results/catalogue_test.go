package results

import (
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// norwegianNameBySplit is NorwegianName as first written, split, mapped
// and joined: the reference the one-pass version is checked against.
func norwegianNameBySplit(id string) string {
	parts := strings.Split(id, ".")
	for i, p := range parts {
		key, index, _ := strings.Cut(p, "[")
		if n, ok := norwegianKeys[key]; ok {
			key = n
		}
		if index != "" {
			key += "[" + index
		}
		parts[i] = key
	}
	return strings.Join(parts, ".")
}

// curveResults is a Results whose stability curve has n points, as a
// national run's has thousands.
func curveResults(n int) *Results {
	r := &Results{}
	for i := range n {
		r.Stability.Curve = append(r.Stability.Curve, RetentionPoint{
			Years: Number{V: decimal.New(int64(i), -2)}, Rate: Share{V: decimal.New(int64(10000-i), -4)}, AtRisk: Count{N: 10000 - i},
		})
	}
	return r
}

func TestNorwegianNameMatchesSplit(t *testing.T) {
	t.Parallel()
	ids := []string{"", ".", "..", "[", "a[", "families", "families.bought_by_phase.1", "survey[2].agree_share",
		"stability.curve[12].at_risk", "stability.retention[0].rate", "unknown.key[3][4].x", "total[", "[1].by_age."}
	for _, f := range CatalogueOf(curveResults(3)).Figures {
		ids = append(ids, f.ID)
	}
	for _, id := range ids {
		if got, want := NorwegianName(id), norwegianNameBySplit(id); got != want {
			t.Errorf("NorwegianName(%q) = %q, want %q", id, got, want)
		}
	}
}

func FuzzNorwegianName(f *testing.F) {
	for _, s := range []string{"families.bought_by_phase.1", "survey[2].agree_share", "a..b[", "stability.curve[7].rate"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if got, want := NorwegianName(id), norwegianNameBySplit(id); got != want {
			t.Fatalf("NorwegianName(%q) = %q, want %q", id, got, want)
		}
	})
}

func BenchmarkCatalogueOf(b *testing.B) {
	for _, n := range []int{100, 3000} {
		r := curveResults(n)
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				CatalogueOf(r)
			}
		})
	}
}
