package results

import (
	"encoding/json"
	"strconv"

	"bobra/internal/fastdec"

	"github.com/shopspring/decimal"
)

// The value types below carry exact decimals through the pipeline and fix
// how each kind of figure is written in resultater.json: money as a string
// of whole kroner, shares with 4 decimals, persons with 2. Rounding is
// always half away from zero (decimal.Round), and happens only here and in
// the Norwegian formatter, never in the arithmetic.
//
// Hidden marks a figure withheld by the small-number rule in public outputs
// (see Suppress); it is written as null, and its path is listed in
// Results.Suppressed.

// Count is a number of families, children, homes or persons.
//
// Small marks a hidden count that is itself between 1 and the threshold − 1,
// so it may be shown as "færre enn N". A count hidden only so that another
// cannot be worked out from a sum (secondary suppression) has Hidden
// without Small and must be shown as "skjult": it may well be large.
// Small is not written to JSON (both are null there).
type Count struct {
	N      int
	Hidden bool
	Small  bool
}

// C returns a visible count.
func C(n int) Count { return Count{N: n} }

func (c Count) MarshalJSON() ([]byte, error) {
	if c.Hidden {
		return []byte("null"), nil
	}
	return []byte(strconv.Itoa(c.N)), nil
}

func (c *Count) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*c = Count{Hidden: true}
		return nil
	}
	return json.Unmarshal(b, &c.N)
}

// Money is an amount in kroner, exact; written as whole kroner.
type Money struct {
	V      decimal.Decimal
	Hidden bool
}

// M returns a visible amount.
func M(d decimal.Decimal) Money { return Money{V: d} }

func (m Money) MarshalJSON() ([]byte, error) {
	return marshalDecimal(m.V, m.Hidden, 0)
}

func (m *Money) UnmarshalJSON(b []byte) error {
	return unmarshalDecimal(b, &m.V, &m.Hidden)
}

// Share is a proportion (0.05 = 5 %), exact; written with 4 decimals.
// A share whose denominator is zero is not a Share but a nil *Share.
type Share struct {
	V      decimal.Decimal
	Hidden bool
}

// S returns a visible share.
func S(d decimal.Decimal) Share { return Share{V: d} }

func (s Share) MarshalJSON() ([]byte, error) {
	return marshalDecimal(s.V, s.Hidden, 4)
}

func (s *Share) UnmarshalJSON(b []byte) error {
	return unmarshalDecimal(b, &s.V, &s.Hidden)
}

// Persons is a possibly fractional number of persons (97 × 5 % = 4.85);
// written with 2 decimals.
type Persons struct {
	V      decimal.Decimal
	Hidden bool
}

func (p Persons) MarshalJSON() ([]byte, error) {
	return marshalDecimal(p.V, p.Hidden, 2)
}

func (p *Persons) UnmarshalJSON(b []byte) error {
	return unmarshalDecimal(b, &p.V, &p.Hidden)
}

// Number is any other exact quantity (an index value, a ratio such as
// savings per krone); written with 4 decimals.
type Number struct {
	V      decimal.Decimal
	Hidden bool
}

func (n Number) MarshalJSON() ([]byte, error) {
	return marshalDecimal(n.V, n.Hidden, 4)
}

func (n *Number) UnmarshalJSON(b []byte) error {
	return unmarshalDecimal(b, &n.V, &n.Hidden)
}

func marshalDecimal(d decimal.Decimal, hidden bool, places int32) ([]byte, error) {
	if hidden {
		return []byte("null"), nil
	}
	// AppendFixed is StringFixed, which rounds half away from zero like
	// decimal.Round; its digits, sign and point need no quoting.
	b := make([]byte, 0, 24)
	b = append(b, '"')
	b = fastdec.AppendFixed(b, d, places)
	return append(b, '"'), nil
}

