package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"bobra/data"
	"bobra/internal/atomicfile"
	"bobra/internal/webapp"
	"bobra/pipeline"
	"bobra/reports"
)

const appHelp = `Bruk: bobra app [--port N] [--ingen-nettleser]

Starter bobra som en nettside på denne maskinen og åpner den i nettleseren.
Der kan du slippe arbeidsbøkene, se hva som må rettes (fil, ark og celle),
og laste ned rapportene. Siden er bare tilgjengelig fra denne maskinen, og
filene sendes ikke noe sted. Avslutt med «Avslutt» på siden eller Ctrl+C.
«bobra» uten kommando gjør det samme.

Flagg:
  --port N           porten nettsiden bruker (standard: en ledig port)
  --ingen-nettleser  ikke åpne nettleseren; skriv bare ut adressen
`

// openBrowser opens the default browser on the page; tests replace it.
var openBrowser = openDefaultBrowser

// appSignals are the signals that stop `bobra app`: Ctrl-C, and on Windows
// also closing the console window (which Go delivers as SIGTERM).
var appSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}

func runApp(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("app", flag.ContinueOnError)
	port := fs.Int("port", 0, "")
	noBrowser := fs.Bool("ingen-nettleser", false, "")
	fs.Usage = func() { fmt.Fprint(fs.Output(), appHelp) }
	if code, done := parseNorwegianFlags(fs, args, stdout, stderr); done {
		return code
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "bobra app: --port må være et tall fra 1 til 65535, ikke %d.\n", *port)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), appSignals...)
	defer stop()
	return serveApp(ctx, webapp.Options{Port: *port}, !*noBrowser, stdout, stderr)
}

// serveApp runs the page until ctx ends or the page's "Avslutt"; the
// private temporary folder is gone when it returns.
func serveApp(ctx context.Context, opt webapp.Options, browse bool, stdout, stderr io.Writer) int {
	pipe, hashes, err := appPipeline()
	if err != nil {
		fmt.Fprintf(stderr, "bobra app: %s\n", err)
		return exitFailed
	}
	opt.FrameScripts = hashes
	srv, err := webapp.New(pipe, opt)
	if err != nil {
		fmt.Fprintf(stderr, "bobra app: %s.\n", err)
		if opt.Port != 0 {
			return exitUsage
		}
		return exitFailed
	}
	defer redirectTemp(srv.TempDir())()
	fmt.Fprintf(stdout, "bobra kjører på %s\n", srv.URL())
	fmt.Fprintln(stdout, "Siden er bare tilgjengelig fra denne maskinen. Avslutt med «Avslutt» på siden eller Ctrl+C.")
	if browse {
		if err := openBrowser(srv.URL()); err != nil {
			fmt.Fprintln(stdout, "Fant ingen nettleser å åpne; lim adressen over inn i nettleseren din.")
		}
	}
	err = srv.Serve(ctx)
	if cerr := srv.Close(); err == nil && cerr != nil {
		fmt.Fprintf(stderr, "bobra app: den midlertidige mappen %s kunne ikke fjernes (%s); slett den selv.\n", srv.TempDir(), strings.TrimSuffix(atomicfile.Reason(cerr), "."))
		return exitFailed
	}
	if err != nil {
		// The listener failed under it (Go's reason is English and says
		// nothing a person can act on).
		fmt.Fprintln(stderr, "bobra app: nettsiden stoppet uventet; start bobra på nytt.")
		return exitFailed
	}
	fmt.Fprintln(stdout, "bobra er avsluttet.")
	return exitOK
}

// appPipeline is what the page does, each the function of its command:
// valider's reading and order, rapport's run, mal's template and
// eksempel's workbooks. It also returns the report's script hashes, which
// the page's policy must allow to show the report in its frame.
func appPipeline() (webapp.Pipeline, []string, error) {
	renderers, err := reports.Renderers(reports.Options{})
	if err != nil {
		return webapp.Pipeline{}, nil, err
	}
	var hashes []string
	for _, r := range renderers {
		if h, ok := r.(*reports.HTML); ok {
			hashes = h.ScriptHashes()
		}
	}
	pipe := webapp.Pipeline{
		Validate: func(ctx context.Context, dir string) (data.Problems, data.Date, error) {
			return appValidate(dir, data.DateOf(time.Now()))
		},
		Mark: func(ctx context.Context, dataDir, outDir string) error {
			return appMark(dataDir, outDir, data.DateOf(time.Now()))
		},
		Report: func(ctx context.Context, req webapp.ReportRequest) (data.Problems, bool, error) {
			return appReport(ctx, renderers, req)
		},
		ParseDate: parseDateFlag,
		Template:  data.WriteTemplate,
		Samples: func(add func(string, func(io.Writer) error) error) error {
			for _, f := range sampleFiles("") {
				if err := add(filepath.Base(f.path), f.write); err != nil {
					return err
				}
			}
			return nil
		},
	}
	return pipe, hashes, nil
}

// appValidate is `bobra valider --data dir`, with Evalueringsdato from
// Forutsetninger for the page's date field.
func appValidate(dir string, today data.Date) (data.Problems, data.Date, error) {
	ds, ps, err := checkFolder(dir, today)
	if err != nil {
		return nil, data.Date{}, err
	}
	return ps, ds.Assumptions.EvaluationDate, nil
}

// appMark is `bobra valider --data dataDir --merk outDir`: the same
// problems, the same copies.
func appMark(dataDir, outDir string, today data.Date) error {
	_, ps, err := checkFolder(dataDir, today)
	if err != nil {
		// As the page's check says it: the reader's sentence names the
		// server's private folder.
		return &webapp.InputError{Message: "Ingen av filene kunne leses som Excel-arbeidsbok (.xlsx)."}
	}
	_, err = data.MarkCopies(dataDir, outDir, ps)
	return err
}

// appReport is `bobra rapport --data req.DataDir --ut req.OutDir` with the
// page's choices, so the page's files are the command line's.
func appReport(ctx context.Context, renderers []pipeline.Renderer, req webapp.ReportRequest) (data.Problems, bool, error) {
	ver, rev := buildVersion()
	res, err := pipeline.Run(ctx, pipeline.RunOptions{
		DataDir: req.DataDir, OutDir: req.OutDir, AsOf: req.AsOf,
		Renderers: renderers, Previous: req.Previous, Public: req.Public,
		Command: []string{"bobra", "app"},
		Version: ver, Revision: rev,
		Now: time.Now,
	})
	if err != nil {
		var ue *pipeline.UsageError
		if errors.As(err, &ue) {
			return nil, false, &webapp.InputError{Message: ue.Msg}
		}
		return nil, false, err
	}
	return res.Problems, res.Outcome == pipeline.Done, nil
}

// tempVars are the variables os.TempDir reads: TMPDIR on Unix, TMP and
// TEMP on Windows.
var tempVars = []string{"TMPDIR", "TMP", "TEMP"}

// redirectTemp points the process's temporary folder at dir until the
// returned function is called. The temporary files the pipeline and its
// libraries make while the page runs (a spooled results workbook,
// excelize's unzipped large sheets) then land in the private folder too,
// and go with it.
func redirectTemp(dir string) (restore func()) {
	type saved struct {
		value string
		set   bool
	}
	old := map[string]saved{}
	for _, k := range tempVars {
		v, ok := os.LookupEnv(k)
		old[k] = saved{v, ok}
		os.Setenv(k, dir)
	}
	return func() {
		for _, k := range tempVars {
			if o := old[k]; o.set {
				os.Setenv(k, o.value)
			} else {
				os.Unsetenv(k)
			}
		}
	}
}
