package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The damaged cases are sample workbooks spoiled the ways files really
// get spoiled: cut off mid-write, a stray or foreign byte, an edit behind
// the zip's back (a value changed under the old CRC), a broken deflate
// stream, two entries with one name, damaged shared parts, rows and cells
// out of order. They are written byte by byte here, not by a spreadsheet
// program, because no program writes them on purpose.

// part is one zip entry of a workbook; raw, when set, is written as it is
// under crc and size instead of compressing body.
type part struct {
	name string
	body []byte
	raw  *rawPart
}

type rawPart struct {
	data     []byte // the stored or deflated bytes
	deflated bool
	crc      uint32
	size     int
}

// damagedCase spoils one sample workbook.
type damagedCase struct {
	name  string
	file  string
	spoil func(parts []part) ([]part, error)
	cut   int // bytes cut off the end of the finished file
}

// sheet1 is the first worksheet's part: Familier in familier.xlsx, Kjøp in
// boliger.xlsx.
const sheet1 = "xl/worksheets/sheet1.xml"

func damagedCases() []damagedCase {
	return []damagedCase{
		{"avkortet-ark", families, editSheet(func(s string) (string, error) { return cutBefore(s, `<row r="21"`) }), 0},
		{"avkortet-midt-i-tagg", homes, editSheet(func(s string) (string, error) {
			i := strings.Index(s, `<row r="15"`)
			if i < 0 {
				return "", fmt.Errorf("no row 15")
			}
			return s[:i+12], nil
		}), 0},
		{"kontrolltegn-i-arket", families, editSheet(replaceOnce("<t>F010</t>", "<t>F0\x0110</t>")), 0},
		{"ugyldig-utf8", families, editSheet(replaceOnce("<t>F011</t>", "<t>F\xff11</t>")), 0},
		{"ukjent-entitet", homes, editSheet(replaceOnce("<t>F012</t>", "<t>F&nbsp;012</t>")), 0},
		{"sluttagg-passer-ikke", families, editSheet(func(s string) (string, error) {
			i := strings.Index(s, `<row r="8"`)
			if i < 0 {
				return "", fmt.Errorf("no row 8")
			}
			j := strings.Index(s[i:], "</v></c>")
			return s[:i+j] + "</v></x>" + s[i+j+len("</v></c>"):], nil
		}), 0},
		{"skade-etter-arkdata", families, editSheet(replaceOnce("<dataValidations ", "<dataValidations <")), 0},
		{"endret-under-gammel-crc", homes, func(parts []part) ([]part, error) {
			return withPart(parts, sheet1, func(p part) (part, error) {
				changed, err := replaceOnce("<v>3900000</v>", "<v>3990000</v>")(string(p.body))
				if err != nil {
					return p, err
				}
				p.raw = &rawPart{data: deflate([]byte(changed)), deflated: true, crc: crc32.ChecksumIEEE(p.body), size: len(changed)}
				return p, nil
			})
		}, 0},
		{"odelagt-komprimering", families, func(parts []part) ([]part, error) {
			return withPart(parts, sheet1, func(p part) (part, error) {
				d := deflate(p.body)
				for i := len(d) / 2; i < len(d)/2+8; i++ {
					d[i] ^= 0xff
				}
				p.raw = &rawPart{data: d, deflated: true, crc: crc32.ChecksumIEEE(p.body), size: len(p.body)}
				return p, nil
			})
		}, 0},
		{"to-deler-samme-navn", families, func(parts []part) ([]part, error) {
			for _, p := range parts {
				if p.name == sheet1 {
					return append(parts, part{name: p.name, body: p.body}), nil
				}
			}
			return nil, fmt.Errorf("no %s", sheet1)
		}, 0},
		{"avkortet-fil", homes, func(parts []part) ([]part, error) { return parts, nil }, 30},
		{"delt-tekst-utenfor-tabellen", families, func(parts []part) ([]part, error) {
			parts = append(parts, part{name: "xl/sharedStrings.xml", body: []byte(sharedStrings)})
			return editSheet(replaceOnce(`<c r="A3" s="4" t="inlineStr"><is><t>F002</t></is></c>`, `<c r="A3" s="4" t="s"><v>7</v></c>`))(parts)
		}, 0},
		{"skadede-delte-tekster", families, func(parts []part) ([]part, error) {
			parts = append(parts, part{name: "xl/sharedStrings.xml", body: []byte(sharedStrings[:len(sharedStrings)-20])})
			return editSheet(replaceOnce(`<c r="A2" s="4" t="inlineStr"><is><t>F001</t></is></c>`, `<c r="A2" s="4" t="s"><v>0</v></c>`))(parts)
		}, 0},
		{"skadede-stiler", homes, func(parts []part) ([]part, error) {
			return withPart(parts, "xl/styles.xml", func(p part) (part, error) {
				p.body = p.body[:len(p.body)-40]
				return p, nil
			})
		}, 0},
		{"rader-i-feil-rekkefolge", families, editSheet(func(s string) (string, error) {
			i := strings.Index(s, `<row r="10"`)
			j := strings.Index(s, `<row r="11"`)
			if i < 0 || j < 0 {
				return "", fmt.Errorf("no rows 10 and 11")
			}
			row := strings.ReplaceAll(s[i:j], `10"`, `5"`)
			return s[:i] + row + s[j:], nil
		}), 0},
		{"rad-to-ganger", homes, editSheet(func(s string) (string, error) {
			i := strings.Index(s, `<row r="16"`)
			j := strings.Index(s, `<row r="17"`)
			if i < 0 || j < 0 {
				return "", fmt.Errorf("no rows 16 and 17")
			}
			return s[:j] + s[i:j] + s[j:], nil
		}), 0},
		{"celler-i-feil-rekkefolge", families, editSheet(replaceOnce(
			`<c r="A6" s="4" t="inlineStr"><is><t>F005</t></is></c><c r="B6"><v>1</v></c>`,
			`<c r="B6"><v>1</v></c><c r="A6" s="4" t="inlineStr"><is><t>F005</t></is></c>`)), 0},
		{"celle-i-annen-rad", families, editSheet(replaceOnce(`<c r="B9">`, `<c r="B8">`)), 0},
		{"formel-uten-resultat", homes, editSheet(replaceOnce(`<c r="C4" s="6"><v>3900000</v></c>`, `<c r="C4" s="6"><f>3500000+400000</f></c>`)), 0},
	}
}

