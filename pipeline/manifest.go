package pipeline

import (
	"encoding/json"

	"bobra/data"
	"bobra/pipeline/results"
)

// Manifest is manifest.json: the run record written beside the outputs.
// Everything but RunAt is a function of the inputs and settings.
type Manifest struct {
	Tool     string    `json:"tool"`
	Version  string    `json:"version"`
	Revision string    `json:"revision,omitempty"`
	AsOf     data.Date `json:"as_of"`
	// Command is the command line as given (program name first); a public
	// run gives it with its paths reduced (publicCommand).
	Command     []string              `json:"command"`
	Settings    string                `json:"settings"`
	DataSource  string                `json:"data_source"`
	Public      bool                  `json:"public"`
	Inputs      []results.InputRecord `json:"inputs"`
	Previous    *results.InputRecord  `json:"previous,omitempty"`
	Assumptions []results.Assumption  `json:"assumptions"`
	Warnings    []results.Warning     `json:"warnings"`
	Outputs     []OutputRecord        `json:"outputs"`
	// Disclosure is what disclosure control did in a public run; absent
	// from an internal one.
	Disclosure *DisclosureRecord `json:"disclosure,omitempty"`
	// RunAt is when the run was made (RFC 3339, UTC): the one clock reading
	// of a run, kept out of every report.
	RunAt string `json:"run_at"`
}

// DisclosureRecord says how a public run's figures were protected: how
// many were hidden as primary (small counts, figures over too few units)
// and as secondary (so the others cannot be worked out), how many hidden
// counts the audit bounded, and that it found every one protected (a
// failed audit writes nothing, so a written manifest always says true).
type DisclosureRecord struct {
	SmallCount  int  `json:"small_count"`
	Primary     int  `json:"primary"`
	Secondary   int  `json:"secondary"`
	Audited     int  `json:"audited"`
	AuditPassed bool `json:"audit_passed"`
}

// OutputRecord is one file a run wrote.
type OutputRecord struct {
	Name   string `json:"name"`
	Format string `json:"format"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ManifestName is the run record's file name in the output folder.
const ManifestName = "manifest.json"

func newManifest(res *results.Results, command []string, outputs []OutputRecord, runAt string) *Manifest {
	info := res.Run
	if info == nil {
		info = &results.RunInfo{}
	}
	m := &Manifest{
		Tool: info.Tool, Version: info.Version, Revision: info.Revision,
		AsOf: res.AsOf, Command: append([]string{}, command...), Settings: info.Settings,
		DataSource: info.DataSource, Public: res.Public,
		Inputs: info.Inputs, Previous: info.Previous,
		Assumptions: res.Assumptions, Warnings: res.Warnings,
		Outputs: outputs, RunAt: runAt,
	}
	if m.Inputs == nil {
		m.Inputs = []results.InputRecord{}
	}
	if m.Assumptions == nil {
		m.Assumptions = []results.Assumption{}
	}
	if m.Warnings == nil {
		m.Warnings = []results.Warning{}
	}
	if m.Command == nil {
		m.Command = []string{}
	}
	return m
}

func (m *Manifest) encode() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// inputRecords turns the reader's file list into the run record's form.
func inputRecords(files []data.InputFile) []results.InputRecord {
	out := make([]results.InputRecord, 0, len(files))
	for _, f := range files {
		r := results.InputRecord{Name: f.Name, Size: f.Size, SHA256: f.SHA256}
		for _, s := range f.Sheets {
			r.Sheets = append(r.Sheets, results.SheetCount{Sheet: s.Sheet, Rows: s.Rows})
		}
		out = append(out, r)
	}
	return out
}

// sampleRecord describes the embedded sample as one pseudo-input, with the
// rows per sheet it holds, so the run record of a sample run is as complete
// as that of a real one.
func sampleRecord(ds *data.Dataset) results.InputRecord {
	counts := []results.SheetCount{
		{Sheet: data.SheetFamilies, Rows: len(ds.Families)},
		{Sheet: data.SheetChildren, Rows: len(ds.Children)},
		{Sheet: data.SheetPurchases, Rows: len(ds.Purchases)},
		{Sheet: data.SheetValuations, Rows: len(ds.Valuations)},
		{Sheet: data.SheetRent, Rows: len(ds.Rents)},
		{Sheet: data.SheetPriceIndex, Rows: len(ds.PriceIndex)},
		{Sheet: data.SheetFollowUps, Rows: len(ds.FollowUps)},
		{Sheet: data.SheetContext, Rows: len(ds.Context)},
		{Sheet: data.SheetAssumptions, Rows: len(ds.Assumptions.Params)},
		{Sheet: data.SheetSurvey, Rows: len(ds.Survey)},
		{Sheet: data.SheetQuotes, Rows: len(ds.Quotes)},
		{Sheet: data.SheetResources, Rows: len(ds.Resources)},
	}
	var kept []results.SheetCount
	for _, c := range counts {
		if c.Rows > 0 {
			kept = append(kept, c)
		}
	}
	return results.InputRecord{Name: "(" + results.SampleSource + ")", Sheets: kept}
}

// familySheets are the sheets with a row per family, child, home,
// follow-up or respondent: their row counts describe families (the rows
// of Familier less the buyers are the families that have not bought), so
// a public run record does not give them.
var familySheets = map[string]bool{
	data.SheetFamilies: true, data.SheetChildren: true, data.SheetPurchases: true,
	data.SheetValuations: true, data.SheetFollowUps: true, data.SheetSurvey: true,
}

// DataFolderName is what a public output calls the data folder instead of
// its name, which may say whose data it is.
const DataFolderName = "datamappen"

// publicRunInfo takes out of a public run record what describes families
// or names the data folder: the row counts of family sheets and the
// folder's name. File names, sizes and checksums stay.
func publicRunInfo(info *results.RunInfo, sample bool) {
	if !sample {
		info.DataSource = DataFolderName
	}
	inputs := make([]results.InputRecord, len(info.Inputs))
	for i, in := range info.Inputs {
		var kept []results.SheetCount
		for _, s := range in.Sheets {
			if !familySheets[s.Sheet] {
				kept = append(kept, s)
			}
		}
		in.Sheets = kept
		inputs[i] = in
	}
	info.Inputs = inputs
}
