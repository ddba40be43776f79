# Sessions: record a workload while printing, replay it as an unprivileged
# user and get the same text byte for byte; --record - makes a valid
# stream; kill -9 loses at most the last chunk; every truncation and random
# corruption is reported, never a crash; 0600, O_EXCL, O_NOFOLLOW; a write
# error stops recording and keeps tracing; the exports parse.
. tests/cli/lib.sh
P=build/progs
cp "$DSCOPE" "$tmp/dscope" && chmod 755 "$tmp" "$tmp/dscope"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/dscope" "$@"; }
PROG='syscall:::entry /pid == $target/ { @[probefunc] = count(); @q = quantize(arg2); @l[execname] = lquantize(arg0, 0, 100, 10); }
      syscall::nanosleep:entry /pid == $target/ { @n = count(); }
      tick-200ms { printa("%10s %@8d\n", @); printf("tick %d\n", 1); }'

# ---- live, recorded; replayed unprivileged ----
"$DSCOPE" --record "$tmp/s.dscope" -o "$tmp/live.out" -n "$PROG" -c "$P/sleeper 600" >/dev/null 2>"$tmp/live.err" ||
	fail "recording run: exit $?: $(cat "$tmp/live.err")"
[ "$(stat -c %a "$tmp/s.dscope")" = 600 ] || fail "session mode $(stat -c %a "$tmp/s.dscope"), expected 600"
grep -q 'tick 1' "$tmp/live.out" || fail "no live output: $(head "$tmp/live.out")"
nobody --replay - <"$tmp/s.dscope" >"$tmp/rep.out" 2>"$tmp/rep.err" || fail "replay (nobody): exit $?: $(cat "$tmp/rep.err")"
cmp "$tmp/live.out" "$tmp/rep.out" || fail "replay differs: $(diff "$tmp/live.out" "$tmp/rep.out" | head -20)"
cmp "$tmp/live.err" "$tmp/rep.err" || fail "replay messages differ: $(diff "$tmp/live.err" "$tmp/rep.err")"
cp "$tmp/s.dscope" "$tmp/mine.dscope" && chown 65534 "$tmp/mine.dscope"
nobody --replay "$tmp/mine.dscope" -b >"$tmp/rep2.out" 2>/dev/null || fail "replay FILE -b (nobody): exit $?"
cmp "$tmp/live.out" "$tmp/rep2.out" || fail "replay of a file differs"

# ---- --record -: the stream on stdout, the text on stderr ----
"$DSCOPE" --record - -n 'syscall:::entry /pid == $target/ { @[probefunc] = count(); }' -c "$P/writes" \
	>"$tmp/p.dscope" 2>"$tmp/p.err" </dev/null || fail "--record -: exit $?"
"$DSCOPE" --replay - <"$tmp/p.dscope" >"$tmp/p.out" 2>/dev/null || fail "replay of --record - output: exit $?"
grep -q 'write  *3' "$tmp/p.out" || fail "--record - replay: $(cat "$tmp/p.out")"
grep -q 'write  *3' "$tmp/p.err" || fail "--record -: the text is not on stderr: $(cat "$tmp/p.err")"

# ---- files: O_EXCL, --force, O_NOFOLLOW ----
"$DSCOPE" --record "$tmp/s.dscope" -n 'BEGIN { exit(0); }' >"$tmp/out" 2>&1 && fail "an existing file was overwritten"
expect_grep 'exists (--force replaces it)' "$tmp/out"
echo precious >"$tmp/target"
ln -s "$tmp/target" "$tmp/link"
for f in "" --force; do
	"$DSCOPE" --record "$tmp/link" $f -n 'BEGIN { exit(0); }' >"$tmp/out" 2>&1 && fail "followed a symlink ($f)"
	expect_grep 'symbolic link' "$tmp/out"
done
[ "$(cat "$tmp/target")" = precious ] || fail "the symlink's target changed"
"$DSCOPE" --record "$tmp/s.dscope" --force -q -n 'BEGIN { printf("forced\n"); exit(0); }' >/dev/null 2>&1 ||
	fail "--force did not replace"
"$DSCOPE" --replay "$tmp/s.dscope" | grep -q forced || fail "--force: not the new session"

# ---- a write error stops recording, tracing goes on ----
"$DSCOPE" --record - -n 'BEGIN { printf("still here\n"); exit(0); }' >/dev/full 2>"$tmp/full.err" ||
	fail "disk full: exit $?: $(cat "$tmp/full.err")"
expect_grep 'recording to standard output stopped: write: No space left on device' "$tmp/full.err"
expect_grep 'still here' "$tmp/full.err"
[ "$(grep -c 'stopped' "$tmp/full.err")" -eq 1 ] || fail "more than one message: $(cat "$tmp/full.err")"

# ---- kill -9 while recording: replay gets what was written ----
"$DSCOPE" --record "$tmp/k.dscope" -o "$tmp/k.live" -n 'syscall:::entry { @[probefunc] = count(); } tick-100ms { printa(@); }' \
	>/dev/null 2>&1 &
