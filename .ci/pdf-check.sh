#!/usr/bin/env bash
# Checks the PDF outputs of a run on the sample data, the way a reader's
# tools see them, and leaves pictures of them in the output folder:
#   - qpdf --check finds no error in the file structure;
#   - pdffonts lists only embedded fonts;
#   - pdftotext gives back real text with Norwegian letters and figures;
#   - page 1 and a chart page of each PDF are rendered to PNG (60 dpi)
#     so a person can look at them in the CI artifacts.
# Usage: .ci/pdf-check.sh [OUTPUT_FOLDER]   (default: ut)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-ut}"

go run ./cmd/bobra rapport --ut "$out"

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

for name in rapport presentasjon; do
	pdf="$out/$name.pdf"
	[ -s "$pdf" ] || fail "$pdf mangler eller er tom"

	qpdf --check "$pdf" >/dev/null || fail "qpdf --check fant feil i $pdf"

	fonts=$(pdffonts "$pdf" | tail -n +3)
	[ -n "$fonts" ] || fail "$pdf har ingen skrifter"
	# Columns: name type encoding emb sub uni object ID; emb is 5th from the end.
	if echo "$fonts" | awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }'; then
		echo "$fonts" >&2
		fail "$pdf har skrifter som ikke er innebygd"
	fi

	pdftotext -layout "$pdf" "$out/$name.txt"
	grep -q "Bærum" "$out/$name.txt" || fail "pdftotext fant ikke «Bærum» i $pdf"
	grep -qE '[0-9]' "$out/$name.txt" || fail "pdftotext fant ingen tall i $pdf"

	pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$out/$name-side"
	# The purchases chart is in every report; its page shows the vector charts.
	chart=$(page_with "$pdf" "Boligkjøp per år" 5)
	pdftoppm -png -r 60 -f "$chart" -l "$chart" "$pdf" "$out/$name-diagram"
	echo "pdf-check: $pdf i orden ($(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}') sider; bilder av side 1 og $chart i $out/)"
done
