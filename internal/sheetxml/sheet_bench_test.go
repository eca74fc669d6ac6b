package sheetxml

import (
	"bytes"
	"fmt"
	"testing"
)

// benchSheet is a sheet shaped as bobra's generator (excelize's stream
// writer) writes the purchases: inline strings, styled numbers and dates.
func benchSheet(rows int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" s="4" t="inlineStr"><is><t>G%06d</t></is></c><c r="B%d" s="5"><v>%d</v></c><c r="C%d" s="6"><v>%d</v></c><c r="D%d" s="6"><v>%d</v></c><c r="E%d"><v>4</v></c><c r="F%d"><v>89.5</v></c><c r="G%d" s="6"><v>12500</v></c><c r="H%d" s="6"><v>14000</v></c></row>`,
			r, r, r, r, 40000+r%5000, r, 3000000+r, r, 2500000+r, r, r, r, r)
	}
	b.WriteString(`</sheetData></worksheet>`)
	return b.Bytes()
}

func BenchmarkSheet(b *testing.B) {
	data := benchSheet(100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		sh := NewSheet(bytes.NewReader(data), nil)
		n := 0
		for sh.Next() {
			n += len(sh.Cells())
		}
		if sh.Err() != nil || n != 800_000 {
			b.Fatal(sh.Err(), n)
		}
	}
}
