# Saved sessions in the interface.  A batch recording of a histogram,
# replayed in the interface by an unprivileged user: the histogram shows,
# its last tick has the counts batch mode printed at the end and its first
# does not, the timeline steps, pauses, plays, seeks and changes speed, a
# drill-down that needs new probes says so.  :record in a live interface
# (a sort, a predicate that swaps the program, a drill-down into stacks)
# replays with the views, the program and the breadcrumb as they were.  A
# cut file shows where it stopped; a write error stops the recording and
# tracing goes on; --record with the interface records what it shows.
# Polls for markers, never sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-replay
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
cp "$DSCOPE" "$tmp/dscope" && chmod 755 "$tmp" "$tmp/dscope"
D="$tmp/dscope"
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"

# the histogram's rows with a count, "value count", from the screen and
# from batch mode's final text
hist_screen() { screen | awk '$2 == "│" && $1 ~ /^-?[0-9]+$/ && $(NF - 1) > 0 { print $1, $(NF - 1) }'; }
hist_text() { awk '$2 ~ /^\|/ && $1 ~ /^-?[0-9]+$/ && $NF > 0 { print $1, $NF }' "$1"; }
# wait_grows FILE: until the file is larger than it is now (a tick was
# written after what was just done)
wait_grows() {
	s0=$(stat -c %s "$1")
	i=0
	while [ "$(stat -c %s "$1")" -le "$s0" ]; do
		i=$((i + 1)); [ $i -lt 150 ] || fail "$1 does not grow past $s0 bytes"
		sleep 0.2
	done
}

# ---- a batch recording: reads of 1 and 0 bytes for about three seconds ----
printf 'abc\n' >"$tmp/in"
cat >"$tmp/wl.sh" <<W
i=0; while [ \$i -lt 25 ]; do read x < "$tmp/in"; read y < /dev/null; i=\$((i + 1)); sleep 0.1; done
W
PROG='syscall::read:return /pid == $target/ { @ = quantize(arg0); }
      syscall::read:entry /pid == $target/ { @c[probefunc] = count(); }'
"$D" --record "$tmp/h.dscope" -o "$tmp/live.out" -n "$PROG" -c "sh $tmp/wl.sh" >/dev/null 2>&1 ||
	fail "recording: exit $?"
chmod 644 "$tmp/h.dscope"
hist_text "$tmp/live.out" >"$tmp/final"
[ -s "$tmp/final" ] || fail "no histogram in the batch output: $(cat "$tmp/live.out")"

# ---- replayed in the interface, unprivileged ----
T new-session -d -x 120 -y 40 sh
T send-keys "$NOBODY $D --replay $tmp/h.dscope; echo REPLAY-EXIT=\$?" Enter
wait_for 'histogram @quantize'
wait_for 'tick [0-9]*/[0-9]* .* replay of h.dscope'
# it plays to its end and stays there: the final counts
wait_for 'end of session'
wait_for 'tick \([0-9]*\)/\1 '
hist_screen >"$tmp/end"
cmp -s "$tmp/final" "$tmp/end" || fail "the last tick differs from batch mode's end:
$(diff "$tmp/final" "$tmp/end")"
# the first tick: not the final counts
T send-keys '^'
wait_for 'tick 1/'
hist_screen >"$tmp/start"
cmp -s "$tmp/final" "$tmp/start" && fail "the first tick shows the final counts"
# a step on, a step back (stepping pauses)
T send-keys '.'
wait_for 'paused .* tick 2/'
T send-keys ','
wait_for 'tick 1/'
hist_screen | cmp -s - "$tmp/start" || fail "stepping back did not give the first tick back"
# play, pause
T send-keys ' '
wait_for 'playing'
T send-keys ' '
wait_for 'paused'
# seek: to the end by command, back by ten ticks, the speed
T send-keys ':' 'seek end' Enter
wait_for 'end of session'
hist_screen | cmp -s - "$tmp/final" || fail ":seek end: not the final counts"
T send-keys ':' 'seek 0' Enter
wait_for 'tick 1/'
T send-keys '}' '}'
wait_for ' 4× '
T send-keys ':' 'speed 0.5' Enter
wait_for ' 0.5× '
T send-keys '$'
wait_for 'end of session'
# the table: a drill-down into stacks needs new probes
T send-keys 2
wait_for 'table @c'
wait_for '^ read '
T send-keys Enter
wait_for 'this needs new probes: run it live'
T send-keys Escape q
wait_for 'REPLAY-EXIT=0'

# ---- a cut file: replayed up to where it stops, and it says where ----
size=$(wc -c <"$tmp/h.dscope")
head -c $((size - 40)) "$tmp/h.dscope" >"$tmp/cut.dscope"
chmod 644 "$tmp/cut.dscope"
T send-keys clear Enter "$NOBODY $D --replay $tmp/cut.dscope; echo CUT-EXIT=\$?" Enter
wait_for 'histogram @quantize'
wait_for 'cut.dscope: stopped at byte [0-9]* (chunk [0-9]*)'
T send-keys q
wait_for 'CUT-EXIT=0'

