package main

import (
	"os"
	"runtime/debug"
)

// memoryLimit is the soft heap limit of the process unless GOMEMLIMIT sets
// another (see docs/ytelse.md).
//
// Why: with 100 000 families the live data peaks at about 260 MB while
// computing (the dataset and the results side by side). Go's default
// (GOGC=100) lets the heap grow to twice the live data before collecting,
// which gave some 670 MB of peak RSS; the target is under 400 MB. Near the
// limit the garbage collector runs more often instead (about 20 % more CPU
// at that size; nothing on small data). The limit is soft: a dataset whose
// live data is larger still runs, with the collector capped at half the CPU.
const memoryLimit = 320 << 20

// limitMemory sets the soft memory limit unless the user set GOMEMLIMIT.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
