package compute

import (
	"reflect"
	"testing"

	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// equalDecimals compares two values deeply, treating decimals as equal when
// their values are (1.50 = 1.5), so tests can compare whole results.
func equalDecimals(a, b any) bool {
	return equalValues(reflect.ValueOf(a), reflect.ValueOf(b))
}

var decimalType = reflect.TypeOf(decimal.Decimal{})

func equalValues(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	if a.Type() == decimalType {
		return a.Interface().(decimal.Decimal).Equal(b.Interface().(decimal.Decimal))
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return equalValues(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !equalValues(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !equalValues(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !equalValues(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func sharePtrOf(d decimal.Decimal) *results.Share { s := results.S(d); return &s }

func counts(ns ...int) []results.Count {
	out := make([]results.Count, len(ns))
	for i, n := range ns {
		out[i] = results.C(n)
	}
	return out
}

func TestSurveyItems(t *testing.T) {
	t.Parallel()
	const a, b, c = "Barna har det tryggere", "Lettere å ta med venner hjem", "Bedre kjent med naboene"
	ans := func(round int, statement string, steps ...int) []data.SurveyAnswer {
		var out []data.SurveyAnswer
		for i, s := range steps {
			out = append(out, data.SurveyAnswer{Round: round, Statement: statement, Step: s, Respondent: i + 2})
		}
		return out
	}
	join := func(parts ...[]data.SurveyAnswer) []data.SurveyAnswer {
		var out []data.SurveyAnswer
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	twoThirds := dec("2").DivRound(dec("3"), Precision)

	tests := []struct {
		name     string
		answers  []data.SurveyAnswer
		lastYear int
		want     []results.SurveyItem
	}{
		{
			name:     "no survey",
			lastYear: 2024,
			want:     []results.SurveyItem{},
		},
		{
			// 2020, statement a: Helt enig, Litt enig, Vet ikke, blank,
			// Litt uenig, Litt enig: 4 answered, 2 without answer, 3 of 4 agree.
			// Statement b: 0 of 3 agree. 2024 (listed first in the data):
			// a has 2 of 3 agree, a change of 2/3 − 3/4; nobody answered b
			// on the scale, so it is left out; c is new, with no change.
			// 2026 is after the evaluation year.
			name: "two rounds",
			answers: join(
				ans(2024, a, 5, 5, 1),
				ans(2024, b, 0, 0, 0),
				ans(2024, c, 4, 0, 0),
				ans(2020, a, 5, 4, 0, 0, 2, 4),
				ans(2020, b, 1, 1, 3, 0, 0, 0),
				ans(2026, a, 1, 1),
			),
			lastYear: 2024,
			want: []results.SurveyItem{
				{Round: 2020, Statement: a, Answered: results.C(4), NoAnswer: results.C(2), Counts: counts(0, 1, 0, 2, 1),
					AgreeShare: sharePtrOf(dec("0.75"))},
				{Round: 2020, Statement: b, Answered: results.C(3), NoAnswer: results.C(3), Counts: counts(2, 0, 1, 0, 0),
					AgreeShare: sharePtrOf(dec("0"))},
				{Round: 2024, Statement: a, Answered: results.C(3), NoAnswer: results.C(0), Counts: counts(1, 0, 0, 0, 2),
					AgreeShare: sharePtrOf(twoThirds), AgreeChange: sharePtrOf(twoThirds.Sub(dec("0.75")))},
				{Round: 2024, Statement: c, Answered: results.C(1), NoAnswer: results.C(2), Counts: counts(0, 0, 0, 1, 0),
					AgreeShare: sharePtrOf(dec("1"))},
			},
		},
		{
			name: "evaluated before the second round",
			answers: join(
				ans(2020, a, 5, 4, 0, 0, 2, 4),
				ans(2024, a, 5, 5, 1),
			),
			lastYear: 2021,
			want: []results.SurveyItem{
				{Round: 2020, Statement: a, Answered: results.C(4), NoAnswer: results.C(2), Counts: counts(0, 1, 0, 2, 1),
					AgreeShare: sharePtrOf(dec("0.75"))},
			},
		},
		{
			// The change is against the latest earlier round, not the first.
			name: "three rounds",
			answers: join(
				ans(2018, a, 1, 1),
				ans(2020, a, 5, 1),
				ans(2022, a, 5, 5),
			),
			lastYear: 2024,
			want: []results.SurveyItem{
				{Round: 2018, Statement: a, Answered: results.C(2), Counts: counts(2, 0, 0, 0, 0), AgreeShare: sharePtrOf(dec("0"))},
				{Round: 2020, Statement: a, Answered: results.C(2), Counts: counts(1, 0, 0, 0, 1), AgreeShare: sharePtrOf(dec("0.5")),
					AgreeChange: sharePtrOf(dec("0.5"))},
				{Round: 2022, Statement: a, Answered: results.C(2), Counts: counts(0, 0, 0, 0, 2), AgreeShare: sharePtrOf(dec("1")),
					AgreeChange: sharePtrOf(dec("0.5"))},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := surveyItems(tt.answers, tt.lastYear)
			if !equalDecimals(got, tt.want) {
				t.Errorf("surveyItems =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

// TestSampleSurveyAndResources checks the sample's survey and resource
// figures against hand counts of data/sample_survey.go.
func TestSampleSurveyAndResources(t *testing.T) {
	t.Parallel()
	const safer = "Å eie boligen gjør hverdagen tryggere og mer stabil for barna"
	const friends = "Det er lettere for barna å ta med venner hjem"
	const neighbours = "Det er lettere å bli kjent med naboene"
	const worries = "De økonomiske bekymringene har ikke blitt større"
	frac := func(a, b int64) decimal.Decimal {
		return decimal.NewFromInt(a).DivRound(decimal.NewFromInt(b), Precision)
	}

	r2021 := Compute(data.Sample(), data.SampleEvaluationDate)
	// 2021: only the 2020 round; "5555545553343444" has three 3s, five 4s
	// and eight 5s: 13 of 16 agree.
	if len(r2021.Survey) != 5 {
		t.Fatalf("2021: %d survey items, want 5", len(r2021.Survey))
	}
	want := results.SurveyItem{Round: 2020, Statement: safer, Answered: results.C(16), NoAnswer: results.C(0), Counts: counts(0, 0, 3, 5, 8),
		AgreeShare: sharePtrOf(frac(13, 16))}
	if !equalDecimals(r2021.Survey[0], want) {
		t.Errorf("2021 survey[0] = %+v, want %+v", r2021.Survey[0], want)
	}
	// 2016–2021: NAV 1 970 000 kr and 2 337,5 hours, Boligbistand
	// 2 940 000 kr and 3 400 hours; 40 families, 97 children.
	res := r2021.Resources
	if res == nil {
		t.Fatal("2021: no resources")
	}
	wantRes := &results.Resources{
		CostTotal:  results.M(dec("4910000")),
		HoursTotal: results.Number{V: dec("5737.5")},
		ByYear: []results.ResourceRow{
			{Year: 2016, Hours: results.Number{V: dec("770")}, Cost: results.M(dec("640000"))},
			{Year: 2017, Hours: results.Number{V: dec("720")}, Cost: results.M(dec("610000"))},
			{Year: 2018, Hours: results.Number{V: dec("680")}, Cost: results.M(dec("590000"))},
			{Year: 2019, Hours: results.Number{V: dec("1280")}, Cost: results.M(dec("1080000"))},
			{Year: 2020, Hours: results.Number{V: dec("1200")}, Cost: results.M(dec("1040000"))},
			{Year: 2021, Hours: results.Number{V: dec("1087.5")}, Cost: results.M(dec("950000"))},
		},
		ByActor: []results.ResourceRow{
			{Actor: "Boligbistand", Hours: results.Number{V: dec("3400")}, Cost: results.M(dec("2940000"))},
			{Actor: "NAV", Hours: results.Number{V: dec("2337.5")}, Cost: results.M(dec("1970000"))},
		},
		CostPerFamily: moneyPtr(dec("122750")),
		SavingsPerKrone: []results.Ratio{
			{Name: "lav", Ratio: results.Number{V: dec("31816000").DivRound(dec("4910000"), Precision)}},
			{Name: "basis", Ratio: results.Number{V: dec("79540000").DivRound(dec("4910000"), Precision)}},
			{Name: "høy", Ratio: results.Number{V: dec("159080000").DivRound(dec("4910000"), Precision)}},
		},
		BreakEvenShare:    sharePtrOf(dec("4910000").DivRound(dec("1590800000"), Precision)),
		BreakEvenChildren: results.C(1),
	}
	if !equalDecimals(res, wantRes) {
		t.Errorf("2021 resources =\n%+v\nwant\n%+v", res, wantRes)
	}

	r2024 := Compute(data.Sample(), data.SampleFollowUpDate)
	if len(r2024.Survey) != 10 {
		t.Fatalf("2024: %d survey items, want 10", len(r2024.Survey))
	}
	// 2024: "55554554455554455555": 20 of 20 agree, up from 13 of 16;
	// "55455445554455455545": 20 of 20, up from 13 of 16;
	// "35555354444433444443": 15 of 20, up from 9 of 16;
	// "34354425544444545322": 14 of 20, up from 6 of 13 (three "Vet ikke").
	wantItems := []results.SurveyItem{
		{Round: 2024, Statement: safer, Answered: results.C(20), NoAnswer: results.C(0), Counts: counts(0, 0, 0, 5, 15),
			AgreeShare: sharePtrOf(dec("1")), AgreeChange: sharePtrOf(dec("0.1875"))},
		{Round: 2024, Statement: friends, Answered: results.C(20), NoAnswer: results.C(0), Counts: counts(0, 0, 0, 7, 13),
			AgreeShare: sharePtrOf(dec("1")), AgreeChange: sharePtrOf(dec("0.1875"))},
		{Round: 2024, Statement: neighbours, Answered: results.C(20), NoAnswer: results.C(0), Counts: counts(0, 0, 5, 10, 5),
			AgreeShare: sharePtrOf(dec("0.75")), AgreeChange: sharePtrOf(dec("0.75").Sub(frac(9, 16)))},
		{Round: 2024, Statement: worries, Answered: results.C(20), NoAnswer: results.C(0), Counts: counts(0, 3, 3, 9, 5),
			AgreeShare: sharePtrOf(dec("0.7")), AgreeChange: sharePtrOf(dec("0.7").Sub(frac(6, 13)))},
	}
	if !equalDecimals(r2024.Survey[5:9], wantItems) {
		t.Errorf("2024 survey[5:9] =\n%+v\nwant\n%+v", r2024.Survey[5:9], wantItems)
	}
	if r2024.Resources == nil || !r2024.Resources.CostTotal.V.Equal(dec("5950000")) || !r2024.Resources.HoursTotal.V.Equal(dec("6697.5")) {
		t.Errorf("2024 resources = %+v, want 5 950 000 kr and 6 697,5 hours", r2024.Resources)
	}
}