# ---- :record in a live interface, replayed ----
cat >"$tmp/wl2.sh" <<'W'
while :; do read x < /dev/null; echo x > /dev/null; sleep 0.02; done
W
T send-keys clear Enter "HOME=$tmp $D -n 'syscall:::entry /pid == \$target/ { @[probefunc] = count(); }' -c 'sh $tmp/wl2.sh'; echo LIVE-EXIT=\$?" Enter
wait_for 'table @count'
wait_for '^ read '
T send-keys ':' "record $tmp/ui.dscope" Enter
wait_for "recording to $tmp/ui.dscope"
wait_for '● rec ui.dscope [0-9]'
wait_grows "$tmp/ui.dscope"
# sorted by key, then a predicate (the program is swapped), then the read
# row's stacks (a drill-down: another program, a breadcrumb)
T send-keys '<'
wait_for 'probefunc▲\|probefunc▼'
wait_grows "$tmp/ui.dscope"
T send-keys ':' '/pid == $target && probefunc == "read"/' Enter
wait_for 'predicate applied'
wait_for ' 1 row$'
wait_grows "$tmp/ui.dscope"
wait_grows "$tmp/ui.dscope"
T send-keys Enter
wait_for '@count › read stacks'
wait_for 'tree @count'
wait_for ' [1-9][0-9]* stacks\?$'
# the tree of the last interval (`d`)
T send-keys d
wait_for 'tree @count .* last [0-9.]*s  [1-9][0-9.]*/s  [0-9]* stacks\?$'
wait_grows "$tmp/ui.dscope"
wait_grows "$tmp/ui.dscope"
T send-keys ':' stop Enter
wait_for "recorded $tmp/ui.dscope ([0-9.]* [KM]\?B, [0-9]* ticks)"
screen | grep -q '● rec' && fail "still recording after :stop"
[ "$(stat -c %a "$tmp/ui.dscope")" = 600 ] || fail "session mode $(stat -c %a "$tmp/ui.dscope")"
T send-keys q
wait_for 'LIVE-EXIT=0'
chmod 644 "$tmp/ui.dscope"
"$D" --replay "$tmp/ui.dscope" -b >/dev/null 2>"$tmp/ui.err" || fail "batch replay of :record's file: exit $?"
[ "$(grep -c 'the program was replaced' "$tmp/ui.err")" -eq 2 ] || fail "swaps: $(cat "$tmp/ui.err")"

T send-keys clear Enter "$NOBODY $D --replay $tmp/ui.dscope; echo UI-EXIT=\$?" Enter
wait_for 'replay of ui.dscope'
T send-keys ' '
wait_for 'paused'
T send-keys '^'
wait_for 'tick 1/'
wait_for 'table @count'
wait_for 'COUNT▼'
screen | grep -q ' 1 row$' && fail "the first tick already has the predicate"
# the end: the drill-down's tree, under its breadcrumb
T send-keys '$'
wait_for 'end of session'
wait_for 'recorded: @count › read stacks'
wait_for 'tree @count'
# in interval mode, over the same two ticks live differenced (a seek primes
# the tick before with the views' state at the tick shown)
wait_for 'tree @count .* last [0-9.]*s  [1-9][0-9.]*/s  [0-9]* stacks\?$'
wait_for 'syscall::read:entry /pid == $target && probefunc == "read"/'
# back through it: the predicate's table, sorted by key as it was
i=0
until screen | grep -q ' 1 row$' && screen | grep -q 'probefunc▲\|probefunc▼'; do
	i=$((i + 1)); [ $i -lt 40 ] || { screen; fail "no tick with the predicate and the sort"; }
	t0=$(screen | grep -o 'tick [0-9]*/')
	T send-keys ','
	j=0; while [ "$(screen | grep -o 'tick [0-9]*/')" = "$t0" ] && [ $j -lt 50 ]; do sleep 0.1; j=$((j + 1)); done
done
screen | grep -q 'recorded: ' && fail "the breadcrumb stays before the drill-down"
screen | grep -q '^ read ' || fail "no read row under the predicate"
T send-keys q
wait_for 'UI-EXIT=0'

# ---- a write error stops the recording; tracing goes on ----
T send-keys clear Enter "sh -c 'ulimit -f 1; HOME=$tmp exec $D -n \"syscall:::entry /pid == \\\$target/ { @[probefunc] = count(); }\" -c \"sh $tmp/wl2.sh\"'; echo FULL-EXIT=\$?" Enter
wait_for 'table @count'
wait_for '^ read '
T send-keys ':' "record $tmp/big.dscope" Enter
wait_for "recording to $tmp/big.dscope stopped: write: File too large ([0-9]* bytes kept); tracing goes on"
T send-keys Escape
wait_gone 'File too large'
screen | grep -q '● rec' && fail "still recording after the write error"
c0=$(count read)
i=0
while [ "$(count read)" -le "$c0" ]; do
	i=$((i + 1)); [ $i -lt 150 ] || fail "tracing stopped with the recording"
	sleep 0.2
done
grep -q '│ running' "$tmp/screen" || screen | grep -q '│ running' || fail "not running: $(screen)"
T send-keys q
wait_for 'FULL-EXIT=0'
"$D" --replay "$tmp/big.dscope" -b >/dev/null 2>"$tmp/big.err" && fail "a stopped recording replayed as whole"
grep -q 'without its end mark\|stopped at byte' "$tmp/big.err" || fail "big: $(cat "$tmp/big.err")"

# ---- --record FILE with the interface records what it shows ----
T send-keys clear Enter "HOME=$tmp $D --record $tmp/r.dscope -n 'syscall:::entry /pid == \$target/ { @[probefunc] = count(); }' -c 'sh $tmp/wl2.sh'; echo REC-EXIT=\$?" Enter
wait_for '● rec r.dscope'
wait_for '^ read '
wait_grows "$tmp/r.dscope"
T send-keys q
wait_for 'REC-EXIT=0'
"$D" --replay "$tmp/r.dscope" -b >"$tmp/r.out" 2>"$tmp/r.err" || fail "--record with the interface: replay exit $?: $(cat "$tmp/r.err")"
grep -q '^  read  *[1-9]' "$tmp/r.out" || fail "--record with the interface: no final aggregation: $(cat "$tmp/r.out")"
exit 0
