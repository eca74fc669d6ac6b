package pipeline

import (
	"encoding/json"

	"bobra/data"
)

// RunInfo says how a run was made: the tool, the settings that shape the
// figures, and every input with its checksum. The run puts it on
// Results.Run, so every report can show it in "Om kjøringen" and
// resultater.json carries it; manifest.json holds the same and more.
//
// It holds no clock reading and no output path: rebuilding a report from the
// same inputs and settings into another folder gives the same bytes.
type RunInfo struct {
	Tool     string `json:"tool"`               // "bobra"
	Version  string `json:"version"`            // module version, e.g. "(devel)" or "v1.2.0"
	Revision string `json:"revision,omitempty"` // VCS revision when built from git
	// Settings is the part of the command that decides the figures, in a
	// fixed order, e.g. "--per 2024-09-30 --offentlig --forrige resultater.json".
	Settings string `json:"settings"`
	// DataSource names where the data came from: the data folder's base
	// name, or SampleSource for the embedded sample.
	DataSource string        `json:"data_source"`
	Inputs     []InputRecord `json:"inputs"`
	// Previous is the earlier resultater.json compared with (--forrige).
	Previous *InputRecord `json:"previous,omitempty"`
	// Public mirrors Results.Public; SmallCount is the threshold used.
	Public     bool `json:"public"`
	SmallCount int  `json:"small_count"`
}

// SampleSource is RunInfo.DataSource for the embedded sample dataset.
const SampleSource = "innebygde eksempeldata"

// InputRecord is one input file as the run read it.
type InputRecord struct {
	Name   string       `json:"name"` // base name
	Size   int64        `json:"size"`
	SHA256 string       `json:"sha256"`
	Sheets []SheetCount `json:"sheets,omitempty"`
}

// SheetCount is the number of data rows read from one sheet.
type SheetCount struct {
	Sheet string `json:"sheet"`
	Rows  int    `json:"rows"`
}

// Manifest is manifest.json: the run record written beside the outputs.
// Everything but RunAt is a function of the inputs and settings.
type Manifest struct {
	Tool     string    `json:"tool"`
	Version  string    `json:"version"`
	Revision string    `json:"revision,omitempty"`
	AsOf     data.Date `json:"as_of"`
	// Command is the command line exactly as given (program name first).
	Command     []string       `json:"command"`
	Settings    string         `json:"settings"`
	DataSource  string         `json:"data_source"`
	Public      bool           `json:"public"`
	Inputs      []InputRecord  `json:"inputs"`
	Previous    *InputRecord   `json:"previous,omitempty"`
	Assumptions []Assumption   `json:"assumptions"`
	Warnings    []Warning      `json:"warnings"`
	Outputs     []OutputRecord `json:"outputs"`
	// RunAt is when the run was made (RFC 3339, UTC): the one clock reading
	// of a run, kept out of every report.
	RunAt string `json:"run_at"`
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

func newManifest(res *Results, command []string, outputs []OutputRecord, runAt string) *Manifest {
	info := res.Run
	if info == nil {
		info = &RunInfo{}
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
		m.Inputs = []InputRecord{}
	}
	if m.Assumptions == nil {
		m.Assumptions = []Assumption{}
	}
	if m.Warnings == nil {
		m.Warnings = []Warning{}
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
func inputRecords(files []data.InputFile) []InputRecord {
	out := make([]InputRecord, 0, len(files))
	for _, f := range files {
		r := InputRecord{Name: f.Name, Size: f.Size, SHA256: f.SHA256}
		for _, s := range f.Sheets {
			r.Sheets = append(r.Sheets, SheetCount{Sheet: s.Sheet, Rows: s.Rows})
		}
		out = append(out, r)
	}
	return out
}

// sampleRecord describes the embedded sample as one pseudo-input, with the
// rows per sheet it holds, so the run record of a sample run is as complete
// as that of a real one.
func sampleRecord(ds *data.Dataset) InputRecord {
	counts := []SheetCount{
		{data.SheetFamilies, len(ds.Families)},
		{data.SheetChildren, len(ds.Children)},
		{data.SheetPurchases, len(ds.Purchases)},
		{data.SheetValuations, len(ds.Valuations)},
		{data.SheetRent, len(ds.Rents)},
		{data.SheetPriceIndex, len(ds.PriceIndex)},
		{data.SheetFollowUps, len(ds.FollowUps)},
		{data.SheetContext, len(ds.Context)},
		{data.SheetAssumptions, len(ds.Assumptions.Params)},
		{data.SheetSurvey, len(ds.Survey)},
		{data.SheetQuotes, len(ds.Quotes)},
		{data.SheetResources, len(ds.Resources)},
	}
	var kept []SheetCount
	for _, c := range counts {
		if c.Rows > 0 {
			kept = append(kept, c)
		}
	}
	return InputRecord{Name: "(" + SampleSource + ")", Sheets: kept}
}
