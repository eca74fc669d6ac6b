package main

import "runtime/debug"

// version returns the module version and, when built from a git checkout,
// the VCS revision (with "+endret" when the tree had local changes).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(ukjent)"
	}
	v := info.Main.Version
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+endret"
			}
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		return v + " " + rev + modified
	}
	return v
}
