// Package templates holds the evaluation report's text: one Markdown file
// per section with placeholders for the computed figures, the key figures'
// labels and sentences, and the HTML report's layout, stylesheet and script.
//
// The files are embedded in the binary; `bobra rapport --maler MAPPE` reads a
// user's copy of this folder instead, so project leads can change the prose
// without touching Go.
package templates

import "embed"

// FS is the embedded copy of this folder's report files.
//
//go:embed *.md *.html *.css *.js
var FS embed.FS
