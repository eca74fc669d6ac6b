#!/usr/bin/env bash
# End-to-end benchmark (docs/ytelse.md): times `bobra rapport` (all formats) on the
# 40-family sample and on generated datasets of 10 000, 100 000 and
# 300 000 families, against bench/floor (inflating every worksheet and finding
# every value with a plain byte scan: the physical floor of reading) and
# bench/barescan (a bare excelize Rows() scan of the same files), with GNU
# time for wall time and peak RSS. Prints a Markdown table
# and the targets with pass/fail. The targets are reported, never enforced:
# the script fails only when something could not run.
#
# Settings (environment):
#   BENCH_SIZES      families to run (default: "40 10000 100000 300000"; the
#                    300 000 target is measured against 100000, so it needs
#                    100000 before it)
#   BENCH_RUNS       runs per measurement; the fastest is reported (default 3)
#   BOBRA_BENCH_DIR  cache of generated data and outputs (default: $TMPDIR/bobra-bench,
#                    shared with the Go benchmarks in bench/bench_test.go)
#   BENCH_OUT        also write the table to this file
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
SIZES=${BENCH_SIZES:-"40 10000 100000 300000"}
RUNS=${BENCH_RUNS:-3}
CACHE=${BOBRA_BENCH_DIR:-${TMPDIR:-/tmp}/bobra-bench}
SEED=1

if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f %M true >/dev/null 2>&1; then
	echo "bench/run.sh: GNU time (/usr/bin/time) mangler; den måler tid og minnetopp (peak RSS)." >&2
	echo "Installer den med «apt-get install -y time» (Debian/Ubuntu) og kjør på nytt." >&2
	exit 1
fi
PDFINFO=$(command -v pdfinfo || true)

mkdir -p "$CACHE" bin
go build -o bin/bobra ./cmd/bobra
go build -o bin/barescan ./bench/barescan
go build -o bin/floor ./bench/floor
GENVER=$(sed -n 's/^const GeneratorVersion = \([0-9][0-9]*\).*/\1/p' data/generate.go)

# measure LABEL CMD...: runs CMD $RUNS times; sets best_s (fastest wall
# time), cpu_s (user+sys of that run) and rss_mb (highest peak RSS).
measure() {
	local label=$1
	shift
	best_s="" cpu_s="" rss_mb=0
	local i tf
	tf=$(mktemp)
	for ((i = 0; i < RUNS; i++)); do
		if ! /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >"$tf.out" 2>"$tf.err"; then
			echo "bench/run.sh: $label feilet:" >&2
			tail -n 20 "$tf.err" >&2
			rm -f "$tf" "$tf.out" "$tf.err"
			exit 1
		fi
		read -r e u s m <"$tf"
		if [ -z "$best_s" ] || awk -v a="$e" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then
			best_s=$e
			cpu_s=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u+s}')
		fi
		m=$(awk -v k="$m" 'BEGIN{printf "%.0f", k/1024}')
		((m > rss_mb)) && rss_mb=$m
	done
	last_out=$(cat "$tf.out")
	rm -f "$tf" "$tf.out" "$tf.err"
}

# dataset N: prints the folder with the workbooks of the N-family dataset,
# writing them with `bobra eksempel` if they are not cached.
dataset() {
	local n=$1 dir
	if [ "$n" = 40 ]; then
		dir=$CACHE/eksempel
		bin/bobra eksempel --ut "$dir" --overskriv >/dev/null
	else
		dir=$CACHE/v$GENVER-familier$n-frø$SEED
		if [ ! -f "$dir/.ferdig" ]; then
			rm -rf "$dir"
			bin/bobra eksempel --familier "$n" --frø "$SEED" --ut "$dir" >/dev/null
			touch "$dir/.ferdig"
		fi
	fi
	echo "$dir"
}

table="| familier | rader lest | gulv (s) | excelize-scan (s) | bobra rapport (s) | × gulvet | CPU (s) | topp RSS (MB) | rapport.html (MB) | rapport.pdf (sider) |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
checks=""
check() { # check OK|IKKE-OK TEXT
	checks+="  [$1] $2"$'\n'
}
gen_rows=""
# pretty N: 100000 → "100 000", as the targets are written.
pretty() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\| \)/\1 \2\3/' -e 'ta'; }
ok() { if awk "BEGIN{exit !($1)}"; then echo OK; else echo IKKE-OK; fi; }

