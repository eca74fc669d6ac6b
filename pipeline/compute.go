package pipeline

import "bobra/data"

// Compute returns every figure of the evaluation of ds as of the date asOf.
// It is a pure function: no I/O, no clock; the same dataset and date give
// the same Results. Warnings found while computing (a missing SSB year, a
// home without value) are in Results.Warnings.
func Compute(ds *data.Dataset, asOf data.Date) *Results {
	// Placeholder until the metrics engine lands (issue 3).
	return &Results{Schema: SchemaVersion, AsOf: asOf,
		Programme: ds.Assumptions.Programme, Municipality: ds.Assumptions.Municipality}
}
