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
// --data (if any) unless the user set GOMEMLIMIT.
func limitMemory(args []string) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(memoryLimitFor(dataSize(args), machineMemory()))
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
