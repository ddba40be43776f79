# A ring buffer too small for the records is reported as dtrace reports it
# ("N drops on CPU C"), and dscope still finishes and prints its results;
# an associative array that is full reports dynamic variable drops.
. tests/cli/lib.sh
"$DSCOPE" -q -b 4k -n 'syscall:::entry /pid == $target/ { printf("%d %d %d\n", arg0, arg1, arg2); @n = count(); }' \
	-c "build/progs/bench_getppid 200000" >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
expect_grep '^dscope: [0-9][0-9]* drops on CPU [0-9]' "$tmp/err"
tail -1 "$tmp/out" | grep -q '^ *[0-9][0-9]*$' || fail "no count printed: $(tail -3 "$tmp/out")"
"$DSCOPE" -q -x dynvarsize=64k -n 'BEGIN { i = 0; } tick-1ms { a[i++] = 1; } tick-1ms /i == 1500/ { exit(0); }' \
	>"$tmp/out" 2>"$tmp/err" || fail "exit $?"
expect_grep '^dscope: [0-9][0-9]* dynamic variable drops' "$tmp/err"
