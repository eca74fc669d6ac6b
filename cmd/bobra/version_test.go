package main

import "testing"

func TestShortVersion(t *testing.T) {
	cases := []struct{ ver, rev, want string }{
		{"(devel)", "", "(devel)"},
		{"v1.2.0", "1aeddce0123456789abcdef0123456789abcdef0", "v1.2.0 1aeddce01234"},
		{"(devel)", "1aeddce0123456789abcdef0123456789abcdef0+endret", "(devel) 1aeddce01234+endret"},
		{"(devel)", "1aeddce", "(devel) 1aeddce"},
	}
	for _, tc := range cases {
		if got := shortVersion(tc.ver, tc.rev); got != tc.want {
			t.Errorf("shortVersion(%q, %q) = %q, want %q", tc.ver, tc.rev, got, tc.want)
		}
	}
}
