# The toolkit scripts (scripts/: syscalls by process, opensnoop, execsnoop,
# iosnoop, iotop, CPU and off-CPU stacks, malloc sizes, run-queue latency,
# syscall errors) in batch mode against test programs that make a known
# number of opens, execs, block requests, sleeps and allocations: exact
# counts, sizes and paths; structure for what the clock decides.
. tests/cli/lib.sh
. tests/cli/scripts.inc

# ---- syscall-procs.d: 90 more getppid calls, 90 more in the row ----
calls() {
	"$DSCOPE" -s scripts/syscall-procs.d -c "$P/bench_getppid $1" >"$tmp/out" 2>"$tmp/err" ||
		fail "procs: exit $?: $(cat "$tmp/err")"
	expect_grep '^ *PID PROCESS  *CALLS  *ON-CPU (ns)  *WALL (ns)$' "$tmp/out"
	awk '$2 == "bench_getppid" { print $3 }' "$tmp/out"
}
a=$(calls 10)
b=$(calls 100)
[ $((b - a)) = 90 ] || fail "procs: $a calls with 10 getppid, $b with 100"

# ---- opensnoop.d: "/" opened 3 times, 3 missing paths (ENOENT) ----
"$DSCOPE" -s scripts/opensnoop.d -c "$P/opens" >"$tmp/out" 2>"$tmp/err" || fail "opensnoop: exit $?: $(cat "$tmp/err")"
expect_grep '^ *PID PROCESS  *FD ERR PATH$' "$tmp/out"
awk '$2 == "opens" && ($5 == "/" || $5 ~ /dscope-/) { print $2, ($3 >= 0 ? "fd" : $3), $4, $5 }' "$tmp/out" >"$tmp/got"
cat >"$tmp/want" <<'END'
opens fd 0 /
opens -1 2 /nonexistent/dscope-a
opens fd 0 /
opens -1 2 /nonexistent/dscope-b
opens fd 0 /
opens -1 2 /nonexistent/dscope-c
END
diff -u "$tmp/want" "$tmp/got" || fail "opensnoop: $(cat "$tmp/out")"
# the loader's opens are there too, with their paths
expect_grep ' 0 /etc/ld.so.cache$' "$tmp/out"

# ---- execsnoop.d: a failed exec (ENOENT), then /bin/true ----
"$DSCOPE" -s scripts/execsnoop.d -c "$P/execs" >"$tmp/out" 2>"$tmp/err" || fail "execsnoop: exit $?: $(cat "$tmp/err")"
awk 'NR > 1 && NF { print $3, $4 }' "$tmp/out" >"$tmp/got"
printf '%s\n' '2 /nonexistent/program' '0 true' >"$tmp/want"
diff -u "$tmp/want" "$tmp/got" || fail "execsnoop: $(cat "$tmp/out")"
# both lines are the same child
awk 'NR > 1 && NF { p[NR] = $1 " " $2 } END { exit !(p[2] == p[3]) }' "$tmp/out" || fail "execsnoop pids: $(cat "$tmp/out")"
# a shell's commands with their arguments
"$DSCOPE" -s scripts/execsnoop.d -c "sh -c '/bin/true a  b; /bin/true c'" >"$tmp/out" 2>"$tmp/err" ||
	fail "execsnoop sh: exit $?"
expect_grep ' 0 /bin/true a b$' "$tmp/out"
expect_grep ' 0 /bin/true c$' "$tmp/out"

# ---- iosnoop.d: O_DIRECT writes and 4 reads of 4096 bytes ----
# the program's own pages in the page cache first: a freshly built binary
# is read from the disk as it runs, and those reads are its I/O too
cat "$P/directio" >/dev/null
"$DSCOPE" -s scripts/iosnoop.d -c "$P/directio" >"$tmp/out" 2>"$tmp/err" ||
	fail "iosnoop: exit $?: $(cat "$tmp/err")"
expect_grep '^ *PID PROCESS  *D  *BLOCK  *BYTES DEVICE  *TIME (us)$' "$tmp/out"
# (exact counts of the provider are tests/d/io's; here the script's lines:
# iosnoop pairs a start with its done by block, so two requests in flight
# on one block, as the fsync's writeback and a direct write can be, share a
# line; the program's own pages read in are other reads, of other sizes)
awk '$2 == "directio" && $3 == "R" && $5 == 4096 { r++; dev = $6 }
     $2 == "directio" && $3 == "W" { w++ }
     END { exit !(r >= 1 && w >= 1 && dev != "") }' "$tmp/out" ||
	fail "iosnoop: reads of 4096 bytes: $(cat "$tmp/out")"

# ---- iotop.d: the same by process, and latency histograms ----
"$DSCOPE" -s scripts/iotop.d -c "$P/directio" >"$tmp/out" 2>"$tmp/err" ||
	fail "iotop: exit $?: $(cat "$tmp/err")"
