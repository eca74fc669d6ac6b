package data

import "slices"

// decoders maps each contract sheet to the function that turns one data
// row into a record. Adding a sheet to the contract means adding its
// entry to Contract (or experienceSheets) and a decoder here.
var decoders = map[string]func(r *rowCtx, ds *Dataset){
	SheetFamilies:    decodeFamily,
	SheetChildren:    decodeChild,
	SheetPurchases:   decodePurchase,
	SheetValuations:  decodeValuation,
	SheetRent:        decodeRent,
	SheetPriceIndex:  decodePriceIndex,
	SheetFollowUps:   decodeFollowUp,
	SheetContext:     decodeContext,
	SheetAssumptions: decodeParameter,
	SheetSurvey:      decodeSurveyRow,
	SheetQuotes:      decodeQuote,
	SheetResources:   decodeResource,
}

// A row whose FamilieID is blank is not kept: the blank cell is reported,
// and keeping it would only add problems about a family nobody can name.

func decodeFamily(r *rowCtx, ds *Dataset) {
	f := Family{ID: r.id(ColFamilyID), At: r.loc()}
	switch r.list(ColPhase) {
	case "1":
		f.Phase = Phase1
	case "2":
		f.Phase = Phase2
	}
	f.Enrolled = DayOf(r.date(ColEnrolled))
	f.Household = r.list(ColHousehold)
	f.Status = r.list(ColStatus)
	f.StatusDate = DayOf(r.date(ColStatusDate))
	f.MovesBefore = r.intVal(ColMoves)
	if f.ID != "" {
		ds.Families = append(ds.Families, f)
	}
}

func decodeChild(r *rowCtx, ds *Dataset) {
	c := Child{FamilyID: r.id(ColFamilyID), BirthYear: r.year(ColBirthYear), At: r.loc()}
	if c.FamilyID != "" {
		ds.Children = append(ds.Children, c)
	}
}

func decodePurchase(r *rowCtx, ds *Dataset) {
	p := Purchase{FamilyID: r.id(ColFamilyID), Date: DayOf(r.date(ColBuyDate)), At: r.loc()}
	p.Price = r.packed(ColPrice)
	p.StartLoan = r.packed(ColStartLoan)
	if rooms, ok := r.intValue(ColRooms); ok {
		p.Rooms = rooms
	}
	p.Area = r.packed(ColArea)
	p.MonthlyCosts = r.packed(ColMonthly)
	p.RentBefore = r.packed(ColRentBefore)
	if p.FamilyID != "" {
		ds.Purchases = append(ds.Purchases, p)
	}
}

func decodeValuation(r *rowCtx, ds *Dataset) {
	v := Valuation{FamilyID: r.id(ColFamilyID), Date: DayOf(r.date(ColDate)), At: r.loc()}
	v.Value = r.packed(ColValue)
	v.Source = r.text(ColSource)
	if v.FamilyID != "" {
		ds.Valuations = append(ds.Valuations, v)
	}
}

func decodeRent(r *rowCtx, ds *Dataset) {
	row := RentRow{Year: r.year(ColYear), Rooms: r.list(ColRooms), At: r.loc()}
	if m, ok := r.numberValue(ColRent); ok {
		row.Monthly = m
	}
	row.Region = r.text(ColRegion)
	row.Source = r.text(ColSource)
	row.Note = r.text(ColNote)
	ds.Rents = append(ds.Rents, row)
}

func decodePriceIndex(r *rowCtx, ds *Dataset) {
	row := PriceIndexRow{Year: r.year(ColYear), At: r.loc()}
	if ix, ok := r.numberValue(ColIndex); ok {
		row.Index = ix
	}
	row.Region = r.text(ColRegion)
	row.Source = r.text(ColSource)
	ds.PriceIndex = append(ds.PriceIndex, row)
}

func decodeFollowUp(r *rowCtx, ds *Dataset) {
	f := FollowUp{FamilyID: r.id(ColFamilyID), Date: DayOf(r.date(ColDate)), At: r.loc()}
	f.AdultsInWork = r.intVal(ColAdultsWork)
	f.SocialAssistance = r.boolVal(ColSocial)
	if f.FamilyID != "" {
		ds.FollowUps = append(ds.FollowUps, f)
	}
}

func decodeContext(r *rowCtx, ds *Dataset) {
	c := ContextRow{Indicator: r.text(ColIndicator), Year: r.year(ColYear), At: r.loc()}
	if v, ok := r.numberValue(ColValue); ok {
		c.Value = v
	}
	ds.Context = append(ds.Context, c)
}

// decodeParameter keeps a Forutsetninger row as given; the values are
// checked against the known parameters when the folder has been read
// (see buildAssumptions). A blank Verdi is allowed: it means the default.
func decodeParameter(r *rowCtx, ds *Dataset) {
	p := Parameter{Name: r.text(ColParameter), Value: r.cell(ColValue), Source: r.cell(ColSource), At: r.loc()}
	if spec, ok := paramSpec(p.Name); ok && spec.Kind == KindDate && p.Value != "" {
		// A real date cell holds a serial number, which only this sheet's
		// date system can turn into a day.
		if d, err := ParseDate(p.Value, r.s.date1904); err == nil {
			p.Value = d.String()
		}
	}
	if p.Name != "" {
		ds.Assumptions.Params = append(ds.Assumptions.Params, p)
	}
}

// reserve makes room for about n more records in the slice of a sheet
// that can hold many (see moreRows).
func (s *sheetState) reserve(n int) {
	switch ds := s.data; s.spec.Name {
	case SheetFamilies:
		ds.Families = slices.Grow(ds.Families, n)
	case SheetChildren:
		ds.Children = slices.Grow(ds.Children, n)
	case SheetPurchases:
		ds.Purchases = slices.Grow(ds.Purchases, n)
	case SheetValuations:
		ds.Valuations = slices.Grow(ds.Valuations, n)
	case SheetFollowUps:
		ds.FollowUps = slices.Grow(ds.FollowUps, n)
	}
}
