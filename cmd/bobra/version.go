package main

import (
	"runtime/debug"
	"strings"
)

// modifiedMark follows the revision of a binary built from a tree with
// local changes.
const modifiedMark = "+endret"

// releaseVersion is set by `make release` (-ldflags -X) to the output of
// git describe: a release is built without VCS stamping, so that two
// builds of the same commit are the same bytes.
var releaseVersion string

// buildVersion returns the module version and, when built from a git
// checkout, the VCS revision (with "+endret" when the tree had local
// changes), for the run record.
func buildVersion() (ver, rev string) {
	if releaseVersion != "" {
		return releaseVersion, ""
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(ukjent)", ""
	}
	modified := ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = modifiedMark
			}
		}
	}
	if rev != "" {
		rev += modified
	}
	return info.Main.Version, rev
}

// version is buildVersion for `bobra --versjon`.
func version() string {
	return shortVersion(buildVersion())
}

// shortVersion joins the version and the revision, shortened to the 12
// characters people compare by eye.
func shortVersion(ver, rev string) string {
	if rev == "" {
		return ver
	}
	hash, modified := strings.CutSuffix(rev, modifiedMark)
	if len(hash) > 12 {
		hash = hash[:12]
	}
	if modified {
		hash += modifiedMark
	}
	return ver + " " + hash
}
