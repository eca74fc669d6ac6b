package reports

import (
	"math/rand/v2"
	"testing"
	"time"

	"bobra/data"
	"bobra/pipeline/compute"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// checkHomeRows fails when homeRowWriter writes a home's row otherwise
// than appendRowXML writes homeRow's cells of it.
func checkHomeRows(t *testing.T, res *results.Results) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, res)
	if err != nil {
		t.Fatal(err)
	}
	if !b.rowsArePlain(res.Homes) {
		t.Fatal("homes not plain; the row writer is only used for plain ones")
	}
	w, cols := newHomeRowWriter(b), columnNames(homeColumns)
	kept := newHomeRowWriter(b)
	kept.keepRents(res.Homes)
	var row [homeColumns]cell
	for i := range res.Homes {
		h := &res.Homes[i]
		want, err := appendRowXML([]byte("x"), i+2, b.homeRow(h, &row), cols)
		if err != nil {
			t.Fatal(err)
		}
		if got := w.appendRow([]byte("x"), i+2, h); string(got) != string(want) {
			t.Fatalf("home %d (%+v):\ngot  %s\nwant %s", i, *h, got, want)
		}
		if got := kept.appendRow([]byte("x"), i+2, h); string(got) != string(want) {
			t.Fatalf("home %d (%+v), rent cells kept:\ngot  %s\nwant %s", i, *h, got, want)
		}
	}
}

// variedHomes is the sample's homes, each changed at random: figures
// absent, hidden, negative or with 16 decimals, dates absent, the rent
// figures shared or missing.
func variedHomes(r *rand.Rand, n int) *results.Results {
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	sample := res.Homes
	res.Homes = make([]results.Home, n)
	money := func() results.OptMoney {
		switch r.IntN(6) {
		case 0:
			return results.OptMoney{}
		case 1:
			return results.SomeMoney(decimal.New(r.Int64N(9_000_000), 0)).Hide()
		case 2:
			return results.SomeMoney(decimal.New(r.Int64N(1<<62)-1<<61, -16))
		case 3:
			return results.SomeMoney(decimal.New(r.Int64N(1<<62), -int32(r.IntN(20))).Mul(decimal.New(r.Int64N(1<<40), 0)))
		case 4:
			return results.SomeMoney(decimal.New(r.Int64N(2e15)-1e15, 0))
		}
		return results.SomeMoney(decimal.New(r.Int64N(20_000_000)-5_000_000, -int32(r.IntN(3))))
	}
	share := func() results.OptShare {
		switch r.IntN(4) {
		case 0:
			return results.OptShare{}
		case 1:
			return results.SomeShare(decimal.New(r.Int64N(1e6), -4)).Hide()
		case 2:
			return results.SomeShare(decimal.New(r.Int64N(1<<62)-1<<61, -int32(16+r.IntN(10))))
		}
		return results.SomeShare(decimal.New(r.Int64N(2e6)-1e6, -int32(r.IntN(8))))
	}
	day := func() data.Date {
		if r.IntN(8) == 0 {
			return data.Date{}
		}
		return data.DateOf(time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(2_900_000)))
	}
	for i := range res.Homes {
		h := sample[r.IntN(len(sample))]
		h.Phase, h.Rooms = r.IntN(5), r.IntN(9)-1
		h.PurchaseDate, h.ValueDate = day(), day()
		h.Price = results.M(decimal.New(r.Int64N(1e10)-1e9, -int32(r.IntN(5))))
		h.Price.Hidden = r.IntN(10) == 0
		h.Value, h.Gain, h.NetSaving = money(), money(), money()
		h.ValueEstimated = r.IntN(2) == 0
		h.GainPct, h.AnnualPct = share(), share()
		switch {
		case r.IntN(3) == 0 && i > 0:
			h.HomeRent = res.Homes[r.IntN(i)].HomeRent // shared, as Compute shares them
		case r.IntN(3) == 0:
			h.HomeRent = &results.HomeRent{RentThen: money(), RentNow: money(), RentIncreaseMonth: money(),
				RentIncreaseYear: money(), RentIncreasePct: share(), RentMonths: r.IntN(300), RentNotPaid: money()}
		case r.IntN(4) == 0:
			h.HomeRent = nil
		}
		if r.IntN(10) == 0 {
			h.FamilyID, h.StatusAt = "", ""
		}
		res.Homes[i] = h
	}
	return res
}

func TestHomeRowWriterMatchesCells(t *testing.T) {
	t.Parallel()
	res := compute.Compute(data.Sample(), data.SampleEvaluationDate)
	checkHomeRows(t, res)
	checkHomeRows(t, variedHomes(rand.New(rand.NewPCG(1, 2)), 20000))
}

func FuzzHomeRowWriter(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(99), uint64(0))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		checkHomeRows(t, variedHomes(rand.New(rand.NewPCG(a, b)), 50))
	})
}

// TestHomeRowWriterMatchesFloatCells compares the row writer with the
// cells as they were before rounded figures had a cell kind of their own:
// every figure a float64 written by appendCellFloat. The homes have every
// optional figure missing, hidden (as in a public run), negative, with 16
// decimals or huge, so that each of the writer's ways (scaled, float,
// Withheld, nothing) is compared with the path it replaced. Not parallel:
// it turns scaledCells off for the whole package while it runs.
func TestHomeRowWriterMatchesFloatCells(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	res := variedHomes(r, 20000)
	// Exact halves at the places written, of coefficients past an int64
	// (an estimate's 16 decimals), where rounding half away from zero and
	// to even differ; negative ones too.
	half := func(places int32) decimal.Decimal {
		whole := decimal.New(r.Int64N(1e12)+1e9, 0).Shift(16 - places)
		d := decimal.NewFromBigInt(whole.BigInt(), -16).Add(decimal.New(5, -places-1))
		if r.IntN(2) == 0 {
			d = d.Neg()
		}
		return d
	}
	for i := 0; i < len(res.Homes); i += 3 {
		h := &res.Homes[i]
		h.Value, h.Gain, h.NetSaving = results.SomeMoney(half(0)), results.SomeMoney(half(0)), results.SomeMoney(half(0))
		h.GainPct, h.AnnualPct = results.SomeShare(half(4)), results.SomeShare(half(4))
	}
	f := excelize.NewFile()
	defer f.Close()
	b, err := newBook(f, res)
	if err != nil {
		t.Fatal(err)
	}
	cols := columnNames(homeColumns)
	var row [homeColumns]cell
	want := make([]string, len(res.Homes))
	func() {
		defer func(was bool) { scaledCells = was }(scaledCells)
		scaledCells = false
		for i := range res.Homes {
			x, err := appendRowXML(nil, i+2, b.homeRow(&res.Homes[i], &row), cols)
			if err != nil {
				t.Fatal(err)
			}
			want[i] = string(x)
		}
	}()
	w := newHomeRowWriter(b)
	w.keepRents(res.Homes)
	kinds := map[cellKind]bool{}
	for i := range res.Homes {
		h := &res.Homes[i]
		if got := string(w.appendRow(nil, i+2, h)); got != want[i] {
			t.Fatalf("home %d (%+v):\ngot  %s\nwant %s", i, *h, got, want[i])
		}
		for _, c := range b.homeRow(h, &row) {
			kinds[c.kind] = true
		}
	}
	for _, k := range []cellKind{cellScaled, cellNumber, cellText, cellInt} {
		if !kinds[k] {
			t.Errorf("no home has a cell of kind %d: the homes lack a shape", k)
		}
	}
}
