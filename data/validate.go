package data

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"bobra/internal/fastdec"
	"bobra/internal/norfmt"

	"github.com/shopspring/decimal"
)

// Problem kinds of the checks across records.
const (
	KindDuplicateID        = "dobbel-familieid"
	KindUnknownID          = "ukjent-familieid"
	KindBuyBeforeEnrolment = "kjop-for-innmelding"
	KindStatusBeforeBuy    = "statusdato-for-kjop"
	KindFuture             = "dato-etter-i-dag"
	KindNegative           = "negativt-belop"
	KindNotPositive        = "belop-er-null"
	KindLoanAbovePrice     = "startlan-over-kjopesum"
	KindMissingStatus      = "mangler-status"
	KindMissingStatusDate  = "mangler-statusdato"
	KindChildAdult         = "barn-over-18"
	KindPricePerM2         = "kvadratmeterpris"
	KindNoChildren         = "kjop-uten-barn"
	KindSSBGap             = "ssb-mangler-ar"
	KindSeveralPurchases   = "flere-kjop"
)

// Price per m² outside this range is probably a typo in Kjøpesum or BRA.
var (
	minPricePerM2 = decimal.NewFromInt(pricePerM2Range[0])
	maxPricePerM2 = decimal.NewFromInt(pricePerM2Range[1])
	// the bounds in kroner per m², for the checks in machine integers
	pricePerM2Range = [2]int64{10_000, 150_000}
)

// Validate runs the checks that look across records: references between
// sheets, the order of dates, dates after today, amounts, and the
// warnings. It works on any dataset, also one built in Go (the sample),
// whose records have no location: their problems name the sheet only.
func Validate(ds *Dataset, today Date) Problems {
	v := validation{ds: ds, today: today}
	v.families()
	// The checks after it only read the dataset and the indexes it built,
	// so they run at once, each collecting its own problems; the problems
	// are joined in this order, as if they had run in turn.
	checks := []func(*validation){(*validation).references, (*validation).purchases,
		(*validation).dates, (*validation).amounts, (*validation).ssbGaps}
	found := make([]Problems, len(checks))
	inParallel(len(checks), len(checks), func(i int) {
		w := validation{ds: ds, today: today, index: v.index, ids: v.ids}
		checks[i](&w)
		found[i] = w.problems
	})
	for _, ps := range found {
		v.problems = append(v.problems, ps...)
	}
	return v.problems
}

type validation struct {
	ds       *Dataset
	today    Date
	problems Problems
	// index finds each FamilieID's entry in ids: one map for the
	// families and their purchases, which at national scale are
	// hundreds of thousands of keys each.
	index map[string]int32
	ids   []idEntry
}

// idEntry is what the checks know of a FamilieID.
type idEntry struct {
	family *Family     // its first row in Familier; nil when only other sheets name it
	bought []*Purchase // its purchases, earliest first
}

// family is the first family row with the ID, nil when there is none.
func (v *validation) family(id string) *Family {
	if k, ok := v.index[id]; ok {
		return v.ids[k].family
	}
	return nil
}

// bought lists a FamilieID's purchases, earliest first.
func (v *validation) bought(id string) []*Purchase {
	if k, ok := v.index[id]; ok {
		return v.ids[k].bought
	}
	return nil
}

// add records a problem at a record's cell.
func (v *validation) add(sev Severity, kind string, at Loc, sheet, column, value, msg string) {
	p := Problem{Severity: sev, Kind: kind, File: at.File(), Sheet: at.Sheet(), Column: column, Value: shorten(value), Message: msg}
	if p.Sheet == "" {
		p.Sheet = sheet
	}
	if at.Row > 0 {
		p.Cell = at.Cell(column)
	}
	v.problems = append(v.problems, p)
}

// where names a record's cell for a message ("rad 3" or "celle A3"), or
// "" for a record built in Go.
func where(at Loc, column string) string {
	if at.Row == 0 {
		return ""
	}
	c := at.Cell(column)
	if strings.HasPrefix(c, "rad ") {
		return c
	}
	return "celle " + c
}

