package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"bobra/data"
	"bobra/reports"
)

func runValider(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("valider", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dir := fs.String("data", "", "")
	mark := fs.String("merk", "", "")
	usage := func(w io.Writer) {
		fmt.Fprintln(w, "Bruk: bobra valider [--data MAPPE] [--merk MAPPE]")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Leser alle .xlsx-filene i MAPPE, kontrollerer dem og lister hver feil med fil, ark og celle.")
		fmt.Fprintln(w, "Uten --data kontrolleres de innebygde eksempeldataene.")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Flagg:")
		fmt.Fprintln(w, "  --data MAPPE   mappen med arbeidsbøkene")
		fmt.Fprintln(w, "  --merk MAPPE   skriv en kopi av hver arbeidsbok med problemer til MAPPE: cellene er")
		fmt.Fprintln(w, "                 farget (rødt feil, gult advarsel, blått merknad) og har en kommentar")
		fmt.Fprintln(w, "                 med meldingen, og første ark, Kontroll, lister alt med lenker til cellene.")
		fmt.Fprintln(w, "                 Originalene endres ikke.")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Avslutningskode: 0 ingen feil (advarsler er lov), 1 feil i dataene, 2 feil bruk.")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "bobra valider: %s\n\n", flagErrorText(err))
		usage(stderr)
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "bobra valider: ukjent argument «%s»; oppgi mappen med --data.\n\n", fs.Arg(0))
		usage(stderr)
		return exitUsage
	}
	if *mark != "" && *dir == "" {
		fmt.Fprintln(stderr, "bobra valider: --merk trenger --data MAPPE; de innebygde eksempeldataene har ingen arbeidsbøker å merke.")
		fmt.Fprintln(stderr)
		usage(stderr)
		return exitUsage
	}
	if *mark != "" {
		di, err1 := os.Stat(*dir)
		mi, err2 := os.Stat(*mark)
		if err1 == nil && err2 == nil && os.SameFile(di, mi) {
			fmt.Fprintf(stderr, "bobra valider: --merk %s er datamappen; oppgi en annen mappe for de merkede kopiene, så originalene ikke endres.\n", *mark)
			return exitUsage
		}
	}
	today := data.DateOf(time.Now())
	var problems data.Problems
	if *dir == "" {
		fmt.Fprintln(stdout, "Kontrollerer de innebygde eksempeldataene (oppgi --data MAPPE for å kontrollere egne data).")
		ds := data.Sample()
		problems = withRendererProblems(ds, data.Validate(ds, today))
	} else {
		_, ps, err := checkFolder(*dir, today)
		if err != nil {
			fmt.Fprintf(stderr, "bobra valider: %s\n", err)
			return exitUsage
		}
		problems = ps
		fmt.Fprintf(stdout, "Kontrollerte arbeidsbøkene i %s.\n", *dir)
	}
	for _, line := range problems.Lines() {
		fmt.Fprintln(stdout, line)
	}
	if *mark != "" {
		written, err := data.MarkCopies(*dir, *mark, problems)
		if err != nil {
			fmt.Fprintf(stderr, "bobra valider: %s\n", err)
			return exitFailed
		}
		switch len(written) {
		case 0:
			fmt.Fprintf(stdout, "Ingen arbeidsbøker har problemer i cellene; ingen kopier er skrevet til %s.\n", *mark)
		default:
			fmt.Fprintf(stdout, "Merkede kopier skrevet til %s: %s.\n", *mark, strings.Join(written, ", "))
		}
	}
	notes := problems.Count(data.Note)
	switch {
	case problems.HasErrors():
		fmt.Fprintf(stdout, "Resultat: %s, %d %s. Rett feilene og kjør på nytt.\n", problems.Summary(), notes, plural(notes, "merknad", "merknader"))
		return exitData
	case len(problems) > 0:
		fmt.Fprintf(stdout, "Resultat: %s, %d %s. Dataene kan brukes.\n", problems.Summary(), notes, plural(notes, "merknad", "merknader"))
	default:
		fmt.Fprintln(stdout, "Resultat: ingen feil eller advarsler. Dataene kan brukes.")
	}
	return exitOK
}

// checkFolder reads and checks a folder as `bobra valider --data dir`
// does, the page too: the reader's problems and the PDF outputs'
// warnings, as `bobra rapport` gives them. The error is about the folder
// as a whole (no workbooks in it).
func checkFolder(dir string, today data.Date) (*data.Dataset, data.Problems, error) {
	ds, ps, err := data.ReadDir(dir, data.ReadOptions{Today: today})
	if err != nil {
		return nil, nil, err
	}
	return ds, withRendererProblems(ds, ps), nil
}

// withRendererProblems adds to the checks' problems what the reports would
// find in the data (characters the PDF fonts cannot draw), so that valider
// says what rapport will say, for the sample and a folder alike.
func withRendererProblems(ds *data.Dataset, ps data.Problems) data.Problems {
	return append(ps, reports.PDFGlyphProblems(ds)...)
}
