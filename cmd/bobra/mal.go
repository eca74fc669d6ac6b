package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"bobra/data"
)

// runMal writes the empty input workbook a project lead fills in.
func runMal(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mal", flag.ContinueOnError)
	out := fs.String("ut", "barn-bor-bra-mal.xlsx", "`FIL` å skrive malen til (.xlsx)")
	overwrite := fs.Bool("overskriv", false, "erstatt filen hvis den finnes fra før")
	fs.Usage = func() {
		printFlagUsage(fs, "bobra mal [--ut FIL.xlsx] [--overskriv]",
			"Skriver en tom arbeidsbok med alle arkene bobra leser: overskrifter med hjelpetekst,\n"+
				"nedtrekkslister for faste verdier og forutsetningene med kilder. Fyll den ut i Excel\n"+
				"eller LibreOffice og kontroller den med «bobra valider --data MAPPE».")
	}
	if code, done := parseNorwegianFlags(fs, args, stdout, stderr); done {
		return code
	}
	path := *out
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		fmt.Fprintf(stderr, "bobra mal: %s må slutte på .xlsx.\n", path)
		return exitUsage
	}
	if dir := filepath.Dir(path); dir != "." {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "bobra mal: mappen %s finnes ikke.\n", dir)
			return exitUsage
		}
	}
	files := []outputFile{{path: path, write: data.WriteTemplate}}
	if code := writeNewFiles("mal", files, *overwrite, stderr); code != exitOK {
		return code
	}
	fmt.Fprintf(stdout, "Skrev malen til %s. Fyll den ut og kontroller den med «bobra valider --data %s».\n",
		path, filepath.Dir(path))
	return exitOK
}