func (v *validation) families() {
	v.index = make(map[string]int32, len(v.ds.Families))
	v.ids = make([]idEntry, 0, len(v.ds.Families))
	for i := range v.ds.Families {
		f := &v.ds.Families[i]
		if k, dup := v.index[f.ID]; dup {
			first := v.ids[k].family
			msg := fmt.Sprintf("FamilieID %s finnes to ganger i Familier; hver familie skal ha én rad.", f.ID)
			if w := where(first.At, ColFamilyID); w != "" {
				msg = fmt.Sprintf("FamilieID %s finnes allerede i %s; hver familie skal ha én rad.", f.ID, w)
			}
			v.add(Error, KindDuplicateID, f.At, SheetFamilies, ColFamilyID, f.ID, msg)
			continue
		}
		v.index[f.ID] = int32(len(v.ids))
		v.ids = append(v.ids, idEntry{family: f})
	}
	// A family's first purchase is a one-place slice of one shared array
	// (an allocation for all instead of one per family); a second one
	// outgrows it into an array of its own.
	shared := make([]*Purchase, len(v.ds.Purchases))
	for i := range v.ds.Purchases {
		p := &v.ds.Purchases[i]
		k, ok := v.index[p.FamilyID]
		if !ok {
			k = int32(len(v.ids))
			v.index[p.FamilyID] = k
			v.ids = append(v.ids, idEntry{})
		}
		if e := &v.ids[k]; len(e.bought) > 0 {
			e.bought = append(e.bought, p)
		} else {
			shared[i] = p
			e.bought = shared[i : i+1 : i+1]
		}
	}
	for _, e := range v.ids {
		if ps := e.bought; len(ps) > 1 { // nearly every family buys once
			slices.SortStableFunc(ps, func(a, b *Purchase) int { return cmp.Compare(a.Date, b.Date) })
		}
	}
}

func (v *validation) references() {
	// A family's rows are consecutive in each sheet: the ID found for the
	// row before needs no second look-up.
	known := ""
	check := func(id string, at Loc, sheet string) {
		if id == known && id != "" {
			return
		}
		if v.family(id) != nil {
			known = id
		} else {
			v.add(Error, KindUnknownID, at, sheet, ColFamilyID, id,
				fmt.Sprintf("FamilieID %s finnes ikke i arket Familier.", id))
		}
	}
	for _, c := range v.ds.Children {
		check(c.FamilyID, c.At, SheetChildren)
	}
	for _, p := range v.ds.Purchases {
		check(p.FamilyID, p.At, SheetPurchases)
	}
	for _, x := range v.ds.Valuations {
		check(x.FamilyID, x.At, SheetValuations)
	}
	for _, f := range v.ds.FollowUps {
		check(f.FamilyID, f.At, SheetFollowUps)
	}
}

