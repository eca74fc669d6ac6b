package data

import "github.com/shopspring/decimal"

// The sample's survey, quotes and resource use. All of it is illustrative:
// the statements are those of the programme's own questionnaire (seeds,
// evaluation 2021), but the answers, the quotes and the costs are invented
// to show the report sections, and the README says so.

// sampleStatements are the statements of the programme's questionnaire.
var sampleStatements = []string{
	"Å eie boligen gjør hverdagen tryggere og mer stabil for barna",
	"Det er lettere for barna å ta med venner hjem",
	"Det er lettere å bli kjent med naboene",
	"De økonomiske bekymringene har ikke blitt større",
	"Det er mer motiverende å jobbe når vi eier boligen",
}

// sampleSurveyRounds holds each round's answers: per statement (in
// sampleStatements order) one digit per respondent, 1–5 on the scale from
// Helt uenig to Helt enig and 0 for "Vet ikke" or blank.
var sampleSurveyRounds = []struct {
	round   int
	answers []string
}{
	{2020, []string{
		"5555545553343444",
		"4443355354554545",
		"4322543443424355",
		"5342202053530414",
		"5334344455554554",
	}},
	{2024, []string{
		"55554554455554455555",
		"55455445554455455545",
		"35555354444433444443",
		"34354425544444545322",
		"44445533555445535555",
	}},
}

// sampleQuotes are illustrative quotes; one holds characters that HTML
// must escape, so the sample exercises it.
var sampleQuotes = []Quote{
	{Theme: "familier", Text: "Vi hadde flyttet fem ganger på fire år. Nå vet barna hvor de skal bo neste år også.", Who: "mor, del 2"},
	{Theme: "stabilitet", Text: "Barna får gå på samme skole og beholde vennene sine. Det betyr alt.", Who: "far, del 1"},
	{Theme: "erfaringer", Text: "Nå har hver av jentene sitt eget rom, og de tar med seg venner hjem etter skolen.", Who: "mor, del 1"},
	{Theme: "erfaringer", Text: `Sønnen min spurte: "Er dette <vårt> hus?" Jeg sa ja & han smilte – nå er det 'hjemme'.`, Who: "mor, del 2"},
	{Theme: "leie", Text: "Før gikk nesten halve lønna til husleie. Nå betaler vi ned på noe som er vårt.", Who: "far, del 2"},
	{Theme: "arbeid", Text: "Jeg tok fagbrev fordi jeg ville klare å beholde huset.", Who: "far, del 1"},
	{Theme: "ressurser", Text: "Det tok tid å få alt på plass med banken, men Boligbistand var med hele veien.", Who: "mor, del 1"},
}

// sampleResources is illustrative resource use per year and actor:
// hours (as typed, "" for blank) and cost in kroner.
var sampleResources = []struct {
	year  int
	actor string
	hours string
	cost  int64
}{
	{2016, "NAV", "320", 260000}, {2016, "Boligbistand", "450", 380000},
	{2017, "NAV", "300", 250000}, {2017, "Boligbistand", "420", 360000},
	{2018, "NAV", "280", 240000}, {2018, "Boligbistand", "400", 350000},
	{2019, "NAV", "520", 430000}, {2019, "Boligbistand", "760", 650000},
	{2020, "NAV", "480", 410000}, {2020, "Boligbistand", "720", 630000},
	{2021, "NAV", "437.5", 380000}, {2021, "Boligbistand", "650", 570000},
	{2022, "NAV", "240", 210000}, {2022, "Boligbistand", "", 180000},
	{2023, "NAV", "200", 180000}, {2023, "Boligbistand", "180", 160000},
	{2024, "NAV", "180", 160000}, {2024, "Boligbistand", "160", 150000},
}

// addSampleExperiences adds the survey, quotes and resource use to ds.
// Respondents are numbered by the row they have in the written sheet
// (round by round, from row 2), so the sample reads back as itself.
func addSampleExperiences(ds *Dataset) {
	row := 2
	for _, r := range sampleSurveyRounds {
		for i := range len(r.answers[0]) {
			for s, statement := range sampleStatements {
				ds.Survey = append(ds.Survey, SurveyAnswer{
					Round: r.round, Statement: statement, Step: int(r.answers[s][i] - '0'), Respondent: row,
				})
			}
			row++
		}
	}
	ds.Quotes = append(ds.Quotes, sampleQuotes...)
	for _, r := range sampleResources {
		res := Resource{Year: r.year, Actor: r.actor, Cost: decimal.NewFromInt(r.cost)}
		if r.hours != "" {
			h := decimal.RequireFromString(r.hours)
			res.Hours = &h
		}
		ds.Resources = append(ds.Resources, res)
	}
}
