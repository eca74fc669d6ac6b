package data

import (
	"time"

	"github.com/shopspring/decimal"

	"bobra/internal/fastdec"
)

// The sample dataset: an invented programme that reproduces the figures of
// the 2021 evaluation of "Barn bor bra i Bærum" (see the seed documents) as
// of Evalueringsdato 2021-09-30, and goes on to 2024-09-30 so that the
// follow-up evaluation gives different figures from the same data.
//
// Facts taken from the seeds (everything else is illustrative, and says so
// in a Kilde column or in the README):
//   - 40 families bought a home by September 2021: 13 in part 1, 27 in part 2;
//   - 97 children in those families;
//   - of the 13 part-1 families, 10 still live stably in an owned home;
//   - the example home: 4 rooms, 89 m², bought 2016 for 3 350 000 kr,
//     valued at 4 100 000 kr in 2020;
//   - SSB rent, Oslo og Bærum, 4 rooms: 15 150 kr (2016), 18 410 kr (2020);
//     all of SSB-leie is SSB's table 09895 (sample_ssb.go);
//   - children in persistent low income: 1 685 (2017), 1 782 (2018);
//   - the cost of one young person in exclusion and the base share of 5 %.
//
// The families are pseudonymous case numbers F001..F047. No row describes a
// real family.
//
// What the sample gives (counts; the metrics tests pin the computed figures):
//
//	                         2021-09-30        2024-09-30
//	enrolled families        43                47
//	bought (part 1 + 2)      40 (13 + 27)      44 (13 + 31)
//	children                 97 (34 + 63)      105 (34 + 71)
//	stable/left/unknown      37/3/0            39/4/1
//	  part 1                 10/3/0            10/3/0
//	  part 2                 27/0/0            29/1/1
//	homes valued/estimated   12/28             16/28
//
// and no validation warning at either date.

// SampleEvaluationDate is the sample's Evalueringsdato.
var SampleEvaluationDate = NewDate(2021, time.September, 30)

// SampleFollowUpDate is the date of the sample's follow-up evaluation.
var SampleFollowUpDate = NewDate(2024, time.September, 30)

// Sample returns the embedded sample dataset. Each call builds a new value,
// so callers may change it.
func Sample() *Dataset {
	ds := &Dataset{}
	for _, f := range sampleFamilies {
		fam := Family{
			ID:         f.id,
			Phase:      f.phase,
			Enrolled:   DayOf(sampleDate(f.enrolled)),
			Household:  f.household,
			Status:     f.status,
			StatusDate: DayOf(sampleDate(f.statusDate)),
		}
		if f.moves >= 0 {
			fam.MovesBefore = sampleInt(f.moves)
		}
		ds.Families = append(ds.Families, fam)
		for _, y := range f.born {
			ds.Children = append(ds.Children, Child{FamilyID: f.id, BirthYear: y})
		}
	}
	for _, p := range samplePurchases {
		ds.Purchases = append(ds.Purchases, Purchase{
			FamilyID:     p.id,
			Date:         DayOf(sampleDate(p.date)),
			Price:        fastdec.Pack(decimal.NewFromInt(p.price)),
			StartLoan:    sampleAmount(p.loan),
			Rooms:        p.rooms,
			Area:         sampleAmount(p.area),
			MonthlyCosts: sampleAmount(p.costs),
			RentBefore:   sampleAmount(p.rentBefore),
		})
	}
	for _, v := range sampleValuations {
		ds.Valuations = append(ds.Valuations, Valuation{
			FamilyID: v.id, Date: DayOf(sampleDate(v.date)), Value: fastdec.Pack(decimal.NewFromInt(v.value)), Source: v.source,
		})
	}
	ds.Rents = append(ds.Rents, sampleRents()...)
	for _, p := range samplePriceIndex {
		ds.PriceIndex = append(ds.PriceIndex, PriceIndexRow{
			Year: p.year, Index: decimal.RequireFromString(p.index), Region: sampleRegion, Source: samplePriceIndexSource,
		})
	}
	for _, o := range sampleFollowUps {
		fu := FollowUp{FamilyID: o.id, Date: DayOf(sampleDate(o.date))}
		if o.inWork >= 0 {
			fu.AdultsInWork = sampleInt(o.inWork)
		}
		switch o.assistance {
		case "ja":
			fu.SocialAssistance = sampleBool(true)
		case "nei":
			fu.SocialAssistance = sampleBool(false)
		}
		ds.FollowUps = append(ds.FollowUps, fu)
	}
	for _, c := range sampleContext {
		ds.Context = append(ds.Context, ContextRow{Indicator: c.indicator, Year: c.year, Value: decimal.NewFromInt(c.value)})
	}
	ds.Assumptions = sampleAssumptions()
	addSampleExperiences(ds)
	return ds
}

