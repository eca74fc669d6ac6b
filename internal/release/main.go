// Command release builds the ready-made programs of `make release`: one
// zip per operating system and processor, holding bobra and a short
// Norwegian LESMEG.txt, and SHA256SUMS over them. The same commit gives
// the same bytes: paths are trimmed, no VCS stamp or build ID goes in, and
// the zips have fixed dates and order.
//
//	go run ./internal/release -versjon v1.2.0 -ut dist
package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"
)

// Target is one ready-made program.
type Target struct {
	OS, Arch string
}

// Targets are the programs a release holds: the PCs project leads use.
var Targets = []Target{
	{"windows", "amd64"}, {"windows", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"linux", "amd64"}, {"linux", "arm64"},
}

// Program is the program's name inside the zip.
func (t Target) Program() string {
	if t.OS == "windows" {
		return "bobra.exe"
	}
	return "bobra"
}

// ZipName is the zip's name: bobra-<versjon>-<os>-<arch>.zip.
func (t Target) ZipName(version string) string {
	return "bobra-" + version + "-" + t.OS + "-" + t.Arch + ".zip"
}

//go:embed LESMEG.txt.tmpl
var readmeText string

var readme = template.Must(template.New("LESMEG").Parse(readmeText))

// Readme is LESMEG.txt for the target, with Windows line endings on
// Windows (Notepad of older Windows shows a file without them as one line).
func Readme(t Target, version string) ([]byte, error) {
	var b bytes.Buffer
	err := readme.Execute(&b, struct {
		Target
		Version string
	}{t, version})
	if err != nil {
		return nil, err
	}
	text := b.String()
	if t.OS == "windows" {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	return []byte(text), nil
}

// zipTime dates every entry: a fixed time, so the zip does not depend on
// when it was made.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Package zips the program and LESMEG.txt, in that order.
func Package(t Target, version string, program []byte) ([]byte, error) {
	text, err := Readme(t, version)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range []struct {
		name string
		mode os.FileMode
		body []byte
	}{{t.Program(), 0o755, program}, {"LESMEG.txt", 0o644, text}} {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(f.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Sums is SHA256SUMS: one "hash  name" line per file, by name, as
// sha256sum -c reads it.
func Sums(files map[string][]byte) []byte {
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	for _, n := range names {
		sum := sha256.Sum256(files[n])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	return []byte(b.String())
}

// build compiles ./cmd/bobra for t into dir and returns the program.
func build(t Target, version, dir string) ([]byte, error) {
	out := filepath.Join(dir, t.OS+"-"+t.Arch, t.Program())
	cmd := exec.Command(*goCommand, "build", "-trimpath", "-buildvcs=false", "-mod=readonly",
		"-ldflags", "-s -w -buildid= -X main.releaseVersion="+version,
		"-o", out, "./cmd/bobra")
	cmd.Env = append(os.Environ(), "GOOS="+t.OS, "GOARCH="+t.Arch, "CGO_ENABLED=0", "GOFLAGS=")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build for %s/%s: %w", t.OS, t.Arch, err)
	}
	return os.ReadFile(out)
}

// goCommand is the go command the release is built with: the one `make
// release` ran this program with, so that the Go the Makefile chose builds
// every target.
var goCommand = flag.String("go", "go", "go-kommandoen som bygger programmene")

func main() {
	version := flag.String("versjon", "", "versjonen (fra git describe)")
	outDir := flag.String("ut", "dist", "mappen zip-filene skrives til")
	flag.Parse()
	if *version == "" || strings.ContainsAny(*version, `/\ `) {
		fmt.Fprintln(os.Stderr, "release: oppgi -versjon (for eksempel fra git describe), uten / eller mellomrom.")
		os.Exit(2)
	}
	if err := run(*version, *outDir); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(version, outDir string) error {
	work, err := os.MkdirTemp("", "bobra-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	if err := os.RemoveAll(outDir); err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{}
	for _, t := range Targets {
		program, err := build(t, version, work)
		if err != nil {
			return err
		}
		z, err := Package(t, version, program)
		if err != nil {
			return err
		}
		name := t.ZipName(version)
		if err := os.WriteFile(filepath.Join(outDir, name), z, 0o644); err != nil {
			return err
		}
		files[name] = z
		fmt.Fprintf(os.Stderr, "skrev %s\n", filepath.Join(outDir, name))
	}
	return os.WriteFile(filepath.Join(outDir, "SHA256SUMS"), Sums(files), 0o644)
}
