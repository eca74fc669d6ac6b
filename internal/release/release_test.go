package main

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestPackage: each zip holds the program (executable) and LESMEG.txt, in
// that order with fixed dates, and two packings are the same bytes.
func TestPackage(t *testing.T) {
	for _, tg := range Targets {
		z, err := Package(tg, "v1.0.0", []byte("PROGRAM"))
		if err != nil {
			t.Fatal(err)
		}
		again, _ := Package(tg, "v1.0.0", []byte("PROGRAM"))
		if !bytes.Equal(z, again) {
			t.Errorf("%s: to pakkinger ga ulike bytes", tg.ZipName("v1.0.0"))
		}
		zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, f := range zr.File {
			names = append(names, f.Name+" "+f.Mode().String()+" "+f.Modified.UTC().Format("2006-01-02"))
		}
		want := []string{tg.Program() + " -rwxr-xr-x 2000-01-01", "LESMEG.txt -rw-r--r-- 2000-01-01"}
		if strings.Join(names, "|") != strings.Join(want, "|") {
			t.Errorf("%s: %v, vil ha %v", tg.ZipName("v1.0.0"), names, want)
		}
		rc, _ := zr.File[1].Open()
		text, _ := io.ReadAll(rc)
		rc.Close()
		s := string(text)
		if !strings.Contains(s, "bobra v1.0.0") || !strings.Contains(s, "INGEN STEDER") || strings.Contains(s, "<no value>") {
			t.Errorf("%s: LESMEG.txt:\n%s", tg.OS, s)
		}
		if crlf := strings.Contains(s, "\r\n"); crlf != (tg.OS == "windows") {
			t.Errorf("%s: CRLF=%v", tg.OS, crlf)
		}
	}
}

func TestNames(t *testing.T) {
	var got []string
	for _, tg := range Targets {
		got = append(got, tg.ZipName("v1.2.0-3-gabc")+" "+tg.Program())
	}
	want := []string{
		"bobra-v1.2.0-3-gabc-windows-amd64.zip bobra.exe", "bobra-v1.2.0-3-gabc-windows-arm64.zip bobra.exe",
		"bobra-v1.2.0-3-gabc-darwin-amd64.zip bobra", "bobra-v1.2.0-3-gabc-darwin-arm64.zip bobra",
		"bobra-v1.2.0-3-gabc-linux-amd64.zip bobra", "bobra-v1.2.0-3-gabc-linux-arm64.zip bobra",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%v", got)
	}
}

func TestSums(t *testing.T) {
	got := string(Sums(map[string][]byte{"b.zip": []byte("b"), "a.zip": []byte("a")}))
	want := "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.zip\n" +
		"3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  b.zip\n"
	if got != want {
		t.Errorf("%q", got)
	}
}
