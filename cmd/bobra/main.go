// Command bobra evaluates the housing programme "Barn bor bra i Bærum" from
// its workbooks: see README.md.
package main

import (
	"os"
)

func main() {
	limitMemory(os.Args[1:])
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
