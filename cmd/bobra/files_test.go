package main

import (
	"flag"
	"io"
	"testing"
)

// Every flag mistake the flag package reports comes out in Norwegian, with
// the flag written as the help texts write it.
func TestFlagErrorText(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--ukjent"}, "ukjent flagg «--ukjent»"},
		{[]string{"-ukjent"}, "ukjent flagg «--ukjent»"},
		{[]string{"--ut"}, "flagget «--ut» trenger en verdi"},
		{[]string{"--familier", "mange"}, "ugyldig verdi «mange» for flagget «--familier»"},
		{[]string{"--offentlig=kanskje"}, "ugyldig verdi «kanskje» for ja/nei-flagget «--offentlig»; skriv bare flagget (--offentlig)"},
		{[]string{"---ut"}, "ugyldig flagg «---ut»"},
		{[]string{"-=x"}, "ugyldig flagg «-=x»"},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		fs.String("ut", "", "")
		fs.Int("familier", 0, "")
		fs.Bool("offentlig", false, "")
		err := fs.Parse(tt.args)
		if err == nil {
			t.Fatalf("%v: no error", tt.args)
		}
		if got := flagErrorText(err); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.args, got, tt.want)
		}
	}
}
