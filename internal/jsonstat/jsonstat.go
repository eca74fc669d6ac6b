// Package jsonstat reads JSON-stat 2.0 datasets as statistics offices'
// PxWeb servers send them (SSB's PxWebApi v0/v1 with response format
// json-stat2, and PxWebApi v2). It keeps every value as the text the
// document holds, so money and indexes become exact decimals, never
// float64.
//
// The shapes the format allows and PxWeb hosts use are all read:
// category.index as an object or an array, value as an array or a sparse
// object, null values with status as a string, an array or a sparse
// object, dimensions in any order (found by id or role, never by
// position), and notes at dataset, dimension and category level.
//
// Errors are one Norwegian phrase without the file name; the caller adds
// it.
package jsonstat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// MaxCells bounds the number of cells a document may describe, so that a
// hostile size array cannot make the reader allocate without bound. SSB's
// own API refuses answers with more than 800 000 cells.
const MaxCells = 4_000_000

// Dataset is one JSON-stat 2.0 dataset.
type Dataset struct {
	Label   string // "09895: Gjennomsnittlig leie …"
	Source  string // "Statistisk sentralbyrå"
	Updated string // as the document writes it: "2025-12-22T07:00:00Z"
	// TableID is the PxWeb table number: extension.px.tableid, else the
	// digits before the colon that begins the label ("09895: …").
	TableID    string
	Notes      []string    // the dataset's notes, in document order
	Dimensions []Dimension // in the order of the document's id array

	size   []int
	dense  []Value       // values when the document gives an array
	sparse map[int]Value // values when it gives an object
	// allStatus is the status of a sparse document's absent cells when
	// status is one string for all.
	allStatus string
	cells     int
}

// Dimension is one dimension of a dataset.
type Dimension struct {
	ID         string
	Label      string
	Role       string // "time", "geo", "metric" or "" (from the dataset's role object)
	Notes      []string
	Categories []Category // in index order
}

// Category is one category of a dimension.
type Category struct {
	Code  string
	Label string // the code when the document gives no label
	Notes []string
}

// Value is one cell. Present is false for a null (or absent sparse) value;
// Status is the cell's status symbol, if any (SSB: ".." no data, ":"
// confidential, "." cannot occur).
type Value struct {
	Text    string // the number as the document writes it: "15150", "136.2"
	Present bool
	Status  string
}

// Dimension returns the dimension with the given id.
func (d *Dataset) Dimension(id string) (*Dimension, bool) {
	for i := range d.Dimensions {
		if d.Dimensions[i].ID == id {
			return &d.Dimensions[i], true
		}
	}
	return nil, false
}

// ByRole returns the first dimension with the given role.
func (d *Dataset) ByRole(role string) (*Dimension, bool) {
	for i := range d.Dimensions {
		if d.Dimensions[i].Role == role {
			return &d.Dimensions[i], true
		}
	}
	return nil, false
}

// Cells is the number of cells the dataset describes (the product of its
// sizes).
func (d *Dataset) Cells() int { return d.cells }

// At returns the cell at the given category positions, one per dimension
// in the order of Dimensions. It returns a zero Value for positions out of
// range.
func (d *Dataset) At(pos []int) Value {
	if len(pos) != len(d.size) {
		return Value{}
	}
	n := 0
	for i, p := range pos {
		if p < 0 || p >= d.size[i] {
			return Value{}
		}
		n = n*d.size[i] + p
	}
	if d.dense != nil {
		return d.dense[n]
	}
	v, ok := d.sparse[n]
	if !ok {
		v.Status = d.allStatus
	}
	return v
}

// Position returns the position of the category with the given code.
func (dim *Dimension) Position(code string) (int, bool) {
	for i, c := range dim.Categories {
		if c.Code == code {
			return i, true
		}
	}
	return 0, false
}

// raw is the document as decoded before checking.
type raw struct {
	Version   string                     `json:"version"`
	Class     string                     `json:"class"`
	Label     string                     `json:"label"`
	Source    string                     `json:"source"`
	Updated   string                     `json:"updated"`
	Note      json.RawMessage            `json:"note"`
	Role      map[string][]string        `json:"role"`
	ID        []string                   `json:"id"`
	Size      []int                      `json:"size"`
	Dimension map[string]json.RawMessage `json:"dimension"`
	Extension json.RawMessage            `json:"extension"`
	Value     json.RawMessage            `json:"value"`
	Status    json.RawMessage            `json:"status"`
}

