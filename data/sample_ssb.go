package data

import (
	_ "embed"
	"sync"

	"bobra/internal/jsonstat"
)

// The sample's SSB-leie is SSB's own answer for table 09895 (Oslo og Bærum
// kommune, 2012–2025), read by the same code as `bobra ssb`; see
// ssbdata/README.md for its source and licence.
//
//go:embed ssbdata/09895-oslo-og-baerum-2012-2025.json
var sampleRentDocument []byte

// sampleRentRegion is the price zone of the sample's rents.
const sampleRentRegion = "01"

// samplePriceIndexSource marks the sample's price index as invented: SSB's
// table 07221 has no yearly index for all dwellings in Oslo and Bærum, and
// the document in ssbdata covers only 2022–2023.
const samplePriceIndexSource = "Illustrativ (oppdiktet indeks formet som SSBs tabell 07221, 2015 = 100)"

var sampleRents = sync.OnceValue(func() []RentRow {
	doc, err := jsonstat.Parse(sampleRentDocument)
	if err != nil {
		panic("sample: SSB table 09895: " + err.Error()) // caught by the tests
	}
	imp, err := ImportSSB(doc, SSBChoice{Regions: []string{sampleRentRegion}})
	if err != nil || len(imp.Messages) > 0 {
		panic("sample: SSB table 09895 does not import cleanly") // caught by the tests
	}
	return imp.Rents
})
