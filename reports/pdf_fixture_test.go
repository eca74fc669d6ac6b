package reports

import (
	"bobra/internal/norfmt"
	"fmt"
	"strconv"
	"time"

	"bobra/data"

	"github.com/shopspring/decimal"
)

// fixtureDocument is a hand-built report with every kind of block, chart
// and Markdown construct, Norwegian letters everywhere and a homes table
// of the given length; it lets the PDF renderers be tested apart from the
// templates and the metrics.
func fixtureDocument(homes int) *Document {
	d := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	ds := func(ss ...string) []decimal.Decimal {
		out := make([]decimal.Decimal, len(ss))
		for i, s := range ss {
			out[i] = d(s)
		}
		return out
	}
	years := []string{"2016", "2017", "2018", "2019", "2020", "2021"}

	homeRows := make([][]string, homes)
	valueCats := make([]string, 0, homes)
	var prices, values []decimal.Decimal
	for i := range homes {
		price := decimal.NewFromInt(int64(2_400_000 + (i*137_000)%1_900_000))
		value := price.Mul(d("1.18")).Add(decimal.NewFromInt(int64((i * 53_000) % 400_000)))
		id := fmt.Sprintf("F%03d", i+1)
		status := "bor i boligen"
		if i%9 == 4 {
			status = "flyttet til annen eid bolig"
		}
		if i%13 == 7 {
			status = "solgt og leier"
		}
		homeRows[i] = []string{
			id, strconv.Itoa(1 + i%2), data.NewDate(2016+i%6, time.Month(3+i%9), 1+i%27).Norwegian(), norfmt.Kroner(price),
			strconv.Itoa(2 + i%4), norfmt.Kroner(value), norfmt.Kroner(value.Sub(price)),
			norfmt.Percent(value.Sub(price).Div(price)), status,
		}
		if i < 40 {
			valueCats = append(valueCats, id)
			prices = append(prices, price)
			values = append(values, value)
		}
	}

	kjop := &Chart{
		ID: "kjop-per-ar", Kind: StackedBarChart, Title: "Kjøp per år, etter del",
		XName: "Kjøpsår", YName: "Antall familier", Unit: UnitCount, Categories: years,
		Series: []Series{
			{Name: "Del 1", Color: Palette[0], Values: ds("5", "4", "4", "0", "0", "0")},
			{Name: "Del 2", Color: Palette[1], Values: ds("0", "0", "0", "9", "11", "7")},
		},
		Description: "Familiene kjøpte fra 2016 til 2021; flest i 2020 (11).",
		Source:      "Familier og Kjøp i prosjektets regneark",
		Table: &Table{
			Header: []string{"År", "Del 1", "Del 2"}, Numeric: []bool{false, true, true},
			Rows: [][]string{{"2016", "5", "0"}, {"2017", "4", "0"}, {"2018", "4", "0"}, {"2019", "0", "9"}, {"2020", "0", "11"}, {"2021", "0", "7"}},
		},
	}
	stab := &Chart{
		ID: "stabilitet-del", Kind: BarChart, Title: "Andel som bor stabilt, etter del",
		YName: "Andel", Unit: UnitShare, Categories: []string{"Del 1", "Del 2", "Alle"},
		Series:      []Series{{Name: "Bor stabilt", Color: Palette[2], Values: ds("0.7692", "0.9630", "0.9000")}},
		Description: "Del 1: 76,9 %, del 2: 96,3 %.",
		Source:      "Familier (Status, Statusdato)",
	}
	retention := &Chart{
		ID: "tid-i-eie", Kind: StepChart, Title: "Andel som fortsatt eier, år etter kjøpet (Kaplan–Meier)",
		XName: "År etter kjøpet", YName: "Andel som eier", Unit: UnitShare,
		Categories:  []string{"0", "0,8", "1,5", "2,3", "3,1", "4,2", "5,4"},
		XValues:     ds("0", "0.8", "1.5", "2.3", "3.1", "4.2", "5.4"),
		Series:      []Series{{Name: "Alle familier", Color: Palette[0], Values: ds("1", "0.975", "0.95", "0.95", "0.8962", "0.8512", "0.7566")}},
		Description: "Etter fem år eier 75,7 % fortsatt.",
		Source:      "Familier og Kjøp",
	}
	value := &Chart{
		ID: "verdi-per-bolig", Kind: BarChart, Title: "Kjøpesum og verdi per bolig",
		YName: "Kroner", Unit: UnitKroner, Categories: valueCats,
		Series: []Series{
			{Name: "Kjøpesum", Color: Palette[0], Values: prices},
			{Name: "Verdi nå", Color: Palette[1], Values: values},
		},
		Source: "Kjøp og Verdivurderinger; SSBs boligprisindeks der verdivurdering mangler",
	}
	rent := &Chart{
		ID: "ssb-leie", Kind: LineChart, Title: "Månedsleie etter SSB, Oslo og Bærum",
		XName: "År", YName: "Kroner per måned", Unit: UnitKroner, Categories: years,
		Series: []Series{
			{Name: "3 rom", Color: Palette[0], Values: ds("12900", "13350", "13800", "14600", "15400", "15900")},
			{Name: "4 rom", Color: Palette[1], Values: ds("15150", "15800", "16400", "17300", "18410", "18900")},
			{Name: "5+ rom", Color: Palette[2], Values: ds("18200", "18700", "19500", "20400", "21600", "22300")},
		},
		Source: "SSB, leiemarkedsundersøkelsen (tabell 09895)",
	}
	savings := &Chart{
		ID: "samfunn", Kind: BarChart, Title: "Samfunnsøkonomisk gevinst etter scenario",
		YName: "Kroner", Unit: UnitKroner, Categories: []string{"Lav (2 %)", "Basis (5 %)", "Høy (10 %)"},
		Series: []Series{{Name: "Gevinst", Color: Palette[3], Values: ds("31816000", "79540000", "159080000")}},
		Source: "Forutsetninger: Kostnad per ungdom i utenforskap",
	}
	survey := &Chart{
		ID: "erfaringer-2024", Kind: DivergingBarChart, Title: "Familienes svar, 2024",
		XName: "Antall svar", Unit: UnitCount,
		Categories: []string{
			"Å eie gjør barnas hverdag tryggere og mer stabil",
			"Det er lettere å ta med venner hjem",
			"Det er lettere å bli kjent med naboene",
			"De økonomiske bekymringene har ikke økt",
			"Det er mer motiverende å jobbe når man eier",
		},
		Series: []Series{
			{Name: "Helt uenig", Color: Palette[1], Values: ds("0", "1", "1", "3", "1")},
			{Name: "Litt uenig", Color: "#e3a47a", Values: ds("1", "1", "3", "4", "2")},
			{Name: "Verken enig eller uenig", Color: Palette[5], Values: ds("2", "3", "6", "5", "4")},
			{Name: "Litt enig", Color: "#7ea6cf", Values: ds("8", "9", "10", "9", "9")},
			{Name: "Helt enig", Color: Palette[0], Values: ds("19", "16", "10", "9", "14")},
		},
		Source: "Spørreundersøkelse blant familiene, 2024 (illustrativ)",
	}

	return &Document{
		Title: "Barn bor bra i Bærum", Subtitle: "Evaluering", Municipality: "Bærum kommune",
		AsOf:           data.NewDate(2021, 9, 30),
		Classification: "Intern rapport: inneholder tall på familienivå (FamilieID). Skal ikke deles utenfor NAV Bærum og Boligbistand.",
		KeyFigures: []KeyFigure{
			{ID: "familier", Value: "40", Label: "familier har kjøpt egen bolig", Sentence: "13 i del 1 og 27 i del 2 har kjøpt bolig med startlån per 30.09.2021.", Source: "Familier og Kjøp", JSONPath: "families.bought"},
			{ID: "barn", Value: "97", Label: "barn bor i familiene", Sentence: "Alle barna i familiene som har kjøpt, født senest i evalueringsåret.", Source: "Barn", JSONPath: "children.total"},
			{ID: "stabilitet", Value: "76,9" + norfmt.NBSP + "%", Label: "av familiene i del 1 bor stabilt", Sentence: "10 av 13 familier i del 1 bor fortsatt i egen bolig; for alle familiene er andelen 90,0" + norfmt.NBSP + "%.", Source: "Familier (Status)", JSONPath: "stability.by_phase.1.rate"},
			{ID: "verdi", Value: "kr" + norfmt.NBSP + "21" + norfmt.NBSP + "410" + norfmt.NBSP + "000", Label: "i samlet verdistigning", Sentence: "Boligene er verdt 142,3" + norfmt.NBSP + "mill." + norfmt.NBSP + "kr, mot 120,9" + norfmt.NBSP + "mill." + norfmt.NBSP + "kr da de ble kjøpt.", Source: "Kjøp, Verdivurderinger og SSB-prisindeks", JSONPath: "appreciation.gain_total"},
			{ID: "leie", Value: "14,2" + norfmt.NBSP + "mill." + norfmt.NBSP + "kr", Label: "i husleie familiene ikke har betalt", Sentence: "Hva tilsvarende leide boliger ville ha kostet etter SSBs leiepriser, fra kjøpet til 30.09.2021.", Source: "SSB-leie (Oslo og Bærum)", JSONPath: "rent.rent_not_paid_total"},
			{ID: "samfunn", Value: "79,5" + norfmt.NBSP + "mill." + norfmt.NBSP + "kr", Label: "kan samfunnet spare", Sentence: "Dersom 5,0" + norfmt.NBSP + "% av de 97 barna unngår utenforskap: 4,85 personer × 16,4" + norfmt.NBSP + "mill." + norfmt.NBSP + "kr.", Source: "Forutsetninger", JSONPath: "societal.scenarios.1.savings"},
			{ID: "tvangssalg", Value: "færre enn 3", Label: "boliger er tvangssolgt", Sentence: "Tallet er skjult etter prikkeregelen.", Source: "Familier (Status)"},
		},
		Sections: []Section{
			{ID: "sammendrag", Title: "Sammendrag", Blocks: []Block{
				{Markdown: "Per 30. september 2021 har 40 familier med til sammen 97 barn kjøpt egen bolig med startlån gjennom Barn bor bra i Bærum. Hvert tall er forklart i kapitlet [Metode og forutsetninger](#metode), og alle tallene finnes også i filen `resultater.json`."},
				{KeyFigures: true},
			}},
			{ID: "bakgrunn", Title: "Bakgrunn og målgruppe", Blocks: []Block{
				{Markdown: "Ustabile boforhold og det å måtte flytte ofte i oppveksten har *negative konsekvenser* for barn og unges livsløp. Økonomisk vanskeligstilte barnefamilier sliter i boligmarkedet på grunn av **høye utleiepriser** i Bærum.\n\n## Hva er nytt\n\n- Målgruppen er barnefamilier og enslige forsørgere i vedvarende lavinntekt, med oppfølging og med økonomisk støtte fra NAV\n- Det gis unntak fra det absolutte inntektskravet som gjelder ved ordinær søknad om startlån\n- Det er tilstrekkelig at minst én av foreldrene har sikker inntekt, så lenge den andre forelderen er i et arbeidsrettet løp\n\nLes mer om strategien [Alle trenger et trygt hjem](https://www.regjeringen.no/no/dokumenter/alle-trenger-et-trygt-hjem/id2788070/) (2021–2024)."},
			}},
			{ID: "familier", Title: "Familier og barn", Blocks: []Block{
				{Markdown: "40 familier har kjøpt bolig: 13 i del 1 (2016–2018) og 27 i del 2 (2019–2021). 62,5" + norfmt.NBSP + "% er enslige forsørgere."},
				{Chart: kjop},
				{Table: &Table{
					Caption: "Barn etter alder per 30.09.2021", Header: []string{"Aldersgruppe", "Antall barn", "Andel"},
					Numeric: []bool{false, true, true},
					Rows:    [][]string{{"0–5 år", "21", "21,6" + norfmt.NBSP + "%"}, {"6–12 år", "43", "44,3" + norfmt.NBSP + "%"}, {"13–17 år", "27", "27,8" + norfmt.NBSP + "%"}, {"18 år og eldre", "6", "6,2" + norfmt.NBSP + "%"}, {"Alle", "97", "100,0" + norfmt.NBSP + "%"}},
					Source:  "Barn (Fødselsår)",
				}},
				{Quote: &Quote{Text: "Vi kan bo her så lenge vi vil. Det gjør noe med selvfølelsen til hele familien.", Who: "mor, del 1"}},
			}},
			{ID: "boligstabilitet", Title: "Boligstabilitet", Blocks: []Block{
				{Markdown: "En familie bor *stabilt* når den fortsatt bor i boligen den kjøpte, eller har flyttet til en annen bolig den eier.\n\nI del 1 bor 10 av 13 familier stabilt (76,9" + norfmt.NBSP + "%)."},
				{Chart: stab},
				{Markdown: "## Hvor lenge familiene blir boende i eid bolig\n\n1. Etter 1 år eier 97,5" + norfmt.NBSP + "% fortsatt.\n2. Etter 3 år eier 89,6" + norfmt.NBSP + "% fortsatt.\n3. Etter 5 år eier 75,7" + norfmt.NBSP + "% fortsatt."},
				{Chart: retention},
			}},
			{ID: "verdi", Title: "Verdiutvikling", Blocks: []Block{
				{Markdown: "Eksempel: en leilighet på 4 rom og 89 m² kjøpt i 2016 for kr" + norfmt.NBSP + "3" + norfmt.NBSP + "350" + norfmt.NBSP + "000 ble verdsatt til kr" + norfmt.NBSP + "4" + norfmt.NBSP + "100" + norfmt.NBSP + "000 i 2020, en verdistigning på kr" + norfmt.NBSP + "750" + norfmt.NBSP + "000 (22,4" + norfmt.NBSP + "%)."},
				{Chart: value},
				{Table: &Table{
					Caption: "Boligene", Header: []string{"FamilieID", "Del", "Kjøpsdato", "Kjøpesum", "Rom", "Verdi", "Gevinst", "Gevinst i prosent", "Status"},
					Numeric: []bool{false, true, false, true, true, true, true, true, false},
					Rows:    homeRows,
					Source:  "Kjøp og Verdivurderinger",
				}},
			}},
			{ID: "leie", Title: "Leie eller eie", Blocks: []Block{
				{Markdown: "Hadde familien med boligen på 4 rom måttet leie, ville leien ha økt fra kr" + norfmt.NBSP + "15" + norfmt.NBSP + "150 (2016) til kr" + norfmt.NBSP + "18" + norfmt.NBSP + "410 (2020) i måneden: +kr" + norfmt.NBSP + "3" + norfmt.NBSP + "260 i måneden, +kr" + norfmt.NBSP + "39" + norfmt.NBSP + "120 i året (+21,5" + norfmt.NBSP + "%)."},
				{Chart: rent},
			}},
			{ID: "erfaringer", Title: "Familienes erfaringer", Blocks: []Block{
				{Chart: survey},
				{Quote: &Quote{Text: "Det er lettere å ta med venner hjem nå. Barna har fått venner i nabolaget, og vi kjenner naboene.", Who: "far, del 2"}},
			}},
			{ID: "samfunn", Title: "Samfunnsøkonomisk gevinst", Blocks: []Block{
				{Markdown: "Gevinsten regnes slik:\n\n```\npersoner = barn × andel\ngevinst = personer × kostnad per ungdom i utenforskap\n```\n\nI basisscenarioet: 97 × 5" + norfmt.NBSP + "% = 4,85 personer × kr" + norfmt.NBSP + "16" + norfmt.NBSP + "400" + norfmt.NBSP + "000 = **kr" + norfmt.NBSP + "79" + norfmt.NBSP + "540" + norfmt.NBSP + "000**."},
				{Chart: savings},
				{Table: &Table{
					Caption: "Følsomhet: gevinst ved kostnad per person −25" + norfmt.NBSP + "%, som gitt og +25" + norfmt.NBSP + "%",
					Header:  []string{"Scenario", "Andel", "−25" + norfmt.NBSP + "%", "Som gitt", "+25" + norfmt.NBSP + "%"},
					Numeric: []bool{false, true, true, true, true},
					Rows: [][]string{
						{"Lav", "2,0" + norfmt.NBSP + "%", "kr" + norfmt.NBSP + "23" + norfmt.NBSP + "862" + norfmt.NBSP + "000", "kr" + norfmt.NBSP + "31" + norfmt.NBSP + "816" + norfmt.NBSP + "000", "kr" + norfmt.NBSP + "39" + norfmt.NBSP + "770" + norfmt.NBSP + "000"},
						{"Basis", "5,0" + norfmt.NBSP + "%", "kr" + norfmt.NBSP + "59" + norfmt.NBSP + "655" + norfmt.NBSP + "000", "kr" + norfmt.NBSP + "79" + norfmt.NBSP + "540" + norfmt.NBSP + "000", "kr" + norfmt.NBSP + "99" + norfmt.NBSP + "425" + norfmt.NBSP + "000"},
						{"Høy", "10,0" + norfmt.NBSP + "%", "kr" + norfmt.NBSP + "119" + norfmt.NBSP + "310" + norfmt.NBSP + "000", "kr" + norfmt.NBSP + "159" + norfmt.NBSP + "080" + norfmt.NBSP + "000", "kr" + norfmt.NBSP + "198" + norfmt.NBSP + "850" + norfmt.NBSP + "000"},
					},
					Source: "Forutsetninger",
				}},
			}},
			{ID: "metode", Title: "Metode og forutsetninger", Blocks: []Block{
				{Markdown: "1. **Familier og barn.** Familier som har kjøpt innen evalueringsdatoen.\n2. **Status.** *Stabil* er «bor i boligen» eller «flyttet til annen eid bolig».\n3. **Verdi.** Siste verdivurdering, ellers kjøpesum justert med SSBs prisindeks.\n\nAlle beløp er regnet eksakt og avrundet først ved visning (halvt bort fra null)."},
			}},
			{ID: "datakvalitet", Title: "Datakvalitet", Blocks: []Block{
				{Markdown: "- Fane Kjøp, celle D14: pris per m² er utenfor 10" + norfmt.NBSP + "000–150" + norfmt.NBSP + "000 kr.\n- SSB-leie mangler år 2021 for 5+ rom; 2020 er brukt."},
			}},
		},
	}
}
