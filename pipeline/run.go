// Package pipeline is one run of `bobra rapport`: it reads and checks the
// data, computes the results, makes the public copy when asked, renders
// every format and writes them with the manifest, each as a named stage
// (see Run). The figures themselves are computed in pipeline/compute, their
// schema is pipeline/results, and disclosure control and the comparison
// with a previous evaluation are pipeline/disclose.
package pipeline

import (
	"bytes"
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
	"bobra/internal/atomicfile"
	"bobra/internal/outscan"
	"bobra/pipeline/compute"
	"bobra/pipeline/disclose"
	"bobra/pipeline/results"
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
	// Read reads a data folder; nil means data.ReadDir. Tests give a
	// reader that fails in a chosen way. The dataset it returns is the
	// run's: the computation takes its rows (compute.Consume).
	Read ReadFunc

	// LockWait is how long to wait for another run writing into OutDir
	// before refusing; 0 means outlock.DefaultWait.
	LockWait time.Duration

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
	Results *results.Results
	// Manifest is the run record written; nil unless Done.
	Manifest *Manifest
	// Warnings is the number of warnings (reader and computation).
	Warnings int
}

const stages = 5

// ReadFunc reads and checks a data folder, as data.ReadDir does.
type ReadFunc func(dir string, opt data.ReadOptions) (*data.Dataset, data.Problems, error)

// Run reads the data, checks it, computes the results as of the evaluation
// date and writes every chosen format plus manifest.json into OutDir.
//
// The stages hand typed values on: prepare (the options) → read (input)
// → check (input) → compute (computed) → disclose (computed, public when
// asked) → render (rendered) → write (the manifest). Each stage is a
// method below; the stages print a progress line each, except prepare and
// disclose, which are part of their neighbours' lines.
//
// The error is *UsageError for wrong use (exit 2), *WriteError when the
// outputs could not be written or the run was interrupted (the previous
// outputs are left as they were), or a *data.FileError-wrapped reading
// fault (data error). Data errors and --streng refusals are not errors but
// an Outcome, with every problem in RunResult.Problems.
func Run(ctx context.Context, opt RunOptions) (*RunResult, error) {
	r := newRun(opt)
	p, err := r.prepare()
	if err != nil {
		return nil, err
	}
	in, err := r.read(ctx)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}
	in = r.check(p, in)
	// What the run reports on standard error and in its log; a public
	// run names no family there.
	reported := in.problems
	if opt.Public && in.ds != nil {
		in.familyIDs = disclose.FamilyIDs(in.ds)
		in.problems = append(in.problems, disclose.QuoteProblems(in.ds, in.familyIDs)...)
		reported = withoutFamilyIDs(in.problems, in.familyIDs)
	}
	if in.problems.HasErrors() || in.ds == nil {
		return &RunResult{Outcome: DataErrors, Problems: reported}, nil
	}
	c, err := r.compute(ctx, in)
	if err != nil {
		return nil, err
	}
	if opt.Strict && c.warnings > 0 {
		return &RunResult{Outcome: WarningsRefused, Problems: reported, Results: c.res, Warnings: c.warnings}, nil
	}
	if c, err = r.disclose(p, in, c); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}
	out, err := r.render(ctx, p, c)
	if out != nil {
		defer out.stage.cleanup()
	}
	if err != nil {
		return nil, err
	}
	man, err := r.write(ctx, c, out)
	if err != nil {
		return nil, err
	}
	return &RunResult{Outcome: Done, Problems: reported, Results: c.res, Manifest: man, Warnings: c.warnings}, nil
}

// run is one call of Run: its options with the defaults filled in, and the
// clock read once.
type run struct {
	opt     RunOptions
	log     *slog.Logger
	reader  ReadFunc
	started time.Time
	today   data.Date
}

