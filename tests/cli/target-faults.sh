# The traced process exec-ing or being killed mid-run: dscope says the pid
# has exited, prints what it aggregated and exits 0.  (A pid that does not
# exist and a zombie are refused: tests/cli/pid-exit.sh.)
. tests/cli/lib.sh
# exec: the pid provider's probes belong to the image they were made in (as
# in dtrace, where fasttrap drops them at exec); the run goes on until the
# new image exits
"$DSCOPE" -n 'pid$target:libc.so.6:malloc:entry { @[execname] = count(); } tick-10ms { @t = count(); }' \
	-c "sh -c 'ls / >/dev/null; exec ls -la / >/dev/null'" >"$tmp/out" 2>"$tmp/err" || fail "exec: exit $?: $(cat "$tmp/err")"
expect_grep 'pid [0-9]* has exited' "$tmp/err"
expect_grep '^  sh  *[0-9][0-9]*$' "$tmp/out"

# -p target killed by SIGKILL mid-run
sleep 5 &
victim=$!
(sleep 0.5; kill -9 $victim) &
"$DSCOPE" -p $victim -n 'tick-10ms { @t = count(); }' >"$tmp/out" 2>"$tmp/err" || fail "-p killed: exit $?"
expect_grep "pid $victim has exited" "$tmp/err"
grep -q '^ *[0-9][0-9]*$' "$tmp/out" || fail "-p killed: no aggregation: $(cat "$tmp/out")"
wait

# -c command killed by a signal mid-run, with thousands of uprobes in it
"$DSCOPE" -n 'pid$target:libc.so.6::entry { @n = count(); }' -c "sh -c 'kill -9 \$\$'" \
	>"$tmp/out" 2>"$tmp/err" || fail "-c killed: exit $?: $(cat "$tmp/err")"
expect_grep 'pid [0-9]* has exited' "$tmp/err"
grep -q '^ *[0-9][0-9]*$' "$tmp/out" || fail "-c killed: no aggregation: $(cat "$tmp/out")"
true
