package results

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"bobra/internal/editdist"
)

// The catalogue of figures: one list of every figure an evaluation
// publishes, with its stable id (its path in resultater.json), its
// Norwegian label, its unit, what it is computed over and from, the sums it
// takes part in, and how to read and hide it in a Results. Disclosure
// control (primary and secondary suppression and the audit), the JSON
// "suppressed" list and the tests that every count is covered all read
// it; a figure that is not in it cannot be published without a test
// failing. docs/adding-a-figure.md says how to add one.

// Unit is what a figure counts or measures.
type Unit string

const (
	UnitFamilies    Unit = "familier"
	UnitChildren    Unit = "barn"
	UnitHomes       Unit = "boliger"
	UnitRespondents Unit = "svar"
	UnitKroner      Unit = "kroner"
	UnitShareOf     Unit = "andel"
	UnitYears       Unit = "år"
	UnitPersons     Unit = "personer"
	UnitRatio       Unit = "forhold"
	UnitMonths      Unit = "måneder"
)

// IsCount reports whether u counts people or homes: such a figure below the
// small-number threshold is hidden.
func (u Unit) IsCount() bool {
	switch u {
	case UnitFamilies, UnitChildren, UnitHomes, UnitRespondents:
		return true
	}
	return false
}

// Figure is one entry of the catalogue.
type Figure struct {
	// ID is the figure's path in resultater.json ("families.bought_by_phase.1",
	// "survey[2].counts.Helt enig"); it names the figure in the suppressed
	// list, in messages and in tests.
	ID string
	// Name is the figure's stable Norwegian name, for the report texts
	// ({{ figur "familier.kjøpt" }}): the id with every key in Norwegian.
	Name  string
	Label string // Norwegian, as a table row or axis would name it
	Unit  Unit
	// Over are the counts of the units the figure is computed over (a
	// share's denominator, the homes a sum of money adds up): when they
	// add up to fewer than the threshold, the figure describes too few to
	// publish.
	Over []string
	// RestsOn are the counts the figure is computed from: a reader who
	// knows the figure and all but one of them can work that one out, so
	// the figure is hidden when any of them is.
	RestsOn []string
	// Unpublished marks a number no output shows but any reader can form
	// from published ones, such as the enrolled families that have not
	// bought (enrolled − bought). It takes part in sums so the audit sees
	// what a reader sees.
	Unpublished bool

	count *Count // for a count, the figure in the Results
	value valueRef
	n     int // an unpublished count's value
}

// Count returns the count a figure reads, or nil for other figures and
// for unpublished ones.
func (f *Figure) Count() *Count { return f.count }

// N is the value of a count figure, published or not.
func (f *Figure) N() int {
	if f.count != nil {
		return f.count.N
	}
	return f.n
}

// Hidden reports whether the figure is withheld (an unpublished figure
// always is).
func (f *Figure) Hidden() bool {
	switch {
	case f.Unpublished:
		return true
	case f.count != nil:
		return f.count.Hidden
	case f.value != nil:
		return f.value.hidden()
	}
	return false
}

// Present reports whether the figure has a value in this Results (a share
// with a zero denominator has none).
func (f *Figure) Present() bool {
	if f.value != nil {
		return f.value.present()
	}
	return true
}

// Hide withholds the figure; small marks a count that is itself below the
// threshold (shown as "færre enn N" rather than "skjult").
func (f *Figure) Hide(small bool) {
	switch {
	case f.Unpublished:
	case f.count != nil:
		f.count.Hidden = true
		f.count.Small = f.count.Small || small
	case f.value != nil:
		f.value.hide()
	}
}

// Sum is an equation the published figures satisfy: Total = Σ Parts.
type Sum struct {
	Total string
	Parts []string
	// By says what the parts split the total by ("del", "alder", "år",
	// "status", "histogram", "svar", "utfall").
	By string
}

// Catalogue is every figure of one Results, in JSON order, and every sum
// among them. Its figures point into the Results it was made from, so
// Hide changes that Results.
type Catalogue struct {
	Figures []*Figure
	Sums    []Sum
	byID    map[string]*Figure
	byName  map[string]*Figure
}

// Figure returns the figure with the id, or nil.
func (c *Catalogue) Figure(id string) *Figure { return c.byID[id] }

// Value returns the figure's value, whether it is hidden, and whether it
// has one in this Results at all.
func (f *Figure) Value() (v decimal.Decimal, hidden, ok bool) {
	switch {
	case f.Unpublished:
		return decimal.NewFromInt(int64(f.n)), true, true
	case f.count != nil:
		return decimal.NewFromInt(int64(f.count.N)), f.count.Hidden, true
	case f.value != nil && f.value.present():
		return f.value.decimal(), f.value.hidden(), true
	}
	return decimal.Zero, false, false
}

// valueRef reads and hides a figure that is not a count.
type valueRef interface {
	hidden() bool
	present() bool
	hide()
	decimal() decimal.Decimal
	raw() any
}

