package reports

import (
	"encoding/json"
	"strconv"

	"bobra/data"
	"bobra/internal/fastdec"
	"bobra/pipeline/results"
)

// rentJSON holds the JSON of each rent record appendHome has written:
// homes of the same room count and purchase month share one record, and
// its seven figures are the same text every time. Not safe for
// concurrent use.
type rentJSON map[*results.HomeRent][]byte

// appendHome appends h as encoding/json writes it with the prefix
// "    ", an indent of two spaces and HTML escaping, without the final
// newline. With 100 000 homes, encoding/json's reflection, compaction and
// indentation were most of the JSON renderer's time; these are the same
// bytes (TestAppendHomeMatchesEncodingJSON), field by field in the order
// of results.Home. The rent figures' text is taken from rents (nil: none)
// and added to it.
func appendHome(b []byte, h *results.Home, rents rentJSON) []byte {
	const in = "\n      "
	b = append(b, "{"+in+`"family_id": `...)
	b = appendJSONString(b, h.FamilyID)
	b = append(b, ","+in+`"phase": `...)
	b = strconv.AppendInt(b, int64(h.Phase), 10)
	b = append(b, ","+in+`"purchase_date": `...)
	b = appendJSONDate(b, h.PurchaseDate)
	b = append(b, ","+in+`"price": `...)
	b = appendMoney(b, &h.Price)
	b = append(b, ","+in+`"rooms": `...)
	b = strconv.AppendInt(b, int64(h.Rooms), 10)
	b = append(b, ","+in+`"value": `...)
	b = results.AppendPacked(b, h.Value.Packed(), 0)
	b = append(b, ","+in+`"value_date": `...)
	b = appendJSONDate(b, h.ValueDate)
	b = append(b, ","+in+`"value_estimated": `...)
	b = strconv.AppendBool(b, h.ValueEstimated)
	b = append(b, ","+in+`"gain": `...)
	b = results.AppendPacked(b, h.Gain.Packed(), 0)
	b = append(b, ","+in+`"gain_pct": `...)
	b = results.AppendPacked(b, h.GainPct.Packed(), 4)
	b = append(b, ","+in+`"annual_pct": `...)
	b = results.AppendPacked(b, h.AnnualPct.Packed(), 4)
	if text, ok := rents[h.HomeRent]; ok {
		b = append(b, text...)
	} else {
		start := len(b)
		b = appendRentJSON(b, h.Rent())
		if rents != nil {
			rents[h.HomeRent] = append([]byte(nil), b[start:]...)
		}
	}
	b = append(b, ","+in+`"net_saving": `...)
	b = results.AppendPacked(b, h.NetSaving.Packed(), 0)
	b = append(b, ","+in+`"status_at": `...)
	b = appendJSONString(b, h.StatusAt)
	return append(b, "\n    }"...)
}

// appendRentJSON writes a home's rent fields, from the comma before the
// first.
func appendRentJSON(b []byte, rent *results.HomeRent) []byte {
	const in = "\n      "
	b = append(b, ","+in+`"rent_then": `...)
	b = results.AppendPacked(b, rent.RentThen.Packed(), 0)
	b = append(b, ","+in+`"rent_now": `...)
	b = results.AppendPacked(b, rent.RentNow.Packed(), 0)
	b = append(b, ","+in+`"rent_increase_month": `...)
	b = results.AppendPacked(b, rent.RentIncreaseMonth.Packed(), 0)
	b = append(b, ","+in+`"rent_increase_year": `...)
	b = results.AppendPacked(b, rent.RentIncreaseYear.Packed(), 0)
	b = append(b, ","+in+`"rent_increase_pct": `...)
	b = results.AppendPacked(b, rent.RentIncreasePct.Packed(), 4)
	b = append(b, ","+in+`"rent_months": `...)
	b = strconv.AppendInt(b, int64(rent.RentMonths), 10)
	b = append(b, ","+in+`"rent_not_paid": `...)
	return results.AppendPacked(b, rent.RentNotPaid.Packed(), 0)
}

// appendMoney writes what Money.MarshalJSON writes (null for nil): a
// quoted string of digits, sign and point, which compaction and HTML
// escaping leave as it is.
func appendMoney(b []byte, m *results.Money) []byte {
	if m == nil || m.Hidden {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = fastdec.AppendFixed(b, m.V, 0)
	return append(b, '"')
}

// appendJSONDate writes the date's MarshalText as a JSON string.
func appendJSONDate(b []byte, d data.Date) []byte {
	if d.Year >= 1000 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= 28 {
		// Always a real date, so the ISO form is the fields themselves.
		b = append(b, '"')
		b = strconv.AppendInt(b, int64(d.Year), 10)
		b = append(b, '-', byte('0'+d.Month/10), byte('0'+d.Month%10), '-', byte('0'+d.Day/10), byte('0'+d.Day%10))
		return append(b, '"')
	}
	return appendJSONString(b, d.String())
}

// appendJSONString writes s as encoding/json does with HTML escaping:
// plain printable ASCII as it is, anything else through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, err := json.Marshal(s)
			if err != nil { // a string always marshals
				panic(err)
			}
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
