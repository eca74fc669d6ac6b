package norfmt

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestFormats(t *testing.T) {
	t.Parallel()
	d := decimal.RequireFromString
	const nb = NBSP
	tests := []struct {
		name, got, want string
	}{
		{"Number small", Number(d("4.85"), 2), "4,85"},
		{"Number grouped", Number(d("3350000"), 0), "3" + nb + "350" + nb + "000"},
		{"Number rounds half away from zero", Number(d("2.5"), 0), "3"},
		{"Number negative", Number(d("-1234.5"), 1), "−1" + nb + "234,5"},
		{"Number negative rounding to zero has no sign", Number(d("-0.04"), 1), "0,0"},
		{"Int", Int(1685), "1" + nb + "685"},
		{"Kroner", Kroner(d("3350000.4")), "kr" + nb + "3" + nb + "350" + nb + "000"},
		{"KronerShort million", KronerShort(d("79540000")), "79,5" + nb + "mill." + nb + "kr"},
		{"KronerShort billion", KronerShort(d("-1240000000")), "−1,2" + nb + "mrd." + nb + "kr"},
		{"KronerShort small", KronerShort(d("999999")), "kr" + nb + "999" + nb + "999"},
		{"Percent", Percent(d("0.2152")), "21,5" + nb + "%"},
		{"PercentPlaces", PercentPlaces(d("0.2152"), 0), "22" + nb + "%"},
		{"PercentTrim whole", PercentTrim(d("0.05")), "5" + nb + "%"},
		{"PercentTrim half", PercentTrim(d("0.025")), "2,5" + nb + "%"},
		{"PercentPoints", PercentPoints(d("0.014")), "+1,4" + nb + "prosentpoeng"},
		{"NumberTrim", NumberTrim(d("1.3908"), 2), "1,39"},
		{"NumberTrim whole", NumberTrim(d("1.000"), 2), "1"},
		{"Signed positive", Signed(d("0.25"), "25 %"), "+25 %"},
		{"Signed zero", Signed(d("0.00001"), "0 %"), "0 %"},
		{"Signed negative", Signed(d("-0.25"), "−25 %"), "−25 %"},
		{"Date", Date(2021, time.September, 30), "30.09.2021"},
		{"Date zero", Date(0, 0, 0), ""},
		{"DateLong", DateLong(2021, time.September, 3), "3. september 2021"},
		{"DateLong zero", DateLong(0, 0, 0), ""},
		{"Message grouped", Message(d("3350000")), "3 350 000"},
		{"Message keeps every decimal", Message(d("-12345.678")), "-12 345,678"},
		{"Message short", Message(d("999")), "999"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