type moneyRef struct{ p *Money }

func (r moneyRef) hidden() bool             { return r.p.Hidden }
func (r moneyRef) decimal() decimal.Decimal { return r.p.V }
func (r moneyRef) raw() any                 { return *r.p }
func (r moneyRef) present() bool            { return true }
func (r moneyRef) hide()                    { *r.p = Money{Hidden: true} }

type moneyPtrRef struct{ p **Money }

func (r moneyPtrRef) hidden() bool             { return *r.p != nil && (*r.p).Hidden }
func (r moneyPtrRef) decimal() decimal.Decimal { return (*r.p).V }
func (r moneyPtrRef) raw() any                 { return *r.p }
func (r moneyPtrRef) present() bool            { return *r.p != nil }
func (r moneyPtrRef) hide() {
	if *r.p != nil {
		*r.p = &Money{Hidden: true}
	}
}

type shareRef struct{ p *Share }

func (r shareRef) hidden() bool             { return r.p.Hidden }
func (r shareRef) decimal() decimal.Decimal { return r.p.V }
func (r shareRef) raw() any                 { return *r.p }
func (r shareRef) present() bool            { return true }
func (r shareRef) hide()                    { *r.p = Share{Hidden: true} }

type sharePtrRef struct{ p **Share }

func (r sharePtrRef) hidden() bool             { return *r.p != nil && (*r.p).Hidden }
func (r sharePtrRef) decimal() decimal.Decimal { return (*r.p).V }
func (r sharePtrRef) raw() any                 { return *r.p }
func (r sharePtrRef) present() bool            { return *r.p != nil }
func (r sharePtrRef) hide() {
	if *r.p != nil {
		*r.p = &Share{Hidden: true}
	}
}

type numberRef struct{ p *Number }

func (r numberRef) hidden() bool             { return r.p.Hidden }
func (r numberRef) decimal() decimal.Decimal { return r.p.V }
func (r numberRef) raw() any                 { return *r.p }
func (r numberRef) present() bool            { return true }
func (r numberRef) hide()                    { *r.p = Number{Hidden: true} }

type numberPtrRef struct{ p **Number }

func (r numberPtrRef) hidden() bool             { return *r.p != nil && (*r.p).Hidden }
func (r numberPtrRef) decimal() decimal.Decimal { return (*r.p).V }
func (r numberPtrRef) raw() any                 { return *r.p }
func (r numberPtrRef) present() bool            { return *r.p != nil }
func (r numberPtrRef) hide() {
	if *r.p != nil {
		*r.p = &Number{Hidden: true}
	}
}

type personsRef struct{ p *Persons }

func (r personsRef) hidden() bool             { return r.p.Hidden }
func (r personsRef) decimal() decimal.Decimal { return r.p.V }
func (r personsRef) raw() any                 { return *r.p }
func (r personsRef) present() bool            { return true }
func (r personsRef) hide()                    { *r.p = Persons{Hidden: true} }

// catalogueBuilder collects the figures of one Results.
type catalogueBuilder struct {
	c *Catalogue
}

func (b *catalogueBuilder) add(f *Figure) *Figure {
	if b.c.byID[f.ID] != nil {
		panic("results: two figures with the id " + f.ID)
	}
	f.Name = NorwegianName(f.ID)
	if b.c.byName[f.Name] != nil {
		panic("results: two figures with the name " + f.Name)
	}
	b.c.Figures = append(b.c.Figures, f)
	b.c.byID[f.ID] = f
	b.c.byName[f.Name] = f
	return f
}

// ByName returns the figure with the Norwegian name, or nil.
func (c *Catalogue) ByName(name string) *Figure { return c.byName[name] }

// SuggestName returns the published figure's name closest to an unknown
// one, for "mente du …?".
func (c *Catalogue) SuggestName(name string) string {
	best, bestD := "", -1
	for _, f := range c.Figures {
		if f.Unpublished {
			continue
		}
		if d := editdist.Distance(strings.ToLower(name), strings.ToLower(f.Name)); bestD < 0 || d < bestD {
			best, bestD = f.Name, d
		}
	}
	return best
}

// Raw is the figure's value as the results hold it (a Count, Money,
// *Share, …), for the report texts' formatters; nil for an unpublished
// figure.
func (f *Figure) Raw() any {
	switch {
	case f.Unpublished:
		return nil
	case f.count != nil:
		return *f.count
	case f.value != nil:
		return f.value.raw()
	}
	return nil
}

