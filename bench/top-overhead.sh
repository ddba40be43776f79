#!/bin/sh
# The top view's own overhead (issue 6), part of make bench: a
# syscall-heavy workload's throughput alone, then beside each observer
# running in a real terminal (a tmux pane): dscope's top view (a bare
# `dscope`, scripts/top.d: every syscall and context switch counted in the
# kernel), `top -d 1` and `htop` (installed for the bench when missing),
# which poll /proc once a second.  For each: the workload's throughput as
# a share of the untraced one, and the observer's own CPU (its process's
# user + system time over the run, from /proc/PID/stat) as a share of one
# CPU.  Two workloads: getppid() in a loop (the cheapest system call: the
# worst case for per-syscall probes) and dd copying /dev/zero to /dev/null
# in 4 KiB blocks (a system call doing some work).  The workload runs on
# CPU 1, observers where the scheduler puts them.  Last, "floor": bpftrace
# with empty programs on raw_syscalls:sys_enter and sys_exit, what
# counting each system call costs before any counting is done.
cd "$(dirname "$0")/.." || exit 1
W=./build/progs/bench_getppid
N=${BENCH_TOP_N:-20000000}
DD_COUNT=${BENCH_TOP_DD:-3000000}
[ -x "$W" ] || { echo "build $W first (make bench does)"; exit 1; }
command -v htop >/dev/null || apt-get install -y -qq htop >/dev/null 2>&1
command -v tmux >/dev/null || { echo "top overhead: no tmux, skipped"; exit 0; }
sock=dscope-bench-top-$$
T() { tmux -L "$sock" "$@"; }
tmp=$(mktemp -d)
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
hz=$(getconf CLK_TCK)

# cpu_ms PID: the process's user + system time so far, in ms
cpu_ms() { awk -v hz="$hz" '{ sub(/.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"; }
now_ms() { date +%s%3N; }
# workload KIND: its throughput (calls/s or MB/s) on CPU 1
workload() {
	case $1 in
	getppid) ns=$(taskset -c 1 $W "$N") && echo "$ns" | awk '{ printf "%.0f\n", 1e9 / $1 }' ;;
	dd) taskset -c 1 dd if=/dev/zero of=/dev/null bs=4k count="$DD_COUNT" 2>&1 |
		awk '/copied/ { for (i = 1; i <= NF; i++) if ($i == "s,") { printf "%.0f\n", $1 / $(i - 1) / 1e6; exit } }' ;;
	esac
}
# observe NAME CMD: start CMD in a tmux pane, wait until it draws, run
# each workload beside it; prints "NAME KIND throughput observer-cpu%"
observe() {
	name=$1; shift
	T new-session -d -x 160 -y 45 "echo \$\$ > $tmp/pid; exec $*"
	i=0
	while [ ! -s "$tmp/pid" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	pid=$(cat "$tmp/pid")
	# drawing: dscope's table, top's and htop's header
	i=0
	until T capture-pane -p | grep -q -e 'table @' -e 'load average' -e 'Load average' -e Attaching; do
		i=$((i + 1)); [ $i -lt 200 ] || break
		sleep 0.1
	done
	sleep 2 # past the start-up (compiling, the first /proc scan)
	for kind in getppid dd; do
		c0=$(cpu_ms "$pid"); t0=$(now_ms)
		tp=$(workload $kind)
		c1=$(cpu_ms "$pid"); t1=$(now_ms)
		echo "$name $kind $tp $(awk -v c=$((c1 - c0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.1f", 100 * c / t }')"
	done
	T kill-server 2>/dev/null
	rm -f "$tmp/pid"
	sleep 0.5
}

for kind in getppid dd; do echo "none $kind $(workload $kind) 0"; done > "$tmp/r"
observe dscope env HOME="$tmp" "$PWD/dscope" >> "$tmp/r"
observe "top-d1" top -d 1 >> "$tmp/r"
command -v htop >/dev/null && observe htop htop -d 10 >> "$tmp/r"
# the floor of exact counting: empty programs on the two tracepoints every
# system call passes (what any tracer that sees each call pays first)
if command -v bpftrace >/dev/null; then
	echo 'tracepoint:raw_syscalls:sys_enter { } tracepoint:raw_syscalls:sys_exit { }' > "$tmp/floor.bt"
	observe floor bpftrace "$tmp/floor.bt" >> "$tmp/r"
fi
awk '$1 == "none" { base[$2] = $3 }
     { r[NR] = $0 }
     END {
	print "top view overhead (workload on CPU 1; throughput relative to untraced; observer CPU as % of one CPU):"
	for (i = 1; i <= NR; i++) {
		split(r[i], f, " ")
		unit = f[2] == "dd" ? "MB/s" : "calls/s"
		printf "  %-7s %-8s %12s %-8s %6.1f%% of untraced   observer CPU %5.1f%%\n", f[1], f[2], f[3], unit,
		    100 * f[3] / base[f[2]], f[4]
	}
     }' "$tmp/r"
