package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// End-to-end tests build the real binary once and run it as a user or a
// scheduler would: on real workbooks, checking exit codes and files.

var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// bobraBin returns the path of a freshly built bobra binary.
func bobraBin(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "bobra-e2e-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "bobra")
		// go test puts its own toolchain's bin folder first in PATH.
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			binErr = &buildError{out.String()}
		}
	})
	if binErr != nil {
		t.Fatalf("building bobra: %v", binErr)
	}
	return binPath
}

type buildError struct{ out string }

func (e *buildError) Error() string { return e.out }

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// bobra runs the binary in dir with args, failing the test after two
// minutes (a hang is a defect) or on any sign of a panic.
func bobra(t *testing.T, dir string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bobraBin(t), args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("bobra %v hung", args)
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	r := result{code, stdout.String(), stderr.String()}
	for _, sign := range []string{"panic:", "goroutine ", "runtime error", ".go:"} {
		if strings.Contains(r.stderr, sign) {
			t.Errorf("bobra %v: stderr looks like a crash (%q):\n%s", args, sign, r.stderr)
		}
	}
	return r
}

// startBobra starts the binary without waiting.
func startBobra(t *testing.T, dir string, args ...string) *exec.Cmd {
	cmd := exec.Command(bobraBin(t), args...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}