// norwegianKeys are the Norwegian names of the JSON keys of the figures'
// ids; a key not listed (a part "1", an age group "0-5", an answer) is
// its own name.
var norwegianKeys = map[string]string{
	"families": "familier", "enrolled": "innmeldt", "bought": "kjøpt", "bought_by_phase": "kjøpt_del",
	"bought_by_year": "kjøp_per_år", "by_phase": "del", "enrolled_not_bought": "innmeldt_ikke_kjøpt",
	"single_parent": "enslige_forsørgere", "household_known": "kjent_husholdning", "two_parents": "to_foreldre",
	"single_parent_share": "andel_enslige_forsørgere",
	"children":            "barn", "total": "i_alt", "by_age": "alder",
	"stability": "stabilitet", "all": "alle", "stable": "stabile", "left": "flyttet_ut", "unknown": "ukjent",
	"rate": "andel", "retention": "i_eie", "curve": "kurve", "at_risk": "fulgt",
	"appreciation": "verdi", "valued": "vurdert", "estimated": "anslått", "missing": "uten_verdi", "with_value": "med_verdi",
	"purchase_total": "kjøpesum", "value_total": "verdi_nå", "gain_total": "verdistigning", "gain_pct_median": "median_stigning",
	"gain_pct_histogram": "stigning_histogram", "count": "antall",
	"rent": "leie", "homes": "boliger", "net_saving_homes": "boliger_med_boutgifter", "homes_without_costs": "boliger_uten_boutgifter",
	"homes_without_rent": "boliger_uten_leie", "increase_month_total": "økning_måned", "increase_year_total": "økning_år",
	"rent_not_paid_total": "ikke_betalt", "months_total": "måneder", "housing_costs_total": "boutgifter",
	"net_saving_total": "netto_spart", "increase_pct_histogram": "økning_histogram",
	"societal": "samfunn", "scenarios": "scenarioer", "persons": "personer", "savings": "gevinst", "sensitivity": "følsomhet",
	"work": "arbeid", "in_work": "i_arbeid", "social_assistance": "sosialhjelp", "known": "med_svar",
	"baseline_count": "start_antall", "latest_count": "siste_antall", "baseline": "start", "latest": "siste",
	"without_answer": "uten_svar", "baseline_not": "start_ikke", "latest_not": "siste_ikke",
	"survey": "undersøkelse", "answered": "svarte", "no_answer": "ubesvart", "counts": "svar",
	"agree_share": "andel_enige", "agree_change": "endring_enige", "round": "runde", "respondents": "svarte_i_alt",
	"resources": "ressurser", "cost_per_family": "kostnad_per_familie", "savings_per_krone": "gevinst_per_krone",
	"ratio": "forhold", "break_even_share": "nullpunkt_andel", "break_even_children": "nullpunkt_barn",
	"financing": "finansiering", "with_loan": "med_startlån", "without_loan": "uten_startlån", "loan_total": "startlån",
	"loan_share_median": "median_andel_startlån",
	"example":           "eksempel", "price": "kjøpesum", "value": "verdi", "gain": "verdistigning", "gain_pct": "verdistigning_prosent",
	"rent_then": "leie_da", "rent_now": "leie_nå", "rent_increase_month": "leieøkning_måned",
	"rent_increase_year": "leieøkning_år", "rent_increase_pct": "leieøkning_prosent",
	"comparison": "endring", "rows": "rader", "previous": "forrige", "current": "nå", "change": "endring",
	"change_pct": "endring_prosent",

	// Keys no figure id has, for the report texts' other placeholders:
	// the texts, lists and settings around the figures.
	"schema": "skjema", "as_of": "evalueringsdato", "programme": "program", "municipality": "kommune",
	"public": "offentlig", "marking": "merking", "suppressed": "skjulte", "context": "utviklingstrekk",
	"quotes": "sitater", "assumptions": "forutsetninger", "run": "kjøring",
	"index_source": "kilde_prisindeks", "region": "region", "source": "kilde", "notes": "merknader",
	"latest_year": "siste_år", "series": "serie", "rooms": "rom", "points": "punkter", "year": "år", "years": "år",
	"from": "fra", "to": "til", "cost_per_person": "kostnad_per_person", "cost_source": "kilde_kostnad",
	"formula": "formel", "name": "navn", "share": "andel", "scenario": "scenario", "cost_change": "kostnadsendring",
	"indicator": "indikator", "statement": "påstand", "theme": "tema", "text": "tekst", "who": "hvem",
	"cost_total": "kostnad_i_alt", "hours_total": "timer_i_alt", "by_year": "per_år", "by_actor": "per_aktør",
	"hours": "timer", "cost": "kostnad", "actor": "aktør",
	"family_id": "familieid", "chosen": "valgt", "publishable": "kan_publiseres", "purchase_year": "kjøpsår",
	"value_year": "verdiår", "value_estimated": "verdi_anslått", "rent_then_year": "leie_da_år", "rent_now_year": "leie_nå_år",
	"tool": "verktøy", "version": "versjon", "revision": "revisjon", "settings": "innstillinger",
	"data_source": "datakilde", "inputs": "inndata", "small_count": "prikkegrense", "size": "størrelse",
	"sha256": "sha256", "sheets": "ark", "sheet": "ark", "previous_as_of": "forrige_dato",
	"previous_public": "forrige_offentlig", "id": "id", "label": "etikett", "unit": "enhet",
}

