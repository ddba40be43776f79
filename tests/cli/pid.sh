# pid provider: -l lists a running process's functions (libc's malloc, the
# executable's symbols under its name and "a.out"), -p traces it, and a
# process that exits while traced ends the run with its aggregations.
. tests/cli/lib.sh
build/progs/sleeper 1000 & victim=$!
sleep 0.2
"$DSCOPE" -l -n "pid$victim:libc.so.6:malloc:" >"$tmp/out" || fail "-l exit $?"
expect_grep "pid$victim *libc.so.6 *malloc entry" "$tmp/out"
expect_grep "pid$victim *libc.so.6 *malloc return" "$tmp/out"
"$DSCOPE" -l -n "pid$victim:a.out:main:entry" >"$tmp/out" || fail "-l a.out exit $?"
expect_grep "pid$victim *sleeper *main entry" "$tmp/out"
"$DSCOPE" -q -p $victim -n 'pid$target::nanosleep:entry { @n = count(); }' >"$tmp/out" 2>"$tmp/err" ||
	fail "-p exit $?: $(cat "$tmp/err")"
grep -q '[0-9]' "$tmp/out" || fail "no count printed after the process exited: $(cat "$tmp/out")"
kill $victim 2>/dev/null
"$DSCOPE" -n 'pid999999999:::entry { }' >"$tmp/out" 2>&1; [ $? -eq 1 ] || fail "missing pid: exit $?"
expect_grep 'failed to grab process 999999999' "$tmp/out"
# kernels without the multi-uprobe link: one perf event per probe, same result
DSCOPE_NO_UPROBE_MULTI=1 "$DSCOPE" -q -n 'pid$target:a.out:work:entry { @ = count(); }' \
	-c build/progs/mallocs >"$tmp/out" 2>&1 || fail "per-probe uprobes: exit $?"
grep -q '^ *3$' "$tmp/out" || fail "per-probe uprobes: $(cat "$tmp/out")"
