#!/usr/bin/env bash
# `make release` twice must give the same bytes: the second run starts from
# an empty build cache, so nothing cached can hide a difference.
set -euo pipefail
cd "$(dirname "$0")/.."
make --no-print-directory release
first=$(mktemp)
cache=$(mktemp -d)
trap 'rm -rf "$first" "$cache"' EXIT
cp dist/SHA256SUMS "$first"
GOCACHE="$cache" make --no-print-directory release
if ! cmp -s "$first" dist/SHA256SUMS; then
	echo "make release ga ulike filer to ganger:" >&2
	diff "$first" dist/SHA256SUMS >&2 || true
	exit 1
fi
(cd dist && sha256sum -c --quiet SHA256SUMS)
echo "make release er reproduserbar: $(wc -l <dist/SHA256SUMS) zip-filer med like SHA256SUMS to ganger"
