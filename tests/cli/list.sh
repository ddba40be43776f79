# -l lists probes in dtrace's columns; globs select them.
. tests/cli/lib.sh
"$DSCOPE" -l -n 'syscall::getppid:' >"$tmp/out" || fail "exit $?"
[ "$(wc -l < "$tmp/out")" -eq 3 ] || fail "expected header + 2 probes: $(cat "$tmp/out")"
expect_grep 'syscall *vmlinux *getppid entry' "$tmp/out"
expect_grep 'syscall *vmlinux *getppid return' "$tmp/out"
"$DSCOPE" -l -n 'dtrace:::BEGIN' >"$tmp/out" || fail "exit $?"
expect_grep '^ *1 *dtrace *BEGIN' "$tmp/out"
# every provider lists: the io and tracepoint providers, all probes at once
"$DSCOPE" -l -P io >"$tmp/out" || fail "exit $?"
[ "$(wc -l < "$tmp/out")" -eq 5 ] || fail "expected header + 4 io probes: $(cat "$tmp/out")"
for p in start done wait-start wait-done; do expect_grep "io *vmlinux *$p\$" "$tmp/out"; done
"$DSCOPE" -l -n 'tracepoint:sched:sched_switch' >"$tmp/out" || fail "exit $?"
expect_grep 'tracepoint *sched *sched_switch$' "$tmp/out"
"$DSCOPE" -l >"$tmp/out" || fail "exit $?"
for p in 'dtrace *BEGIN' 'syscall *vmlinux *read entry' 'sched *vmlinux *enqueue' 'proc *vmlinux *start' \
	'tracepoint *block *block_rq_issue'; do expect_grep "$p" "$tmp/out"; done
# -lv: argument types (translated, a syscall's, a tracepoint's fields)
"$DSCOPE" -lv -n 'io:::start' >"$tmp/out" || fail "exit $?"
expect_grep 'args\[0\]: bufinfo_t \*' "$tmp/out"
expect_grep 'args\[1\]: devinfo_t \*' "$tmp/out"
"$DSCOPE" -lv -n 'syscall::read:entry' >"$tmp/out" || fail "exit $?"
expect_grep 'args\[1\]: char \*' "$tmp/out"
"$DSCOPE" -lv -n 'tracepoint:sched:sched_process_exec' >"$tmp/out" || fail "exit $?"
expect_grep 'args->filename: __data_loc char\[\]' "$tmp/out"
# a description that matches nothing lists nothing and fails
"$DSCOPE" -l -n 'tracepoint:nosuch:thing' >"$tmp/out" 2>&1 && fail "expected failure"
true
