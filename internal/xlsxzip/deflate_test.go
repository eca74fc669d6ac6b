package xlsxzip

import (
	"bytes"
	"compress/flate"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// flateBytes is what compress/flate at BestSpeed writes for src through a
// new Writer ended by Flush, or by Close when final.
func flateBytes(t testing.TB, src []byte, final bool) []byte {
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(src); err != nil {
		t.Fatal(err)
	}
	if final {
		err = fw.Close()
	} else {
		err = fw.Flush()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// deflateInputs are pieces of every kind the encoder takes a different way
// for: empty and tiny (a stored or literal-only last block), around the
// 65 535-byte blocks, rows of sheet XML (long matches, also into the
// block before), text with few repeats (literal-only blocks), random bytes
// (stored blocks), runs of one byte, and mixtures.
func deflateInputs() map[string][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	var rows strings.Builder
	for r := 2; rows.Len() < 3<<20; r++ {
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" s="3" t="inlineStr"><is><t>G%06d</t></is></c><c r="B%d" s="5"><v>%d</v></c><c r="C%d" s="7"><v>%.4f</v></c></row>`,
			r, r, rng.IntN(1000000), r, rng.IntN(5000000), r, rng.Float64())
	}
	sheet := []byte(rows.String())
	words := strings.Fields("barn bor bra i bærum familier kjøp leie eie verdi stabilitet samfunn gevinst ressurser")
	var prose strings.Builder
	for prose.Len() < 300000 {
		prose.WriteString(words[rng.IntN(len(words))])
		prose.WriteByte(" .,\n"[rng.IntN(4)])
	}
	// Bytes of very uneven frequency and frequent short copies (so rare
	// symbols get 14-bit codes) with rare long copies from far back
	// (length and offset codes with the most extra bits): tokens of nearly
	// 40 bits, for the accumulator of writeTokens.
	var skewed []byte
	for len(skewed) < 200000 {
		if len(skewed) > 33000 && rng.IntN(20000) == 0 {
			from := len(skewed) - 32700 - rng.IntN(60)
			skewed = append(skewed, skewed[from:from+230+rng.IntN(27)]...)
			continue
		}
		if len(skewed) > 16 && rng.IntN(4) == 0 {
			from := len(skewed) - 1 - rng.IntN(8)
			for i := range 5 { // overlapping, as a deflate copy may
				skewed = append(skewed, skewed[from+i])
			}
			continue
		}
		k := bits.TrailingZeros64(rng.Uint64() | 1<<40)
		skewed = append(skewed, byte(k*5))
	}
	out := map[string][]byte{
		"skewed":           skewed,
		"empty":            {},
		"one byte":         {'x'},
		"16 bytes":         []byte("0123456789abcdef"),
		"17 bytes":         []byte("0123456789abcdefg"),
		"127 bytes":        sheet[:127],
		"128 bytes":        sheet[:128],
		"one block less 1": sheet[:storeBlock-1],
		"one block":        sheet[:storeBlock],
		"one block and 1":  sheet[:storeBlock+1],
		"blocks and 16":    sheet[:3*storeBlock+16],
		"blocks and 17":    sheet[:3*storeBlock+17],
		"blocks and 200":   sheet[:3*storeBlock+200],
		"a piece":          sheet[:pieceSize],
		"sheet rows":       sheet,
		"prose":            []byte(prose.String()),
		"random":           random(200000),
		"random small":     random(1000),
		"zeros":            make([]byte, 300000),
		"mixed":            append(append(append([]byte{}, sheet[:100000]...), random(70000)...), sheet[:150000]...),
	}
	return out
}

func TestDeflateMatchesFlate(t *testing.T) {
	t.Parallel()
	inputs := deflateInputs()
	var d deflater // one encoder for every piece, as a worker keeps it
	for _, final := range []bool{false, true} {
		for name, src := range inputs {
			want := flateBytes(t, src, final)
			got := d.appendDeflate([]byte("prefix"), src, final)
			if !bytes.HasPrefix(got, []byte("prefix")) || !bytes.Equal(got[len("prefix"):], want) {
				got = got[min(len(got), len("prefix")):]
				t.Errorf("%s (final %v, %d bytes): %d deflate bytes, compress/flate %d, first difference at %d",
					name, final, len(src), len(got), len(want), firstDiff(got, want))
			}
		}
	}
}

func FuzzDeflate(f *testing.F) {
	// Small seeds, so the fuzzer runs many; TestDeflateMatchesFlate has
	// the large ones.
	for _, src := range deflateInputs() {
		if len(src) < 2000 {
			f.Add(src, false)
		}
	}
	f.Add(deflateInputs()["sheet rows"][:storeBlock+300], true)
	var d deflater
	f.Fuzz(func(t *testing.T, src []byte, final bool) {
		want := flateBytes(t, src, final)
		if got := d.appendDeflate(nil, src, final); !bytes.Equal(got, want) {
			t.Fatalf("%d bytes in: %d deflate bytes, compress/flate %d, first difference at %d", len(src), len(got), len(want), firstDiff(got, want))
		}
	})
}

// BenchmarkDeflate compresses synthetic sheet rows, or the file named by
// BOBRA_DEFLATE_INPUT (such as a sheet of a real resultater.xlsx), in
// pieces as the writer does.
func BenchmarkDeflate(b *testing.B) {
	src := deflateInputs()["sheet rows"]
	if name := os.Getenv("BOBRA_DEFLATE_INPUT"); name != "" {
		var err error
		if src, err = os.ReadFile(name); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("flate", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var buf bytes.Buffer
		fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
		for b.Loop() {
			for p := 0; p < len(src); p += pieceSize {
				buf.Reset()
				fw.Reset(&buf)
				fw.Write(src[p:min(p+pieceSize, len(src))])
				fw.Flush()
			}
		}
	})
	b.Run("appendDeflate", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var d deflater
		var out []byte
		for b.Loop() {
			for p := 0; p < len(src); p += pieceSize {
				out = d.appendDeflate(out[:0], src[p:min(p+pieceSize, len(src))], false)
			}
		}
	})
}
