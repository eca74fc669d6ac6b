package webapp

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"errors"
	"strings"
)

// index.html is the whole page: its style and its one script are inline,
// so the binary needs no other file and the page loads nothing.
//
//go:embed assets/index.html
var indexHTML string

// buildPage returns the page and its Content-Security-Policy: nothing may
// load but the page's own script (by hash) and the API on this server
// (connect-src 'self'); a report is shown from a blob the page made, in a
// sandboxed frame. Styles are 'unsafe-inline' as in rapport.html, whose
// charts set inline styles, because a framed report runs under this policy
// as well as its own.
func buildPage(frameScripts []string) ([]byte, string, error) {
	script, ok := between(indexHTML, "<script>", "</script>")
	if !ok {
		return nil, "", errors.New("siden mangler skriptet sitt")
	}
	sources := append([]string{HashSource(script)}, frameScripts...)
	csp := "default-src 'none'; script-src " + strings.Join(sources, " ") +
		"; style-src 'unsafe-inline'; img-src data: blob:; font-src 'none'; connect-src 'self'; media-src 'none'; object-src 'none'" +
		"; frame-src blob:; child-src blob:; worker-src 'none'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
	return []byte(indexHTML), csp, nil
}

// HashSource is the CSP source expression that lets exactly the inline
// script s run.
func HashSource(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

func between(s, open, close string) (string, bool) {
	i := strings.Index(s, open)
	if i < 0 {
		return "", false
	}
	s = s[i+len(open):]
	j := strings.Index(s, close)
	if j < 0 {
		return "", false
	}
	return s[:j], true
}
