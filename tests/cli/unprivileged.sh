# Live tracing without privileges refuses with one clear line and exit 1;
# -e (compile only) and -h still work.
. tests/cli/lib.sh
cp "$DSCOPE" "$tmp/dscope" && chmod 755 "$tmp" "$tmp/dscope"
run() { setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/dscope" "$@"; }
run -n 'BEGIN { exit(0); }' >"$tmp/out" 2>&1; st=$?
[ $st -eq 1 ] || fail "exit status $st, expected 1"
expect_grep 'tracing needs root, or the CAP_BPF and CAP_PERFMON capabilities' "$tmp/out"
[ "$(wc -l < "$tmp/out")" -eq 1 ] || fail "more than one line: $(cat "$tmp/out")"
run -e -n 'BEGIN { exit(0); }' || fail "-e failed without privileges"
run -h >/dev/null || fail "-h failed without privileges"
# the other live forms refuse the same way, one line each
for a in "-c true" "-p 1"; do
	run $a -n 'tick-1s { exit(0); }' >"$tmp/out" 2>&1; st=$?
	[ $st -eq 1 ] || fail "$a: exit status $st, expected 1"
	[ "$(wc -l < "$tmp/out")" -eq 1 ] || fail "$a: not one line: $(cat "$tmp/out")"
done
# a session recorded as root replays without privileges (the file is 0600:
# it comes in on stdin, as a user given the file would pass it)
"$DSCOPE" -q --record "$tmp/s.dscope" -n 'BEGIN { printf("hello\n"); @a[1] = count(); exit(0); }' >"$tmp/live" 2>&1 ||
	fail "record: $(cat "$tmp/live")"
run --replay - <"$tmp/s.dscope" >"$tmp/rep" 2>&1 || fail "replay without privileges: $(cat "$tmp/rep")"
cmp -s "$tmp/live" "$tmp/rep" || fail "replay differs: $(diff "$tmp/live" "$tmp/rep")"
