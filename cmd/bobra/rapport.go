package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"bobra/data"
	"bobra/pipeline"
	"bobra/reports"
)

const rapportHelp = `Bruk: bobra rapport [flagg]

Leser og kontrollerer dataene, beregner resultatene per evalueringsdatoen og
skriver rapportene og manifest.json i utmappen. Ingenting skrives hvis
dataene har feil.

Flagg:
  --data MAPPE     mappen med arbeidsbøkene (.xlsx); uten flagget brukes de
                   innebygde eksempeldataene
  --ut MAPPE       mappen rapportene skrives til (standard: ut); kan ikke være
                   datamappen eller ligge inni den
  --per DATO       evalueringsdatoen, f.eks. 30.09.2024 eller 2024-09-30
                   (standard: Evalueringsdato i Forutsetninger, ellers i dag)
  --format LISTE   formatene som skal lages, skilt med komma (standard: alle)
  --maler MAPPE    en kopi av malmappen (templates) med egne rapporttekster
  --forrige FIL    resultater.json fra forrige evaluering (eller mappen den
                   ligger i); rapportene får en del om endringen siden da
  --offentlig      offentlig utgave: ingen rader per familie, og tall under
                   prikkegrensen vises som «færre enn N»
  --streng         skriv ingenting hvis det finnes advarsler (avslutningskode 3)
  --logg FORMAT    loggformat på standard feil: tekst (standard) eller json
  --stille         bare feil og advarsler i loggen (for planlagte kjøringer)

Avslutningskoder:
  0  ferdig
  1  feil i dataene (alle feil er listet; ingenting er skrevet)
  2  feil bruk (ukjent flagg, mappe som ikke finnes, ugyldig verdi)
  3  bare advarsler, men --streng er gitt (ingenting er skrevet)
  4  filene kunne ikke skrives (skrivebeskyttet eller full mappe, avbrutt);
     de forrige filene er urørt
`

func runRapport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rapport", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		dataDir   = fs.String("data", "", "")
		outDir    = fs.String("ut", "ut", "")
		per       = fs.String("per", "", "")
		formats   = fs.String("format", "", "")
		templates = fs.String("maler", "", "")
		previous  = fs.String("forrige", "", "")
		public    = fs.Bool("offentlig", false, "")
		strict    = fs.Bool("streng", false, "")
		logFormat = fs.String("logg", "tekst", "")
		quiet     = fs.Bool("stille", false, "")
	)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, rapportHelp)
			return exitOK
		}
		return usageError(stderr, flagErrorText(err)+".")
	}
	if fs.NArg() > 0 {
		return usageError(stderr, fmt.Sprintf("uventet argument %q; alle verdier gis med flagg, f.eks. --data MAPPE.", fs.Arg(0)))
	}
	var asOf data.Date
	if *per != "" {
		d, ok := parseDateFlag(*per)
		if !ok {
			return usageError(stderr, fmt.Sprintf("ugyldig dato %q for --per; skriv f.eks. 30.09.2024 eller 2024-09-30.", *per))
		}
		asOf = d
	}
	if *logFormat != "tekst" && *logFormat != "json" {
		return usageError(stderr, fmt.Sprintf("ukjent loggformat %q for --logg; velg tekst eller json.", *logFormat))
	}
	if *templates != "" {
		if st, err := os.Stat(*templates); err != nil || !st.IsDir() {
			return usageError(stderr, fmt.Sprintf("fant ikke malmappen %q (--maler).", *templates))
		}
	}
	var formatList []string
	if strings.TrimSpace(*formats) != "" {
		formatList = strings.Split(*formats, ",")
	} else if flagGiven(fs, "format") {
		return usageError(stderr, "--format er tom; utelat flagget for å lage alle formatene.")
	}

	log := newLogger(stderr, *logFormat, *quiet)
	renderers, err := reports.Renderers(reports.Options{TemplateDir: *templates})
	if err != nil {
		return usageError(stderr, err.Error())
	}
	var progress io.Writer
	if !*quiet && *logFormat == "tekst" && isTerminal(stderr) {
		progress = stderr
	}
	ver, rev := buildVersion()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	res, err := pipeline.Run(ctx, pipeline.RunOptions{
		DataDir: *dataDir, OutDir: *outDir, AsOf: asOf,
		Renderers: renderers, Formats: formatList, TemplateDir: *templates,
		Previous: *previous, Public: *public, Strict: *strict,
		Command: append([]string{"bobra", "rapport"}, args...),
		Version: ver, Revision: rev,
		Now: time.Now, Logger: log, Progress: progress,
	})
	if err != nil {
		var ue *pipeline.UsageError
		if errors.As(err, &ue) {
			return usageError(stderr, ue.Msg)
		}
		var de *pipeline.DisclosureError
		if errors.As(err, &de) {
			reportLine(stderr, log, *logFormat, slog.LevelError, "bobra rapport: "+de.Msg)
			return exitData
		}
		reportLine(stderr, log, *logFormat, slog.LevelError, "bobra rapport: "+err.Error())
		return exitFailed
	}
	printProblems(stderr, log, *logFormat, res.Problems, *quiet)
	switch res.Outcome {
	case pipeline.DataErrors:
		reportLine(stderr, log, *logFormat, slog.LevelError, fmt.Sprintf("Dataene har %s. Ingen filer er skrevet.", res.Problems.Summary()))
		return exitData
	case pipeline.WarningsRefused:
		reportLine(stderr, log, *logFormat, slog.LevelError, fmt.Sprintf("Dataene har %d %s, og --streng er gitt. Ingen filer er skrevet.", res.Warnings, plural(res.Warnings, "advarsel", "advarsler")))
		return exitWarnings
	}
	if !*quiet {
		n := len(res.Manifest.Outputs) + 1
		kind := "intern"
		if res.Results.Public {
			kind = "offentlig"
		}
		fmt.Fprintf(stdout, "Ferdig: %d %s skrevet til %s (%s utgave, evaluering per %s, %d %s).\n",
			n, plural(n, "fil", "filer"), *outDir, kind, res.Results.AsOf.Norwegian(), res.Warnings, plural(res.Warnings, "advarsel", "advarsler"))
	}
	return exitOK
}