type rawDimension struct {
	Label    string          `json:"label"`
	Note     json.RawMessage `json:"note"`
	Category struct {
		Index json.RawMessage `json:"index"`
		Label json.RawMessage `json:"label"`
		Note  json.RawMessage `json:"note"`
	} `json:"category"`
}

// Parse reads one JSON-stat 2.0 dataset.
func Parse(b []byte) (*Dataset, error) {
	var r raw
	if err := decode(b, &r); err != nil {
		return nil, err
	}
	if r.Class != "" && r.Class != "dataset" {
		return nil, fmt.Errorf("dokumentet er et JSON-stat-«%s», ikke et datasett", clip(r.Class))
	}
	if r.Dimension == nil || r.ID == nil || r.Size == nil {
		return nil, errors.New("dokumentet er ikke et JSON-stat2-datasett (id, size eller dimension mangler)")
	}
	if len(r.ID) != len(r.Size) {
		return nil, fmt.Errorf("id har %d dimensjoner, men size har %d", len(r.ID), len(r.Size))
	}
	d := &Dataset{Label: r.Label, Source: r.Source, Updated: r.Updated, size: r.Size}
	var err error
	if d.Notes, err = notes(r.Note, "note"); err != nil {
		return nil, err
	}
	d.TableID = tableID(r.Extension, r.Label)
	roles := map[string]string{}
	for _, role := range sortedKeys(r.Role) {
		for _, id := range r.Role[role] {
			if _, taken := roles[id]; !taken {
				roles[id] = role
			}
		}
	}
	cells := 1
	for i, id := range r.ID {
		if r.Size[i] < 1 {
			return nil, fmt.Errorf("dimensjonen «%s» har størrelse %d", clip(id), r.Size[i])
		}
		if cells > MaxCells/r.Size[i] {
			return nil, fmt.Errorf("datasettet har flere enn %d celler", MaxCells)
		}
		cells *= r.Size[i]
	}
	seen := map[string]bool{}
	for i, id := range r.ID {
		if seen[id] {
			return nil, fmt.Errorf("dimensjonen «%s» står to ganger i id", clip(id))
		}
		seen[id] = true
		rd, ok := r.Dimension[id]
		if !ok {
			return nil, fmt.Errorf("dimensjonen «%s» står i id, men ikke under dimension", clip(id))
		}
		dim, err := parseDimension(id, rd, r.Size[i])
		if err != nil {
			return nil, err
		}
		dim.Role = roles[id]
		d.Dimensions = append(d.Dimensions, dim)
	}
	d.cells = cells
	if err := d.parseValues(r.Value, r.Status); err != nil {
		return nil, err
	}
	return d, nil
}

// decode unmarshals b with numbers kept as text, saying in Norwegian what
// is wrong.
func decode(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(v)
	if err == nil {
		if _, tokErr := dec.Token(); tokErr == nil {
			return errors.New("dokumentet har mer innhold etter datasettet")
		}
		return nil
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("dokumentet er ikke gyldig JSON (feil ved tegn %d)", syn.Offset)
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return errors.New("dokumentet er ikke et JSON-objekt")
		}
		return fmt.Errorf("feltet «%s» har feil type", clip(field))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("dokumentet er tomt eller slutter for tidlig")
	}
	return errors.New("dokumentet er ikke gyldig JSON")
}

