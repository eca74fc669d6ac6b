package main

import (
	"fmt"
	"io"
)

func runRapport(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "bobra rapport: ikke laget ennå")
	return exitUsage
}