// NorwegianKey is the Norwegian name of one JSON key of resultater.json:
// the part of a figure's or a placeholder's name that stands for it.
func NorwegianKey(key string) string {
	if n, ok := norwegianKeys[key]; ok {
		return n
	}
	return key
}

// NorwegianName is the Norwegian name of a figure id:
// "families.bought_by_phase.1" → "familier.kjøpt_del.1",
// "survey[2].agree_share" → "undersøkelse[2].andel_enige".
func NorwegianName(id string) string {
	// One pass into one buffer: a national catalogue names thousands of
	// curve points, and splitting and joining cost several allocations each.
	var b strings.Builder
	b.Grow(len(id) + len(id)/2)
	for i := 0; ; i++ {
		part, rest, more := strings.Cut(id, ".")
		if i > 0 {
			b.WriteByte('.')
		}
		key, index, indexed := strings.Cut(part, "[")
		if n, ok := norwegianKeys[key]; ok {
			key = n
		}
		b.WriteString(key)
		if indexed && index != "" {
			b.WriteByte('[')
			b.WriteString(index)
		}
		if !more {
			break
		}
		id = rest
	}
	return b.String()
}

func (b *catalogueBuilder) count(id, label string, unit Unit, c *Count) string {
	b.add(&Figure{ID: id, Label: label, Unit: unit, count: c})
	return id
}

// derived adds an unpublished count: total minus the parts, as any
// reader can work it out, and the sum that defines it.
func (b *catalogueBuilder) difference(id, label string, unit Unit, total string, parts ...string) string {
	n := b.c.byID[total].N()
	for _, p := range parts {
		n -= b.c.byID[p].N()
	}
	if n < 0 {
		// The parts are not parts of the total (figures built by hand
		// in a test); there is no difference to form.
		return ""
	}
	b.add(&Figure{ID: id, Label: label, Unit: unit, Unpublished: true, n: n})
	b.sum("utfall", total, append(append([]string{}, parts...), id)...)
	return id
}

func (b *catalogueBuilder) value(id, label string, unit Unit, v valueRef, over []string, restsOn ...string) {
	b.add(&Figure{ID: id, Label: label, Unit: unit, value: v, Over: over, RestsOn: restsOn})
}

// sum adds total = Σ parts when the figures do add up so; when they do
// not (a sum the computation does not promise, such as a histogram that
// leaves out homes without a figure), it gives nothing away.
func (b *catalogueBuilder) sum(by, total string, parts ...string) {
	if len(parts) == 0 || b.c.byID[total] == nil {
		return
	}
	for _, p := range parts {
		if b.c.byID[p] == nil {
			return
		}
	}
	n := b.c.byID[total].N()
	for _, p := range parts {
		n -= b.c.byID[p].N()
	}
	if n != 0 {
		return
	}
	b.c.Sums = append(b.c.Sums, Sum{Total: total, Parts: parts, By: by})
}

var phases = [2]string{"1", "2"}

// Labels the report tables and charts show as a column, a series or an
// axis for a family of figures; the catalogue's labels are made from
// them, so each is written once.
const (
	LabelStableRate    = "Andel som bor stabilt"  // stability.*.rate
	LabelUnknownStatus = "Ukjent status"          // stability.*.unknown
	LabelFollowed      = "Boliger fulgt så lenge" // stability.curve[i].at_risk
)

// AgeGroup is one age group of children.by_age: its JSON key and how a
// table's row names it.
type AgeGroup struct{ Key, Label string }

// AgeGroupLabels are the age groups in order; the catalogue labels a group's
// count "Barn " + Label.
var AgeGroupLabels = [4]AgeGroup{{"0-5", "0–5 år"}, {"6-12", "6–12 år"}, {"13-17", "13–17 år"}, {"18+", "18 år og eldre"}}

// Counts returns the age groups' counts in the order of AgeGroupLabels.
func (a *AgeGroups) Counts() [4]*Count {
	return [4]*Count{&a.Age0to5, &a.Age6to12, &a.Age13to17, &a.Age18Plus}
}

// rateSuffix names the whole programme "alle" where a share is given for
// each part and for all.
func rateSuffix(suffix string) string {
	if suffix == "" {
		return ", alle"
	}
	return suffix
}

