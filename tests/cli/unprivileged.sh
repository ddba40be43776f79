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
