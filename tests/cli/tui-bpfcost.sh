# What observing costs, measured: under a workload made of system calls,
# the top view's line of dscope's own cost and the status line show a BPF
# share above zero, from the kernel's run-time counters, which dscope holds
# on for one refresh in five (they cost every program run two clock
# reads), and which are off in between.
. tests/cli/lib.sh
tmux_name=dscope-tui-bpfcost
. tests/cli/tmux.inc
P=${DSCOPE_TEST_PROGS:-build/progs}
trap 'T kill-server 2>/dev/null; kill $wl 2>/dev/null; rm -rf "$tmp"' EXIT

"$P/bench_getppid" 2000000000 > /dev/null &
wl=$!
T new-session -d -x 200 -y 50 "HOME='$tmp' exec '$DSCOPE'"
wait_for 'table @oncpu @syscalls @systime @runq @faults @iobytes'
nonzero='\([1-9][0-9]*\.[0-9]\|0\.[1-9]\)'
wait_for "in its threads, $nonzero% in its BPF programs"
wait_for "bpf $nonzero%"
# off between samples: the count of runs of its sys_enter program stands
# still for a while (with the counters always on, it never would: the
# workload makes system calls all the time)
runs() { bpftool prog show name ds_sys_enter 2>/dev/null | sed -n 's/.*run_cnt \([0-9]*\).*/\1/p' | head -1; }
command -v bpftool >/dev/null 2>&1 || { echo "skip: no bpftool for the off check"; exit 0; }
still=0
i=0
while [ $i -lt 40 ] && [ $still -eq 0 ]; do
	a=$(runs)
	sleep 0.3
	b=$(runs)
	[ -n "$a" ] && [ "$a" = "$b" ] && still=1
	i=$((i + 1))
done
[ $still -eq 1 ] || fail "the kernel counted every run: the statistics stayed on ($a, $b)"
exit 0
