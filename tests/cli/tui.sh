# The full-screen interface, driven in tmux on real probes: the table
# appears and its counts grow, sorting changes the order, `d` switches to
# the last interval and back, a predicate typed at the prompt narrows the
# rows, a bad one shows the error with a caret while the old counts keep
# growing, help, resizing (80x24, 200x60, too small), the histogram and log
# views, and every way out (q, SIGTERM, a crash signal) gives the shell
# back a sane terminal.  Polls for markers, never sleeps a fixed time to
# decide.
. tests/cli/lib.sh
tmux_name=dscope-tui
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; kill $(cat "$tmp/wl.pid" 2>/dev/null) 2>/dev/null; rm -rf "$tmp"' EXIT
# grows ROW: the row's count increases
grows() {
	c0=$(count "$1")
	[ -n "$c0" ] || fail "no row $1"
	i=0
	while [ $i -lt 150 ]; do
		c1=$(count "$1")
		[ -n "$c1" ] && [ "$c1" -gt "$c0" ] && return 0
		sleep 0.2
		i=$((i + 1))
	done
	screen; fail "the count of $1 did not grow past $c0"
}

cat > "$tmp/run.sh" <<R
HOME="$tmp" "$DSCOPE" -n 'syscall:::entry /pid == \$target/ { @[probefunc] = count(); }' -c "sh $tmp/wl.sh"
echo DSCOPE-EXIT=\$?
stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo TTY-SANE
R
T new-session -d -x 120 -y 40 sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'table @count'
wait_for '^ read '
wait_for 'probes [0-9]* .*ev/s.*drops 0.*every 1.0s'
grows read

# sorted by count, largest first; '<' sorts by key, A to Z
screen | awk '/probefunc/ { on = 1; next } on && $3 ~ /%$/ { print $2 }' > "$tmp/counts"
sort -n -r -c "$tmp/counts" || fail "rows not in count order: $(cat "$tmp/counts")"
T send-keys '<'
wait_for 'probefunc[^ ]'
screen | awk '/probefunc/ { on = 1; next } on && $3 ~ /%$/ { print $1 }' > "$tmp/names"
[ "$(wc -l < "$tmp/names")" -ge 3 ] || fail "too few rows: $(cat "$tmp/names")"
LC_ALL=C sort -c "$tmp/names" || fail "rows not in key order: $(cat "$tmp/names")"
T send-keys 's'

# d: the last interval (its length in the title, a rate column), counts
# no larger than the totals; d again: since start
T send-keys d
wait_for 'table @count .* last [0-9.]*s  [0-9]* rows\?'
wait_for 'COUNT/s'
wait_for '^ read '
ci=$(count read)
T send-keys d
wait_for 'table @count .*[^:] since start  [0-9]* rows\?'
wait_gone 'COUNT/s'
[ "$(count read)" -ge "$ci" ] || fail "the interval's count $ci is above the total $(count read)"

# help, and any key closes it
T send-keys '?'
wait_for 'dscope keys'
T send-keys x
i=0; while screen | grep -q 'dscope keys'; do i=$((i + 1)); [ $i -lt 100 ] || fail "help stays"; sleep 0.1; done

# a predicate typed at the prompt: the program is swapped, rows narrow
T send-keys ':' '/pid == $target && probefunc == "read"/' Enter
wait_for 'predicate applied'
wait_for ' 1 row$'
grows read
screen | grep -q '^ close ' && fail "close still shown after the predicate"

# a bad predicate: the error with a caret under its column; the old
# program keeps counting
T send-keys ':' '/pid == = 3/' Enter
wait_for 'syntax error'
wait_for '^ *| *\^$'
screen | grep -q '/pid == = 3/ {' || fail "the source line is not shown"
grows read
T send-keys Escape

# resizing: 80x24, larger (two views at once), too small, back
T resize-window -x 80 -y 24
wait_for '? help'
screen | grep -q 'table @count' || fail "no table at 80x24"
T resize-window -x 200 -y 60
wait_for '^ log '
T resize-window -x 60 -y 20
wait_for 'needs 80x24'
T resize-window -x 120 -y 40
wait_for 'table @count'

# q: the terminal is restored, the final aggregation printed
T send-keys q
wait_for 'DSCOPE-EXIT=0'
wait_for 'TTY-SANE'
screen | grep -q '^  read  *[0-9]' || fail "no final aggregation"
screen | grep -q 'table @count' && fail "the screen was not restored"

# histogram and log views; SIGTERM gives the terminal back
cat > "$tmp/run2.sh" <<'R'
sh -c 'echo $$ > "$T/ds.pid"; HOME="$T" exec "$D" -n "tick-20ms { @q = lquantize(rand() % 10, 0, 10, 1); printf(\"hello %d\\n\", 7); }"'
echo DSCOPE-EXIT=$?
stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo TTY-SANE2
R
T send-keys clear Enter "T=$tmp D=$DSCOPE sh $tmp/run2.sh" Enter
wait_for 'histogram @q'
wait_for 'Distribution'
wait_for '^ *9 │ '
T send-keys Tab
wait_for 'hello 7'
kill -TERM "$(cat "$tmp/ds.pid")"
wait_for 'TTY-SANE2'

# a crash signal: the handler restores the terminal and re-raises
T send-keys clear Enter "T=$tmp D=$DSCOPE sh $tmp/run2.sh" Enter
wait_for 'histogram @q'
kill -SEGV "$(cat "$tmp/ds.pid")"
wait_for 'TTY-SANE2'
screen | grep -q 'histogram @q' && fail "the screen was not restored after SIGSEGV"

# the history was kept
grep -q 'pid == = 3' "$tmp/.dscope_history" || fail "no history in ~/.dscope_history"
exit 0
