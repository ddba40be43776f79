# kill -9 of dscope at random moments of a run (compiling, attaching
# thousands of uprobes, tracing, printing at END) leaves no BPF program,
# map, link or uprobe behind, and no -c command stopped under ptrace;
# SIGINT and SIGTERM while thousands of uprobes attach end the run cleanly
# (status 0, the aggregation printed), with nothing left either.
. tests/cli/lib.sh
. tests/cli/leaks.inc
command -v bpftool >/dev/null || { echo "skip: no bpftool"; exit 0; }
rnd() { od -An -N2 -tu2 /dev/urandom | awk -v m="$1" '{ print $1 % m }'; }
libc='pid$target:libc.so.6::entry { @[probefunc] = count(); }'
steady='syscall:::entry { @[probefunc] = count(); } profile-99 { @p = count(); }'
endbig='tick-1ms { @[timestamp] = count(); } tick-400ms { exit(0); } END { printa(@); }'
n=0
for run in 1 2 3 4 5 6; do
	case $((run % 3)) in
	0) prog=$libc ;;
	1) prog=$steady ;;
	2) prog=$endbig ;;
	esac
	ms=$(rnd 900)
	leak_baseline
	"$DSCOPE" -q -n "$prog" -c "sleep 3" >/dev/null 2>"$tmp/err" &
	pid=$!
	sleep "$(awk -v m="$ms" 'BEGIN { print m / 1000 }')"
	child=$(ps -o pid= --ppid $pid | head -1)
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	leak_check "kill -9 after ${ms} ms of '$prog'"
	if [ -n "$child" ]; then
		st=$(ps -o stat= -p "$child" 2>/dev/null)
		case "$st" in T* | t*) kill -9 "$child"; fail "-c command left stopped ($st) after kill -9 at ${ms} ms" ;; esac
		kill "$child" 2>/dev/null
	fi
	n=$((n + 1))
done

for sig in INT TERM; do
	leak_baseline
	"$DSCOPE" -n 'pid$target:libc.so.6::entry { @n = count(); }' -c "sleep 5" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	# the description is matched once the probes are attached; a signal
	# that comes earlier (compiling thousands of uprobes takes seconds
	# under ASan) waits, blocked, for the main loop: the same clean end
	i=0; while ! grep -q matched "$tmp/err" && [ $i -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
	kill -$sig $pid
	wait $pid; st=$?
	[ $st -eq 0 ] || fail "SIG$sig during attach: exit $st: $(cat "$tmp/err")"
	grep -q matched "$tmp/err" || fail "SIG$sig: the probes were never matched: $(cat "$tmp/err")"
	leak_check "SIG$sig during attach"
	n=$((n + 1))
done
echo "$n faults injected"
