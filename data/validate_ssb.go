package data

import (
	"fmt"
	"sort"
	"strings"
)

// ssbGaps warns when an SSB table lacks a year the data needs: every year
// from the earliest purchase to the year before the evaluation date's
// (Evalueringsdato, else the day of the run). An SSB year describes a
// whole year, so no figure as of a day in year Y uses Y itself, and SSB
// publishes Y only the spring after: asking for it would warn at every
// yearly evaluation. SSB-leie is checked for each room count a bought home
// has (5 rooms or more use 5+).
//
// bobra rapport leaves these warnings out: the computation warns about each
// gap it meets, for the evaluation date it uses (--per may differ), with
// the year it used instead.
func (v *validation) ssbGaps() {
	first := 0
	rooms := map[string]bool{}
	for _, p := range v.ds.Purchases {
		if p.Date.IsZero() {
			continue
		}
		if first == 0 || p.Date.Year() < first {
			first = p.Date.Year()
		}
		if p.Rooms >= 1 {
			rooms[RentRoomsKey(p.Rooms)] = true
		}
	}
	if first == 0 {
		return
	}
	last := v.today.Year - 1
	if d := v.ds.Assumptions.EvaluationDate; !d.IsZero() {
		last = d.Year - 1
	}
	if last < first {
		return
	}
	rentYears := map[string]map[int]bool{}
	for _, r := range v.ds.Rents {
		if rentYears[r.Rooms] == nil {
			rentYears[r.Rooms] = map[int]bool{}
		}
		rentYears[r.Rooms][r.Year] = true
	}
	var keys []string
	for k := range rooms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if missing := missingYears(rentYears[k], first, last); missing != "" {
			v.add(Warning, KindSSBGap, Loc{}, SheetRent, ColYear, "",
				fmt.Sprintf("SSB-leie mangler månedsleie for %s rom for %s; dataene trenger alle år fra %d til %d.", k, missing, first, last))
		}
	}
	indexYears := map[int]bool{}
	for _, r := range v.ds.PriceIndex {
		indexYears[r.Year] = true
	}
	if missing := missingYears(indexYears, first, last); missing != "" {
		v.add(Warning, KindSSBGap, Loc{}, SheetPriceIndex, ColYear, "",
			fmt.Sprintf("SSB-prisindeks mangler %s; dataene trenger alle år fra %d til %d.", missing, first, last))
	}
}

// missingYears lists the years from first to last not in have, with runs
// joined: "2017–2019, 2021". It returns "" when none is missing.
func missingYears(have map[int]bool, first, last int) string {
	var parts []string
	for y := first; y <= last; y++ {
		if have[y] {
			continue
		}
		end := y
		for end+1 <= last && !have[end+1] {
			end++
		}
		if end == y {
			parts = append(parts, itoa(y))
		} else {
			parts = append(parts, fmt.Sprintf("%d–%d", y, end))
		}
		y = end
	}
	if len(parts) == 0 {
		return ""
	}
	word := "året "
	if len(parts) > 1 || strings.Contains(parts[0], "–") {
		word = "årene "
	}
	return word + strings.Join(parts, ", ")
}
