# The script picker, driven in tmux: F2 over the top view lists the
# shipped scripts (scripts/ beside the binary) and the user's
# (~/.dscope/scripts, marked ~), each with the first line of its header
# comment; Esc closes it; :scripts opens it too; Enter on a script runs it
# as a child of the top view (its own views, a breadcrumb), and Esc
# returns to the top view.  Polls for markers, never sleeps a fixed time to
# decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-scripts
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# the user's own script
mkdir -p "$tmp/.dscope/scripts"
cat > "$tmp/.dscope/scripts/ticks.d" <<'D'
/*
 * ticks.d - how many ticks of 10 ms have passed?
 */
tick-10ms { @ticks[probename] = count(); }
D
cat > "$tmp/run.sh" <<R
HOME="$tmp" "$DSCOPE"
echo DSCOPE-EXIT=\$?
R
T new-session -d -x 160 -y 45 sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'table @oncpu @syscalls @systime @runq @faults @iobytes'

# F2: every shipped script with its description, then the user's
T send-keys F2
wait_for 'scripts (Enter opens'
# (the whole list: a capture may come while the box is still being drawn)
wait_for '~ ticks.d  *how many ticks of 10 ms have passed?'
for f in scripts/*.d; do
	grep -q " $(basename "$f")  " "$tmp/screen" || { cat "$tmp/screen"; fail "$f is not listed"; }
done
grep -q 'syscall-time.d  *where does a process.s system call time go?' "$tmp/screen" ||
	{ cat "$tmp/screen"; fail "no description of syscall-time.d"; }
grep -q '~ ticks.d  *how many ticks of 10 ms have passed?' "$tmp/screen" ||
	{ cat "$tmp/screen"; fail "the user's script is not listed"; }
# Esc closes it, the top view unchanged
T send-keys Escape
wait_gone 'scripts (Enter opens'
screen | grep -q 'table @oncpu @syscalls' || { screen; fail "the top view is gone"; }

# :scripts opens it too; the user's script is the last: G, Enter runs it
T send-keys : scripts Enter
wait_for 'scripts (Enter opens'
T send-keys G Enter
wait_for "Esc .*top.d.* ticks.d .*/.dscope/scripts/ticks.d"
wait_for 'table @ticks'
wait_for '^ tick-10ms  *[1-9]'
# Esc: back to the top view
T send-keys Escape
wait_for 'table @oncpu @syscalls @systime @runq @faults @iobytes'
wait_gone 'ticks.d'
T send-keys q
wait_for 'DSCOPE-EXIT=0'
exit 0
