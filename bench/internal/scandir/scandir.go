// Package scandir is what the benchmark's baselines (bench/floor and
// bench/barescan) share: each scans every .xlsx file of a folder in its own
// way, files in parallel one per CPU as the reader does, and prints one
// count. Only the scan of one file differs, so the two are measured on the
// same footing.
package scandir

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
)

// Main runs a baseline command called name: it takes one argument, the
// folder, scans each workbook in it with scanFile, prints the sum of the
// counts and exits (2 for wrong use, 1 when a file could not be scanned).
func Main(name string, scanFile func(path string) (int, error)) {
	if len(os.Args) != 2 {
		fmt.Fprintf(os.Stderr, "bruk: %s MAPPE\n", name)
		os.Exit(2)
	}
	n, err := Dir(os.Args[1], scanFile)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Println(n)
}

// Dir scans every .xlsx file of dir (hidden ones aside) with scanFile, at
// most one per CPU at a time, and returns the sum of their counts.
func Dir(dir string, scanFile func(path string) (int, error)) (int, error) {
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
