#!/bin/sh
# The interface's own cost: make bench runs this last (bench/bench.sh);
# alone, after make bench's build: BENCH_ONLY=ui make bench.
#
# dscope's full-screen interface runs in a detached tmux (120x40) on real
# probes with a large aggregation:
#   table: syscall::getpgid:entry { @[arg0] = count(); } over manykeys
#          (100,000 distinct arguments, each one every second)
#   tree:  pid$target::leaf:entry { @[ustack()] = count(); } over
#          manystacks (20,000 distinct call paths, 1,000 calls/s), with
#          -x ustackmode=fp and with the default (DWARF with this glibc)
# Once the view's title shows the keys in, for each:
#   - dscope's CPU (every thread's, /proc/PID/task/*/schedstat) over
#     BENCH_UI_SECS (10) seconds at the 1 s refresh and at 100 ms ('-'
#     three times): % of one core, and per refresh;
#   - where it goes: a second dscope takes the CPU time (vtimestamp: a
#     loaded machine does not stretch it) of each call of consume_aggs
#     (taking the aggregations: what dscope_snap_aggs jumps to),
#     view_render (the views) and screen_draw (curses, timed to the loop's
#     next epoll_wait: a return probe fires at a tail call's jump, and
#     screen_draw ends in one), from the loop's first wait on (when the
#     thread's CPU time starts being kept); draws/s counts screen_draw;
#   - keystroke to screen at the 1 s refresh, BENCH_UI_KEYS (20) Down/Up
#     keys: from outside (bench/keylat.py: tmux send-keys, then
#     capture-pane until the selection has moved) and inside (the second
#     dscope: from ncurses' wget_wch() reading the key to the loop's next
#     epoll_wait() after the screen was drawn).
# Before all this, the views alone (tests/unit/test_views_large.c: CPU per
# render at the same sizes from synthetic snapshots, no kernel, no
# terminal); after, the same programs in batch mode (--batch: the
# aggregations are taken only at exit; measured after BENCH_UI_WARM (15)
# seconds), and the outside figure for a program that answers at once
# (keylat.py --instant): tmux and the polling alone.
cd "$(dirname "$0")/.." || exit 1
command -v tmux >/dev/null || { echo "interface: skipped (no tmux)"; exit 0; }
D=$PWD/dscope
SECS=${BENCH_UI_SECS:-10}
KEYS=${BENCH_UI_KEYS:-20}
WARM=${BENCH_UI_WARM:-15}
for f in "$D" build/progs/manykeys build/progs/manystacks build/tests/test_views_large; do
	[ -x "$f" ] || { echo "build $f first (make bench does)"; exit 1; }
done
tmp=$(mktemp -d)
sock=dscope-bench-$$
T() { tmux -L "$sock" "$@"; }
stop_ui() { # the server, then the interface it ran (it quits on SIGHUP)
	T kill-server 2>/dev/null
	p=$(cat "$tmp/pid" 2>/dev/null)
	i=0
	while [ -n "$p" ] && kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$p" ] && kill -KILL "$p" 2>/dev/null
	rm -f "$tmp/pid"
}
trap 'stop_ui; rm -rf "$tmp"' EXIT

# ns of CPU used so far by every thread of process $1
cpu_ns() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f\n", s }'; }
now_ns() { date +%s%N; }