// sampleFamily is one row of Familier with its children's birth years.
// An empty date and a moves count of -1 are blank cells.
type sampleFamily struct {
	id         string
	phase      int
	enrolled   string
	household  string
	moves      int
	status     string
	statusDate string
	born       []int
}

const (
	sSingle = HouseholdSingleParent
	sCouple = HouseholdTwoParents
	sLives  = StatusLivesInHome
	sMoved  = StatusMovedToOwned
	sSold   = StatusSoldAndRents
	sForced = StatusForcedSale
	sGone   = StatusUnknown
)

// Part 1 (2016–2018): 13 families, 34 children. As of 2021-09-30, 10 are
// stable (8 live in the home, 2 moved to another owned home) and 3 have
// left ownership. F007 has no Innmeldt (enrolled counts its purchase date),
// F012 no Husholdning. F003, F005 and F010 have a child who is 18 or older
// in 2021 but was under 18 in the year of purchase, so the 18+ age group is
// filled without the "adult child" warning.
//
// Part 2 (2019–2021): 27 families, 63 children, all stable on 2021-09-30.
// Later changes, which only the 2024 follow-up sees: F020 moved to another
// owned home in 2023 (still stable), F025's status became unknown in 2022
// (left out of the stability rate), F030 sold and rents from 2024.
//
// After the 2021 evaluation: F041–F044 bought in 2022–2023 (8 children);
// F045–F047 are enrolled but have not bought (F045, F046 enrolled before
// 2021-09-30, F047 in 2024).
var sampleFamilies = []sampleFamily{
	// id, part, Innmeldt, Husholdning, Flyttinger før, Status, Statusdato, children's birth years
	{"F001", 1, "2016-01-20", sSingle, 3, sLives, "", []int{2006, 2009, 2013}},
	{"F002", 1, "2016-03-14", sCouple, 2, sLives, "", []int{2010, 2014}},
	{"F003", 1, "2016-05-02", sCouple, -1, sLives, "", []int{2001, 2004, 2008}},
	{"F004", 1, "2016-10-03", sSingle, 4, sMoved, "2019-08-01", []int{2012, 2015}},
	{"F005", 1, "2016-11-21", sCouple, 2, sLives, "", []int{2003, 2007, 2011}},
	{"F006", 1, "2017-01-09", sSingle, -1, sLives, "", []int{2009, 2016}},
	{"F007", 1, "", sCouple, 1, sLives, "", []int{2005, 2008, 2010, 2014}},
	{"F008", 1, "2017-05-15", sSingle, 5, sMoved, "2020-05-15", []int{2013, 2017}},
	{"F009", 1, "2017-08-28", sSingle, 2, sLives, "", []int{2006, 2012}},
	{"F010", 1, "2017-12-04", sCouple, 3, sLives, "", []int{2004, 2007, 2009, 2015}},
	{"F011", 1, "2018-01-22", sSingle, 4, sSold, "2019-11-01", []int{2011, 2014}},
	{"F012", 1, "2018-03-19", "", 6, sForced, "2020-03-01", []int{2016, 2018}},
	{"F013", 1, "2018-04-30", sCouple, 2, sSold, "2021-02-15", []int{2008, 2010, 2013}},

	{"F014", 2, "2018-10-08", sSingle, 3, sLives, "", []int{2002, 2005}},
	{"F015", 2, "2018-11-12", sCouple, 2, sLives, "", []int{2007, 2010, 2016}},
	{"F016", 2, "2018-12-03", sSingle, 4, sLives, "", []int{2012, 2017}},
	{"F017", 2, "2019-01-14", sSingle, -1, sLives, "", []int{2018}},
	{"F018", 2, "2019-02-04", sCouple, 1, sLives, "", []int{2009, 2013}},
	{"F019", 2, "2019-02-25", sCouple, 2, sLives, "", []int{2004, 2006, 2011}},
	{"F020", 2, "2019-03-18", sSingle, 3, sMoved, "2023-03-01", []int{2014, 2019}},
	{"F021", 2, "2019-05-06", sCouple, 2, sLives, "", []int{2005, 2008, 2012, 2018}},
	{"F022", 2, "2019-06-10", sSingle, -1, sLives, "", []int{2010, 2015}},
	{"F023", 2, "2019-08-12", "", 2, sLives, "", []int{2013, 2016}},
	{"F024", 2, "2019-09-02", sCouple, 3, sLives, "", []int{2003, 2006, 2009}},
	{"F025", 2, "2019-10-21", sSingle, 2, sGone, "2022-11-01", []int{2011, 2016}},
	{"F026", 2, "2019-11-18", sSingle, -1, sLives, "", []int{2008, 2014}},
	{"F027", 2, "2020-01-13", sSingle, 4, sLives, "", []int{2019}},
	{"F028", 2, "2020-03-09", sCouple, 2, sLives, "", []int{2007, 2010, 2017}},
	{"F029", 2, "2020-04-20", sSingle, 3, sLives, "", []int{2012, 2020}},
	{"F030", 2, "2020-05-25", sCouple, -1, sSold, "2024-02-01", []int{2011, 2015}},
	{"F031", 2, "2020-06-29", sCouple, 1, sLives, "", []int{2006, 2009, 2013}},
	{"F032", 2, "2020-08-17", sSingle, 2, sLives, "", []int{2015, 2018}},
	{"F033", 2, "2020-09-07", sSingle, 3, sLives, "", []int{2010, 2014}},
	{"F034", 2, "2020-10-05", sCouple, 2, sLives, "", []int{2005, 2009, 2016}},
	{"F035", 2, "2020-11-02", sSingle, -1, sLives, "", []int{2013, 2019}},
	{"F036", 2, "2020-11-30", sSingle, 4, sLives, "", []int{2017, 2020}},
	{"F037", 2, "2021-01-11", sCouple, 2, sLives, "", []int{2004, 2007, 2011, 2014}},
	{"F038", 2, "2021-02-08", sSingle, 3, sLives, "", []int{2012, 2018}},
	{"F039", 2, "2021-03-22", sCouple, 1, sLives, "", []int{2008, 2011, 2021}},
	{"F040", 2, "2021-04-19", sSingle, 2, sLives, "", []int{2016, 2019}},

	{"F041", 2, "2021-06-01", sSingle, 3, sLives, "", []int{2013, 2017}},
	{"F042", 2, "2022-01-10", sCouple, 2, sLives, "", []int{2008, 2012, 2019}},
	{"F043", 2, "2022-09-01", sSingle, -1, sLives, "", []int{2015, 2022}},
	{"F044", 2, "2022-10-17", sSingle, 4, sLives, "", []int{2016}},
	{"F045", 2, "2021-03-15", sCouple, -1, "", "", nil},
	{"F046", 2, "2021-08-20", sSingle, -1, "", "", nil},
	{"F047", 2, "2024-02-01", sSingle, -1, "", "", nil},
}

