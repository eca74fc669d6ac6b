package jsonstat

import "testing"

// FuzzParse: whatever the bytes, Parse returns a dataset or a Norwegian
// error, never panics or hangs, and every cell of a dataset it returns can
// be read.
func FuzzParse(f *testing.F) {
	f.Add(readDoc(f, "09895-oslo-og-baerum-2012-2025.json"))
	f.Add(readDoc(f, "07221-boligprisindeks-2022K1-2023K4.json"))
	f.Add([]byte(`{"id":["R","Tid"],"size":[2,1],"role":{"time":["Tid"]},"dimension":{"R":{"category":{"index":["a","b"],"note":{"a":["x"]}}},"Tid":{"category":{"label":{"2020":"2020"}}}},"value":{"1":"3"},"status":{"0":":"}}`))
	f.Add([]byte(`{"id":["R"],"size":[2],"dimension":{"R":{"category":{"index":{"a":0,"b":1}}}},"value":[null,1.5],"status":[".",null]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse(b)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if d.Cells() > 100_000 {
			return
		}
		pos := make([]int, len(d.Dimensions))
		for n := 0; n < d.Cells(); n++ {
			rest := n
			for i := len(pos) - 1; i >= 0; i-- {
				size := len(d.Dimensions[i].Categories)
				pos[i] = rest % size
				rest /= size
			}
			if v := d.At(pos); v.Present && v.Text == "" {
				t.Fatalf("cell %d present without text", n)
			}
		}
	})
}
