package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"bobra/internal/atomicfile"
	"bobra/reports"
	"bobra/templates"
)

// runMaler writes the embedded report texts to a folder, as the starting
// point for `bobra rapport --maler MAPPE`: a project lead edits the
// Markdown there instead of the Go code.
func runMaler(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("maler", flag.ContinueOnError)
	out := fs.String("ut", "maler", "`MAPPE` å skrive rapporttekstene til (opprettes)")
	overwrite := fs.Bool("overskriv", false, "erstatt filer som finnes fra før")
	fs.Usage = func() {
		printFlagUsage(fs, "bobra maler [--ut MAPPE] [--overskriv]",
			"Skriver rapporttekstene (Markdown med plassholdere), oppsettet og stilarket til MAPPE,\n"+
				"og FIGURER.md med alle navnene plassholderne kan bruke.\n"+
				"Rediger dem og lag rapporten med «bobra rapport --maler MAPPE».")
	}
	if code, done := parseNorwegianFlags(fs, args, stdout, stderr); done {
		return code
	}
	entries, err := templates.FS.ReadDir(".")
	if err != nil {
		fmt.Fprintf(stderr, "bobra maler: %s.\n", err)
		return exitFailed
	}
	var files []outputFile
	for _, e := range entries {
		name := e.Name()
		files = append(files, outputFile{
			path: filepath.Join(*out, name),
			write: func(w io.Writer) error {
				b, err := templates.FS.ReadFile(name)
				if err == nil {
					_, err = w.Write(b)
				}
				return err
			},
		})
	}
	// The names the texts can use, beside them: what a project lead
	// needs to write a placeholder without reading Go.
	files = append(files, outputFile{
		path:  filepath.Join(*out, reports.FigureListFile),
		write: func(w io.Writer) error { _, err := w.Write(reports.FigureList()); return err },
	})
	// The folder is made before the check: if a file in it exists, so
	// does the folder, and making it changes nothing.
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintf(stderr, "bobra maler: kan ikke lage mappen %s: %s.\n", *out, atomicfile.Reason(err))
		return exitFailed
	}
	if code := writeNewFiles("maler", files, *overwrite, stderr); code != exitOK {
		return code
	}
	fmt.Fprintf(stdout, "Skrev %d filer til %s. Rediger dem og kjør «bobra rapport --maler %s».\n", len(files), *out, *out)
	return exitOK
}
