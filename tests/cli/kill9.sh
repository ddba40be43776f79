# kill -9 of a tracing dscope leaves none of its BPF programs behind.
. tests/cli/lib.sh
ids() { bpftool prog list | sed -n 's/^\([0-9]*\): .* name ds_.*/\1/p' | sort; }
ids > "$tmp/before"
"$DSCOPE" -n 'syscall:::entry { @[probefunc] = count(); } profile-99 { @p = count(); }' >"$tmp/out" 2>&1 &
pid=$!
i=0; while ! grep -q matched "$tmp/out" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
grep -q matched "$tmp/out" || fail "dscope did not start: $(cat "$tmp/out")"
ids | comm -13 "$tmp/before" - > "$tmp/ours"
[ -s "$tmp/ours" ] || fail "no ds_ programs of ours while running"
kill -9 $pid; wait $pid 2>/dev/null
left=1; i=0
while [ $i -lt 100 ]; do
	left=$(ids | comm -12 "$tmp/ours" - | wc -l)
	[ "$left" -eq 0 ] && break
	sleep 0.05; i=$((i + 1))
done
[ "$left" -eq 0 ] || fail "$left of our programs left after kill -9"
