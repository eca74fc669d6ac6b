package main

import (
	"fmt"
	"io"
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
	g := data.Generator{Families: n, Seed: seed}
	var files []outputFile
	for _, wb := range data.GeneratedWorkbooks() {
		files = append(files, outputFile{
			path:  filepath.Join(dir, wb.Name),
			write: func(w io.Writer) error { return g.WriteWorkbook(w, wb.Name) },
		})
	}
	if code := writeDataset(dir, files, overwrite, stderr); code != exitOK {
		return code
	}
	fmt.Fprintf(stdout, "Skrev syntetiske data for %d familier (frø %d, evalueringsdato %s) til %s:\n",
		n, seed, data.GenerateEvaluationDate.Time().Format("02.01.2006"), dir)
	listDataset(dir, files, "Dataene er oppdiktet; ingen rader beskriver virkelige familier.", stdout)
	return exitOK
}