func parseDimension(id string, b json.RawMessage, size int) (Dimension, error) {
	var rd rawDimension
	if err := decode(b, &rd); err != nil {
		return Dimension{}, fmt.Errorf("dimensjonen «%s»: %w", clip(id), err)
	}
	dim := Dimension{ID: id, Label: rd.Label}
	var err error
	if dim.Notes, err = notes(rd.Note, "note"); err != nil {
		return Dimension{}, fmt.Errorf("dimensjonen «%s»: %w", clip(id), err)
	}
	labels := map[string]string{}
	if len(rd.Category.Label) > 0 && string(rd.Category.Label) != "null" {
		if err := decode(rd.Category.Label, &labels); err != nil {
			return Dimension{}, fmt.Errorf("dimensjonen «%s», category.label: %w", clip(id), err)
		}
	}
	codes, err := categoryCodes(rd.Category.Index, labels, size)
	if err != nil {
		return Dimension{}, fmt.Errorf("dimensjonen «%s»: %w", clip(id), err)
	}
	catNotes := map[string]json.RawMessage{}
	if len(rd.Category.Note) > 0 && string(rd.Category.Note) != "null" {
		if err := decode(rd.Category.Note, &catNotes); err != nil {
			return Dimension{}, fmt.Errorf("dimensjonen «%s», category.note: %w", clip(id), err)
		}
	}
	for _, code := range codes {
		c := Category{Code: code, Label: code}
		if l, ok := labels[code]; ok {
			c.Label = l
		}
		if c.Notes, err = notes(catNotes[code], "category.note"); err != nil {
			return Dimension{}, fmt.Errorf("dimensjonen «%s»: %w", clip(id), err)
		}
		dim.Categories = append(dim.Categories, c)
	}
	return dim, nil
}

// categoryCodes returns the codes in index order. The index is an object
// {code: position} or an array of codes; without one, a dimension of one
// category takes it from the labels (JSON-stat allows that).
func categoryCodes(index json.RawMessage, labels map[string]string, size int) ([]string, error) {
	if len(index) == 0 || string(index) == "null" {
		if size == 1 && len(labels) == 1 {
			for code := range labels {
				return []string{code}, nil
			}
		}
		return nil, errors.New("category.index mangler")
	}
	var codes []string
	if bytes.HasPrefix(bytes.TrimSpace(index), []byte("[")) {
		if err := decode(index, &codes); err != nil {
			return nil, fmt.Errorf("category.index: %w", err)
		}
	} else {
		var pos map[string]int
		if err := decode(index, &pos); err != nil {
			return nil, fmt.Errorf("category.index: %w", err)
		}
		if len(pos) != size {
			return nil, fmt.Errorf("category.index har %d kategorier, men size sier %d", len(pos), size)
		}
		codes = make([]string, size)
		for code, p := range pos {
			if p < 0 || p >= size || codes[p] != "" {
				return nil, fmt.Errorf("category.index har en ugyldig eller dobbel plass %d", p)
			}
			codes[p] = code
		}
	}
	if len(codes) != size {
		return nil, fmt.Errorf("category.index har %d kategorier, men size sier %d", len(codes), size)
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if seen[c] {
			return nil, fmt.Errorf("kategorien «%s» står to ganger i category.index", clip(c))
		}
		seen[c] = true
	}
	return codes, nil
}

// parseValues reads value (array or sparse object of numbers, strings or
// nulls) and status (one string for all, an array, or a sparse object).
func (d *Dataset) parseValues(value, status json.RawMessage) error {
	st, err := parseStatus(status, d.cells)
	if err != nil {
		return err
	}
	trimmed := bytes.TrimSpace(value)
	switch {
	case len(trimmed) == 0 || string(trimmed) == "null":
		return errors.New("value mangler")
	case trimmed[0] == '[':
		var vs []any
		if err := decode(trimmed, &vs); err != nil {
			return fmt.Errorf("value: %w", err)
		}
		if len(vs) != d.cells {
			return fmt.Errorf("value har %d tall, men dimensjonene gir %d celler", len(vs), d.cells)
		}
		d.dense = make([]Value, len(vs))
		for i, v := range vs {
			cell, err := cellOf(v, i)
			if err != nil {
				return err
			}
			if s := st.at(i); s != "" {
				cell.Status = s
			}
			d.dense[i] = cell
		}
	default:
		var vs map[string]any
		if err := decode(trimmed, &vs); err != nil {
			return fmt.Errorf("value: %w", err)
		}
		d.sparse = map[int]Value{}
		for k, v := range vs {
			i, err := cellIndex(k, d.cells, "value")
			if err != nil {
				return err
			}
			cell, err := cellOf(v, i)
			if err != nil {
				return err
			}
			if s := st.at(i); s != "" {
				cell.Status = s
			}
			d.sparse[i] = cell
		}
		// A sparse value object leaves cells out; their status still
		// counts. (A status for every cell is kept by At's lookup.)
		for i, s := range st.sparse {
			c := d.sparse[i]
			c.Status = s
			d.sparse[i] = c
		}
		d.allStatus = st.all
	}
	return nil
}

