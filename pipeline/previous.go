package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"bobra/pipeline/results"
)

// ResultsFileName is the JSON output's file name, which --forrige looks for
// when given a folder.
const ResultsFileName = "resultater.json"

// LoadPrevious reads a previous run's resultater.json, given the file or
// the folder it is in. Its errors are Norwegian sentences (*UsageError).
func LoadPrevious(path string) (*results.Results, results.InputRecord, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, results.InputRecord{}, usageErrorf("fant ikke forrige evaluering %q (--forrige).", path)
		}
		return nil, results.InputRecord{}, usageErrorf("kan ikke lese forrige evaluering %q: %v.", path, err)
	}
	if st.IsDir() {
		path = filepath.Join(path, ResultsFileName)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, results.InputRecord{}, usageErrorf("mappen %q har ingen %s fra en tidligere kjøring (--forrige).", filepath.Dir(path), ResultsFileName)
		}
		return nil, results.InputRecord{}, usageErrorf("kan ikke lese forrige evaluering %q: %v.", path, err)
	}
	sum := sha256.Sum256(b)
	rec := results.InputRecord{Name: filepath.Base(path), Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}
	var head struct {
		Schema string `json:"schema"`
	}
	if err := json.Unmarshal(b, &head); err != nil || head.Schema == "" {
		return nil, rec, usageErrorf("%s er ikke en resultatfil fra bobra (--forrige): den mangler feltet «schema».", path)
	}
	if major(head.Schema) != major(results.SchemaVersion) {
		return nil, rec, usageErrorf("%s er laget med en annen versjon av resultatformatet (%s) enn denne (%s), og kan ikke sammenlignes (--forrige).", path, head.Schema, results.SchemaVersion)
	}
	var prev results.Results
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&prev); err != nil {
		return nil, rec, usageErrorf("%s kan ikke leses som resultater fra bobra (--forrige): %v.", path, err)
	}
	return &prev, rec, nil
}

// CheckComparable refuses a previous evaluation of another programme or
// municipality, or one made after the current evaluation date.
func CheckComparable(prev, cur *results.Results, prevName string) error {
	if !sameName(prev.Programme, cur.Programme) {
		return usageErrorf("forrige evaluering (%s) gjelder prosjektet «%s», ikke «%s», og kan ikke sammenlignes (--forrige).", prevName, prev.Programme, cur.Programme)
	}
	if !sameName(prev.Municipality, cur.Municipality) {
		return usageErrorf("forrige evaluering (%s) gjelder kommunen «%s», ikke «%s», og kan ikke sammenlignes (--forrige).", prevName, prev.Municipality, cur.Municipality)
	}
	if prev.AsOf.IsZero() {
		return usageErrorf("forrige evaluering (%s) mangler evalueringsdato (as_of) (--forrige).", prevName)
	}
	if prev.AsOf.After(cur.AsOf) {
		return usageErrorf("forrige evaluering (%s) er per %s, som er etter denne evalueringen (%s) (--forrige).", prevName, prev.AsOf, cur.AsOf)
	}
	return nil
}

func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

func major(schema string) string {
	m, _, _ := strings.Cut(strings.TrimSpace(schema), ".")
	return m
}

// UsageError is wrong use of the command: a flag value that cannot work,
// such as a missing data folder or an output folder inside the data folder.
// Its message is one Norwegian sentence. Nothing is written.
type UsageError struct{ Msg string }

// DisclosureError means a public run found that a figure could be worked
// out, or that an output would name a family or hold an identity number;
// nothing was written (exit 1, like a data error: the data decide it).
type DisclosureError struct {
	Msg string
	Err error
}

func (e *DisclosureError) Error() string { return e.Msg }
func (e *DisclosureError) Unwrap() error { return e.Err }

func (e *UsageError) Error() string { return e.Msg }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}
