package main

import (
	"fmt"
	"io"
)

// Exit codes, documented in the README; the scheduled yearly run relies on them.
const (
	exitOK       = 0 // done
	exitData     = 1 // data errors: nothing written
	exitUsage    = 2 // wrong use: unknown command or flag, missing folder
	exitWarnings = 3 // only warnings, but --streng was given: nothing written
	// exitFailed: the outputs could not be written (read-only or full
	// folder, a format failed, the run was interrupted); the previous
	// outputs are left as they were.
	exitFailed = 4
)

// command is one subcommand: its name, a one-line Norwegian description for
// the help text, and the function that runs it with the remaining arguments.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"rapport", "beregner resultatene og skriver rapportene", runRapport},
		{"valider", "kontrollerer dataene og lister alle feil", runValider},
		{"mal", "skriver en tom arbeidsbok å fylle ut", runMal},
		{"eksempel", "skriver eksempeldataene som arbeidsbøker", runEksempel},
		{"maler", "skriver rapporttekstene til en mappe du kan redigere (--maler)", runMaler},
		{"ssb", "leser eller henter SSBs leie- og prisindekstabeller til arkene SSB-leie og SSB-prisindeks", runSSB},
		{"app", "åpner bobra som en nettside i nettleseren (også uten kommando)", runApp},
	}
}

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// What a double-click in Explorer or Finder does: the page.
		fmt.Fprintln(stdout, "Starter nettsiden. «bobra hjelp» viser kommandoene for terminalen.")
		code := runApp(nil, stdout, stderr)
		if code != exitOK {
			holdWindow(stdout)
		}
		return code
	}
	if args[0] == "-h" || args[0] == "--help" || args[0] == "hjelp" {
		usage(stdout)
		return exitOK
	}
	if args[0] == "versjon" || args[0] == "--versjon" {
		fmt.Fprintln(stdout, "bobra", version())
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "bobra: ukjent kommando %q. Skriv «bobra hjelp» for en oversikt.\n", args[0])
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "bobra – evaluering av «Barn bor bra i Bærum»")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Bruk: bobra <kommando> [flagg]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Kommandoer:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "  versjon    viser versjonen")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Skriv «bobra <kommando> --help» for flaggene til en kommando.")
}