pid=$!
i=0; while [ ! -s "$tmp/k.live" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
sleep 0.5
kill -9 $pid; wait $pid 2>/dev/null
"$DSCOPE" --replay "$tmp/k.dscope" >"$tmp/k.rep" 2>"$tmp/k.err" && fail "an interrupted session replayed as complete"
grep -q -e 'without its end mark' -e 'stopped at byte' "$tmp/k.err" || fail "kill -9: $(cat "$tmp/k.err")"
[ -s "$tmp/k.rep" ] || fail "kill -9: nothing replayed"
head -c "$(wc -c <"$tmp/k.rep")" "$tmp/k.live" | cmp -s - "$tmp/k.rep" || fail "kill -9: replay is not a prefix of live"

# ---- every truncation, random corruption: a message, never a crash ----
"$DSCOPE" --record "$tmp/small.dscope" -n 'syscall:::entry /pid == $target/ { @[probefunc] = count(); }' \
	-c "$P/writes" >/dev/null 2>&1 || fail "small recording"
size=$(wc -c <"$tmp/small.dscope")
off=0
while [ $off -lt "$size" ]; do
	head -c $off "$tmp/small.dscope" >"$tmp/t.dscope"
	"$DSCOPE" --replay "$tmp/t.dscope" >/dev/null 2>"$tmp/t.err"
	st=$?
	[ $st -eq 1 ] || fail "truncated at $off: exit $st: $(cat "$tmp/t.err")"
	grep -q -e 'stopped at byte' -e 'without its end mark' -e 'not a dscope session' -e 'file is empty' -e 'inside its header' \
		"$tmp/t.err" || fail "truncated at $off: $(cat "$tmp/t.err")"
	off=$((off + 1))
done
i=0
while [ $i -lt 100 ]; do
	cp "$tmp/small.dscope" "$tmp/t.dscope"
	o=$(awk -v s="$i" -v n="$size" 'BEGIN { srand(s); print int(rand() * n) }')
	printf "\\$(printf %o $(( (i * 37 + 1) % 256 )))" | dd of="$tmp/t.dscope" bs=1 seek="$o" conv=notrunc 2>/dev/null
	"$DSCOPE" --replay "$tmp/t.dscope" >/dev/null 2>"$tmp/t.err"
	st=$?
	[ $st -le 1 ] || fail "byte $o flipped: exit $st: $(cat "$tmp/t.err")"
	i=$((i + 1))
done
printf 'not a session\n' | "$DSCOPE" --replay - 2>"$tmp/t.err" && fail "garbage replayed"
expect_grep 'not a dscope session file' "$tmp/t.err"

# ---- exports ----
"$DSCOPE" --record "$tmp/st.dscope" -q -n 'pid$target::malloc:entry { @[ustack()] = count(); }
	syscall::write:entry /pid == $target/ { @k[execname, stack()] = count(); }' -c "$P/chain -n 300" \
	>/dev/null 2>&1 || fail "stack recording: exit $?"
"$DSCOPE" --replay "$tmp/st.dscope" --export folded >"$tmp/folded" || fail "folded export: exit $?"
grep -q 'chain`main;chain`a' "$tmp/folded" || fail "folded: no chain frames: $(head -3 "$tmp/folded")"
# FlameGraph's syntax: frames joined by ';' (none empty), a space, a count
bad=$(grep -v -c -E '^[^; ][^;]*(;[^;]+)* [0-9]+$' "$tmp/folded")
[ "$bad" -eq 0 ] || fail "folded: $bad bad lines: $(grep -v -E '^[^; ][^;]*(;[^;]+)* [0-9]+$' "$tmp/folded" | head -3)"
"$DSCOPE" --replay "$tmp/s.dscope" --export json >"$tmp/json" 2>/dev/null || fail "json export: exit $?"
python3 -m json.tool --json-lines "$tmp/json" >/dev/null || fail "json does not parse"
if command -v jq >/dev/null; then
	jq -e 'select(.final) | .records | length >= 0' "$tmp/json" >/dev/null || fail "jq: no final document"
fi
"$DSCOPE" --replay "$tmp/mine.dscope" --export csv >"$tmp/csv" 2>/dev/null || fail "csv export: exit $?"
head -1 "$tmp/csv" | grep -q '^seq,time_ns,aggregation,function,value' || fail "csv header: $(head -1 "$tmp/csv")"
grep -q ",@,count,[0-9]*,openat$" "$tmp/csv" || fail "csv rows: $(head -5 "$tmp/csv")"
# live export: folded straight from a run
"$DSCOPE" --export folded -q -n 'pid$target::malloc:entry { @[ustack()] = count(); }' -c "$P/chain -n 100" \
	>"$tmp/lf" 2>/dev/null || fail "live folded: exit $?"
grep -q 'chain`main;chain`a' "$tmp/lf" || fail "live folded: $(head -3 "$tmp/lf")"
exit 0