cat > "$tmp/phases.d" <<EOF
#pragma D option quiet
BEGIN { printf("live\n"); }
pid\$target::epoll_wait:entry { self->on = 1; }
pid\$target::consume_aggs:entry /self->on/ { self->s = vtimestamp; }
pid\$target::consume_aggs:return /self->s/ { @n["snap"] = count(); @t["snap"] = sum(vtimestamp - self->s); self->s = 0; }
pid\$target::view_render:entry /self->on/ { self->r = vtimestamp; }
pid\$target::view_render:return /self->r/ { @n["render"] = count(); @t["render"] = sum(vtimestamp - self->r); self->r = 0; }
pid\$target::screen_draw:entry /self->on/ { self->d = vtimestamp; }
pid\$target::epoll_wait:entry /self->d/ { @n["curses"] = count(); @t["curses"] = sum(vtimestamp - self->d); self->d = 0; }
tick-${SECS}s { printa("%s %@d %@d\n", @n, @t); exit(0); }
EOF
cat > "$tmp/keys.d" <<'EOF'
#pragma D option quiet
BEGIN { printf("live\n"); }
pid$target::wget_wch:entry /!self->k/ { self->k = timestamp; }
pid$target::screen_draw:entry /self->k/ { self->drawn = 1; }
pid$target::epoll_wait:entry /self->drawn/ { printf("%d\n", (timestamp - self->k) / 1000); self->k = 0; self->drawn = 0; }
EOF
cat > "$tmp/table.d" <<'EOF'
syscall::getpgid:entry /pid == $target/ { @[arg0] = count(); }
EOF
cat > "$tmp/tree.d" <<'EOF'
pid$target::leaf:entry { @[ustack()] = count(); }
EOF
KW="$PWD/build/progs/manykeys 100000 100000 600"
SW="$PWD/build/progs/manystacks 20000 1000 600"
# 100,000 keys of 88 bytes need more than the default 4 MiB; a DWARF
# capture of 2 KiB holds these stacks, and 64 MiB of ring buffer takes the
# first pass over the 20,000 paths without drops
TA="-x aggsize=16m"
FA="-x ustackmode=fp"
DA="-x ustackbytes=2k -x bufsize=64m"

