package reports

import (
	"crypto/sha256"
	"encoding/base64"
)

// ScriptHashes are the CSP source expressions of rapport.html's inline
// scripts. A page that shows the report in a frame it made itself (from a
// blob) must allow them: such a document runs under its maker's policy as
// well as its own.
func (h *HTML) ScriptHashes() []string {
	var out []string
	for _, s := range []string{h.echarts, h.tpl.script} {
		sum := sha256.Sum256([]byte(s))
		out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return out
}
