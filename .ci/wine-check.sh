#!/usr/bin/env bash
# The Windows program must give the Linux program's bytes on the same data
# (manifest.json aside: it records the run's time and command line). CI
# runs bobra.exe under Debian's Wine, on a data folder named the way
# OneDrive names a municipality's folders (spaces, æøå), given as a
# Windows path (drive letter, backslashes); then reads a workbook another
# program holds locked, as Excel can; then makes the report through the
# page (bobra.exe app) and checks it leaves no file; then runs the data
# package's Windows tests.
#
# Debian's Wine 8.0 lacks ProcessPrng (bcryptprimitives.dll), which Go
# 1.24+ Windows programs load at start-up: a stand-in built here from
# .ci/wine/ forwards it to advapi32's RtlGenRandom.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/lib/wine:$PATH" # Debian installs wine64 there
work=$(mktemp -d)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
cleanup() {
	wineserver -k 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

x86_64-w64-mingw32-gcc -shared -O2 -o "$work/bcryptprimitives.dll" .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def
x86_64-w64-mingw32-gcc -municode -O2 -o "$work/lock.exe" .ci/wine/lock.c
wine64 wineboot --init >/dev/null 2>&1
wineserver -w
cp "$work/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"

flags=(-trimpath -buildvcs=false -ldflags "-X main.releaseVersion=wine-check")
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go build "${flags[@]}" -o "$work/bobra.exe" ./cmd/bobra
CGO_ENABLED=0 go build "${flags[@]}" -o "$work/bobra" ./cmd/bobra
winpath() { wine64 winepath -w "$1" 2>/dev/null | tr -d '\r'; }

data="$work/Users/Kari Ås/OneDrive - Bærum kommune/Barn bor bra/data 2024"
mkdir -p "$data"
"$work/bobra" eksempel --ut "$data" >/dev/null
windata=$(winpath "$data")
case "$windata" in
[A-Z]:\\*) ;;
*) echo "winepath ga ingen Windows-sti: $windata" >&2; exit 1 ;;
esac

compare() { # compare NAME ARGS...: run both programs with ARGS, compare outputs
	local name=$1
	shift
	"$work/bobra" rapport --data "$data" --ut "$work/linux-$name" "$@" >/dev/null 2>&1
	wine64 "$work/bobra.exe" rapport --data "$windata" --ut "$(winpath "$work")\\windows-$name" "$@" >"$work/wine.log" 2>&1 || {
		cat "$work/wine.log" >&2
		echo "bobra.exe rapport $* feilet under Wine" >&2
		exit 1
	}
	local n=0
	for f in "$work/linux-$name"/*; do
		base=$(basename "$f")
		[ "$base" = manifest.json ] && continue
		if ! cmp -s "$f" "$work/windows-$name/$base"; then
			echo "$base ($name) er ulik fra bobra.exe og bobra" >&2
			exit 1
		fi
		n=$((n + 1))
	done
	[ "$n" -ge 5 ] || { echo "bare $n filer å sammenligne ($name)" >&2; exit 1; }
	echo "bobra.exe under Wine: $n filer like som fra Linux ($name)"
}
compare intern
compare offentlig --offentlig --per 2024-09-30

# A workbook held open without sharing: one clear sentence naming it.
fifo="$work/lock.fifo"
mkfifo "$fifo"
wine64 "$work/lock.exe" "$windata\\familier.xlsx" <"$fifo" >"$work/lock.out" 2>&1 &
locker=$!
exec 3>"$fifo"
for _ in $(seq 100); do grep -q låst "$work/lock.out" 2>/dev/null && break; sleep 0.1; done
grep -q låst "$work/lock.out" || { cat "$work/lock.out" >&2; echo "lock.exe låste ikke filen" >&2; exit 1; }
status=0
wine64 "$work/bobra.exe" valider --data "$windata" >"$work/valider.out" 2>&1 || status=$?
exec 3>&-
wait "$locker" || true
want="feil: familier.xlsx: Filen er åpen i et annet program (for eksempel Excel) og kan ikke leses; lukk den og prøv igjen."
if [ "$status" != 1 ] || ! tr -d '\r' <"$work/valider.out" | grep -qxF "$want"; then
	cat "$work/valider.out" >&2
	echo "en låst arbeidsbok ga ikke den klare meldingen (kode $status)" >&2
	exit 1
fi
echo "bobra.exe under Wine: en låst arbeidsbok gir én klar melding"

# The page under Windows: the same files as the Linux command line on the
# same folder, and nothing left in the temporary folder after «Avslutt».
wine64 "$work/bobra.exe" app --ingen-nettleser >"$work/app.out" 2>"$work/app.err" &
app=$!
for _ in $(seq 200); do grep -q 'http://' "$work/app.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/app.out" | tr -d '\r')
[ -n "$url" ] || { cat "$work/app.out" "$work/app.err" >&2; echo "bobra.exe app startet ikke" >&2; exit 1; }
token=${url##*token=}
hostport=${url#http://}
hostport=${hostport%%/*}
files=()
for f in "$data"/*; do files+=(-F "filer=@$f"); done
curl -sSf -o "$work/app.zip" -H "X-Bobra-Token: $token" "${files[@]}" -F "mappe=$(basename "$data")" "http://$hostport/api/rapport"
curl -sSf -X POST -H "X-Bobra-Token: $token" "http://$hostport/api/avslutt" >/dev/null
wait "$app"
python3 -m zipfile -e "$work/app.zip" "$work/app"
n=0
for f in "$work/linux-intern"/*; do
	base=$(basename "$f")
	[ "$base" = manifest.json ] && continue
	cmp -s "$f" "$work/app/$base" || { echo "$base fra siden under Wine er ulik bobra rapport på Linux" >&2; exit 1; }
	n=$((n + 1))
done
if [ -s "$work/app.err" ] || compgen -G "$WINEPREFIX/drive_c/users/*/Temp/bobra-app-*" >/dev/null; then
	cat "$work/app.err" >&2
	echo "bobra.exe app etterlot midlertidige filer" >&2
	exit 1
fi
echo "bobra.exe app under Wine: $n filer like som fra Linux, ingen midlertidige filer igjen"

# The data package's tests of Windows paths and locked files.
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go test -c -o "$work/data.test.exe" ./data
wine64 "$work/data.test.exe" -test.run '^(TestLockedMessage|TestReadDirWindowsPaths)$' -test.v >"$work/data.log" 2>&1 || {
	cat "$work/data.log" >&2
	exit 1
}
grep -c -- '--- PASS' "$work/data.log" | grep -qx 2 || { cat "$work/data.log" >&2; echo "Windows-testene kjørte ikke" >&2; exit 1; }
echo "data-pakkens Windows-tester besto under Wine"