// samplePurchase is one row of Kjøp; amounts in whole kroner, 0 = blank.
type samplePurchase struct {
	id         string
	date       string
	price      int64
	loan       int64
	rooms      int
	area       int64
	costs      int64
	rentBefore int64
}

// Prices are plausible for Bærum in their year (35 000–65 000 kr per m²).
// F001 is the example home of the seeds. F010 has 6 rooms (SSB's "5+" row).
// F007 and F025 have no Startlån recorded.
var samplePurchases = []samplePurchase{
	// id, Kjøpsdato, Kjøpesum, Startlån, Rom, BRA, Månedlige boutgifter, Husleie før
	{"F001", "2016-06-15", 3350000, 3100000, 4, 89, 13900, 15500},
	{"F002", "2016-09-01", 3050000, 2750000, 3, 72, 0, 13000},
	{"F003", "2016-11-10", 3900000, 3500000, 4, 95, 15800, 0},
	{"F004", "2017-02-20", 2980000, 2980000, 3, 68, 0, 12800},
	{"F005", "2017-04-03", 3650000, 3200000, 4, 84, 14600, 15000},
	{"F006", "2017-06-19", 3200000, 2900000, 3, 75, 0, 0},
	{"F007", "2017-09-04", 4850000, 0, 5, 118, 19200, 0},
	{"F008", "2017-11-27", 3100000, 2800000, 3, 70, 0, 0},
	{"F009", "2018-01-15", 3700000, 3300000, 4, 86, 14900, 16000},
	{"F010", "2018-05-22", 5200000, 4600000, 6, 131, 20500, 0},
	{"F011", "2018-06-11", 2900000, 2700000, 3, 66, 0, 0},
	{"F012", "2018-08-30", 2600000, 2450000, 2, 55, 11800, 0},
	{"F013", "2018-10-15", 3850000, 3400000, 4, 90, 0, 0},

	{"F014", "2019-01-21", 3600000, 3300000, 3, 74, 14100, 14800},
	{"F015", "2019-02-18", 4450000, 3900000, 4, 92, 0, 0},
	{"F016", "2019-03-15", 3750000, 3450000, 3, 71, 14400, 15200},
	{"F017", "2019-04-29", 3050000, 2900000, 2, 58, 0, 0},
	{"F018", "2019-06-03", 4200000, 3700000, 4, 88, 16300, 0},
	{"F019", "2019-06-24", 4900000, 4300000, 5, 112, 0, 0},
	{"F020", "2019-08-19", 3400000, 3150000, 3, 69, 0, 0},
	{"F021", "2019-09-30", 4650000, 4100000, 4, 97, 17100, 17500},
	{"F022", "2019-10-28", 3550000, 3300000, 3, 73, 0, 0},
	{"F023", "2019-12-09", 3800000, 3500000, 3, 76, 0, 0},
	{"F024", "2020-01-27", 4300000, 3850000, 4, 85, 16200, 0},
	{"F025", "2020-03-02", 3500000, 0, 3, 67, 0, 0},
	{"F026", "2020-05-11", 3700000, 3450000, 3, 72, 14700, 0},
	{"F027", "2020-06-15", 2950000, 2850000, 2, 54, 0, 0},
	{"F028", "2020-08-24", 4800000, 4250000, 4, 99, 17600, 18000},
	{"F029", "2020-09-14", 3650000, 3400000, 3, 70, 0, 0},
	{"F030", "2020-10-19", 4400000, 3950000, 4, 87, 0, 0},
	{"F031", "2020-11-23", 5300000, 4700000, 5, 121, 19800, 0},
	{"F032", "2020-12-14", 3600000, 3350000, 3, 68, 0, 0},
	{"F033", "2021-01-18", 3900000, 3600000, 3, 71, 15300, 16100},
	{"F034", "2021-02-22", 5100000, 4500000, 4, 94, 0, 0},
	{"F035", "2021-03-29", 4000000, 3700000, 3, 73, 0, 0},
	{"F036", "2021-04-26", 3300000, 3150000, 2, 57, 13200, 0},
	{"F037", "2021-05-31", 5650000, 4900000, 5, 118, 0, 0},
	{"F038", "2021-06-21", 4100000, 3800000, 3, 75, 15900, 0},
	{"F039", "2021-08-16", 5000000, 4450000, 4, 91, 0, 0},
	{"F040", "2021-09-20", 3950000, 3700000, 3, 70, 0, 0},

	{"F041", "2022-05-20", 4250000, 3950000, 3, 72, 17400, 0},
	{"F042", "2022-11-15", 5400000, 4800000, 4, 93, 0, 0},
	{"F043", "2023-03-13", 3450000, 3300000, 2, 56, 14900, 0},
	{"F044", "2023-06-12", 4150000, 3900000, 3, 71, 0, 0},
}