func (v *validation) purchases() {
	// A family's children come in consecutive rows: counted by runs, a
	// map update per family instead of per child.
	children := make(map[string]int, len(v.ds.Families))
	for i := 0; i < len(v.ds.Children); {
		id, j := v.ds.Children[i].FamilyID, i+1
		for j < len(v.ds.Children) && v.ds.Children[j].FamilyID == id {
			j++
		}
		children[id] += j - i
		i = j
	}
	for i := range v.ds.Families {
		f := &v.ds.Families[i]
		k, ok := v.index[f.ID]
		if !ok || v.ids[k].family != f {
			continue // a duplicate, already reported
		}
		ps := v.ids[k].bought
		if len(ps) == 0 {
			continue
		}
		first := ps[0]
		if !f.Enrolled.IsZero() && !first.Date.IsZero() && first.Date < f.Enrolled {
			v.add(Error, KindBuyBeforeEnrolment, first.At, SheetPurchases, ColBuyDate, first.Date.Norwegian(),
				fmt.Sprintf("Kjøpsdatoen %s er før familien %s ble innmeldt (%s).", first.Date.Norwegian(), f.ID, f.Enrolled.Norwegian()))
		}
		switch {
		case f.Status == "":
			v.add(Error, KindMissingStatus, f.At, SheetFamilies, ColStatus, "",
				fmt.Sprintf("Familien %s har kjøpt bolig, så Status må fylles ut (%s).", f.ID, strings.Join(Statuses, ", ")))
		case f.Status != StatusLivesInHome && f.StatusDate.IsZero():
			v.add(Error, KindMissingStatusDate, f.At, SheetFamilies, ColStatusDate, "",
				fmt.Sprintf("Statusdato må fylles ut når status er «%s».", f.Status))
		}
		if !f.StatusDate.IsZero() && !first.Date.IsZero() && f.StatusDate < first.Date {
			v.add(Error, KindStatusBeforeBuy, f.At, SheetFamilies, ColStatusDate, f.StatusDate.Norwegian(),
				fmt.Sprintf("Statusdatoen %s er før familien %s kjøpte boligen (%s).", f.StatusDate.Norwegian(), f.ID, first.Date.Norwegian()))
		}
		if children[f.ID] == 0 {
			v.add(Warning, KindNoChildren, f.At, SheetFamilies, ColFamilyID, f.ID,
				fmt.Sprintf("Familien %s har kjøpt bolig, men har ingen barn i arket Barn.", f.ID))
		}
		for _, later := range ps[1:] {
			v.add(Warning, KindSeveralPurchases, later.At, SheetPurchases, ColBuyDate, later.Date.Norwegian(),
				fmt.Sprintf("Familien %s har flere kjøp; det tidligste (%s) regnes som prosjektkjøpet, og dette blir ikke brukt i beregningene.",
					f.ID, first.Date.Norwegian()))
		}
	}
	var lastID string
	var ps []*Purchase
	for i, c := range v.ds.Children {
		if i == 0 || c.FamilyID != lastID {
			lastID, ps = c.FamilyID, v.bought(c.FamilyID)
		}
		if len(ps) == 0 || ps[0].Date.IsZero() || c.BirthYear == 0 {
			continue
		}
		if age := ps[0].Date.Year() - c.BirthYear; age >= 18 {
			v.add(Warning, KindChildAdult, c.At, SheetChildren, ColBirthYear, itoa(c.BirthYear),
				fmt.Sprintf("Barnet fylte %d år i kjøpsåret %d; sjekk fødselsåret (barn er under 18).", age, ps[0].Date.Year()))
		}
	}
	for _, p := range v.ds.Purchases {
		if p.Area.Sign() <= 0 || p.Price.Sign() <= 0 {
			continue
		}
		// in machine integers: a quotient per purchase was a fifth of
		// the reader's allocations at national scale
		if q, ok := fastdec.DivRoundInt(p.Price, p.Area); ok && q >= pricePerM2Range[0] && q <= pricePerM2Range[1] {
			continue
		}
		price := p.Price.Decimal()
		perM2 := fastdec.DivRound(price, p.Area.Decimal(), 0)
		if perM2.LessThan(minPricePerM2) || perM2.GreaterThan(maxPricePerM2) {
			v.add(Warning, KindPricePerM2, p.At, SheetPurchases, ColPrice, price.String(),
				fmt.Sprintf("Kjøpesum delt på BRA gir %s kr per m², utenfor det vanlige (10 000–150 000); sjekk Kjøpesum og BRA.", norfmt.Message(perM2)))
		}
	}
}

// dates reports dates and birth years after the day of the run.
func (v *validation) dates() {
	future := func(d Date, at Loc, sheet, column string) {
		if !d.IsZero() && d.After(v.today) {
			v.add(Error, KindFuture, at, sheet, column, d.Norwegian(),
				fmt.Sprintf("Datoen %s er senere enn i dag (%s); sjekk årstallet.", d.Norwegian(), v.today.Norwegian()))
		}
	}
	for _, f := range v.ds.Families {
		future(f.Enrolled.Date(), f.At, SheetFamilies, ColEnrolled)
		future(f.StatusDate.Date(), f.At, SheetFamilies, ColStatusDate)
	}
	for _, c := range v.ds.Children {
		if c.BirthYear > v.today.Year {
			v.add(Error, KindFuture, c.At, SheetChildren, ColBirthYear, itoa(c.BirthYear),
				fmt.Sprintf("Fødselsåret %d er senere enn i år (%d); sjekk årstallet.", c.BirthYear, v.today.Year))
		}
	}
	for _, p := range v.ds.Purchases {
		future(p.Date.Date(), p.At, SheetPurchases, ColBuyDate)
	}
	for _, x := range v.ds.Valuations {
		future(x.Date.Date(), x.At, SheetValuations, ColDate)
	}
	for _, f := range v.ds.FollowUps {
		future(f.Date.Date(), f.At, SheetFollowUps, ColDate)
	}
	// The figures are as of Evalueringsdato: one after today counts every
	// family by a status nobody has reported yet.
	if d := v.ds.Assumptions.EvaluationDate; !d.IsZero() && d.After(v.today) {
		for _, p := range v.ds.Assumptions.Params {
			if p.Name == ParamEvaluationDate && p.At.Row > 0 {
				v.add(Error, KindFuture, p.At, SheetAssumptions, ColValue, d.Norwegian(),
					fmt.Sprintf("%s %s er senere enn i dag (%s); sjekk årstallet.", ParamEvaluationDate, d.Norwegian(), v.today.Norwegian()))
			}
		}
	}
}

