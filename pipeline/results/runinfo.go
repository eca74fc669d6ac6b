package results

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