for n in $SIZES; do
	echo "== $n familier ==" >&2
	if [ "$n" != 40 ]; then
		gdir=$CACHE/gen-timing-$n
		rm -rf "$gdir"
		measure "eksempel --familier $n" bin/bobra eksempel --familier "$n" --frø "$SEED" --ut "$gdir" --overskriv
		gen_rows+="| $(pretty "$n") | $best_s | $rss_mb |"$'\n'
		rm -rf "$gdir"
	fi
	dir=$(dataset "$n")
	measure "floor $n" bin/floor "$dir"
	floor_s=$best_s
	measure "barescan $n" bin/barescan "$dir"
	rows=$last_out scan_s=$best_s scan_rss=$rss_mb
	out=$CACHE/ut-$n
	rm -rf "$out"
	measure "bobra rapport $n" bin/bobra rapport --data "$dir" --ut "$out" --stille
	ratio=$(awk -v a="$best_s" -v b="$floor_s" 'BEGIN{ if (b > 0) printf "%.1f", a/b; else print "–" }')
	html_mb=–
	[ -f "$out/rapport.html" ] && html_mb=$(awk -v b="$(stat -c %s "$out/rapport.html")" 'BEGIN{printf "%.2f", b/1048576}')
	pages=–
	if [ -f "$out/rapport.pdf" ] && [ -n "$PDFINFO" ]; then
		pages=$("$PDFINFO" "$out/rapport.pdf" | awk '/^Pages:/{print $2}')
	fi
	table+=$'\n'"| $(pretty "$n") | $(pretty "$rows") | $floor_s | $scan_s | $best_s | $ratio | $cpu_s | $rss_mb | $html_mb | $pages |"
	echo "   gulv ${floor_s}s, excelize-scan ${scan_s}s (${scan_rss} MB), bobra rapport ${best_s}s (${rss_mb} MB)" >&2
	eval "time_$n=\$best_s rss_$n=\$rss_mb"

	case $n in
	40) check "$(ok "$best_s < 0.15")" "40 familier (eksempeldataene) under 0,15 s: ${best_s} s" ;;
	10000) check "$(ok "$best_s < 0.5")" "10 000 familier under 0,5 s: ${best_s} s" ;;
	100000)
		check "$(ok "$ratio <= 5")" "100 000 familier innen 5 × gulvet: ${ratio} × (${best_s} s mot ${floor_s} s)"
		check "$(ok "$rss_mb <= 400")" "100 000 familier høyst 400 MB topp RSS: ${rss_mb} MB"
		;;
	300000)
		if [ -n "${time_100000:-}" ]; then
			lin=$(awk -v a="$best_s" -v b="$time_100000" 'BEGIN{ printf "%.2f", a/b }')
			check "$(ok "$lin <= 3.5")" "300 000 familier høyst 3,5 × tiden for 100 000: ${lin} × (${best_s} s mot ${time_100000} s)"
		fi
		check "$(ok "$rss_mb <= 400")" "300 000 familier høyst 400 MB topp RSS: ${rss_mb} MB"
		;;
	esac
	if [ "$html_mb" = – ]; then
		check IKKE-OK "$(pretty "$n") familier: rapport.html ble ikke laget"
	else
		check "$(ok "$html_mb < 3")" "$(pretty "$n") familier: rapport.html under 3 MB: ${html_mb} MB"
	fi
	if [ "$pages" = – ]; then
		check IKKE-OK "$(pretty "$n") familier: rapport.pdf ble ikke laget (eller pdfinfo mangler)"
	else
		check "$(ok "$pages < 60")" "$(pretty "$n") familier: rapport.pdf under 60 sider: ${pages} sider"
	fi
done

machine="Maskin: $(nproc) kjerner, $(lscpu | sed -n 's/^Model name: *//p' | head -n1), $(awk '/MemTotal/{printf "%.1f GB RAM", $2/1048576}' /proc/meminfo); $(go version | cut -d' ' -f3); $(date -u +%Y-%m-%d)"
report="$table

Beste av $RUNS kjøringer (veggtid); topp RSS er den høyeste. «rader lest» er ikke-tomme rader i filene (med overskriftene).
$machine"
if [ -n "$gen_rows" ]; then
	report+="

| eksempel --familier | tid (s) | topp RSS (MB) |
|---:|---:|---:|
${gen_rows%$'\n'}"
fi
report+="

Mål:
${checks%$'\n'}"

echo
echo "$report"
if [ -n "${BENCH_OUT:-}" ]; then
	echo "$report" >"$BENCH_OUT"
fi
