// Package editdist measures how far apart two short names are, for the
// "mente du …?" hints: a header that nearly names a column, a template
// placeholder or figure id that nearly names one in the catalogue.
package editdist

// longText is the length past which a text is never taken for a typo of a
// name: the distance is quadratic in the lengths, and a long cell text is
// read on every row of a sheet.
const longText = 64

// Far is the distance given for two different texts of which one is longer
// than any name.
const Far = 1 << 20

// Distance is the Levenshtein distance between a and b, counted in runes:
// the fewest insertions, deletions and substitutions that turn a into b.
// Texts longer than 64 runes are Far apart unless they are equal.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > longText || len(rb) > longText {
		if a == b {
			return 0
		}
		return Far
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
