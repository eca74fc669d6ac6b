package data

import (
	"reflect"
	"testing"
)

func TestInParallel(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 16} {
		got := make([]int, 10)
		inParallel(len(got), workers, func(i int) { got[i] = i * i })
		want := []int{0, 1, 4, 9, 16, 25, 36, 49, 64, 81}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers: %v, want %v", workers, got, want)
		}
	}
}

// A panic in a call reaches the caller, after every call has returned.
func TestInParallelRaisesPanicOnCaller(t *testing.T) {
	done := make([]bool, 6)
	var raised any
	func() {
		defer func() { raised = recover() }()
		inParallel(len(done), 2, func(i int) {
			done[i] = true
			if i == 4 || i == 2 {
				panic(i)
			}
		})
	}()
	if raised != 2 {
		t.Errorf("raised %v, want the panic of call 2", raised)
	}
	if want := []bool{true, true, true, true, true, true}; !reflect.DeepEqual(done, want) {
		t.Errorf("calls made %v, want all", done)
	}
}