expect_grep '^ *PID PROCESS  *DEVICE  *D  *REQS  *BYTES$' "$tmp/out"
expect_grep '^ *[0-9]* directio  *[a-z0-9]*  *R  *4  *16384$' "$tmp/out"
awk '$2 == "directio" && $4 == "W" { exit !($5 >= 4 && $6 >= 16384) }' "$tmp/out" || fail "iotop writes: $(cat "$tmp/out")"
# one histogram per device and direction: the read one holds the 4 reads
awk '/^  [a-z0-9]+  +R *$/ { r = 1; next } /^  [a-z0-9]+  +W *$/ { r = 0; w = 1; next }
     r && /\|/ { n += $NF }
     END { exit !(n >= 4 && w) }' "$tmp/out" || fail "iotop histograms: $(cat "$tmp/out")"

# ---- cpu-stacks.d: a busy loop's samples in inner, outer, main ----
gated spin scripts/cpu-stacks.d
n=$(stacks_with "$tmp/out" '^gated`inner\+' '^gated`outer\+' '^gated`main\+')
[ "$n" -gt 0 ] || fail "cpu-stacks: $(show_stacks "$tmp/out")"
expect_grep '^  gated  *$' "$tmp/out"
# with -c, and every sample of this process is named under it
"$DSCOPE" -s scripts/cpu-stacks.d -c "$P/gated spin" >"$tmp/out" 2>"$tmp/err" || fail "cpu-stacks -c: exit $?"
awk '/^  [^ ]/ && $1 != "gated" { exit 1 }' "$tmp/out" || fail "cpu-stacks -c: other processes: $(show_stacks "$tmp/out")"

# ---- offcpu-stacks.d: the sleeps, from nap and main ----
gated sleep scripts/offcpu-stacks.d
n=$(stacks_with "$tmp/out" 'nanosleep\+' '^gated`nap\+' '^gated`main\+')
[ "$n" -gt 0 ] || fail "offcpu-stacks: $(show_stacks "$tmp/out")"

# ---- runq-latency.d: each of 5 wakeups waits for a CPU ----
"$DSCOPE" -s scripts/runq-latency.d -c "$P/sleeper 5" >"$tmp/out" 2>"$tmp/err" ||
	fail "runq-latency: exit $?: $(cat "$tmp/err")"
expect_grep '^  sleeper  *$' "$tmp/out"
awk '/^  [^ ]/ { in_s = ($1 == "sleeper"); next } in_s && /\|/ { n += $NF } END { exit !(n >= 5) }' "$tmp/out" ||
	fail "runq-latency: $(cat "$tmp/out")"

# ---- malloc-sizes.d: 16, 100, 4096 and 300000 bytes ----
"$DSCOPE" -s scripts/malloc-sizes.d -c "$P/mallocs" >"$tmp/out" 2>"$tmp/err" ||
	fail "malloc-sizes: exit $?: $(cat "$tmp/err")"
awk '/^  [a-z]/ { f = $1; next } /\|/ && $NF > 0 { print f, $1, $NF }' "$tmp/out" >"$tmp/got"
printf '%s\n' 'malloc 16 1' 'malloc 64 1' 'malloc 4096 1' 'malloc 262144 1' >"$tmp/want"
diff -u "$tmp/want" "$tmp/got" || fail "malloc-sizes: $(cat "$tmp/out")"

# ---- syscall-errors.d: 5 failed opens (ENOENT), 4 closes of -1 (EBADF) ----
"$DSCOPE" -s scripts/syscall-errors.d -c "$P/writes" >"$tmp/out" 2>"$tmp/err" || fail "errors: exit $?"
expect_grep '^close  *9  *4$' "$tmp/out"
true

# ---- top.d: the "top problem" view in batch mode: the busy process with
# its exact syscall count (plus the few of its start), dscope itself absent
"$DSCOPE" -s scripts/top.d -c "$P/bench_getppid 100000" >"$tmp/out" 2>"$tmp/err" &
dpid=$!
wait $dpid || fail "top: exit $?: $(cat "$tmp/err")"
awk -v p=$dpid '$1 == p { exit 1 }' "$tmp/out" || fail "top: dscope ($dpid) counted itself: $(grep " $dpid " "$tmp/out")"
expect_grep '^ *PID PROCESS  *ON-CPU (ns)  *SYSCALLS  *SYSCALL (ns)  *RUNQ (ns)  *FAULTS  *IO (bytes)$' "$tmp/out"
# (another bench_getppid may run beside this test: any row of the name)
awk '$2 == "bench_getppid" && $4 >= 100000 && $4 < 100100 && $3 > 0 { ok = 1 } END { exit !ok }' "$tmp/out" ||
	fail "top: bench_getppid's row: $(grep bench_getppid "$tmp/out")"
grep -q "^ *[0-9]* *bench_getppid " "$tmp/out" || fail "top: no bench_getppid row"
# the default program of a bare `dscope` is this view
"$DSCOPE" -c "$P/bench_getppid 1000" >"$tmp/out" 2>"$tmp/err" || fail "bare dscope: exit $?"
expect_grep '^ *PID PROCESS  *ON-CPU (ns)' "$tmp/out"
