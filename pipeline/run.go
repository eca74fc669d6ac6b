package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"bobra/data"
)

// RunOptions are the settings of one run of `bobra rapport`.
type RunOptions struct {
	// DataDir is the folder of workbooks; "" means the embedded sample.
	DataDir string
	// OutDir receives the outputs and manifest.json; created if missing.
	OutDir string
	// AsOf is the evaluation date; zero means Evalueringsdato from
	// Forutsetninger, else the day of the run.
	AsOf data.Date
	// Renderers are every output format available; Formats picks some of
	// them by name (nil or empty: all).
	Renderers []Renderer
	Formats   []string
	// TemplateDir is --maler, only recorded in the settings (the renderers
	// were built with it).
	TemplateDir string
	// Previous is --forrige: a previous resultater.json or its folder.
	Previous string
	// Public is --offentlig: apply the small-number rule to every output.
	Public bool
	// Strict is --streng: refuse to write when there are warnings.
	Strict bool

	// Command is the command line as given, for manifest.json.
	Command []string
	// Version and Revision identify the tool for the run record.
	Version, Revision string

	// Now is the clock, read once per run: for the day of the run (default
	// evaluation date, the reader's "date in the future" check) and the
	// manifest's run time. Nil means time.Now.
	Now func() time.Time
	// Logger receives log lines (never family data); nil discards them.
	Logger *slog.Logger
	// Progress, when set, receives one line per stage (for a terminal).
	Progress io.Writer
}

// Outcome is how a run ended without a fault.
type Outcome int

const (
	// Done: every output was written.
	Done Outcome = iota
	// DataErrors: the data has errors; nothing was written.
	DataErrors
	// WarningsRefused: only warnings, but Strict was set; nothing written.
	WarningsRefused
)

// RunResult is what a run did.
type RunResult struct {
	Outcome Outcome
	// Problems is every problem the reader and the checks found, in order
	// (errors, warnings and notes).
	Problems data.Problems
	// Results are the figures as written (public when Public); nil when
	// the run stopped before computing.
	Results *Results
	// Manifest is the run record written; nil unless Done.
	Manifest *Manifest
	// Warnings is the number of warnings (reader and computation).
	Warnings int
}

const stages = 5

