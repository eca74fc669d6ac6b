package data

import (
	"fmt"
	"strings"
)

// Problem kinds for Forutsetninger.
const (
	KindUnknownParam   = "ukjent-parameter"
	KindDuplicateParam = "dobbel-parameter"
	KindBadParam       = "ugyldig-parameter"
	KindDefaultParam   = "standardverdi"
)

// mergeResults joins the workbooks' sheets into one dataset in file order.
// A contract sheet found twice (in two files, or twice in one) is an error
// naming both places; only the first is used.
func mergeResults(results []fileResult) (*Dataset, Problems) {
	ds := &Dataset{}
	var problems Problems
	type place struct{ file, sheet string }
	seen := map[string]place{}
	var given []Parameter
	for _, res := range results {
		problems = append(problems, res.problems...)
		ds.Files = append(ds.Files, res.info)
		for _, sr := range res.sheets {
			if first, dup := seen[sr.spec.Name]; dup {
				where := "i " + first.file
				if first.file == res.info.Name {
					where = "også i samme fil"
				}
				problems = append(problems, Problem{Severity: Error, Kind: KindDuplicateSheet, File: res.info.Name, Sheet: sr.name,
					Message: fmt.Sprintf("Arket %s finnes to ganger: her og som «%s» %s; samle radene i ett ark, og slett det andre.", sr.spec.Name, first.sheet, where)})
				continue
			}
			seen[sr.spec.Name] = place{res.info.Name, sr.name}
			appendRecords(ds, sr.data)
			given = append(given, sr.data.Assumptions.Params...)
		}
	}
	for _, spec := range Contract() {
		if _, ok := seen[spec.Name]; !ok && spec.Required {
			problems = append(problems, Problem{Severity: Error, Kind: KindMissingSheet, Sheet: spec.Name,
				Message: fmt.Sprintf("Finner ikke arket %s i noen av arbeidsbøkene i mappen.", spec.Name)})
		}
	}
	var ps Problems
	ds.Assumptions, ps = buildAssumptions(given)
	problems = append(problems, ps...)
	return ds, problems
}

// appendRecords adds src's records to dst.
func appendRecords(dst, src *Dataset) {
	dst.Families = appendOrTake(dst.Families, src.Families)
	dst.Children = appendOrTake(dst.Children, src.Children)
	dst.Purchases = appendOrTake(dst.Purchases, src.Purchases)
	dst.Valuations = appendOrTake(dst.Valuations, src.Valuations)
	dst.Rents = appendOrTake(dst.Rents, src.Rents)
	dst.PriceIndex = appendOrTake(dst.PriceIndex, src.PriceIndex)
	dst.FollowUps = appendOrTake(dst.FollowUps, src.FollowUps)
	dst.Context = appendOrTake(dst.Context, src.Context)
	dst.Survey = appendOrTake(dst.Survey, src.Survey)
	dst.Quotes = appendOrTake(dst.Quotes, src.Quotes)
	dst.Resources = appendOrTake(dst.Resources, src.Resources)
}

// appendOrTake appends src to dst, or takes src itself when dst is empty,
// so that a sheet read from a single file (the usual case) is not copied:
// at 100 000 families that copy is some 80 MB.
func appendOrTake[T any](dst, src []T) []T {
	if len(dst) == 0 {
		return src
	}
	return append(dst, src...)
}

// paramSpec finds a known parameter by name, with the same tolerance as
// sheet and column names.
func paramSpec(name string) (ParamSpec, bool) {
	n := foldName(name)
	for _, spec := range KnownParams() {
		if foldName(spec.Name) == n {
			return spec, true
		}
	}
	return ParamSpec{}, false
}

// buildAssumptions applies the given Forutsetninger rows over the defaults.
// An unknown name is an error: a misspelt parameter must not silently
// leave its default in force.
func buildAssumptions(given []Parameter) (Assumptions, Problems) {
	a := DefaultAssumptions()
	var problems Problems
	at := map[string]Parameter{}
	for _, p := range given {
		prob := func(sev Severity, kind, column, value, msg string) {
			problems = append(problems, Problem{Severity: sev, Kind: kind, File: p.At.File(), Sheet: p.At.Sheet(),
				Cell: p.At.Cell(column), Column: column, Value: shorten(value), Message: msg})
		}
		spec, ok := paramSpec(p.Name)
		if !ok {
			prob(Error, KindUnknownParam, ColParameter, p.Name, fmt.Sprintf("«%s» er ikke en kjent forutsetning; skriv navnet som i malen: %s.",
				shorten(p.Name), knownParamNames()))
			continue
		}
		if first, dup := at[spec.Name]; dup {
			prob(Error, KindDuplicateParam, ColParameter, p.Name, fmt.Sprintf("%s er oppgitt to ganger (også i %s); behold bare én rad.",
				spec.Name, first.At.Cell(ColParameter)))
			continue
		}
		at[spec.Name] = p
		value := p.Value
		if value == "" {
			if spec.Default != "" {
				prob(Note, KindDefaultParam, ColValue, "", fmt.Sprintf("%s har ingen verdi; standardverdien %s brukes.", spec.Name, spec.Default))
			}
			value = spec.Default
		} else if !setAssumption(&a, spec, value) {
			prob(Error, KindBadParam, ColValue, value, fmt.Sprintf("«%s» er ikke %s, som %s skal være.", shorten(value), spec.Kind.Description(), spec.Name))
			continue
		}
		if spec.Name == ParamEvaluationDate && !a.EvaluationDate.IsZero() && a.EvaluationDate.Before(minDate) {
			// A number read as an Excel day number lands in 1900: every
			// figure would be as of a day before the programme began.
			d := a.EvaluationDate.Norwegian()
			prob(Error, KindOldDate, ColValue, d, fmt.Sprintf("%s %s er før %s; sjekk datoen.", spec.Name, d, minDate.Norwegian()))
			continue
		}
		if spec.Name == ParamSmallCount && a.SmallCount < 1 {
			prob(Error, KindBadParam, ColValue, value, "Prikkegrense må være et heltall på minst 1.")
		}
		if (spec.Kind == KindMoney) && a.CostPerPerson.IsNegative() {
			prob(Error, KindBadParam, ColValue, value, fmt.Sprintf("%s kan ikke være negativ.", spec.Name))
		}
		for i := range a.Params {
			if a.Params[i].Name == spec.Name {
				a.Params[i] = Parameter{Name: spec.Name, Value: value, Source: p.Source, At: p.At}
			}
		}
	}
	return a, problems
}

// knownParamNames lists the known parameters for a message.
func knownParamNames() string { return strings.Join(paramNames(), ", ") }