// CatalogueOf returns the catalogue of r's figures.
func CatalogueOf(r *Results) *Catalogue {
	b := &catalogueBuilder{c: &Catalogue{byID: map[string]*Figure{}, byName: map[string]*Figure{}}}

	f := &r.Families
	enrolled := b.count("families.enrolled", "Innmeldte familier", UnitFamilies, &f.Enrolled)
	bought := b.count("families.bought", "Familier som har kjøpt bolig", UnitFamilies, &f.Bought)
	var bp [2]string
	for k, c := range []*Count{&f.BoughtByPhase.P1, &f.BoughtByPhase.P2} {
		bp[k] = b.count("families.bought_by_phase."+phases[k], "Familier som har kjøpt bolig, del "+phases[k], UnitFamilies, c)
	}
	b.sum("del", bought, bp[0], bp[1])
	b.difference("families.enrolled_not_bought", "Innmeldte familier som ikke har kjøpt", UnitFamilies, enrolled, bought)
	var years [2][]string
	for i := range f.BoughtByYear {
		y := &f.BoughtByYear[i]
		for k, c := range []*Count{&y.ByPhase.P1, &y.ByPhase.P2} {
			years[k] = append(years[k], b.count(fmt.Sprintf("families.bought_by_year[%d].by_phase.%s", i, phases[k]),
				fmt.Sprintf("Kjøp i %d, del %s", y.Year, phases[k]), UnitFamilies, c))
		}
	}
	for k := range 2 {
		b.sum("år", bp[k], years[k]...)
	}
	single := b.count("families.single_parent", "Enslige forsørgere", UnitFamilies, &f.SingleParent)
	known := b.count("families.household_known", "Familier med kjent husholdning", UnitFamilies, &f.HouseholdKnown)
	b.difference("families.two_parents", "Familier med to foreldre", UnitFamilies, known, single)
	b.value("families.single_parent_share", "Andel enslige forsørgere", UnitShareOf, sharePtrRef{&f.SingleParentShare}, []string{known}, single, known)

	ch := &r.Children
	children := b.count("children.total", "Barn i familiene", UnitChildren, &ch.Total)
	var cp [2]string
	for k, c := range []*Count{&ch.ByPhase.P1, &ch.ByPhase.P2} {
		cp[k] = b.count("children.by_phase."+phases[k], "Barn, del "+phases[k], UnitChildren, c)
	}
	b.sum("del", children, cp[0], cp[1])
	var ages []string
	for i, c := range ch.ByAge.Counts() {
		a := AgeGroupLabels[i]
		ages = append(ages, b.count("children.by_age."+a.Key, "Barn "+a.Label, UnitChildren, c))
	}
	b.sum("alder", children, ages...)

	st := &r.Stability
	stab := func(sc *StabilityCounts, prefix, suffix string) [3]string {
		ids := [3]string{
			b.count(prefix+".stable", "Familier som bor stabilt i eid bolig"+suffix, UnitHomes, &sc.Stable),
			b.count(prefix+".left", "Familier som har gått ut av eid bolig"+suffix, UnitHomes, &sc.Left),
			b.count(prefix+".unknown", LabelUnknownStatus+suffix, UnitHomes, &sc.Unknown),
		}
		b.value(prefix+".rate", LabelStableRate+rateSuffix(suffix), UnitShareOf, sharePtrRef{&sc.Rate}, []string{ids[0], ids[1]}, ids[0], ids[1])
		return ids
	}
	all := stab(&st.All, "stability.all", "")
	byp := [2][3]string{stab(&st.ByPhase.P1, "stability.by_phase.1", ", del 1"), stab(&st.ByPhase.P2, "stability.by_phase.2", ", del 2")}
	for i := range all {
		b.sum("del", all[i], byp[0][i], byp[1][i])
	}
	b.sum("status", bought, all[0], all[1], all[2])
	for k := range 2 {
		b.sum("status", bp[k], byp[k][0], byp[k][1], byp[k][2])
	}
	for i := range st.Retention {
		p := &st.Retention[i]
		prefix := fmt.Sprintf("stability.retention[%d]", i)
		y := p.Years.V.String()
		risk := b.count(prefix+".at_risk", "Boliger fulgt i minst "+y+" år", UnitHomes, &p.AtRisk)
		b.value(prefix+".rate", "Fortsatt i eid bolig etter "+y+" år", UnitShareOf, shareRef{&p.Rate}, []string{risk}, risk)
	}
	// The curve has a point per event time, thousands in a national run:
	// its ids are made without fmt, and each point's rate is over and
	// rests on one shared slice.
	for i := range st.Curve {
		p := &st.Curve[i]
		prefix := "stability.curve[" + strconv.Itoa(i) + "]"
		risk := b.count(prefix+".at_risk", LabelFollowed, UnitHomes, &p.AtRisk)
		on := []string{risk}
		b.value(prefix+".rate", "Andel fortsatt i eid bolig", UnitShareOf, shareRef{&p.Rate}, on, on...)
	}

	ap := &r.Appreciation
	valued := b.count("appreciation.valued", "Boliger med verdivurdering", UnitHomes, &ap.Valued)
	estimated := b.count("appreciation.estimated", "Boliger med estimert verdi (prisindeks)", UnitHomes, &ap.Estimated)
	missing := b.count("appreciation.missing", "Boliger uten verdi (holdt utenfor)", UnitHomes, &ap.Missing)
	b.sum("utfall", bought, valued, estimated, missing)
	withValue := []string{valued, estimated}
	b.value("appreciation.purchase_total", "Samlet kjøpesum", UnitKroner, moneyRef{&ap.PurchaseTotal}, withValue, withValue...)
	b.value("appreciation.value_total", "Samlet verdi", UnitKroner, moneyRef{&ap.ValueTotal}, withValue, withValue...)
	b.value("appreciation.gain_total", "Samlet verdiøkning", UnitKroner, moneyRef{&ap.GainTotal}, withValue, withValue...)
	b.value("appreciation.gain_pct_median", "Median verdiøkning", UnitShareOf, sharePtrRef{&ap.GainPctMedian}, withValue, withValue...)
	gain := b.buckets(ap.GainPctHistogram, "appreciation.gain_pct_histogram", "Boliger med verdiøkning")
	// The histogram holds the homes with a value, valued or estimated: a
	// number no output shows, but the sum of two that are.
	if with := b.difference("appreciation.with_value", "Boliger med verdi", UnitHomes, bought, missing); with != "" {
		b.sum("utfall", with, valued, estimated)
		b.sum("histogram", with, gain...)
	}

	rt := &r.Rent
	rentHomes := b.count("rent.homes", "Boliger med leietall", UnitHomes, &rt.Homes)
	netHomes := b.count("rent.net_saving_homes", "Boliger med oppgitte boutgifter", UnitHomes, &rt.NetSavingHomes)
	b.difference("rent.homes_without_costs", "Boliger med leietall uten boutgifter", UnitHomes, rentHomes, netHomes)
	b.difference("rent.homes_without_rent", "Boliger uten leietall", UnitHomes, bought, rentHomes)
	homes := []string{rentHomes}
	b.value("rent.increase_month_total", "Økning i månedlig husleie", UnitKroner, moneyRef{&rt.IncreaseMonthTotal}, homes, homes...)
	b.value("rent.increase_year_total", "Økning i årlig husleie siden kjøpet", UnitKroner, moneyRef{&rt.IncreaseYearTotal}, homes, homes...)
	b.value("rent.rent_not_paid_total", "Husleie familiene ikke har betalt", UnitKroner, moneyRef{&rt.RentNotPaidTotal}, homes, homes...)
	b.add(&Figure{ID: "rent.months_total", Label: "Måneder med eid bolig", Unit: UnitMonths, count: &rt.MonthsTotal, Over: homes, RestsOn: homes})
	net := []string{rentHomes, netHomes}
	b.value("rent.housing_costs_total", "Boutgifter i de samme månedene", UnitKroner, moneyPtrRef{&rt.HousingCostsTotal}, []string{netHomes}, net...)
	b.value("rent.net_saving_total", "Netto spart etter boutgifter", UnitKroner, moneyPtrRef{&rt.NetSavingTotal}, []string{netHomes}, net...)
	rentBuckets := b.buckets(rt.IncreasePctHistogram, "rent.increase_pct_histogram", "Boliger med leieøkning")
	b.sum("histogram", rentHomes, rentBuckets...)

	so := &r.Societal
	sochildren := b.count("societal.children", "Barn i beregningen", UnitChildren, &so.Children)
	if so.Children.N == ch.Total.N {
		b.c.Sums = append(b.c.Sums, Sum{Total: children, Parts: []string{sochildren}, By: "samme"})
	}
	kids := []string{sochildren, children}
	for i := range so.Scenarios {
		s := &so.Scenarios[i]
		prefix := fmt.Sprintf("societal.scenarios[%d]", i)
		b.value(prefix+".persons", "Personer som unngår utenforskap, "+s.Name, UnitPersons, personsRef{&s.Persons}, kids[:1], kids...)
		b.value(prefix+".savings", "Samfunnsøkonomisk gevinst, "+s.Name, UnitKroner, moneyRef{&s.Savings}, kids[:1], kids...)
	}
	for i := range so.Sensitivity {
		s := &so.Sensitivity[i]
		b.value(fmt.Sprintf("societal.sensitivity[%d].savings", i), "Gevinst, "+s.Scenario+", kostnad endret", UnitKroner, moneyRef{&s.Savings}, kids[:1], kids...)
	}

	w := &r.Work
	workFam := b.count("work.families", "Familier med oppfølging", UnitFamilies, &w.Families)
	var wpFam [2]string
	for k, wc := range []*WorkCounts{&w.ByPhase.P1, &w.ByPhase.P2} {
		wpFam[k] = b.count("work.by_phase."+phases[k]+".families", "Familier med oppfølging, del "+phases[k], UnitFamilies, &wc.Families)
	}
	b.sum("del", workFam, wpFam[0], wpFam[1])
	bl := func(x *BaselineLatest, prefix, label, suffix string, families string) [3]string {
		known := b.count(prefix+".known", "Familier med svar om "+label+suffix, UnitFamilies, &x.Known)
		base := b.count(prefix+".baseline_count", label+", utgangspunktet"+suffix, UnitFamilies, &x.BaselineCount)
		latest := b.count(prefix+".latest_count", label+", siste oppfølging"+suffix, UnitFamilies, &x.LatestCount)
		b.difference(prefix+".without_answer", "Familier uten svar om "+label+suffix, UnitFamilies, families, known)
		b.difference(prefix+".baseline_not", "Ikke "+label+", utgangspunktet"+suffix, UnitFamilies, known, base)
		b.difference(prefix+".latest_not", "Ikke "+label+", siste oppfølging"+suffix, UnitFamilies, known, latest)
		b.value(prefix+".baseline", "Andel "+label+", utgangspunktet"+suffix, UnitShareOf, sharePtrRef{&x.Baseline}, []string{known}, known, base)
		b.value(prefix+".latest", "Andel "+label+", siste oppfølging"+suffix, UnitShareOf, sharePtrRef{&x.Latest}, []string{known}, known, latest)
		return [3]string{known, base, latest}
	}
	for _, fld := range []struct {
		key, label string
		all        *BaselineLatest
		p          [2]*BaselineLatest
	}{
		{"in_work", "med minst én voksen i arbeid", &w.InWork, [2]*BaselineLatest{&w.ByPhase.P1.InWork, &w.ByPhase.P2.InWork}},
		{"social_assistance", "som mottar sosialhjelp", &w.SocialAssistance, [2]*BaselineLatest{&w.ByPhase.P1.SocialAssistance, &w.ByPhase.P2.SocialAssistance}},
	} {
		tot := bl(fld.all, "work."+fld.key, fld.label, "", workFam)
		var parts [2][3]string
		for k := range 2 {
			parts[k] = bl(fld.p[k], "work.by_phase."+phases[k]+"."+fld.key, fld.label, ", del "+phases[k], wpFam[k])
		}
		for i := range tot {
			b.sum("del", tot[i], parts[0][i], parts[1][i])
		}
	}

	b.survey(r)

	if res := r.Resources; res != nil {
		b.value("resources.cost_per_family", "Kostnad per familie", UnitKroner, moneyPtrRef{&res.CostPerFamily}, []string{bought}, bought)
		for i := range res.SavingsPerKrone {
			b.value(fmt.Sprintf("resources.savings_per_krone[%d].ratio", i), "Gevinst per krone, "+res.SavingsPerKrone[i].Name, UnitRatio, numberRef{&res.SavingsPerKrone[i].Ratio}, kids[:1], kids...)
		}
		b.value("resources.break_even_share", "Andel som må unngå utenforskap for å gå i null", UnitShareOf, sharePtrRef{&res.BreakEvenShare}, kids[:1], kids...)
		b.add(&Figure{ID: "resources.break_even_children", Label: "Barn som må unngå utenforskap for å gå i null", Unit: UnitPersons,
			count: &res.BreakEvenChildren, Over: kids[:1], RestsOn: kids})
	}

	if ex := r.Example; ex != nil {
		// One home's price, value and rent describe one family: unless
		// the family has agreed (Publishable), they are figures over one
		// home, below any threshold.
		var over []string
		if !ex.Publishable {
			b.add(&Figure{ID: "example.homes", Label: "Boliger i regneeksempelet", Unit: UnitHomes, Unpublished: true, n: 1})
			over = []string{"example.homes"}
		}
		b.value("example.price", "Regneeksempel: kjøpesum", UnitKroner, moneyRef{&ex.Price}, over)
		b.value("example.value", "Regneeksempel: verdi", UnitKroner, moneyPtrRef{&ex.Value}, over)
		b.value("example.gain", "Regneeksempel: verdiøkning", UnitKroner, moneyPtrRef{&ex.Gain}, over)
		b.value("example.gain_pct", "Regneeksempel: verdiøkning i prosent", UnitShareOf, sharePtrRef{&ex.GainPct}, over)
		b.value("example.rent_then", "Regneeksempel: leie da", UnitKroner, moneyPtrRef{&ex.RentThen}, over)
		b.value("example.rent_now", "Regneeksempel: leie nå", UnitKroner, moneyPtrRef{&ex.RentNow}, over)
		b.value("example.rent_increase_month", "Regneeksempel: økning i månedsleie", UnitKroner, moneyPtrRef{&ex.RentIncreaseMonth}, over)
		b.value("example.rent_increase_year", "Regneeksempel: økning i årsleie", UnitKroner, moneyPtrRef{&ex.RentIncreaseYear}, over)
		b.value("example.rent_increase_pct", "Regneeksempel: økning i leie i prosent", UnitShareOf, sharePtrRef{&ex.RentIncreasePct}, over)
	}

	fi := &r.Financing
	withLoan := b.count("financing.with_loan", "Boliger med startlån", UnitHomes, &fi.WithLoan)
	b.difference("financing.without_loan", "Boliger uten startlån", UnitHomes, bought, withLoan)
	b.value("financing.loan_total", "Samlet startlån", UnitKroner, moneyRef{&fi.LoanTotal}, []string{withLoan}, withLoan)
	b.value("financing.loan_share_median", "Median andel startlån", UnitShareOf, sharePtrRef{&fi.LoanShareMedian}, []string{withLoan}, withLoan)

	if cmp := r.Comparison; cmp != nil {
		for i := range cmp.Rows {
			row := &cmp.Rows[i]
			prefix := fmt.Sprintf("comparison.rows[%d]", i)
			base := b.c.byID[row.ID]
			unit := UnitShareOf
			if base != nil {
				unit = base.Unit
			}
			var on []string
			if base != nil {
				on = []string{base.ID}
			}
			b.value(prefix+".previous", row.Label+", forrige evaluering", unit, numberPtrRef{&row.Previous}, nil)
			b.value(prefix+".current", row.Label+", nå", unit, numberPtrRef{&row.Current}, nil, on...)
			b.value(prefix+".change", row.Label+", endring", unit, numberPtrRef{&row.Change}, nil, on...)
			b.value(prefix+".change_pct", row.Label+", endring i prosent", UnitShareOf, sharePtrRef{&row.ChangePct}, nil, on...)
		}
	}
	return b.c
}

