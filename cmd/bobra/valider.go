package main

import (
	"fmt"
	"io"
)

func runValider(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "bobra valider: ikke laget ennå")
	return exitUsage
}