// sampleValuation is one row of Verdivurderinger.
type sampleValuation struct {
	id     string
	date   string
	value  int64
	source string
}

// Only F001's 2020 value comes from the seeds. The example home is valued
// exactly four years after its purchase, so its yearly growth is
// (4 100 000 / 3 350 000)^(1/4) − 1. Homes without a row are estimated from
// SSB-prisindeks. F036's valuation is dated after 2021-09-30 and so only
// counts in the follow-up; F001, F016 and F021 have a newer value for it.
var sampleValuations = []sampleValuation{
	{"F001", "2020-06-15", 4100000, "megler (fra evalueringen 2021)"},
	{"F001", "2024-04-15", 4650000, "megler (illustrativ)"},
	{"F002", "2019-05-10", 3400000, "megler (illustrativ)"},
	{"F003", "2021-03-01", 4700000, "megler (illustrativ)"},
	{"F005", "2020-10-12", 4300000, "megler (illustrativ)"},
	{"F007", "2021-06-01", 5900000, "megler (illustrativ)"},
	{"F009", "2021-05-20", 4350000, "bank (illustrativ)"},
	{"F011", "2019-11-01", 3150000, "salg (illustrativ)"},
	{"F012", "2020-03-01", 2750000, "tvangssalg (illustrativ)"},
	{"F013", "2021-02-15", 4300000, "salg (illustrativ)"},
	{"F016", "2021-04-15", 4150000, "megler (illustrativ)"},
	{"F016", "2023-10-02", 4500000, "megler (illustrativ)"},
	{"F021", "2021-08-10", 5200000, "bank (illustrativ)"},
	{"F021", "2024-05-06", 5600000, "bank (illustrativ)"},
	{"F026", "2021-09-01", 4050000, "megler (illustrativ)"},
	{"F030", "2024-02-01", 4900000, "salg (illustrativ)"},
	{"F033", "2023-05-15", 4250000, "megler (illustrativ)"},
	{"F036", "2021-11-20", 3500000, "megler (illustrativ)"},
	{"F042", "2024-06-03", 5550000, "megler (illustrativ)"},
}

