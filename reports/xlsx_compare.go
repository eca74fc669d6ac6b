package reports

import (
	"bobra/pipeline/results"
)

// SheetComparison is the sheet of resultater.xlsx with the change since the
// previous evaluation; it is only there when --forrige was given.
const SheetComparison = "Endring"

// comparisonSheet writes the key figures then and now, one row each, with
// the change (for shares: in share points, shown as a percentage) and the
// change in per cent.
func (b *book) comparisonSheet(s *sheet) {
	c := b.res.Comparison
	s.setup(52, 16, 16, 16, 14, 12)
	s.header("Nøkkeltall", "Forrige ("+c.PreviousAsOf.Norwegian()+")", "Nå ("+b.res.AsOf.Norwegian()+")", "Endring", "Endring i %", "Enhet")
	for _, r := range c.Rows {
		s.write(b.str(r.Label), b.comparisonCell(r.Unit, r.Previous), b.comparisonCell(r.Unit, r.Current),
			b.comparisonCell(r.Unit, r.Change), b.sharePtr(r.ChangePct), b.str(unitLabel(r.Unit)))
	}
	s.blank()
	s.write(b.long("Endring = nå − forrige. For andeler er endringen i prosentpoeng. «–» betyr at tallet ikke fantes i den evalueringen."))
	if c.PreviousPublic {
		s.write(b.long("Forrige evaluering var en offentlig utgave; tall som var skjult der, er skjult her også."))
	}
}

func (b *book) comparisonCell(unit string, n *results.Number) cell {
	switch {
	case n == nil:
		return b.str(Undefined)
	case n.Hidden:
		return b.str(Withheld)
	}
	// Rounded as resultater.json rounds the figure.
	switch unit {
	case results.UnitMoney:
		return b.num(n.V, 0, b.kroner)
	case results.UnitShare:
		return b.num(n.V, 4, b.share)
	case results.UnitCount:
		return b.num(n.V, 0, b.integer)
	}
	return b.num(n.V, 4, b.integer)
}

func unitLabel(unit string) string {
	switch unit {
	case results.UnitMoney:
		return "kroner"
	case results.UnitShare:
		return "andel"
	}
	return "antall"
}
