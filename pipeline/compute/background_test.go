package compute

import (
	"errors"
	"testing"
)

// A section worked out on a goroutine of its own fails as if it had run on
// the caller's: its panic comes out of the join, where computeOrStop's
// recover (and then main's one sentence) takes it, and not out of a
// goroutine nothing recovers, which ends the test binary (or bobra) with
// a stack trace. A section that returns gives its result at the join.
func TestInBackgroundRaisesPanicAtJoin(t *testing.T) {
	t.Parallel()
	failure := errors.New("a section failed")
	join := inBackground(func() int { panic(failure) })
	got := func() (p any) {
		defer func() { p = recover() }()
		join()
		return nil
	}()
	if got != failure {
		t.Errorf("join raised %v, want %v", got, failure)
	}
	if got := inBackground(func() int { return 42 })(); got != 42 {
		t.Errorf("join gave %d, want 42", got)
	}
}