func newRun(opt RunOptions) *run {
	r := &run{opt: opt, log: opt.Logger, reader: opt.Read}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.reader == nil {
		r.reader = data.ReadDir
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	r.started = now()
	r.today = data.DateOf(r.started)
	return r
}

func (r *run) progress(stage int, text string) {
	if r.opt.Progress != nil {
		fmt.Fprintf(r.opt.Progress, "[%d/%d] %s …\n", stage, stages, text)
	}
}

// plan is what prepare found: the renderers chosen and the previous
// evaluation to compare with, if any.
type plan struct {
	renderers []Renderer
	prev      *results.Results // nil without --forrige
	prevRec   results.InputRecord
}

// prepare checks every option that can be checked before reading, so that
// wrong use fails at once: the formats, the data and output folders, and
// the previous evaluation (which this run must not overwrite).
func (r *run) prepare() (plan, error) {
	opt := r.opt
	var p plan
	var err error
	if p.renderers, err = pickRenderers(opt.Renderers, opt.Formats); err != nil {
		return p, err
	}
	if opt.DataDir != "" {
		st, err := os.Stat(opt.DataDir)
		if err != nil {
			return p, usageErrorf("fant ikke datamappen %q (--data).", opt.DataDir)
		}
		if !st.IsDir() {
			return p, usageErrorf("%q er ikke en mappe (--data).", opt.DataDir)
		}
	}
	if err := checkOutDir(opt.OutDir, opt.DataDir, opt.TemplateDir); err != nil {
		return p, err
	}
	if opt.Previous == "" {
		return p, nil
	}
	if p.prev, p.prevRec, err = LoadPrevious(opt.Previous); err != nil {
		return p, err
	}
	prevPath := opt.Previous
	if st, err := os.Stat(prevPath); err == nil && st.IsDir() {
		prevPath = filepath.Join(prevPath, ResultsFileName)
	}
	for _, name := range append(outputNames(p.renderers), ManifestName) {
		if samePath(filepath.Join(opt.OutDir, name), prevPath) {
			return p, usageErrorf("forrige evaluering %q ville blitt overskrevet av denne kjøringen; velg en annen utmappe med --ut (for eksempel én mappe per år).", opt.Previous)
		}
	}
	return p, nil
}

// input is the dataset as read, with every problem found so far.
type input struct {
	ds       *data.Dataset
	problems data.Problems
	sample   bool   // the embedded sample, not a data folder
	source   string // RunInfo.DataSource
	// familyIDs are the dataset's FamilieIDs, listed once for a public run:
	// its log, its public copy and the last scan all keep them out.
	familyIDs []string
}

// read reads the data folder, or takes the embedded sample.
func (r *run) read(ctx context.Context) (input, error) {
	r.progress(1, "Leser data")
	if r.opt.DataDir == "" {
		r.log.Info("bruker de innebygde eksempeldataene (ingen --data)")
		return input{ds: data.Sample(), sample: true, source: results.SampleSource}, nil
	}
	r.log.Info("leser data", "mappe", r.opt.DataDir)
	// The reader checks what it reads (data.ReadDir runs data.Validate).
	ds, problems, err := r.reader(r.opt.DataDir, data.ReadOptions{Today: r.today, Context: ctx})
	if err != nil {
		var fe *data.FileError
		if errors.As(err, &fe) {
			// The folder itself cannot be used (no workbooks in it): wrong --data.
			return input{}, &UsageError{Msg: strings.TrimSuffix(fe.Message, ".") + " (--data)."}
		}
		return input{}, err
	}
	return input{ds: ds, problems: problems, source: filepath.Base(filepath.Clean(r.opt.DataDir))}, nil
}

// check runs the checks the reader did not (on the embedded sample), adds
// what the chosen renderers find (characters a PDF font cannot draw), and
// keeps the problems the run reports.
func (r *run) check(p plan, in input) input {
	r.progress(2, "Kontrollerer data")
	if in.sample {
		in.problems = append(in.problems, data.Validate(in.ds, r.today)...)
	}
	in.problems = withoutSSBGaps(in.problems)
	in.problems = append(in.problems, rendererProblems(p.renderers, in.ds, in.problems)...)
	r.log.Info("data kontrollert", "feil", in.problems.Count(data.Error), "advarsler", in.problems.Count(data.Warning), "merknader", in.problems.Count(data.Note))
	return in
}

// computed is the figures as they will be written.
type computed struct {
	res *results.Results
	// disclosure is what disclosure control did, for the manifest; nil
	// for an internal run.
	disclosure *DisclosureRecord
	// familyIDs are the dataset's FamilieIDs, which no public output may
	// name.
	familyIDs []string
	asOf      data.Date
	warnings  int // reader's and computation's
}

// compute works out the figures as of the evaluation date: --per, else
// Evalueringsdato in Forutsetninger, else the day of the run.
func (r *run) compute(ctx context.Context, in input) (computed, error) {
	r.progress(3, "Beregner resultatene")
	asOf := r.opt.AsOf
	if asOf.IsZero() {
		asOf = in.ds.Assumptions.EvaluationDate
	}
	if asOf.IsZero() {
		asOf = r.today
		r.log.Info("ingen evalueringsdato i Forutsetninger eller --per; bruker dagens dato", "per", asOf.String())
	}
	res, err := computeOrStop(ctx, in.ds, asOf, !in.sample)
	if err != nil {
		return computed{}, err
	}
	res.Warnings = append(readerWarnings(in.problems), res.Warnings...)
	r.log.Info("resultater beregnet", "per", asOf.String(), "advarsler", len(res.Warnings))
	return computed{res: res, asOf: asOf, warnings: len(res.Warnings)}, nil
}

// computeOrStop is compute.Compute, returning at once when ctx is done (a
// stop signal): the computation writes nothing, so it is left to the
// process's end. A panic in it is raised again here, as if it had run on
// this goroutine.
//
// With consume, the computation takes the dataset's rows (compute.Consume)
// and ds keeps its Assumptions and Files, all the run needs of it after:
// the rows are let go of while computing and are garbage while rendering.
// The embedded sample's row counts go into its input record, so it is
// computed without.
func computeOrStop(ctx context.Context, ds *data.Dataset, asOf data.Date, consume bool) (*results.Results, error) {
	done := make(chan struct{})
	var res *results.Results
	var failure any
	run := compute.Compute
	if consume {
		run = compute.Consume
	}
	go func() {
		defer close(done)
		defer func() { failure = recover() }()
		res = run(ds, asOf)
	}()
	select {
	case <-done:
		if failure != nil {
			panic(failure)
		}
		return res, nil
	case <-ctx.Done():
		return nil, interrupted(ctx.Err())
	}
}

// disclose compares with the previous evaluation, makes the public copy
// under the small-number rule when asked (refusing to go on if a small
// count is still visible), and records the run on the results.
func (r *run) disclose(p plan, in input, c computed) (computed, error) {
	opt := r.opt
	if p.prev != nil {
		if err := CheckComparable(p.prev, c.res, p.prevRec.Name); err != nil {
			return c, err
		}
	}
	limit := in.ds.Assumptions.SmallCount
	if limit < 1 {
		limit = disclose.DefaultSmallCount
	}
	res := c.res
	if opt.Public {
		var prevPublic *results.Results
		if p.prev != nil {
			prevPublic = disclose.Suppress(p.prev, limit)
		}
		c.familyIDs = in.familyIDs
		public, outcome, err := disclose.Protect(res, limit, c.familyIDs, prevPublic)
		if err != nil {
			return c, &DisclosureError{Msg: err.Error(), Err: err}
		}
		if small := disclose.SmallCounts(public, limit); len(small) > 0 {
			return c, writeErrorf(nil, "intern feil: småtallsregelen skjulte ikke %s; ingen filer er skrevet.", strings.Join(small, ", "))
		}
		res = public
		c.disclosure = &DisclosureRecord{SmallCount: limit, Primary: outcome.Primary, Secondary: outcome.Secondary,
			Audited: outcome.Audited, AuditPassed: true}
		r.log.Info("småtallsregelen er brukt og kontrollert (--offentlig)", "grense", limit, "skjulte tall", len(res.Suppressed),
			"primære", outcome.Primary, "sekundære", outcome.Secondary)
	} else if p.prev != nil {
		res.Comparison = disclose.Compare(p.prev, res)
	}
	res.Run = &results.RunInfo{
		Tool: "bobra", Version: opt.Version, Revision: opt.Revision,
		Settings:   settings(c.asOf, opt),
		DataSource: in.source,
		Inputs:     inputRecords(in.ds.Files),
		Public:     opt.Public, SmallCount: limit,
	}
	if in.sample {
		res.Run.Inputs = []results.InputRecord{sampleRecord(in.ds)}
	}
	if p.prev != nil {
		res.Run.Previous = &p.prevRec
	}
	if opt.Public {
		publicRunInfo(res.Run, in.sample)
	}
	c.res = res
	return c, nil
}

// rendered is every output written to its temporary file, not yet in
// place.
type rendered struct {
	stage   *staging
	outputs []OutputRecord
	// bytes are each output's bytes, kept in a public run for the scan
	// before writing.
	bytes [][]byte
}

// render makes every chosen format into a temporary file in the output
// folder. The caller removes the temporary files (stage.cleanup) whatever
// happens after.
func (r *run) render(ctx context.Context, p plan, c computed) (*rendered, error) {
	r.progress(4, "Lager rapportene")
	stage, err := newStaging(r.opt.OutDir, r.opt.LockWait)
	if err != nil {
		return nil, err
	}
	out := &rendered{stage: stage}
	out.outputs, out.bytes, err = renderAll(ctx, stage, p.renderers, c.res, r.log, r.opt.Public)
	return out, err
}

// write adds the manifest and puts every file in place.
func (r *run) write(ctx context.Context, c computed, out *rendered) (*Manifest, error) {
	r.progress(5, "Skriver filene")
	command := r.opt.Command
	if r.opt.Public {
		command = publicCommand(command)
	}
	man := newManifest(c.res, command, out.outputs, r.started.UTC().Format(time.RFC3339))
	man.Disclosure = c.disclosure
	body, err := man.encode()
	if err != nil {
		return nil, err
	}
	if r.opt.Public {
		if err := scanOutputs(out, body, c.familyIDs); err != nil {
			return nil, err
		}
	}
	mf, err := out.stage.create(ManifestName, "manifest")
	if err != nil {
		return nil, err
	}
	if err := mf.write(func(w io.Writer) error { _, err := w.Write(body); return err }); err != nil {
		return nil, writeErrorf(err, "kan ikke skrive %s i %q: %s.", ManifestName, r.opt.OutDir, OSReason(err))
	}
	if err := ctx.Err(); err != nil {
		return nil, interrupted(err)
	}
	if err := out.stage.commit(); err != nil {
		return nil, err
	}
	for _, o := range out.outputs {
		r.log.Info("skrev", "fil", filepath.Join(r.opt.OutDir, o.Name), "format", o.Format)
	}
	r.log.Info("skrev", "fil", filepath.Join(r.opt.OutDir, ManifestName), "format", "manifest")
	return man, nil
}

// publicCommand is the command line as a public run record gives it: the
// data folder's name replaced by "datamappen" (the name may say whose data
// they are), and every other folder or file given by path reduced to its
// own name, as the settings are, so that no local path (a user's name, the
// folders above the output) reaches a public file.
func publicCommand(command []string) []string {
	out := append([]string{}, command...)
	public := func(flag, value string) string {
		if flag == "data" {
			return DataFolderName
		}
		return filepath.Base(filepath.Clean(value))
	}
	for i := 0; i < len(out); i++ {
		name, value, hasValue := strings.Cut(strings.TrimLeft(out[i], "-"), "=")
		if !strings.HasPrefix(out[i], "-") || !pathFlags[name] {
			continue
		}
		if hasValue {
			out[i] = out[i][:strings.IndexByte(out[i], '=')+1] + public(name, value)
		} else if i+1 < len(out) {
			out[i+1] = public(name, out[i+1])
			i++
		}
	}
	return out
}

// pathFlags are the flags of `bobra rapport` whose value is a path.
var pathFlags = map[string]bool{"data": true, "ut": true, "forrige": true, "maler": true}

// withoutFamilyIDs takes the FamilieIDs out of the problems a public run
// reports on standard error and in its log: each problem still names its
// file, sheet and cell, which is where to look.
func withoutFamilyIDs(ps data.Problems, familyIDs []string) data.Problems {
	ids := outscan.NewIDs(familyIDs)
	out := make(data.Problems, len(ps))
	for i, p := range ps {
		p.Message = ids.Mask(p.Message, "(FamilieID vises ikke)")
		if ids.Mask(p.Value, "") != p.Value {
			p.Value = ""
		}
		out[i] = p
	}
	return out
}

// scanOutputs is the last step before a public run writes: every output
// and the manifest, read back as a reader would see them, must hold no
// identity number in any form and name no family.
func scanOutputs(out *rendered, manifest []byte, familyIDs []string) error {
	ids := outscan.NewIDs(familyIDs)
	check := func(name string, b []byte) error {
		switch outscan.Scan(name, b, ids) {
		case outscan.IdentityNumber:
			return &DisclosureError{Msg: fmt.Sprintf("%s ville inneholdt noe som ligner et fødselsnummer eller D-nummer; ingen filer er skrevet. Finn det i dataene med «bobra valider».", name)}
		case outscan.FamilyID:
			return &DisclosureError{Msg: fmt.Sprintf("%s ville nevnt en FamilieID; ingen filer er skrevet. Det er en feil i bobra; den interne rapporten viser hvilken.", name)}
		}
		return nil
	}
	for i, o := range out.outputs {
		if err := check(o.Name, out.bytes[i]); err != nil {
			return err
		}
	}
	return check(ManifestName, manifest)
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

// renderAll runs every renderer at once, each into its own temporary file,
// and returns their records in renderer order. On the first failure it
// still waits for the others (they cannot be stopped midway) and returns
// that failure; an interruption returns at once, and the temporary files
// are removed by the caller's cleanup.
func renderAll(ctx context.Context, stage *staging, rs []Renderer, res *results.Results, log *slog.Logger, keep bool) ([]OutputRecord, [][]byte, error) {
	defer shareAll(rs, res)()
	files := make([]*stagedFile, len(rs))
	for i, r := range rs {
		f, err := stage.create(r.FileName(), r.Format())
		if err != nil {
			return nil, nil, err
		}
		files[i] = f
	}
	errs := make([]error, len(rs))
	kept := make([][]byte, len(rs))
	bufs := make([]*bytes.Buffer, len(rs))
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
			errs[i] = files[i].write(func(w io.Writer) error {
				if keep {
					bufs[i] = new(bytes.Buffer)
					w = io.MultiWriter(w, bufs[i])
				}
				return r.Render(w, res)
			})
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return nil, nil, interrupted(ctx.Err())
	}
	for i, err := range errs {
		if err != nil {
			log.Error("formatet kunne ikke lages", "format", rs[i].Format(), "feil", err.Error())
			var mistake interface{ InputMistake() }
			if errors.As(err, &mistake) {
				return nil, nil, &UsageError{Msg: err.Error() + ". Ingen filer er endret."}
			}
			var pe *os.PathError
			if errors.As(err, &pe) || atomicfile.IsNoSpace(err) {
				return nil, nil, writeErrorf(err, "kan ikke skrive %s i %q: %s. Ingen filer er endret.", rs[i].FileName(), stage.dir, OSReason(err))
			}
			return nil, nil, writeErrorf(err, "kunne ikke lage %s (format %s): %v. Ingen filer er endret.", rs[i].FileName(), rs[i].Format(), err)
		}
	}
	for i, b := range bufs {
		if b != nil {
			kept[i] = b.Bytes()
		}
	}
	out := make([]OutputRecord, len(rs))
	for i, f := range files {
		out[i] = OutputRecord{Name: f.name, Format: f.format, Size: f.file.Size(), SHA256: f.file.SHA256()}
	}
	return out, kept, nil
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
func readerWarnings(ps data.Problems) []results.Warning {
	var out []results.Warning
	for _, p := range ps.Only(data.Warning) {
		out = append(out, results.Warning{Kind: p.Kind, File: p.File, Sheet: p.Sheet, Cell: p.Cell, Message: p.Message})
	}
	return out
}

// rendererProblems are the problems the chosen renderers find in ds that
// are not among known already.
func rendererProblems(renderers []Renderer, ds *data.Dataset, known data.Problems) data.Problems {
	if ds == nil {
		return nil
	}
	seen := map[data.Problem]bool{}
	for _, p := range known {
		seen[p] = true
	}
	var out data.Problems
	for _, r := range renderers {
		c, ok := r.(DataChecker)
		if !ok {
			continue
		}
		for _, p := range c.CheckData(ds) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