// Run reads the data, checks it, computes the results as of the evaluation
// date and writes every chosen format plus manifest.json into OutDir.
//
// The error is *UsageError for wrong use (exit 2), *WriteError when the
// outputs could not be written or the run was interrupted (the previous
// outputs are left as they were), or a *data.FileError-wrapped reading
// fault (data error). Data errors and --streng refusals are not errors but
// an Outcome, with every problem in RunResult.Problems.
func Run(ctx context.Context, opt RunOptions) (*RunResult, error) {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	started := now()
	today := data.DateOf(started)
	progress := func(stage int, text string) {
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, "[%d/%d] %s …\n", stage, stages, text)
		}
	}

	renderers, err := pickRenderers(opt.Renderers, opt.Formats)
	if err != nil {
		return nil, err
	}
	if opt.DataDir != "" {
		st, err := os.Stat(opt.DataDir)
		if err != nil {
			return nil, usageErrorf("fant ikke datamappen %q (--data).", opt.DataDir)
		}
		if !st.IsDir() {
			return nil, usageErrorf("%q er ikke en mappe (--data).", opt.DataDir)
		}
	}
	if err := checkOutDir(opt.OutDir, opt.DataDir, opt.TemplateDir); err != nil {
		return nil, err
	}
	var prev *Results
	var prevRec InputRecord
	if opt.Previous != "" {
		if prev, prevRec, err = LoadPrevious(opt.Previous); err != nil {
			return nil, err
		}
		prevPath := opt.Previous
		if st, err := os.Stat(prevPath); err == nil && st.IsDir() {
			prevPath = filepath.Join(prevPath, ResultsFileName)
		}
		for _, name := range append(outputNames(renderers), ManifestName) {
			if samePath(filepath.Join(opt.OutDir, name), prevPath) {
				return nil, usageErrorf("forrige evaluering %q ville blitt overskrevet av denne kjøringen; velg en annen utmappe med --ut (for eksempel én mappe per år).", opt.Previous)
			}
		}
	}

	// Read and check.
	progress(1, "Leser data")
	var ds *data.Dataset
	var problems data.Problems
	source := SampleSource
	if opt.DataDir == "" {
		log.Info("bruker de innebygde eksempeldataene (ingen --data)")
		ds = data.Sample()
	} else {
		source = filepath.Base(filepath.Clean(opt.DataDir))
		log.Info("leser data", "mappe", opt.DataDir)
		// The reader checks what it reads (data.ReadDir runs data.Validate).
		ds, problems, err = readDir(opt.DataDir, today)
		if err != nil {
			var fe *data.FileError
			if errors.As(err, &fe) {
				// The folder itself cannot be used (no workbooks in it): wrong --data.
				return nil, &UsageError{Msg: strings.TrimSuffix(fe.Message, ".") + " (--data)."}
			}
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}
	progress(2, "Kontrollerer data")
	if opt.DataDir == "" {
		problems = append(problems, validate(ds, today)...)
	}
	problems = withoutSSBGaps(problems)
	log.Info("data kontrollert", "feil", problems.Count(data.Error), "advarsler", problems.Count(data.Warning), "merknader", problems.Count(data.Note))
	if problems.HasErrors() || ds == nil {
		return &RunResult{Outcome: DataErrors, Problems: problems}, nil
	}

	// Compute.
	progress(3, "Beregner resultatene")
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = ds.Assumptions.EvaluationDate
	}
	if asOf.IsZero() {
		asOf = today
		log.Info("ingen evalueringsdato i Forutsetninger eller --per; bruker dagens dato", "per", asOf.String())
	}
	res := Compute(ds, asOf)
	res.Warnings = append(readerWarnings(problems), res.Warnings...)
	nWarnings := len(res.Warnings)
	log.Info("resultater beregnet", "per", asOf.String(), "advarsler", nWarnings)
	if opt.Strict && nWarnings > 0 {
		return &RunResult{Outcome: WarningsRefused, Problems: problems, Results: res, Warnings: nWarnings}, nil
	}
	if prev != nil {
		if err := CheckComparable(prev, res, prevRec.Name); err != nil {
			return nil, err
		}
	}
	limit := ds.Assumptions.SmallCount
	if limit < 1 {
		limit = DefaultSmallCount
	}
	if opt.Public {
		var prevPublic *Results
		if prev != nil {
			prevPublic = Suppress(prev, limit)
		}
		res = suppress(res, limit, familyIDs(ds), prevPublic)
		if small := SmallCounts(res, limit); len(small) > 0 {
			return nil, writeErrorf(nil, "intern feil: småtallsregelen skjulte ikke %s; ingen filer er skrevet.", strings.Join(small, ", "))
		}
		log.Info("småtallsregelen er brukt (--offentlig)", "grense", limit, "skjulte tall", len(res.Suppressed))
	} else if prev != nil {
		res.Comparison = Compare(prev, res)
	}
	res.Run = &RunInfo{
		Tool: "bobra", Version: opt.Version, Revision: opt.Revision,
		Settings:   settings(asOf, opt),
		DataSource: source,
		Inputs:     inputRecords(ds.Files),
		Public:     opt.Public, SmallCount: limit,
	}
	if opt.DataDir == "" {
		res.Run.Inputs = []InputRecord{sampleRecord(ds)}
	}
	if prev != nil {
		res.Run.Previous = &prevRec
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}

	// Render every format into a temporary file, then put them in place.
	progress(4, "Lager rapportene")
	stage, err := newStaging(opt.OutDir)
	if err != nil {
		return nil, err
	}
	defer stage.cleanup()
	outputs, err := render(ctx, stage, renderers, res, log)
	if err != nil {
		return nil, err
	}
	progress(5, "Skriver filene")
	man := newManifest(res, opt.Command, outputs, started.UTC().Format(time.RFC3339))
	body, err := man.encode()
	if err != nil {
		return nil, err
	}
	mf, err := stage.create(ManifestName, "manifest")
	if err != nil {
		return nil, err
	}
	if err := mf.write(func(w io.Writer) error { _, err := w.Write(body); return err }); err != nil {
		return nil, writeErrorf(err, "kan ikke skrive %s i %q: %s.", ManifestName, opt.OutDir, OSReason(err))
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}
	if err := stage.commit(); err != nil {
		return nil, err
	}
	for _, o := range outputs {
		log.Info("skrev", "fil", filepath.Join(opt.OutDir, o.Name), "format", o.Format)
	}
	log.Info("skrev", "fil", filepath.Join(opt.OutDir, ManifestName), "format", "manifest")
	return &RunResult{Outcome: Done, Problems: problems, Results: res, Manifest: man, Warnings: nWarnings}, nil
}

