package outlock

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A helper process for the tests: it takes the lock on the folder named
// by the environment, says so on stdout and waits to be killed.
func TestMain(m *testing.M) {
	if dir := os.Getenv("OUTLOCK_HOLD"); dir != "" {
		if _, err := Acquire(dir, Options{Wait: -1}); err != nil {
			fmt.Println("feil:", err)
			os.Exit(1)
		}
		fmt.Println("låst")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestSecondRunRefused(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	_, err = Acquire(dir, Options{Wait: -1})
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("err = %v; want a BusyError", err)
	}
	if busy.PID != os.Getpid() || time.Since(busy.Started) > time.Minute {
		t.Errorf("busy = %+v; want this process, started just now", busy)
	}
	msg := busy.Error()
	want := fmt.Sprintf("Utmappen «%s» brukes av en annen kjøring av bobra (prosess %d, startet ", dir, os.Getpid())
	if !strings.HasPrefix(msg, want) || !strings.HasSuffix(msg, "; vent til den er ferdig, eller velg en annen mappe med --ut.") {
		t.Errorf("message %q; want it to start %q", msg, want)
	}
}

func TestWaitsForTheOtherRun(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan struct{})
	go func() {
		time.Sleep(200 * time.Millisecond)
		l.Release()
		close(released)
	}()
	l2, err := Acquire(dir, Options{Wait: 5 * time.Second, Poll: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-released:
	default:
		t.Error("the second lock was taken before the first was released")
	}
	if err := l2.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is left after Release: %v", err)
	}
}

// A lock file with no live process behind it, as a crash leaves, is
// taken over at once.
func TestStaleLockTakenOver(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte(ownerText(999999999, time.Now())), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Acquire(dir, Options{Wait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	if pid, _ := readOwner(filepath.Join(dir, FileName)); pid != os.Getpid() {
		t.Errorf("the lock file names process %d; want %d", pid, os.Getpid())
	}
}

// The lock of a run killed with SIGKILL, which had no chance to clean
// up, is taken over.
func TestKilledRunsLockTakenOver(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("kill -9 is a Unix test")
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OUTLOCK_HOLD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "låst") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper said %q", buf[:n])
	}
	if _, err := Acquire(dir, Options{Wait: -1}); err == nil {
		t.Fatal("took the lock of a live run")
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(dir, Options{Wait: -1})
	if err != nil {
		t.Fatalf("the killed run's lock was not taken over: %v", err)
	}
	l.Release()
}

// Many goroutines competing: at most one holds the lock at any time.
func TestOneHolderAtATime(t *testing.T) {
	dir := t.TempDir()
	holders := make(chan int, 1)
	done := make(chan error)
	for i := range 8 {
		go func() {
			l, err := Acquire(dir, Options{Wait: 10 * time.Second, Poll: time.Millisecond})
			if err != nil {
				done <- err
				return
			}
			select {
			case holders <- i:
			default:
				done <- fmt.Errorf("goroutine %d holds the lock while another does", i)
				return
			}
			time.Sleep(5 * time.Millisecond)
			<-holders
			done <- l.Release()
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
