package main

import (
	"bytes"
	"testing"
)

// The text log has no English from slog: its keys and levels are
// Norwegian, and it has no time (journald and cron add their own).
func TestTextLogIsNorwegian(t *testing.T) {
	var b bytes.Buffer
	log := newLogger(&b, "tekst", false)
	log.Info("leser data", "mappe", "data")
	log.Warn("to advarsler")
	log.Error("skrev ikke filene")
	want := "nivå=info melding=\"leser data\" mappe=data\n" +
		"nivå=advarsel melding=\"to advarsler\"\n" +
		"nivå=feil melding=\"skrev ikke filene\"\n"
	if got := b.String(); got != want {
		t.Errorf("log:\n%s\nwant\n%s", got, want)
	}
}
