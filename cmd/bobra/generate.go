package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"bobra/data"
)

// runGenerate is `bobra eksempel --familier N [--frø S]`: it writes a
// synthetic dataset of n families drawn with seed into dir, for trying the
// reports and the tool's speed at national scale. The same n and seed
// always give the same files.
func runGenerate(dir string, n int, seed uint64, overwrite bool, stdout, stderr io.Writer) int {
	if n < 1 {
		fmt.Fprintf(stderr, "bobra eksempel: --familier må være et heltall større enn 0, ikke %d. Skriv «bobra eksempel --help» for flaggene.\n", n)
		return exitUsage
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		fmt.Fprintf(stderr, "bobra eksempel: %s er en fil, ikke en mappe.\n", dir)
		return exitUsage
	}
	g := data.Generator{Families: n, Seed: seed}
	var files []outputFile
	for _, wb := range data.GeneratedWorkbooks() {
		files = append(files, outputFile{
			path:  filepath.Join(dir, wb.Name),
			write: func(w io.Writer) error { return g.WriteWorkbook(w, wb.Name) },
		})
	}
	if !overwrite {
		if err := existingFile(files); err != nil {
			fmt.Fprintf(stderr, "bobra eksempel: %s.\n", err)
			return exitUsage
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "bobra eksempel: kan ikke opprette mappen %s: %s.\n", dir, osReason(err))
		return exitFailed
	}
	if err := writeFilesAtomically(files); err != nil {
		fmt.Fprintf(stderr, "bobra eksempel: %s.\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "Skrev syntetiske data for %d familier (frø %d, evalueringsdato %s) til %s:\n",
		n, seed, data.GenerateEvaluationDate.Time().Format("02.01.2006"), dir)
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Base(f.path))
	}
	fmt.Fprintln(stdout, "Dataene er oppdiktet; ingen rader beskriver virkelige familier.")
	fmt.Fprintf(stdout, "Lag rapportene med «bobra rapport --data %s».\n", dir)
	return exitOK
}