func unmarshalDecimal(b []byte, d *decimal.Decimal, hidden *bool) error {
	if string(b) == "null" {
		*d, *hidden = decimal.Zero, true
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return err
	}
	*d, *hidden = v, false
	return nil
}

// ByPhase holds a figure for each part of the programme; it is written as
// {"1": ..., "2": ...}.
type ByPhase[T any] struct {
	P1 T `json:"1"`
	P2 T `json:"2"`
}

// Get returns the figure for phase 1 or 2.
func (b *ByPhase[T]) Get(phase int) *T {
	if phase == 1 {
		return &b.P1
	}
	return &b.P2
}

// OptMoney is a Money that may be absent, held as a value: the per-home
// figures of a national run are a dozen for each of 300 000 homes, and a
// *Money costs three times the bytes. It is written in JSON as *Money is
// (null when absent or hidden), and Ptr gives the *Money to code that
// reads a few.
type OptMoney struct{ p fastdec.Packed }

// SomeMoney returns a visible amount.
func SomeMoney(d decimal.Decimal) OptMoney { return OptMoney{fastdec.Pack(d)} }

// IsSet reports whether the amount is there.
func (m OptMoney) IsSet() bool { return m.p.IsSet() }

// Hide returns the amount withheld (written as null).
func (m OptMoney) Hide() OptMoney {
	m.p.Flag = m.p.IsSet()
	return m
}

// Ptr returns the amount as a *Money, nil when absent.
func (m OptMoney) Ptr() *Money {
	if !m.p.IsSet() {
		return nil
	}
	return &Money{V: m.p.Decimal(), Hidden: m.p.Flag}
}

// Packed returns the amount (absent when not set, Flag when hidden) for
// writers that format it without making a decimal.
func (m OptMoney) Packed() fastdec.Packed { return m.p }

func (m OptMoney) MarshalJSON() ([]byte, error) { return marshalPacked(m.p, 0), nil }

func (m *OptMoney) UnmarshalJSON(b []byte) error { return unmarshalPacked(b, &m.p) }

// OptShare is a Share that may be absent, held as a value (see OptMoney).
type OptShare struct{ p fastdec.Packed }

// SomeShare returns a visible share.
func SomeShare(d decimal.Decimal) OptShare { return OptShare{fastdec.Pack(d)} }

// IsSet reports whether the share is there.
func (s OptShare) IsSet() bool { return s.p.IsSet() }

// Hide returns the share withheld (written as null).
func (s OptShare) Hide() OptShare {
	s.p.Flag = s.p.IsSet()
	return s
}

// Ptr returns the share as a *Share, nil when absent.
func (s OptShare) Ptr() *Share {
	if !s.p.IsSet() {
		return nil
	}
	return &Share{V: s.p.Decimal(), Hidden: s.p.Flag}
}

// Packed is OptMoney.Packed for a share.
func (s OptShare) Packed() fastdec.Packed { return s.p }

func (s OptShare) MarshalJSON() ([]byte, error) { return marshalPacked(s.p, 4), nil }

func (s *OptShare) UnmarshalJSON(b []byte) error { return unmarshalPacked(b, &s.p) }

// AppendPacked appends what marshalDecimal writes for p (null when p is
// absent or hidden), without making a decimal.
func AppendPacked(b []byte, p fastdec.Packed, places int32) []byte {
	if !p.IsSet() || p.Flag {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = p.AppendFixed(b, places)
	return append(b, '"')
}

func marshalPacked(p fastdec.Packed, places int32) []byte {
	return AppendPacked(make([]byte, 0, 24), p, places)
}

func unmarshalPacked(b []byte, p *fastdec.Packed) error {
	if string(b) == "null" {
		*p = fastdec.Packed{}
		return nil
	}
	var d decimal.Decimal
	var hidden bool
	if err := unmarshalDecimal(b, &d, &hidden); err != nil {
		return err
	}
	*p = fastdec.Pack(d)
	return nil
}
