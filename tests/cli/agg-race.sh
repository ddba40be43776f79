#!/bin/sh
# Keyed aggregations in slots (engine/agg.h): two threads on two CPUs make
# the same 20,000 new keys in step, racing to insert each one.  Every key
# must count exactly 2, and with room for only 100 slots more than the
# keys, none may be dropped: a CPU that loses the race gives its slot back.
. tests/cli/lib.sh
K=20000
P=${DSCOPE_TEST_PROGS:-build/progs}
# the CPUs the maps are sized for (libbpf's possible CPUs)
ncpu=$(awk -F, '{ n = 0; for (i = 1; i <= NF; i++) { split($i, r, "-"); n += (r[2] == "" ? 1 : r[2] - r[1] + 1) } print n }' /sys/devices/system/cpu/possible)
# engine/cg_prog.c map_entries: bytes / (key + value on every CPU + 64)
aggsize=$(( (K + 100) * (8 + 8 * ncpu + 64) ))
$DSCOPE -q -x aggsize=$aggsize -n 'syscall::getpgid:entry /pid == $target/ { @[arg0] = count(); }' \
	-c "$P/racekeys $K 2" > "$tmp/out" 2> "$tmp/err" || fail "dscope failed: $(cat "$tmp/err")"
grep -q drop "$tmp/err" && fail "drops: $(cat "$tmp/err")"
awk 'NF == 2 { n++; if ($2 != 2) bad++ } END { print n + 0, bad + 0 }' "$tmp/out" > "$tmp/sum"
[ "$(cat "$tmp/sum")" = "$K 0" ] || fail "keys, keys not counting 2: $(cat "$tmp/sum") (want $K 0); $(head -5 "$tmp/out")"
exit 0
