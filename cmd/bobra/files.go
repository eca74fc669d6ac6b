package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"bobra/internal/atomicfile"
)

// outputFile is a file a command writes: its path and what goes in it.
type outputFile struct {
	path  string
	write func(w io.Writer) error
}

// existingFile returns an error naming the first of files that exists, so
// a command refuses to overwrite before it writes anything.
func existingFile(files []outputFile) error {
	for _, f := range files {
		// Any other error than "exists" (no such folder, a file where a
		// folder should be) makes the write fail with its own message.
		if _, err := os.Lstat(f.path); err == nil {
			return fmt.Errorf("%s finnes fra før; bruk --overskriv for å erstatte den", f.path)
		}
	}
	return nil
}

// writeFilesAtomically writes every file to a temporary name next to it and
// renames them into place only when all were written (atomicfile), so an
// interrupted or failed command leaves no half-written workbook and no
// stray temporary file. The error is one Norwegian sentence.
func writeFilesAtomically(files []outputFile) error {
	outs := make([]atomicfile.Output, len(files))
	for i, f := range files {
		outs[i] = atomicfile.Output{Path: f.path, Fill: f.write}
	}
	err := atomicfile.WriteAll(outs)
	var ae *atomicfile.Error
	if !errors.As(err, &ae) {
		return err
	}
	reason := atomicfile.Reason(ae.Err)
	switch ae.Op {
	case atomicfile.OpCreate:
		return fmt.Errorf("kan ikke skrive i mappen %s: %s", filepath.Dir(ae.Path), reason)
	case atomicfile.OpRename:
		return fmt.Errorf("kan ikke flytte %s på plass: %s", ae.Path, reason)
	}
	return fmt.Errorf("kan ikke skrive %s: %s", ae.Path, reason)
}

// writeNewFiles writes files atomically for `bobra cmd`, refusing first,
// unless overwrite, if any of them exists; it tells stderr what went wrong
// and returns the exit code.
func writeNewFiles(cmd string, files []outputFile, overwrite bool, stderr io.Writer) int {
	if !overwrite {
		if err := existingFile(files); err != nil {
			fmt.Fprintf(stderr, "bobra %s: %s.\n", cmd, err)
			return exitUsage
		}
	}
	if err := writeFilesAtomically(files); err != nil {
		fmt.Fprintf(stderr, "bobra %s: %s.\n", cmd, err)
		return exitFailed
	}
	return exitOK
}

// parseNorwegianFlags parses args with fs and says what went wrong in
// Norwegian. It returns done=true with the exit code when the command must
// stop: after --help (0) or a wrong flag or a stray argument (2).
func parseNorwegianFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK, true
	case err != nil:
		fmt.Fprintf(stderr, "bobra %s: %s. Skriv «bobra %s --help» for flaggene.\n", fs.Name(), flagErrorText(err), fs.Name())
		return exitUsage, true
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "bobra %s: uventet argument %q. Skriv «bobra %s --help» for flaggene.\n", fs.Name(), fs.Arg(0), fs.Name())
		return exitUsage, true
	}
	return 0, false
}

// flagErrorText says in Norwegian what the flag package found wrong, for
// every command; the caller adds the command and the pointer to --help.
func flagErrorText(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return fmt.Sprintf("ukjent flagg «%s»", dashed(name))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Sprintf("flagget «%s» trenger en verdi", dashed(name))
	}
	if arg, ok := strings.CutPrefix(msg, "bad flag syntax: "); ok {
		return fmt.Sprintf("ugyldig flagg «%s»", arg)
	}
	// invalid value "x" for flag -n: …   invalid boolean value "x" for -b: …
	var value, name string
	if _, err := fmt.Sscanf(msg, "invalid value %q for flag %s", &value, &name); err == nil {
		return fmt.Sprintf("ugyldig verdi «%s» for flagget «%s»", value, dashed(strings.TrimSuffix(name, ":")))
	}
	if _, err := fmt.Sscanf(msg, "invalid boolean value %q for %s", &value, &name); err == nil {
		name = dashed(strings.TrimSuffix(name, ":"))
		return fmt.Sprintf("ugyldig verdi «%s» for ja/nei-flagget «%s»; skriv bare flagget (%s)", value, name, name)
	}
	return "ugyldige flagg: " + msg
}

// dashed writes a flag as the help texts do: --navn (the flag package says
// -navn, whichever the user typed).
func dashed(name string) string { return "--" + strings.TrimLeft(name, "-") }

// printFlagUsage writes a Norwegian usage text: the synopsis, what the
// command does, and each flag with its default.
func printFlagUsage(fs *flag.FlagSet, synopsis, about string) {
	w := fs.Output()
	fmt.Fprintf(w, "Bruk: %s\n\n%s\n\nFlagg:\n", synopsis, about)
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		fmt.Fprintf(w, "%s\n      %s", line, usage)
		if f.DefValue != "" && f.DefValue != "false" {
			fmt.Fprintf(w, " (standard: %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}
