package compute

import (
	"bobra/data"
	"bobra/pipeline/results"

	"github.com/shopspring/decimal"
)

// SocietalFormula is the savings estimate in words, shown with the numbers.
const SocietalFormula = "personer = barn × andel; gevinst = personer × kostnad per person"

// CostChanges are the changes to the cost per person in the sensitivity
// grid: −25 %, as given, +25 %.
var CostChanges = []decimal.Decimal{
	decimal.RequireFromString("-0.25"), decimal.Zero, decimal.RequireFromString("0.25"),
}

// societal computes definition 6.
//
// Definition 6 (societal savings). For each scenario (lav, basis, høy) with
// its share from Forutsetninger: persons = children (definition 1) × share;
// savings = persons × Kostnad per ungdom i utenforskap. The sensitivity
// grid gives the savings of each scenario with the cost per person changed
// by −25 %, 0 and +25 %. No rounding: 97 × 5 % = 4.85 persons, and
// 4.85 × 16 400 000 = 79 540 000 kr.
func (c *computation) societal(children results.Count) results.Societal {
	a := c.ds.Assumptions
	s := results.Societal{
		Children:      children,
		CostPerPerson: results.M(a.CostPerPerson),
		CostSource:    c.paramSource(data.ParamCostPerPerson),
		Formula:       SocietalFormula,
		Scenarios:     []results.Scenario{},
		Sensitivity:   []results.SensCell{},
	}
	n := decimal.NewFromInt(int64(children.N))
	for _, sc := range []struct {
		name, param string
		share       decimal.Decimal
	}{
		{"lav", data.ParamShareLow, a.ShareLow},
		{"basis", data.ParamShareBase, a.ShareBase},
		{"høy", data.ParamShareHigh, a.ShareHigh},
	} {
		persons := n.Mul(sc.share)
		s.Scenarios = append(s.Scenarios, results.Scenario{
			Name:    sc.name,
			Share:   results.S(sc.share),
			Source:  c.paramSource(sc.param),
			Persons: results.Persons{V: persons},
			Savings: results.M(persons.Mul(a.CostPerPerson)),
		})
		for _, ch := range CostChanges {
			cost := a.CostPerPerson.Mul(decimal.NewFromInt(1).Add(ch))
			s.Sensitivity = append(s.Sensitivity, results.SensCell{
				Scenario:      sc.name,
				Share:         results.S(sc.share),
				CostChange:    results.S(ch),
				CostPerPerson: results.M(cost),
				Savings:       results.M(persons.Mul(cost)),
			})
		}
	}
	return s
}

// paramSource returns the Kilde given for a parameter in Forutsetninger.
func (c *computation) paramSource(name string) string {
	for _, p := range c.ds.Assumptions.Params {
		if p.Name == name {
			return p.Source
		}
	}
	return ""
}
