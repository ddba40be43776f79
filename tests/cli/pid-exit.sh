# -p PID traces a running process and exits when it does, printing the
# aggregation; a pid that does not exist is refused.
. tests/cli/lib.sh
sleep 1 & victim=$!
"$DSCOPE" -p $victim -n 'tick-10ms { @ = count(); }' >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
expect_grep "pid $victim has exited" "$tmp/err"
[ -s "$tmp/out" ] || fail "no aggregation printed"
"$DSCOPE" -p 999999999 -n 'BEGIN{}' 2>"$tmp/err"; [ $? -eq 1 ] || fail "bad pid: exit $?"
expect_grep "failed to grab pid 999999999" "$tmp/err"