func usageError(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "bobra rapport: %s\n", msg)
	fmt.Fprintln(stderr, "Skriv «bobra rapport --help» for flaggene.")
	return exitUsage
}

func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			given = true
		}
	})
	return given
}

// parseDateFlag reads --per as 2024-09-30, 30.09.2024 or 30.9.2024.
func parseDateFlag(s string) (data.Date, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", "02.01.2006", "2.1.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return data.DateOf(t), true
		}
	}
	return data.Date{}, false
}

// newLogger logs to stderr: text without timestamps (cron and journald add
// their own) or JSON with them. --stille keeps only warnings and errors.
func newLogger(stderr io.Writer, format string, quiet bool) *slog.Logger {
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelWarn
	}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{
		Level: level,
		// The text is read by people: slog's own keys and levels are
		// English, so they are given in Norwegian.
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) > 0 {
				return a
			}
			switch a.Key {
			case slog.TimeKey:
				return slog.Attr{}
			case slog.MessageKey:
				return slog.Attr{Key: "melding", Value: a.Value}
			case slog.LevelKey:
				return slog.String("nivå", levelName(a.Value))
			}
			return a
		},
	}))
}

// levelName is a log level as the text log shows it.
func levelName(v slog.Value) string {
	level, ok := v.Any().(slog.Level)
	switch {
	case !ok:
		return v.String()
	case level >= slog.LevelError:
		return "feil"
	case level >= slog.LevelWarn:
		return "advarsel"
	case level >= slog.LevelInfo:
		return "info"
	}
	return "feilsøking"
}

// printProblems lists every problem: one Norwegian line each in text mode
// (as bobra valider does), or one JSON record each with --logg json.
// Notes are left out with --stille.
func printProblems(stderr io.Writer, log *slog.Logger, format string, ps data.Problems, quiet bool) {
	var shown data.Problems
	for _, p := range ps.Sorted() {
		if p.Severity != data.Note || !quiet {
			shown = append(shown, p)
		}
	}
	if format != "json" {
		// People read the same problem in many cells as one line.
		for _, line := range shown.Lines() {
			fmt.Fprintln(stderr, line)
		}
		return
	}
	for _, p := range shown {
		level := slog.LevelInfo
		switch p.Severity {
		case data.Error:
			level = slog.LevelError
		case data.Warning:
			level = slog.LevelWarn
		}
		log.LogAttrs(context.Background(), level, p.Message,
			slog.String("alvor", p.Severity.String()), slog.String("type", p.Kind),
			slog.String("fil", p.File), slog.String("ark", p.Sheet),
			slog.String("celle", p.Cell), slog.String("kolonne", p.Column))
	}
}

// reportLine writes the run's closing sentence: plain in text mode, so it
// shows even with --stille, or as a log record with --logg json.
func reportLine(stderr io.Writer, log *slog.Logger, format string, level slog.Level, msg string) {
	if format == "json" {
		log.Log(context.Background(), level, msg)
		return
	}
	fmt.Fprintln(stderr, msg)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// isTerminal reports whether w is a terminal, for the progress lines.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
