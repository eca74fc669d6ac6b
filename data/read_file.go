package data

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// Size caps. A real programme workbook, even at national scale (100 000
// families), unzips to well under 200 MB, so the caps only stop files that
// would exhaust memory or disk: a zip bomb unzips to gigabytes from a few
// kilobytes.
const (
	// maxFileSize caps the file as stored (zipped): 200 MB is some ten
	// times a national dataset's largest workbook.
	maxFileSize = 200 << 20
	// maxUnzipped caps the sum of all parts' unzipped sizes (as declared;
	// archive/zip refuses a part that inflates to more than it declares).
	maxUnzipped = 1 << 30
	// maxOtherPart caps every part other than the worksheets and the
	// shared strings (styles, workbook, relations, comments), which the
	// reader holds in memory whole; worksheets are streamed.
	maxOtherPart = 64 << 20
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// The stream name of an encrypted OOXML package inside its OLE
	// container, in UTF-16LE as OLE directory entries store names.
	encryptedPackage = utf16le("EncryptedPackage")
)

// sniffFile says what is wrong with a file that is not a readable .xlsx
// zip, or returns its zip directory when it looks like one.
func sniffFile(name string, b []byte) (*zip.Reader, *Problem) {
	fail := func(kind, msg string) (*zip.Reader, *Problem) {
		p := fileProblem(name, kind, msg)
		return nil, &p
	}
	switch {
	case len(b) == 0:
		return fail(KindEmptyFile, "Filen er tom (0 byte); lagre arbeidsboken på nytt fra Excel eller LibreOffice.")
	case bytes.HasPrefix(b, oleMagic):
		if bytes.Contains(b, encryptedPackage) {
			return fail(KindPassword, "Filen er passordbeskyttet; åpne den, fjern passordet og lagre den på nytt som .xlsx.")
		}
		return fail(KindWrongFileType, "Filen er en eldre Excel-fil (.xls) med feil filendelse; åpne den og lagre den som Excel-arbeidsbok (.xlsx).")
	case !bytes.HasPrefix(b, zipMagic):
		if looksLikeText(b) {
			return fail(KindWrongFileType, "Filen er en tekstfil (for eksempel CSV), ikke en Excel-arbeidsbok; åpne den i Excel eller LibreOffice og lagre den som .xlsx.")
		}
		return fail(KindNotWorkbook, "Filen er ikke en Excel-arbeidsbok (.xlsx); den kan være skadet eller av en annen type.")
	}
	return openZip(name, bytes.NewReader(b), int64(len(b)))
}

// openZip opens a file of size bytes that starts as a zip file does, with
// sniffFile's checks of its parts.
func openZip(name string, r io.ReaderAt, size int64) (*zip.Reader, *Problem) {
	fail := func(kind, msg string) (*zip.Reader, *Problem) {
		p := fileProblem(name, kind, msg)
		return nil, &p
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return fail(KindNotWorkbook, "Filen er skadet eller ufullstendig og kan ikke åpnes som Excel-arbeidsbok.")
	}
	var total uint64
	hasWorkbook := false
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		switch {
		case lower == "mimetype" && f.UncompressedSize64 < 200:
			if isODS(f) {
				return fail(KindWrongFileType, "Filen er et OpenDocument-regneark (.ods) med feil filendelse; åpne den og lagre den som Excel-arbeidsbok (.xlsx).")
			}
		case lower == "xl/workbook.xml":
			hasWorkbook = true
		}
		total += f.UncompressedSize64
		streamed := strings.HasPrefix(lower, "xl/worksheets/sheet") || lower == "xl/sharedstrings.xml"
		if total > maxUnzipped || (!streamed && f.UncompressedSize64 > maxOtherPart) {
			return fail(KindTooLarge, fmt.Sprintf("Filen pakker seg ut til mer enn %d MB (en «zip-bombe» eller en skadet fil) og blir ikke lest.", maxUnzipped>>20))
		}
		if !plausibleSize(f) {
			return fail(KindNotWorkbook, "Filen er skadet eller ufullstendig og kan ikke åpnes som Excel-arbeidsbok.")
		}
	}
	if !hasWorkbook {
		return fail(KindNotWorkbook, "Filen er en zip-fil, men ikke en Excel-arbeidsbok (.xlsx).")
	}
	return zr, nil
}

// plausibleSize reports whether a part's declared unzipped size can be
// true: deflate cannot expand more than about 1032 times, and a stored part
// is as large as it is. A false size would make excelize allocate it
// before finding the lie.
func plausibleSize(f *zip.File) bool {
	switch f.Method {
	case zip.Store:
		return f.UncompressedSize64 == f.CompressedSize64
	case zip.Deflate:
		return f.UncompressedSize64 <= 1032*f.CompressedSize64+1024
	}
	return true
}

func isODS(f *zip.File) bool {
	rc, err := f.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	buf := make([]byte, 200)
	n, _ := rc.Read(buf)
	return strings.Contains(string(buf[:n]), "opendocument")
}

// looksLikeText reports whether the start of b is text (UTF-8 or Latin-1:
// any bytes but control characters), as a CSV file is.
func looksLikeText(b []byte) bool {
	head := b[:min(len(b), 512)]
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return len(head) > 0
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r), 0)
	}
	return b
}
