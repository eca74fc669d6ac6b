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
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "bruk: floor MAPPE")
		os.Exit(2)
	}
	n, err := scanDir(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
	fmt.Println(n)
}

func scanDir(dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".xlsx") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	counts := make([]int, len(names))
	errs := make([]error, len(names))
	sem := make(chan struct{}, runtime.NumCPU())
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			counts[i], errs[i] = scanFile(filepath.Join(dir, name))
		}()
	}
	wg.Wait()
	total := 0
	for i := range names {
		if errs[i] != nil {
			return 0, fmt.Errorf("%s: %w", names[i], errs[i])
		}
		total += counts[i]
	}
	return total, nil
}

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
