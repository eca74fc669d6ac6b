package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"bobra/data"
	"bobra/internal/atomicfile"
)

// runEksempel writes the embedded sample dataset as the workbooks a
// programme would keep, so a user can open a filled-in example.
func runEksempel(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eksempel", flag.ContinueOnError)
	out := fs.String("ut", "eksempel", "`MAPPE` å skrive arbeidsbøkene til (opprettes om nødvendig)")
	overwrite := fs.Bool("overskriv", false, "erstatt filene hvis de finnes fra før")
	families := fs.Int("familier", 0, "skriv i stedet syntetiske data for `N` familier (for å prøve rapportene og farten i stor skala)")
	seed := fs.Uint64("frø", 1, "`S`, frøet for de syntetiske dataene; samme N og frø gir de samme filene")
	fs.Usage = func() {
		printFlagUsage(fs, "bobra eksempel [--ut MAPPE] [--overskriv] [--familier N [--frø S]]",
			"Skriver eksempeldataene (et oppdiktet prosjekt med tallene fra evalueringen i 2021)\n"+
				"som utfylte arbeidsbøker. Se hvordan data skal fylles ut, eller prøv\n"+
				"«bobra rapport --data MAPPE» på dem.")
	}
	if code, done := parseNorwegianFlags(fs, args, stdout, stderr); done {
		return code
	}
	dir := *out
	if flagGiven(fs, "familier") {
		return runGenerate(dir, *families, *seed, *overwrite, stdout, stderr)
	}
	if flagGiven(fs, "frø") {
		fmt.Fprintln(stderr, "bobra eksempel: --frø gjelder bare sammen med --familier N. Skriv «bobra eksempel --help» for flaggene.")
		return exitUsage
	}
	ds := data.Sample()
	var files []outputFile
	for _, wb := range data.SampleWorkbooks() {
		opt := data.WriteOptions{Sheets: wb.Sheets}
		files = append(files, outputFile{
			path:  filepath.Join(dir, wb.Name),
			write: func(w io.Writer) error { return data.WriteWorkbookWith(w, ds, opt) },
		})
	}
	if code := writeDataset(dir, files, *overwrite, stderr); code != exitOK {
		return code
	}
	fmt.Fprintf(stdout, "Skrev eksempeldataene til %s:\n", dir)
	listDataset(dir, files, "", stdout)
	return exitOK
}

// writeDataset writes the workbooks of a dataset into dir for `bobra
// eksempel`, refusing a dir that is a file and, unless overwrite, files
// that exist; it returns the exit code.
func writeDataset(dir string, files []outputFile, overwrite bool, stderr io.Writer) int {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		fmt.Fprintf(stderr, "bobra eksempel: %s er en fil, ikke en mappe.\n", dir)
		return exitUsage
	}
	// Made before the check: if a file in it exists, so does the folder.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "bobra eksempel: kan ikke opprette mappen %s: %s.\n", dir, atomicfile.Reason(err))
		return exitFailed
	}
	return writeNewFiles("eksempel", files, overwrite, stderr)
}

// listDataset prints the files written, the note (if any) and how to make
// the reports.
func listDataset(dir string, files []outputFile, note string, stdout io.Writer) {
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", filepath.Base(f.path))
	}
	if note != "" {
		fmt.Fprintln(stdout, note)
	}
	fmt.Fprintf(stdout, "Lag rapportene med «bobra rapport --data %s».\n", dir)
}
