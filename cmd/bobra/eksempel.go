package main

import (
	"fmt"
	"io"
)

func runEksempel(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "bobra eksempel: ikke laget ennå")
	return exitUsage
}
