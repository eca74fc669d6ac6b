// Command barescan is the baseline of the end-to-end benchmark: it reads
// every sheet of every .xlsx file in a folder with excelize's streaming
// Rows() and raw cell values, as the reader must, but does nothing with
// the cells. Files are scanned in parallel like the reader does, one per
// CPU. It prints the number of non-empty rows read.
//
// Usage: barescan MAPPE
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "bruk: barescan MAPPE")
		os.Exit(2)
	}
	rows, err := scanDir(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "barescan:", err)
		os.Exit(1)
	}
	fmt.Println(rows)
}

// scanDir returns the number of non-empty rows in every .xlsx file of dir.
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
	f, err := excelize.OpenFile(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.Rows(sheet)
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return 0, err
			}
			for _, c := range cells {
				if c != "" {
					n++
					break
				}
			}
		}
		if err := rows.Close(); err != nil {
			return 0, err
		}
	}
	return n, nil
}
