#!/usr/bin/env bash
# Checks the PDF outputs the way a reader's tools see them, on three runs:
# the sample, a 10 000-family run and a public run (--offentlig), and
# leaves pictures of them in the output folder:
#   - qpdf --check finds no error in the file structure;
#   - pdffonts lists only embedded fonts;
#   - pdftotext gives back real text with Norwegian letters and figures;
#   - pdfinfo says the file is tagged, and the PDF/UA checks of
#     reports/pdf_ua_test.go (TestPDFUAFiles) pass: catalog, metadata,
#     marked content, ParentTree, structure, links and fonts, and the
#     structure tree holds the pages' text in order (for the sample also
#     as pdfinfo -struct-text reads it); docs/pdf-ua.md lists them;
#   - a second 10 000-family run gives the same PDF bytes;
#   - page 1 and a chart page of each PDF are rendered to PNG (60 dpi)
#     so a person can look at them in the CI artifacts.
# Usage: .ci/pdf-check.sh [OUTPUT_FOLDER]   (default: ut)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-ut}"

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/bobra" ./cmd/bobra
"$bin/bobra" rapport --ut "$out"
"$bin/bobra" eksempel --familier 10000 --ut "$bin/data-10000" >/dev/null
"$bin/bobra" rapport --data "$bin/data-10000" --ut "$out/familier-10000"
"$bin/bobra" rapport --offentlig --ut "$out/offentlig"

fail() { echo "pdf-check: $*" >&2; exit 1; }

# page_with FILE TEXT FALLBACK: the first page whose text contains TEXT.
page_with() {
	local file="$1" text="$2" fallback="$3" pages i
	pages=$(pdfinfo "$file" | awk '/^Pages:/ {print $2}')
	for ((i = 1; i <= pages; i++)); do
		if pdftotext -f "$i" -l "$i" -layout "$file" - | grep -qF "$text"; then
			echo "$i"
			return
		fi
	done
	echo "$fallback"
}

checked=()
for pdf in "$out"/{,familier-10000/,offentlig/}{rapport,presentasjon}.pdf; do
	name=$(basename "$pdf" .pdf)
	dir=$(dirname "$pdf")
	[ -s "$pdf" ] || fail "$pdf mangler eller er tom"

	qpdf --check "$pdf" >/dev/null || fail "qpdf --check fant feil i $pdf"

	fonts=$(pdffonts "$pdf" | tail -n +3)
	[ -n "$fonts" ] || fail "$pdf har ingen skrifter"
	# Columns: name type encoding emb sub uni object ID; emb is 5th from the end.
	if echo "$fonts" | awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }'; then
		echo "$fonts" >&2
		fail "$pdf har skrifter som ikke er innebygd"
	fi

	pdftotext -layout "$pdf" "$dir/$name.txt"
	# The generated data is not Bærum's; its text has Norwegian letters too.
	word="Bærum"
	[ "$dir" = "$out" ] || [ "$dir" = "$out/offentlig" ] || word="å"
	grep -q "$word" "$dir/$name.txt" || fail "pdftotext fant ikke «$word» i $pdf"
	grep -qE '[0-9]' "$dir/$name.txt" || fail "pdftotext fant ingen tall i $pdf"

	pdfinfo "$pdf" | grep -qE '^Tagged:[[:space:]]+yes$' || fail "pdfinfo sier at $pdf ikke er tagget"
	checked+=("$pdf")

	pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$dir/$name-side"
	# The purchases chart is in every report; its page shows the vector charts.
	chart=$(page_with "$pdf" "Boligkjøp per år" 5)
	pdftoppm -png -r 60 -f "$chart" -l "$chart" "$pdf" "$dir/$name-diagram"
	echo "pdf-check: $pdf i orden ($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') sider; bilder av side 1 og $chart i $dir/)"
done

# The same data gives the same bytes, tags and all.
"$bin/bobra" rapport --data "$bin/data-10000" --ut "$bin/igjen" --format pdf,presentasjon
for name in rapport presentasjon; do
	cmp -s "$out/familier-10000/$name.pdf" "$bin/igjen/$name.pdf" ||
		fail "to kjøringer på de samme dataene ga ulike $name.pdf"
done

# The PDF/UA checks. pdfinfo -struct-text renders a page once per marked
# content id, so it reads the sample's two files only; the others are
# compared through the objects.
abs() { (cd "$(dirname "$1")" && echo "$PWD/$(basename "$1")"); }
files=""
for pdf in "${checked[@]}"; do files="$files${files:+:}$(abs "$pdf")"; done
BOBRA_PDFUA_FILES="$files" go test -count=1 -run '^TestPDFUAFiles$' ./reports >/dev/null ||
	BOBRA_PDFUA_FILES="$files" go test -count=1 -run '^TestPDFUAFiles$' ./reports ||
	fail "PDF/UA-kontrollene feilet"
BOBRA_PDFUA_FILES="$(abs "$out/rapport.pdf"):$(abs "$out/presentasjon.pdf")" BOBRA_PDFUA_POPPLER=1 \
	go test -count=1 -run '^TestPDFUAFiles$' ./reports >/dev/null || fail "strukturtreet (pdfinfo -struct-text) stemmer ikke med teksten"
echo "pdf-check: PDF/UA-kontrollene er i orden for ${#checked[@]} filer (se docs/pdf-ua.md)"
