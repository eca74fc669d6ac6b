package results

import (
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
)

// An OptMoney or OptShare must be written, read back and handed on as the
// *Money or *Share it replaces: the same JSON, null for absent and hidden.
func TestOptionalFiguresAsPointers(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "-1", "0.5", "-0.5", "2.5", "1234567.891", "-98765.4321", "0.00005",
		"0.3636363636363636", "123456789012345678901234567890.5", "-0.000000000000000000001"} {
		d := decimal.RequireFromString(s)
		tests := []struct {
			name     string
			opt, ptr any
			back     func([]byte) (any, error)
		}{
			{"money", SomeMoney(d), &Money{V: d}, func(b []byte) (any, error) {
				var m OptMoney
				err := json.Unmarshal(b, &m)
				return m.Ptr(), err
			}},
			{"hidden money", SomeMoney(d).Hide(), &Money{V: d, Hidden: true}, nil},
			{"no money", OptMoney{}, (*Money)(nil), func(b []byte) (any, error) {
				var m OptMoney
				err := json.Unmarshal(b, &m)
				return m.Ptr(), err
			}},
			{"share", SomeShare(d), &Share{V: d}, func(b []byte) (any, error) {
				var v OptShare
				err := json.Unmarshal(b, &v)
				return v.Ptr(), err
			}},
			{"hidden share", SomeShare(d).Hide(), &Share{V: d, Hidden: true}, nil},
			{"no share", OptShare{}, (*Share)(nil), nil},
		}
		for _, tt := range tests {
			got, err := json.Marshal(tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(tt.ptr)
			if string(got) != string(want) {
				t.Errorf("%s %s: %s, want %s", tt.name, s, got, want)
			}
			if tt.back == nil {
				continue
			}
			back, err := tt.back(got)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := json.Marshal(back)
			if string(again) != string(want) {
				t.Errorf("%s %s read back: %s, want %s", tt.name, s, again, want)
			}
		}
		if m := SomeMoney(d).Ptr(); m == nil || !m.V.Equal(d) || m.V.Exponent() != d.Exponent() || m.Hidden {
			t.Errorf("SomeMoney(%s).Ptr() = %v", s, m)
		}
		if v := SomeShare(d).Hide().Ptr(); v == nil || !v.V.Equal(d) || !v.Hidden {
			t.Errorf("SomeShare(%s).Hide().Ptr() = %v", s, v)
		}
	}
	if (OptMoney{}).Hide().IsSet() || (OptMoney{}).Ptr() != nil || (OptShare{}).Ptr() != nil {
		t.Error("an absent figure must stay absent")
	}
}
