#!/usr/bin/env bash
# Compares how two PDFs look: every page of both is rendered with pdftoppm
# and the pictures must be identical to the pixel. Tagging a PDF must not
# change a single pixel, so this is run on the outputs of a build before
# and after a change to the PDF writers.
# Usage: .ci/pdf-compare.sh OLD.pdf NEW.pdf [DPI]   (default 100 dpi)
set -euo pipefail
old="$1" new="$2" dpi="${3:-100}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
po=$(pages "$old") pn=$(pages "$new")
if [ "$po" != "$pn" ]; then
	echo "pdf-compare: $old har $po sider, $new har $pn" >&2
	exit 1
fi
pdftoppm -r "$dpi" "$old" "$tmp/old"
pdftoppm -r "$dpi" "$new" "$tmp/new"
bad=0
for f in "$tmp"/old-*.ppm; do
	n="${f##*/old-}"
	if ! cmp -s "$f" "$tmp/new-$n"; then
		echo "pdf-compare: side ${n%.ppm} ser ulik ut i $old og $new" >&2
		bad=1
	fi
done
[ "$bad" = 0 ] || exit 1
echo "pdf-compare: $po sider like til pikselen ($dpi dpi): $old og $new"
