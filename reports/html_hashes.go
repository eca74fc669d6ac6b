package reports

import (
	"crypto/sha256"
	"encoding/base64"
)

// ScriptHashes are the CSP source expressions of rapport.html's inline
// scripts. A page that shows the report in a frame it made itself (from a
// blob) must allow them: such a document runs under its maker's policy as
// well as its own.
func (h *HTML) ScriptHashes() []string { return scriptHashes(h.echarts, h.tpl.script) }

// scriptHashes are the CSP source expressions ('sha256-…') of scripts, for
// the report's own policy and for a page that frames it.
func scriptHashes(scripts ...string) []string {
	var out []string
	for _, s := range scripts {
		sum := sha256.Sum256([]byte(s))
		out = append(out, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	return out
}
