package main

import (
	"fmt"
	"io"
)

func runMal(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "bobra mal: ikke laget ennå")
	return exitUsage
}