func cellOf(v any, i int) (Value, error) {
	switch x := v.(type) {
	case nil:
		return Value{}, nil
	case json.Number:
		return Value{Text: x.String(), Present: true}, nil
	case string:
		// Some hosts send numbers as strings, and symbols in place of a
		// number; a symbol is a missing value with that status.
		s := strings.TrimSpace(x)
		if isNumber(s) {
			return Value{Text: s, Present: true}, nil
		}
		return Value{Status: clip(s)}, nil
	}
	return Value{}, fmt.Errorf("value nummer %d er verken et tall eller null", i)
}

// isNumber reports whether s is a JSON number.
func isNumber(s string) bool {
	var n json.Number
	return s != "" && json.Unmarshal([]byte(s), &n) == nil && n.String() == s
}

func cellIndex(k string, cells int, field string) (int, error) {
	i, err := strconv.Atoi(k)
	if err != nil || i < 0 || i >= cells || strconv.Itoa(i) != k {
		return 0, fmt.Errorf("%s har nøkkelen «%s», som ikke er en celle (0–%d)", field, clip(k), cells-1)
	}
	return i, nil
}

// status is a dataset's status: one symbol for every cell, one per cell,
// or a sparse object.
type status struct {
	all    string
	list   []*string
	sparse map[int]string
}

func (s *status) at(i int) string {
	switch {
	case s.list != nil:
		if s.list[i] != nil {
			return *s.list[i]
		}
		return ""
	case s.sparse != nil:
		return s.sparse[i]
	}
	return s.all
}

func parseStatus(b json.RawMessage, cells int) (*status, error) {
	trimmed := bytes.TrimSpace(b)
	switch {
	case len(trimmed) == 0 || string(trimmed) == "null":
		return &status{}, nil
	case trimmed[0] == '"':
		var s string
		if err := decode(trimmed, &s); err != nil {
			return nil, fmt.Errorf("status: %w", err)
		}
		return &status{all: s}, nil
	case trimmed[0] == '[':
		var ss []*string
		if err := decode(trimmed, &ss); err != nil {
			return nil, fmt.Errorf("status: %w", err)
		}
		if len(ss) != cells {
			return nil, fmt.Errorf("status har %d verdier, men dimensjonene gir %d celler", len(ss), cells)
		}
		return &status{list: ss}, nil
	}
	var m map[string]string
	if err := decode(trimmed, &m); err != nil {
		return nil, fmt.Errorf("status: %w", err)
	}
	st := &status{sparse: map[int]string{}}
	for k, s := range m {
		i, err := cellIndex(k, cells, "status")
		if err != nil {
			return nil, err
		}
		st.sparse[i] = s
	}
	return st, nil
}

// notes reads a note: JSON-stat gives an array of strings; a lone string
// is taken as one note.
func notes(b json.RawMessage, field string) ([]string, error) {
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 || string(trimmed) == "null" {
		return nil, nil
	}
	if trimmed[0] == '"' {
		var s string
		if err := decode(trimmed, &s); err != nil {
			return nil, fmt.Errorf("%s: %w", field, err)
		}
		return []string{s}, nil
	}
	var ns []string
	if err := decode(trimmed, &ns); err != nil {
		return nil, fmt.Errorf("%s: %w", field, err)
	}
	return ns, nil
}

// tableID finds the PxWeb table number: extension.px.tableid, else the
// label's "09895: …" prefix.
func tableID(ext json.RawMessage, label string) string {
	var e struct {
		Px struct {
			TableID string `json:"tableid"`
		} `json:"px"`
	}
	if len(ext) > 0 && json.Unmarshal(ext, &e) == nil && e.Px.TableID != "" {
		return e.Px.TableID
	}
	if head, _, ok := strings.Cut(label, ":"); ok {
		head = strings.TrimSpace(head)
		if head != "" && strings.Trim(head, "0123456789") == "" {
			return head
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// clip shortens text from the document for a message, so a hostile
// document cannot flood the user's terminal.
func clip(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
