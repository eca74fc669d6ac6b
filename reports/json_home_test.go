package reports

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// TestAppendHomeMatchesEncodingJSON compares the hand-written encoder with
// encoding/json (indented as Render indents a home) on homes with every
// field set, unset, hidden, negative, huge, odd dates and strings that need
// escaping.
func TestAppendHomeMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(3, 9))
	strs := []string{"", "G000001", "bor i boligen", "flyttet til annen eid bolig", "<b>&amp;\"x\"\\</b>",
		"ø æ å", "tab\there", "line\u2028sep", "bad\xffutf8", "nul\x00"}
	decs := []string{"0", "1", "-1", "0.5", "-0.5", "0.00005", "-0.00005", "1234567.891", "-98765.4321",
		"0.123449999", "123456789012345678901234567890.5", "-0.000000001", "2.5", "3.49999"}
	dates := []data.Date{{}, data.NewDate(2024, time.September, 30), data.NewDate(2020, time.February, 29),
		data.NewDate(2019, time.December, 31), data.NewDate(999, time.January, 5), data.NewDate(2005, time.March, 1),
		{Year: 2021, Month: 2, Day: 30}, {Year: 2021, Month: 13, Day: 1}}
	dec := func() decimal.Decimal { return decimal.RequireFromString(decs[rng.IntN(len(decs))]) }
	money := func() results.OptMoney {
		switch rng.IntN(4) {
		case 0:
			return results.OptMoney{}
		case 1:
			return results.SomeMoney(dec()).Hide()
		}
		return results.SomeMoney(dec())
	}
	share := func() results.OptShare {
		switch rng.IntN(4) {
		case 0:
			return results.OptShare{}
		case 1:
			return results.SomeShare(dec()).Hide()
		}
		return results.SomeShare(dec())
	}
	// Homes share rent records, as Compute makes them.
	var rentPool []*results.HomeRent
	for range 40 {
		rentPool = append(rentPool, &results.HomeRent{RentThen: money(), RentNow: money(),
			RentIncreaseMonth: money(), RentIncreaseYear: money(), RentIncreasePct: share(),
			RentMonths: rng.IntN(400) - 10, RentNotPaid: money()})
	}
	rents := rentJSON{}
	for i := 0; i < 5000; i++ {
		h := results.Home{
			FamilyID: strs[rng.IntN(len(strs))], Phase: rng.IntN(5) - 1,
			PurchaseDate: dates[rng.IntN(len(dates))], Rooms: rng.IntN(9) - 2,
			Value: money(), ValueDate: dates[rng.IntN(len(dates))], ValueEstimated: rng.IntN(2) == 0,
			Gain: money(), GainPct: share(), AnnualPct: share(),
			HomeRent: &results.HomeRent{RentThen: money(), RentNow: money(),
				RentIncreaseMonth: money(), RentIncreaseYear: money(), RentIncreasePct: share(),
				RentMonths: rng.IntN(400) - 10, RentNotPaid: money()},
			NetSaving: money(),
			StatusAt:  strs[rng.IntN(len(strs))],
		}
		if p := money().Ptr(); p != nil {
			h.Price = *p
		}
		if i%2 == 0 {
			h.HomeRent = rentPool[rng.IntN(len(rentPool))]
		}
		var want bytes.Buffer
		want.WriteString("    ")
		if err := encodeIndentedAt(&want, &h, "    "); err != nil {
			t.Fatal(err)
		}
		w := strings.TrimSuffix(want.String(), "\n")
		got := string(appendHome([]byte("    "), &h, nil))
		if got != w {
			t.Fatalf("home %d: got\n%s\nwant\n%s", i, got, w)
		}
		if got := string(appendHome([]byte("    "), &h, rents)); got != w {
			t.Fatalf("home %d, rent figures kept: got\n%s\nwant\n%s", i, got, w)
		}
	}
}
