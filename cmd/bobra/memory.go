package main

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// Soft heap limit of the process unless GOMEMLIMIT sets another (see
// docs/ytelse.md).
//
// Why: the live data grows with the dataset (about 5 bytes of heap per
// byte of zipped workbook at its peak, while the reader checks the rows
// or the computation starts: 240-290 MB for 300 000 families, whose
// workbooks are 50 MB zipped; the computation lets go of the rows as it
// goes). Go's default (GOGC=100) lets the heap grow to twice the live data
// before collecting, which gave some 670 MB of peak RSS at 100 000
// families; the target is under 400 MB. Near the limit the collector runs
// more often instead. But a limit close to the live data makes the
// collector run all the time (at 300 000 families, 59 s with a 320 MiB
// limit against 39 s without, when the live heap was 550 MB), so the limit
// grows with the data: the floor for small data, and room for the live
// data plus a quarter above it for larger data, never more than half the
// machine's memory. Up to 300 000 families the floor applies. There it
// gives 338-347 MB of peak RSS for 1-9 % more CPU than the 432 MiB
// limit of before the records were compact; a limit of 348 or 360 MiB
// (a half above the live data) cost no CPU but passed 400 MB of RSS in a
// third of the runs (401-402 MB), the collector letting the heap pass the
// limit near the live peak.
const (
	memoryFloor       = 320 << 20
	heapPerDataByte   = 5
	memoryHeadroomNum = 5 // limit = live × 5/4
	memoryHeadroomDen = 4
)

// limitMemory sets the soft memory limit for the data folder given with
// --data (if any) unless the user set GOMEMLIMIT, and for a command that
// runs once and ends lets the limit alone decide when to collect.
func limitMemory(args []string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimitFor(dataSize(args), machineMemory()))
	if collectOnlyAtLimit(args, os.Getenv("GOGC") != "") {
		debug.SetGCPercent(-1)
	}
}

// collectOnlyAtLimit reports whether the collector should run only as the
// heap nears the limit (GOGC=off under it) for this command line.
//
// Why: a command that reads, computes, writes and ends allocates about
// twice its live data over the whole run (630 MB at 100 000 families, with
// 150-200 MB live at the peak). With GOGC=100 the collector ran some ten
// times and marked the same live data each time for memory the limit
// allows anyway: at 100 000 families 1.18 s wall and 2.05 s CPU against
// 1.01 s and 1.68 s with it off, at 300 000 (where the limit already
// decides) 4.1 s against 3.9 s, peak RSS 200 → 338 MB and 342 → 340-365 MB,
// under the 400 MB target (docs/ytelse.md). The page (`bobra app`, also
// what bobra without a command starts) runs for hours and reads one upload
// after another; it keeps Go's default so it holds no more than it uses.
// Neither does a user's own GOGC get overridden.
func collectOnlyAtLimit(args []string, gogcSet bool) bool {
	return !gogcSet && len(args) > 0 && args[0] != "app"
}

// memoryLimitFor is the limit for data of the given zipped size on a
// machine with the given memory (0 when unknown).
func memoryLimitFor(dataBytes, machine int64) int64 {
	limit := dataBytes * heapPerDataByte * memoryHeadroomNum / memoryHeadroomDen
	limit = max(limit, memoryFloor)
	if machine > 0 && limit > machine/2 {
		limit = max(machine/2, memoryFloor)
	}
	return limit
}

// dataSize is the size of the workbooks in the --data folder of the
// command line, 0 when there is none or it cannot be listed.
func dataSize(args []string) int64 {
	dir := ""
	for i, a := range args {
		switch {
		case (a == "--data" || a == "-data") && i+1 < len(args):
			dir = args[i+1]
		case strings.HasPrefix(a, "--data="), strings.HasPrefix(a, "-data="):
			dir = a[strings.IndexByte(a, '=')+1:]
		}
	}
	if dir == "" {
		return 0
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var total int64
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if ext != ".xlsx" && ext != ".xlsm" || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil {
			total += info.Size()
		}
	}
	return total
}

// machineMemory is the machine's memory in bytes from /proc/meminfo, 0
// where there is none.
func machineMemory() int64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			var kb int64
			for _, c := range strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")) {
				if c < '0' || c > '9' {
					return 0
				}
				kb = kb*10 + int64(c-'0')
			}
			return kb << 10
		}
	}
	return 0
}
