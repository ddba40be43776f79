# The shipped scripts compile, and run against a test program with -c,
# reporting what the program did.
. tests/cli/lib.sh
for s in scripts/*.d; do
	# the pid provider's need a process: $target
	set --
	grep -q 'pid\$target' "$s" && set -- -c build/progs/mallocs
	"$DSCOPE" -e -s "$s" "$@" 2>"$tmp/err" || fail "$s does not compile: $(cat "$tmp/err")"
done
"$DSCOPE" -s scripts/syscall-count.d -c "build/progs/bench_getppid 7" >"$tmp/out" 2>&1 || fail "count: exit $?"
expect_grep 'bench_getppid *getppid  *7$' "$tmp/out"
"$DSCOPE" -s scripts/syscall-time.d -c "build/progs/bench_getppid 9" >"$tmp/out" 2>&1 || fail "time: exit $?"
expect_grep '^getppid  *9 ' "$tmp/out"
"$DSCOPE" -s scripts/syscall-errors.d -c "build/progs/openfail" >"$tmp/out" 2>&1 || fail "errors: exit $?"
expect_grep '^openat  *2 ' "$tmp/out"
# each says what it answers: a header comment naming the script
for s in scripts/*.d; do
	sed -n 3p "$s" | grep -q "^ \* $(basename "$s") - " || fail "$s: no header comment naming it"
done
