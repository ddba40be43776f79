# -l lists probes in dtrace's columns; globs select them.
. tests/cli/lib.sh
"$DSCOPE" -l -n 'syscall::getppid:' >"$tmp/out" || fail "exit $?"
[ "$(wc -l < "$tmp/out")" -eq 3 ] || fail "expected header + 2 probes: $(cat "$tmp/out")"
expect_grep 'syscall *vmlinux *getppid entry' "$tmp/out"
expect_grep 'syscall *vmlinux *getppid return' "$tmp/out"
"$DSCOPE" -l -n 'dtrace:::BEGIN' >"$tmp/out" || fail "exit $?"
expect_grep '^ *1 *dtrace *BEGIN' "$tmp/out"
