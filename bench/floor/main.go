// Command floor measures the physical floor of reading a dataset: it
// inflates every worksheet of every .xlsx file in a folder and finds every
// cell's value with a plain byte scan (the text of each <v> and <t>),
// files in parallel like the reader, one per CPU. No XML is checked and
// nothing is decoded: no reader that looks at every cell can be faster.
// It prints the number of values found.
//
// Usage: floor MAPPE
package main

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"bobra/bench/internal/scandir"
)

func main() { scandir.Main("floor", scanFile) }

func scanFile(path string) (int, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return 0, err
	}
	defer zr.Close()
	n := 0
	buf := make([]byte, 256<<10)
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/") || !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return 0, err
		}
		c, err := countValues(rc, buf)
		rc.Close()
		if err != nil {
			return 0, err
		}
		n += c
	}
	return n, nil
}

// countValues counts the non-empty <v> and <t> texts in a stream, keeping
// a value cut at the end of the buffer for the next read.
func countValues(r io.Reader, buf []byte) (int, error) {
	n, keep := 0, 0
	for {
		m, err := io.ReadFull(r, buf[keep:])
		data := buf[:keep+m]
		last := 0
		for i := 0; ; {
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				break
			}
			i += j
			if i+3 > len(data) {
				break
			}
			if (data[i+1] == 'v' || data[i+1] == 't') && data[i+2] == '>' {
				end := bytes.IndexByte(data[i+3:], '<')
				if end < 0 {
					break
				}
				if end > 0 {
					n++
				}
				i += 3 + end
				last = i
				continue
			}
			i++
			last = i
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		keep = copy(buf, data[last:])
	}
}