func (b *catalogueBuilder) buckets(bs []Bucket, prefix, label string) []string {
	var out []string
	for i := range bs {
		out = append(out, b.count(fmt.Sprintf("%s[%d].count", prefix, i),
			fmt.Sprintf("%s %s–%s", label, bs[i].From.V.String(), bs[i].To.V.String()), UnitHomes, &bs[i].Count))
	}
	return out
}

func (b *catalogueBuilder) survey(r *Results) {
	byRound := map[int][]int{}
	var rounds []int
	for i := range r.Survey {
		it := &r.Survey[i]
		prefix := fmt.Sprintf("survey[%d]", i)
		answered := b.count(prefix+".answered", it.Statement+" – svarte", UnitRespondents, &it.Answered)
		b.count(prefix+".no_answer", it.Statement+" – ubesvart", UnitRespondents, &it.NoAnswer)
		var steps []string
		for j := range it.Counts {
			steps = append(steps, b.count(prefix+".counts."+ScaleLabel(j), it.Statement+" – "+ScaleLabel(j), UnitRespondents, &it.Counts[j]))
		}
		b.sum("svar", answered, steps...)
		agree := []string{answered}
		if len(steps) >= 5 {
			agree = append(agree, steps[3], steps[4])
		}
		b.value(prefix+".agree_share", it.Statement+" – andel enige", UnitShareOf, sharePtrRef{&it.AgreeShare}, []string{answered}, agree...)
		if _, seen := byRound[it.Round]; !seen {
			rounds = append(rounds, it.Round)
		}
		byRound[it.Round] = append(byRound[it.Round], i)
	}
	for i := range r.Survey {
		it := &r.Survey[i]
		prefix := fmt.Sprintf("survey[%d]", i)
		on := b.c.byID[prefix+".agree_share"].RestsOn
		if prev := PreviousRound(r.Survey, i); prev != nil {
			for j := range r.Survey {
				if &r.Survey[j] == prev {
					on = append(append([]string{}, on...), b.c.byID[fmt.Sprintf("survey[%d].agree_share", j)].RestsOn...)
				}
			}
		}
		b.value(prefix+".agree_change", it.Statement+" – endring i andel enige", UnitShareOf, sharePtrRef{&it.AgreeChange}, nil, on...)
	}
	// Within a round every statement had the same respondents: answered +
	// no answer is the same for all of them. A reader can form that number
	// from any statement, so it is one unpublished count per round that
	// every statement's answers add up to.
	for _, round := range rounds {
		items := byRound[round]
		first := &r.Survey[items[0]]
		id := fmt.Sprintf("survey.round[%d].respondents", round)
		n := first.Answered.N + first.NoAnswer.N
		same := true
		for _, i := range items {
			if r.Survey[i].Answered.N+r.Survey[i].NoAnswer.N != n {
				same = false
			}
		}
		if !same {
			continue
		}
		b.add(&Figure{ID: id, Label: fmt.Sprintf("Svarte i runden %d", round), Unit: UnitRespondents, Unpublished: true, n: n})
		for _, i := range items {
			b.sum("svar", id, fmt.Sprintf("survey[%d].answered", i), fmt.Sprintf("survey[%d].no_answer", i))
		}
	}
}

// HiddenIDs returns the ids of every published figure that is hidden, in
// catalogue order: the JSON "suppressed" list.
func (c *Catalogue) HiddenIDs() []string {
	out := []string{}
	for _, f := range c.Figures {
		if !f.Unpublished && f.Present() && f.Hidden() {
			out = append(out, f.ID)
		}
	}
	sort.Strings(out)
	return out
}