// sampleRegion is the region of the sample's (illustrative) price index.
const sampleRegion = "Oslo og Bærum"

// SSB-prisindeks: illustrative yearly house price index, 2015 = 100 (its
// Kilde says so), shaped
// like the resale-price index for Oslo and Bærum (a dip in 2018, a rise in
// 2020–2021, flat 2022–2023).
var samplePriceIndex = []struct {
	year  int
	index string
}{
	{2015, "100"}, {2016, "111.3"}, {2017, "117.8"}, {2018, "115.6"}, {2019, "119.9"},
	{2020, "126.4"}, {2021, "139.3"}, {2022, "145.1"}, {2023, "142.0"},
}

// sampleFollowUp is one row of Oppfølging: -1 adults and "" assistance are
// blank cells. All illustrative. Baselines are at enrolment; most families
// were seen again in June 2021 and some in June 2024. F029 has no 2021 row
// (it only counts in the follow-up), F035 has its baseline only, F038's
// baseline lacks the number of adults in work, and F045 has not bought (it
// never counts).
var sampleFollowUps = []struct {
	id         string
	date       string
	inWork     int
	assistance string
}{
	{"F001", "2016-01-20", 0, "ja"}, {"F001", "2021-06-10", 1, "nei"}, {"F001", "2024-06-12", 1, "nei"},
	{"F002", "2016-03-14", 1, "ja"}, {"F002", "2021-06-10", 2, "nei"},
	{"F003", "2016-05-02", 1, "nei"}, {"F003", "2021-06-14", 1, "nei"},
	{"F004", "2016-10-03", 0, "ja"}, {"F004", "2021-06-14", 1, "nei"},
	{"F005", "2016-11-21", 1, "ja"}, {"F005", "2021-06-15", 2, "nei"}, {"F005", "2024-06-12", 2, "nei"},
	{"F006", "2017-01-09", 0, "ja"}, {"F006", "2021-06-16", 0, "ja"},
	{"F009", "2017-08-28", 0, "ja"}, {"F009", "2021-06-17", 1, "nei"},
	{"F011", "2018-01-22", 0, "ja"}, {"F011", "2021-06-17", 0, "ja"},
	{"F014", "2018-10-08", 0, "ja"}, {"F014", "2021-06-21", 1, "ja"}, {"F014", "2024-06-17", 1, "nei"},
	{"F015", "2018-11-12", 1, "ja"}, {"F015", "2021-06-21", 2, "nei"},
	{"F016", "2018-12-03", 0, "ja"}, {"F016", "2021-06-22", 1, "nei"}, {"F016", "2024-06-18", 1, "nei"},
	{"F018", "2019-02-04", 1, "nei"}, {"F018", "2021-06-22", 2, "nei"},
	{"F020", "2019-03-18", 0, "ja"}, {"F020", "2021-06-23", 0, "ja"}, {"F020", "2024-06-18", 1, "nei"},
	{"F022", "2019-06-10", 0, "ja"}, {"F022", "2021-06-23", 1, "nei"},
	{"F024", "2019-09-02", 1, "ja"}, {"F024", "2021-06-24", 1, "nei"},
	{"F026", "2019-11-18", 0, "ja"}, {"F026", "2021-06-24", 0, "ja"}, {"F026", "2024-06-19", 1, "ja"},
	{"F028", "2020-03-09", 1, "nei"}, {"F028", "2021-06-25", 2, "nei"},
	{"F029", "2020-04-20", 0, "ja"}, {"F029", "2024-06-19", 1, "nei"},
	{"F033", "2020-09-07", 0, "ja"}, {"F033", "2021-06-28", 1, "ja"}, {"F033", "2024-06-20", 1, "nei"},
	{"F035", "2020-11-02", 0, "ja"},
	{"F038", "2021-02-08", -1, "ja"}, {"F038", "2024-06-20", 1, "nei"},
	{"F041", "2021-06-01", 0, "ja"}, {"F041", "2024-06-21", 1, "nei"},
	{"F045", "2021-03-15", 0, "ja"},
}

