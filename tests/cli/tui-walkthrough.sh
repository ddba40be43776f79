# The walkthrough (WALKTHROUGH.md) in the interface, by keys, on a real
# workload that behaves like top (top itself when installed): a bare
# `dscope` opens the top view, which lists the workload and not dscope;
# Enter on the workload's row opens its per-syscall table (count, on-CPU
# and wall time, "- all syscalls -" and "- total -"); Enter on its
# costliest system call opens the user stacks behind it in that process;
# a line at the prompt switches to the sizes of its mallocs (pid$target:
# the drill-down made the workload $target), another to them split by
# whether they led to an mmap; Esc goes back step by step.  On the way: the
# line of dscope's own cost, H for a row per thread, a process that exits
# staying in the top view, dimmed, for a while, then leaving.
# Polls for markers, never sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-walk
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; kill $wl $bp 2>/dev/null; rm -rf "$tmp"' EXIT

bp=
# the workload: top refreshing every 0.2 s (it reads /proc: openat, read,
# close), else a shell reading a /proc file in a loop
if command -v top >/dev/null 2>&1; then
	top -b -d 0.2 > /dev/null 2>&1 &
	name=top
else
	sh -c 'while :; do read x < /proc/self/stat; done' &
	name=sh
fi
wl=$!

# dscope with no arguments; its pid kept to show it is not in the list
cat > "$tmp/run.sh" <<R
sh -c 'echo \$\$ > "$tmp/dscope.pid"; HOME="$tmp" exec "$DSCOPE"'
echo DSCOPE-EXIT=\$?
R
T new-session -d -x 200 -y 50 sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'table @oncpu @syscalls @systime @runq @faults @iobytes'
grep -q 'pid  *execname' "$tmp/screen" || { cat "$tmp/screen"; fail "no pid/execname columns"; }
# what observing costs, on a line of its own under the rows
wait_for '^ dscope itself, not in the rows: [0-9.]*% of a CPU in its threads, [0-9.]*% in its BPF programs'
# the workload shows (its pid, its name)
T send-keys '\' "$wl" Enter
wait_for "^ $wl  *$name "
# dscope is not a row, though it ran as long as the workload's row has
dpid=$(cat "$tmp/dscope.pid")
T send-keys '\' "$dpid" Enter
wait_for "filter '$dpid'"
grep -q "^ $dpid  " "$tmp/screen" && { cat "$tmp/screen"; fail "dscope ($dpid) is in the top view"; }
T send-keys '\' Enter
wait_gone "filter '"

# H: a row per thread (a tid column after execname), H again: per process
T send-keys H
wait_for '^ pid  *execname  *tid  '
wait_for 'one row per thread'
T send-keys H
wait_for 'one row per process'
wait_gone '^ pid  *execname  *tid  '

# a process that exits stays, dimmed, with its final figures, then leaves
sh -c 'while :; do sleep 0.1; done' &
bp=$!
# dimmed PID: the row of PID is drawn dim (SGR 2, selected or not)
esc=$(printf '\033')
dimmed() { T capture-pane -e -p | grep " $1  *sh " | grep -q -E "$esc\[([0-9]+;)*2[;m]"; }
T send-keys '\' "$bp" Enter
wait_for "^ $bp  *sh  "
dimmed "$bp" && { T capture-pane -e -p | cat -v; fail "a running process is dimmed"; }
kill "$bp"; wait "$bp" 2>/dev/null
i=0
until dimmed "$bp"; do
	i=$((i + 1)); [ $i -lt 150 ] || { T capture-pane -e -p | cat -v; fail "the exited $bp is not dimmed"; }
	sleep 0.2
done
screen | grep -q "^ $bp  *sh  " || { screen; fail "the exited $bp is not shown"; }
# ... for a while (10 s): then its row leaves
wait_gone "^ $bp  *sh  "
T send-keys '\' Enter
wait_gone "filter '"

# 1. Enter on the workload: its system calls
T send-keys / "$wl  $name" Enter Enter
wait_for "Esc .*top.d.* $name pid $wl syscalls"
wait_for 'table @count @oncpu @wall'
grep -q "syscall:::entry /pid == $wl/ { self->vts = vtimestamp;" "$tmp/screen" ||
	{ cat "$tmp/screen"; fail "the derived program is not shown"; }
wait_for '^ - all syscalls - '
wait_for '^ - total - '
# top's mix: it opens, reads and closes /proc files
for s in openat read close; do
	[ "$name" = top ] || break
	wait_for "^ $s  *[0-9]"
done

# 2. sorted by on-CPU time; Enter on the costliest system call (the first
# row that is not a summary): the user stacks behind it in that process
T send-keys '>'
wait_for '@oncpu▼'
sc=$(awk '/^ probefunc/ { on = 1; next } on && $1 != "-" && $1 ~ /^[a-z_0-9]+$/ { print $1; exit }' "$tmp/screen")
[ -n "$sc" ] || { cat "$tmp/screen"; fail "no system call row"; }
T send-keys g / "$sc" Enter Enter
wait_for "$name pid $wl syscalls .* $sc stacks"
wait_for 'tree @count'
grep -q "syscall::$sc:entry /pid == $wl/ { @\[ustack()\] = count(); }" "$tmp/screen" ||
	{ cat "$tmp/screen"; fail "the derived stack program is not shown"; }
wait_for 'STACK (callers first)'
# frames of the workload's own binary and of libc
wait_for "$name\`"
wait_for 'libc.so.6`'

# 3. a line at the prompt: the sizes of the workload's mallocs
T send-keys :
T send-keys -l 'run pid$target::malloc:entry { @ = quantize(arg0); }'
T send-keys Enter
wait_for '› run '
wait_for 'histogram @quantize'
wait_for '^ *[0-9][0-9]* │ █.*[1-9][0-9]* '
# ... split by whether the allocation led to an mmap: the shipped script,
# by its name, on the same process
T send-keys : 'open malloc-mmap' Enter
wait_for 'script opened'
wait_for 'histogram @sizes'
wait_for '^ *no map  '

# Esc goes back one step at a time: the tree, the table, the top view
T send-keys Escape
wait_for 'tree @count'
wait_gone '› run '
T send-keys Escape
wait_for 'table @count @oncpu @wall'
wait_gone "$sc stacks"
T send-keys Escape
wait_for 'table @oncpu @syscalls @systime @runq @faults @iobytes'
wait_gone 'Esc '
T send-keys q
wait_for 'DSCOPE-EXIT=0'
exit 0