const sharedStrings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>F001</t></si><si><t>F002</t></si></sst>`

// writeDamaged writes every damaged case under out, one folder each.
func writeDamaged(out string, sample map[string][]byte) error {
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	for _, c := range damagedCases() {
		parts, err := unzip(sample[c.file])
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		if parts, err = c.spoil(parts); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		b, err := rezip(parts)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		b = b[:len(b)-c.cut]
		dir := filepath.Join(out, c.name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, c.file), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func unzip(b []byte) ([]part, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var parts []part
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		parts = append(parts, part{name: f.Name, body: body})
	}
	return parts, nil
}

// rezip writes the parts in order; the zip has no times, so the same
// parts give the same bytes.
func rezip(parts []part) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.raw != nil {
			method := zip.Store
			if p.raw.deflated {
				method = zip.Deflate
			}
			w, err = zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: method, CRC32: p.raw.crc,
				CompressedSize64: uint64(len(p.raw.data)), UncompressedSize64: uint64(p.raw.size)})
			if err == nil {
				_, err = w.Write(p.raw.data)
			}
		} else {
			w, err = zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate})
			if err == nil {
				_, err = w.Write(p.body)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func withPart(parts []part, name string, edit func(part) (part, error)) ([]part, error) {
	for i, p := range parts {
		if p.name == name {
			var err error
			parts[i], err = edit(p)
			return parts, err
		}
	}
	return nil, fmt.Errorf("no part %s", name)
}

// editSheet changes the first worksheet's XML.
func editSheet(edit func(string) (string, error)) func([]part) ([]part, error) {
	return func(parts []part) ([]part, error) {
		return withPart(parts, sheet1, func(p part) (part, error) {
			s, err := edit(string(p.body))
			p.body = []byte(s)
			return p, err
		})
	}
}

func replaceOnce(old, new string) func(string) (string, error) {
	return func(s string) (string, error) {
		if !strings.Contains(s, old) {
			return "", fmt.Errorf("no %q in the sheet", old)
		}
		return strings.Replace(s, old, new, 1), nil
	}
}

func cutBefore(s, at string) (string, error) {
	i := strings.Index(s, at)
	if i < 0 {
		return "", fmt.Errorf("no %q", at)
	}
	return s[:i], nil
}
