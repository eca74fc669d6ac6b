// Command bobra evaluates the housing programme "Barn bor bra i Bærum" from
// its workbooks: see README.md.
package main

import (
	"fmt"
	"os"
)

func main() {
	limitMemory(os.Args[1:])
	defer func() {
		// The last line of defence: Go's English and a stack trace are
		// for developers; a person gets one sentence saying what to send.
		if p := recover(); p != nil {
			fmt.Fprintln(os.Stderr, "bobra: intern feil i bobra (en feil i programmet, ikke i dataene). Send kommandoen du kjørte og utskriften av «bobra versjon» til dem som vedlikeholder bobra.")
			if os.Getenv("BOBRA_FEILSOK") != "" {
				panic(p)
			}
			os.Exit(exitFailed)
		}
	}()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
