package bench

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"bobra/data"
	"bobra/pipeline"
)

func TestZZHeap(t *testing.T) {
	if os.Getenv("ZZHEAP") == "" {
		t.Skip()
	}
	dir := datasetDir(t, 100000)
	ds, _ := read(t, dir)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("after read: heap %d MB", ms.HeapAlloc>>20)
	f, _ := os.Create("/tmp/heap_read.out")
	pprof.WriteHeapProfile(f)
	f.Close()
	res := pipeline.Compute(ds, data.GenerateEvaluationDate)
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("after compute: heap %d MB (homes %d)", ms.HeapAlloc>>20, len(res.Homes))
	f, _ = os.Create("/tmp/heap_compute.out")
	pprof.WriteHeapProfile(f)
	f.Close()
	ds = nil
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("after dropping ds: heap %d MB", ms.HeapAlloc>>20)
	f, _ = os.Create("/tmp/heap_nods.out")
	pprof.WriteHeapProfile(f)
	f.Close()
	runtime.KeepAlive(res)
}
