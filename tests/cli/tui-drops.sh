# Drops while the interface is open: a 4 KiB ring buffer (-x bufsize)
# and bursts of 3,000 getppid calls, each with a printf, so that the ring
# buffer overflows at every burst (the bursts are short so that the log's
# 20,000 lines hold a few seconds: dtrace's message comes once a second).  The status line's drops count rises
# above 0; dtrace's "N drops on CPU C" goes to the log view (found there
# by a search), never over the screen: the tab bar, the status line and
# the key hints stay at their rows and no message shows on the table
# view; the interface keeps responding (Tab, ?, a search); q exits 0, the
# terminal restored, the final count printed.  Polls for markers, never
# sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-drops
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
P=$(pwd)/build/progs
[ -x "$P/bench_getppid" ] || fail "no $P/bench_getppid (make build/progs/bench_getppid)"
# bursts from children of the -c command, which stays
cat > "$tmp/wl.sh" <<W
while :; do "$P/bench_getppid" 3000; sleep 0.5; done
W
cat > "$tmp/run.sh" <<R
HOME="$tmp" "$DSCOPE" -q -x bufsize=4k -n 'syscall::getppid:entry /ppid == \$target/ { printf("call %d %d\\n", arg0, timestamp); @calls = count(); }' -c "sh $tmp/wl.sh"
echo DSCOPE-EXIT=\$?
stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo TTY-SANE
R
H=40
T new-session -d -x 120 -y $H sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'probes [0-9]* .*ev/s.*drops [1-9][0-9]*.*every 1.0s'

# layout: N rows, the tab bar first, the status line and the key hints
# last; no drop message outside the log
layout() {
	screen >"$tmp/layout"
	[ "$(wc -l <"$tmp/layout")" -eq $H ] || { cat "$tmp/layout"; fail "not $H rows"; }
	head -1 "$tmp/layout" | grep -q '^ dscope ' || { cat "$tmp/layout"; fail "the tab bar moved"; }
	sed -n "$((H - 1))p" "$tmp/layout" | grep -q '^ probes [0-9]' || { cat "$tmp/layout"; fail "the status line moved"; }
	sed -n "${H}p" "$tmp/layout" | grep -q '^ : prompt ' || { cat "$tmp/layout"; fail "the key hints moved"; }
}
wait_for 'table @calls'
layout
# the drops go on while the table is shown: a message over it would stay
d0=$(screen | sed -n 's/.*drops \([0-9]*\).*/\1/p')
i=0
while :; do
	d1=$(screen | sed -n 's/.*drops \([0-9]*\).*/\1/p')
	[ -n "$d1" ] && [ "$d1" -gt "$d0" ] && break
	i=$((i + 1)); [ $i -lt 150 ] || { screen; fail "the drops count stays at $d0"; }
	sleep 0.2
done
layout
screen | grep -q 'drops on CPU' && { screen; fail "a drop message over the table"; }

# help opens and closes
T send-keys '?'
wait_for 'dscope keys'
T send-keys x
wait_gone 'dscope keys'
wait_for 'table @calls'

# Tab: the log, with the records and dtrace's message about the drops
T send-keys Tab
wait_for '^ log '
wait_for '^call [0-9]'
layout
# (the search finds the newest message in the log, if the log still
# holds one: searched again until it does, 10 times at most)
i=0
while :; do
	T send-keys '/' 'drops on CPU' Enter
	j=0
	while [ $j -lt 25 ] && ! screen | grep -q '^dscope: [0-9][0-9]* drops on CPU [0-9]'; do
		sleep 0.2; j=$((j + 1))
	done
	[ $j -lt 25 ] && break
	i=$((i + 1)); [ $i -lt 10 ] || { screen; fail "no drop message in the log"; }
done
layout
# and back to the table
T send-keys Tab
wait_for 'table @calls'
layout
screen | grep -q 'drops on CPU' && { screen; fail "a drop message over the table"; }

# q: exit 0, the terminal restored, the final count
T send-keys q
wait_for 'DSCOPE-EXIT=0'
wait_for 'TTY-SANE'
screen | grep -q 'table @calls' && fail "the screen was not restored"
screen | grep -q '^ *[1-9][0-9]*$' || { screen; fail "no final count"; }

# a flood that never pauses (the records arrive faster than they are
# read, all the time): the keys still answer, q still exits 0
cat > "$tmp/run2.sh" <<R
HOME="$tmp" "$DSCOPE" -q -x bufsize=4k -n 'syscall::getppid:entry /pid == \$target/ { printf("call %d %d\\n", arg0, timestamp); @calls = count(); }' -c "$P/bench_getppid 2000000000"
echo DSCOPE-EXIT2=\$?
stty -a | grep -q ' icanon' && stty -a | grep -q ' echo ' && echo TTY-SANE2
R
T send-keys clear Enter "sh $tmp/run2.sh" Enter
wait_for 'drops [1-9][0-9]*.*every 1.0s'
layout
T send-keys '?'
wait_for 'dscope keys'
T send-keys x
wait_gone 'dscope keys'
T send-keys Tab
wait_for '^ log '
layout
T send-keys q
wait_for 'DSCOPE-EXIT2=0'
wait_for 'TTY-SANE2'
exit 0