// Kontekst: only the two values the seeds give, so the change is the
// corrected 97 children (the seed says 102).
var sampleContext = []struct {
	indicator string
	year      int
	value     int64
}{
	{"Barn i vedvarende lavinntekt", 2017, 1685},
	{"Barn i vedvarende lavinntekt", 2018, 1782},
}

func sampleDate(s string) Date {
	var d Date // "" is the zero date
	if err := d.UnmarshalText([]byte(s)); err != nil {
		panic("sample: bad date " + s) // a typo in the table above; caught by the tests
	}
	return d
}

func sampleAmount(n int64) fastdec.Packed {
	if n == 0 {
		return fastdec.Packed{}
	}
	return fastdec.Pack(decimal.NewFromInt(n))
}

func sampleInt(n int) *int    { return &n }
func sampleBool(b bool) *bool { return &b }

// sampleParameters is the sample's Forutsetninger sheet: values as a person
// would type them, each with its source.
var sampleParameters = []Parameter{
	{Name: ParamProgramme, Value: "Barn bor bra i Bærum", Source: "Innovasjonsbeskrivelsen"},
	{Name: ParamMunicipality, Value: "Bærum kommune", Source: "Innovasjonsbeskrivelsen"},
	{Name: ParamEvaluationDate, Value: "2021-09-30", Source: "Evalueringen 2021 (tall pr. september 2021)"},
	{Name: ParamCostPerPerson, Value: "16400000", Source: "Evalueringen 2021: ca. 16 mill. kr per ungdom i utenforskap (Sørvoll & Aarset 2015); 16,4 mill. kr brukt i beregningen"},
	{Name: ParamShareLow, Value: "0.02", Source: "Illustrativ forutsetning for følsomhetsberegning"},
	{Name: ParamShareBase, Value: "0.05", Source: "Evalueringen 2021: «dersom vi tenker at 5 % kunne ha gjort det»"},
	{Name: ParamShareHigh, Value: "0.1", Source: "Illustrativ forutsetning for følsomhetsberegning"},
	{Name: ParamSmallCount, Value: "3", Source: "Illustrativ: tall under 3 vises ikke i offentlige rapporter"},
	{Name: ParamExampleHome, Value: "F001", Source: "Evalueringen 2021: eksempelboligen (4 rom, kjøpt 2016 for 3 350 000 kr)"},
	{Name: ParamExamplePublic, Value: "nei", Source: "Ett eksempel beskriver én familie"},
}

// sampleAssumptions reads sampleParameters as the reader reads
// Forutsetninger.
func sampleAssumptions() Assumptions {
	a, problems := buildAssumptions(sampleParameters)
	if len(problems) > 0 {
		panic("sample: " + problems[0].Message) // a typo in the table above; caught by the tests
	}
	return a
}

// Workbook is one file of a dataset as bobra writes it (the sample, a
// generated dataset).
type Workbook struct {
	Name   string   // file name
	Sheets []string // canonical names of its sheets
}

// SampleWorkbooks splits the sample the way a programme keeps its data:
// NAV keeps the families, their children and the follow-up; Boligbistand
// keeps the purchases and valuations; the evaluator keeps the public
// statistics and the assumptions; and the survey, quotes and resource use
// come from the evaluation. The reader finds sheets in any file of the
// folder, so the split also shows that. Every sheet of the contract is in
// one file (the round-trip and template tests say so).
func SampleWorkbooks() []Workbook {
	return []Workbook{
		{"familier.xlsx", []string{SheetFamilies, SheetChildren, SheetFollowUps}},
		{"boliger.xlsx", []string{SheetPurchases, SheetValuations}},
		{"ssb-og-forutsetninger.xlsx", []string{SheetRent, SheetPriceIndex, SheetContext, SheetAssumptions}},
		{"erfaringer-og-ressurser.xlsx", []string{SheetSurvey, SheetQuotes, SheetResources}},
	}
}