// amounts reports negative amounts and start loans above the price.
func (v *validation) amounts() {
	negative := func(d *decimal.Decimal, at Loc, sheet, column string) {
		if d != nil && d.IsNegative() {
			unit := ""
			switch column {
			case ColArea:
				unit = " m²"
			case ColIndex:
			default:
				unit = " kr"
			}
			v.add(Error, KindNegative, at, sheet, column, d.String(),
				fmt.Sprintf("%s kan ikke være negativ (%s%s).", column, norfmt.Message(*d), unit))
		}
	}
	// A price or a value of 0 (also typed "-0") is a missing figure, and
	// would pull every average down.
	positive := func(d decimal.Decimal, at Loc, sheet, column string) {
		if d.IsNegative() {
			negative(&d, at, sheet, column)
		} else if d.IsZero() {
			v.add(Error, KindNotPositive, at, sheet, column, d.String(),
				fmt.Sprintf("%s må være større enn 0 kr; fyll inn beløpet.", column))
		}
	}
	// The packed amounts are only made decimals when they are to be
	// reported or compared.
	positivePacked := func(d fastdec.Packed, at Loc, sheet, column string) {
		if d.Sign() <= 0 {
			positive(d.Decimal(), at, sheet, column)
		}
	}
	negativePacked := func(d fastdec.Packed, at Loc, sheet, column string) {
		if d.Sign() < 0 {
			x := d.Decimal()
			negative(&x, at, sheet, column)
		}
	}
	for i := range v.ds.Purchases {
		p := &v.ds.Purchases[i]
		positivePacked(p.Price, p.At, SheetPurchases, ColPrice)
		negativePacked(p.StartLoan, p.At, SheetPurchases, ColStartLoan)
		negativePacked(p.Area, p.At, SheetPurchases, ColArea)
		negativePacked(p.MonthlyCosts, p.At, SheetPurchases, ColMonthly)
		negativePacked(p.RentBefore, p.At, SheetPurchases, ColRentBefore)
		// a loan within the price is seen without making the decimals
		if c, ok := fastdec.ComparePacked(p.StartLoan, p.Price); p.StartLoan.IsSet() && p.Price.Sign() > 0 && (!ok || c > 0) {
			loan, price := p.StartLoan.Decimal(), p.Price.Decimal()
			if loan.GreaterThan(price) {
				v.add(Error, KindLoanAbovePrice, p.At, SheetPurchases, ColStartLoan, loan.String(),
					fmt.Sprintf("Startlånet (%s kr) er større enn kjøpesummen (%s kr).", norfmt.Message(loan), norfmt.Message(price)))
			}
		}
	}
	for i := range v.ds.Valuations {
		x := &v.ds.Valuations[i]
		positivePacked(x.Value, x.At, SheetValuations, ColValue)
	}
	for i := range v.ds.Rents {
		r := &v.ds.Rents[i]
		negative(&r.Monthly, r.At, SheetRent, ColRent)
	}
	for i := range v.ds.PriceIndex {
		r := &v.ds.PriceIndex[i]
		negative(&r.Index, r.At, SheetPriceIndex, ColIndex)
	}
}
