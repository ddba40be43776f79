# -p PID traces a running process and exits when it does, printing the
# aggregation; a pid that does not exist is refused.
. tests/cli/lib.sh
sleep 1 & victim=$!
"$DSCOPE" -p $victim -n 'tick-10ms { @ = count(); }' >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
expect_grep "pid $victim has exited" "$tmp/err"
[ -s "$tmp/out" ] || fail "no aggregation printed"
"$DSCOPE" -p 999999999 -n 'BEGIN{}' 2>"$tmp/err"; [ $? -eq 1 ] || fail "bad pid: exit $?"
expect_grep "failed to grab pid 999999999" "$tmp/err"
# a zombie (exited, not yet reaped by its parent) cannot be traced
sh -c 'sleep 0 & exec sleep 3' &
parent=$!
i=0
while [ $i -lt 50 ]; do
	z=$(ps -o pid= -o stat= --ppid $parent 2>/dev/null | awk '$2 ~ /^Z/ { print $1; exit }')
	[ -n "$z" ] && break
	sleep 0.1
	i=$((i + 1))
done
[ -n "$z" ] || fail "no zombie to test with"
"$DSCOPE" -p "$z" -n 'BEGIN{}' 2>"$tmp/err"; [ $? -eq 1 ] || fail "zombie: exit $?"
expect_grep "failed to grab pid $z: process is a zombie" "$tmp/err"
kill $parent 2>/dev/null
true