// pickRenderers returns the renderers named in formats, in the order they
// are available, or all of them when formats is empty.
func pickRenderers(all []Renderer, formats []string) ([]Renderer, error) {
	if len(formats) == 0 {
		return all, nil
	}
	var names []string
	for _, r := range all {
		names = append(names, r.Format())
	}
	want := map[string]bool{}
	for _, f := range formats {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		if !slices.Contains(names, f) {
			return nil, usageErrorf("ukjent format %q (--format); tillatte formater er: %s.", f, strings.Join(names, ", "))
		}
		want[f] = true
	}
	if len(want) == 0 {
		return nil, usageErrorf("--format er tom; tillatte formater er: %s.", strings.Join(names, ", "))
	}
	var out []Renderer
	for _, r := range all {
		if want[r.Format()] {
			out = append(out, r)
		}
	}
	return out, nil
}

func outputNames(rs []Renderer) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.FileName())
	}
	return out
}

// render runs every renderer at once, each into its own temporary file,
// and returns their records in renderer order. On the first failure it
// still waits for the others (they cannot be stopped midway) and returns
// that failure; an interruption returns at once, and the temporary files
// are removed by the caller's cleanup.
func render(ctx context.Context, stage *staging, rs []Renderer, res *Results, log *slog.Logger) ([]OutputRecord, error) {
	files := make([]*stagedFile, len(rs))
	for i, r := range rs {
		f, err := stage.create(r.FileName(), r.Format())
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	errs := make([]error, len(rs))
	var wg sync.WaitGroup
	for i, r := range rs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					// The panic's own text is Go's English; people get
					// what to do, and the format that failed.
					errs[i] = fmt.Errorf("intern feil i bobra da %s skulle lages (en feil i programmet, ikke i dataene); send kommandoen du kjørte og utskriften av «bobra versjon» til dem som vedlikeholder bobra", r.FileName())
				}
			}()
			errs[i] = files[i].write(func(w io.Writer) error { return r.Render(w, res) })
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, interrupted(ctx.Err())
	}
	for i, err := range errs {
		if err != nil {
			log.Error("formatet kunne ikke lages", "format", rs[i].Format(), "feil", err.Error())
			var mistake interface{ InputMistake() }
			if errors.As(err, &mistake) {
				return nil, &UsageError{Msg: err.Error() + ". Ingen filer er endret."}
			}
			var pe *os.PathError
			if errors.As(err, &pe) || isNoSpace(err) {
				return nil, writeErrorf(err, "kan ikke skrive %s i %q: %s. Ingen filer er endret.", rs[i].FileName(), stage.dir, OSReason(err))
			}
			return nil, writeErrorf(err, "kunne ikke lage %s (format %s): %v. Ingen filer er endret.", rs[i].FileName(), rs[i].Format(), err)
		}
	}
	out := make([]OutputRecord, len(rs))
	for i, f := range files {
		out[i] = OutputRecord{Name: f.name, Format: f.format, Size: f.size, SHA256: f.sum}
	}
	return out, nil
}

func interrupted(err error) error {
	return writeErrorf(err, "kjøringen ble avbrutt; ingen filer er endret.")
}

// settings writes the options that decide the figures, in a fixed order,
// for the reports' "Om kjøringen". Paths are reduced to base names so the
// same run from another folder gives the same report.
func settings(asOf data.Date, opt RunOptions) string {
	parts := []string{"--per " + asOf.String()}
	if opt.Public {
		parts = append(parts, "--offentlig")
	}
	if opt.Previous != "" {
		parts = append(parts, "--forrige "+filepath.Base(filepath.Clean(opt.Previous)))
	}
	if opt.TemplateDir != "" {
		parts = append(parts, "--maler "+filepath.Base(filepath.Clean(opt.TemplateDir)))
	}
	return strings.Join(parts, " ")
}

// withoutSSBGaps drops the checks' warnings about years missing in the SSB
// tables. The computation warns about each gap it meets, for this run's
// evaluation date (which --per may set), and names the year it used
// instead; the checks only know Evalueringsdato, and would say the same
// thing a second time.
func withoutSSBGaps(ps data.Problems) data.Problems {
	out := ps[:0:0]
	for _, p := range ps {
		if p.Kind != data.KindSSBGap {
			out = append(out, p)
		}
	}
	return out
}

// readerWarnings turns the reader's and checks' warnings into result
// warnings, so the reports' data-quality section lists them too.
func readerWarnings(ps data.Problems) []Warning {
	var out []Warning
	for _, p := range ps.Only(data.Warning) {
		out = append(out, Warning{Kind: p.Kind, File: p.File, Sheet: p.Sheet, Cell: p.Cell, Message: p.Message})
	}
	return out
}

// familyIDs lists every FamilieID in the dataset.
func familyIDs(ds *data.Dataset) []string {
	var ids []string
	for _, f := range ds.Families {
		ids = append(ids, f.ID)
	}
	return ids
}
