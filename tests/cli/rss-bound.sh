# dscope's own memory stays bounded while a workload grows the key space
# without end: @[timestamp] on a busy probe fills the aggregation map
# (default aggsize) within a second, then every printa() reads a full map.
# RSS is sampled every 0.5 s over 12 s; the samples of the last third may
# not exceed those of the middle third by more than 25% + 8 MiB.  No
# timing threshold: only a plateau.  With the plain binary only (ASan's
# quarantine grows for its own reasons).
. tests/cli/lib.sh
case "$DSCOPE" in *build-san*) echo "skip: RSS plateau measured with the plain binary only"; exit 0 ;; esac
"$DSCOPE" -q -n 'syscall:::entry { @[timestamp] = count(); } tick-1s { printa("%d %@d\n", @); } tick-12s { exit(0); }' \
	-c "build/progs/bench_getppid 1000000000" >/dev/null 2>"$tmp/err" &
pid=$!
i=0
: > "$tmp/rss"
while [ $i -lt 24 ] && kill -0 $pid 2>/dev/null; do
	sleep 0.5
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$pid/status >> "$tmp/rss" 2>/dev/null
	i=$((i + 1))
done
wait $pid || fail "exit $?: $(cat "$tmp/err")"
expect_grep 'aggregation drops' "$tmp/err" # the map did fill
n=$(wc -l < "$tmp/rss")
[ "$n" -ge 18 ] || fail "only $n samples"
awk -v n="$n" '
	{ r[NR] = $1 }
	END {
		for (i = int(n / 3) + 1; i <= int(2 * n / 3); i++) if (r[i] > mid) mid = r[i]
		for (i = int(2 * n / 3) + 1; i <= n; i++) if (r[i] > last) last = r[i]
		printf "rss: first %d kB, middle max %d kB, last max %d kB\n", r[1], mid, last
		exit !(last <= mid * 1.25 + 8192)
	}' "$tmp/rss" || fail "RSS still growing: $(tr '\n' ' ' < "$tmp/rss")"