# start_ui PROGRAM.d ARGS...: the interface in a fresh tmux server
start_ui() {
	stop_ui
	prog=$1
	shift
	printf 'echo $$ > %s/pid\nHOME=%s exec %s' "$tmp" "$tmp" "$D" > "$tmp/run.sh"
	for a in "$@"; do printf " '%s'" "$a" >> "$tmp/run.sh"; done
	printf ' -s %s\n' "$prog" >> "$tmp/run.sh"
	T new-session -d -x 120 -y 40 sh
	T send-keys "sh $tmp/run.sh" Enter
}
title() { T capture-pane -p | sed -n 2p; }
# wait_title PATTERN: until the view's title shows it (60 s at most)
wait_title() {
	i=0
	until title | grep -q -e "$1"; do
		i=$((i + 1))
		[ $i -lt 300 ] || { echo "timed out waiting for /$1/ on:"; T capture-pane -p; return 1; }
		sleep 0.2
	done
}
# wait_stable: until the title's count has not changed for 3 s (fp: the
# kernel's stack map keeps the stacks that fit its buckets)
wait_stable() {
	last=-1 same=0 i=0
	while [ $same -lt 6 ] && [ $i -lt 300 ]; do
		n=$(title | awk '{ print $(NF - 1) }')
		if [ "$n" = "$last" ]; then same=$((same + 1)); else same=0; fi
		last=$n i=$((i + 1))
		sleep 0.5
	done
}
wait_screen() { # until the screen shows $1 (20 s at most)
	i=0
	until T capture-pane -p | grep -q -e "$1"; do
		i=$((i + 1))
		[ $i -lt 200 ] || { echo "timed out waiting for /$1/"; return 1; }
		sleep 0.1
	done
}
# tracer SCRIPT OUT: the second dscope on the interface, in the background
# ($tp), once its probes are live
tracer() {
	: > "$2"
	"$D" -p "$(cat "$tmp/pid")" -s "$1" > "$2" 2>&1 &
	tp=$!
	i=0
	until grep -q live "$2" || [ $i -ge 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
# measure LABEL: CPU and phases over SECS seconds, one line
measure() {
	pid=$(cat "$tmp/pid")
	sleep 1
	tracer "$tmp/phases.d" "$tmp/phases"
	c0=$(cpu_ns "$pid") t0=$(now_ns)
	wait $tp
	c1=$(cpu_ns "$pid") t1=$(now_ns)
	awk -v label="$1" -v cpu=$((c1 - c0)) -v wall=$((t1 - t0)) '
		{ n[$1] = $2; t[$1] = $3 }
		function ms(k) { return n[k] ? t[k] / n[k] / 1e6 : 0 }
		END {
			printf "%-38s %6.1f %7.2f %7.1f %7.1f %7.1f %7.1f %7.1f\n", label,
			    100 * cpu / wall, n["snap"] * 1e9 / wall, n["snap"] ? cpu / n["snap"] / 1e6 : 0,
			    n["curses"] * 1e9 / wall, ms("snap"), ms("render"), ms("curses")
		}' "$tmp/phases"
}
# keys LABEL: keystroke to screen, outside and inside, one line
keys() {
	label=$1
	tracer "$tmp/keys.d" "$tmp/keys"
	out=$(python3 bench/keylat.py "$sock" "$KEYS")
	sleep 1
	kill -INT $tp 2>/dev/null
	wait $tp 2>/dev/null
	inside=$(grep -E '^[0-9]+$' "$tmp/keys" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) printf "%.1f", v[int((NR + 1) / 2)] / 1000; else print "?" }')
	set -- $out
	printf '%-38s %7s %7s %7s %7s %9s\n' "$label" "$1" "$2" "$3" "$inside" "$4"
}
# the keys are in: 100,000 rows; all 20,000 stacks; or as many as the
# kernel's stack map kept
full_table() { wait_title ' 100000 rows'; }
full_dwarf() { wait_title ' 20000 stacks'; }
full_fp() { wait_title ' stacks' && wait_stable; }
# one_ui LABEL FULL PROGRAM.d ARGS...: once FULL returns, CPU at 1 s and
# 100 ms, then keys at 1 s into $tmp/k.LABEL
one_ui() {
	label=$1 full=$2
	shift 2
	start_ui "$@"
	$full || return
	n=$(title | awk '{ print $(NF - 1) }')
	what="$label, $n $(title | awk '{ print $NF }')"
	measure "$what, 1 s"
	T send-keys - - -
	wait_screen 'every 0.1s' && measure "$what, 100 ms"
	T send-keys + + +
	wait_screen 'every 1.0s'
	if [ "$label" = table ]; then
		# sorted by key, the rows keep their places while the counts
		# change; the first one selected
		T send-keys '<'
		wait_screen 'arg0.*COUNT '
		T send-keys g
	fi
	keys "$what" > "$tmp/k.$label"
}
# batch LABEL PROGRAM.d ARGS...: the same program without the interface,
# measured after WARM (15) seconds: the first pass over 20,000 new DWARF
# stacks is about 1.5 s of unwinding, more on a loaded machine
batch() {
	label=$1 prog=$2
	shift 2
	"$D" --batch "$@" -s "$prog" > /dev/null 2>&1 &
	bp=$!
	sleep "$WARM"
	c0=$(cpu_ns "$bp") t0=$(now_ns)
	sleep "$SECS"
	c1=$(cpu_ns "$bp") t1=$(now_ns)
	kill -INT "$bp" 2>/dev/null
	wait "$bp" 2>/dev/null
	printf '%-38s %6.1f\n' "$label" "$(echo "scale=3; 100 * ($c1 - $c0) / ($t1 - $t0)" | bc)"
}

echo
# the views alone, from synthetic snapshots: no kernel, no terminal
VIEWS_TEST=bench build/tests/test_views_large
echo "the interface, 120x40 in tmux, ${SECS} s each (load average before: $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '%-38s %6s %7s %7s %7s %7s %7s %7s\n' "configuration, refresh" "% core" "refr/s" \
	"ms/refr" "draws/s" "snap ms" "view ms" "curs ms"
one_ui table full_table "$tmp/table.d" $TA -c "$KW"
one_ui "tree fp" full_fp "$tmp/tree.d" $FA -c "$SW"
one_ui "tree DWARF" full_dwarf "$tmp/tree.d" $DA -c "$SW"
stop_ui
batch "batch: the table's program" "$tmp/table.d" $TA -c "$KW"
batch "batch: the tree's, fp" "$tmp/tree.d" $FA -c "$SW"
batch "batch: the tree's, DWARF" "$tmp/tree.d" $DA -c "$SW"

echo
echo "keystroke to screen at 1 s refresh, ms (outside: tmux send-keys to capture-pane; inside: read to drawn):"
printf '%-38s %7s %7s %7s %7s %9s\n' "" "median" "p90" "max" "inside" "1 capture"
cat "$tmp/k.table" "$tmp/k.tree fp" "$tmp/k.tree DWARF" 2>/dev/null
T new-session -d -x 120 -y 40 sh
T send-keys "python3 $PWD/bench/keylat.py --instant" Enter
sleep 1
set -- $(python3 bench/keylat.py "$sock" "$KEYS")
printf '%-38s %7s %7s %7s %7s %9s\n' "tmux alone (an instant program)" "$1" "$2" "$3" "-" "$4"
T kill-server 2>/dev/null
echo "(load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
