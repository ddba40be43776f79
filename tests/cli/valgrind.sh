# valgrind memcheck over a handful of batch golden tests (BEGIN/END, tick,
# speculations, system(), aggregations; no uprobes): the output is still
# the golden one and memcheck reports no error, definite leaks included.
# The plain binary only (ASan and valgrind do not mix).
. tests/cli/lib.sh
command -v valgrind >/dev/null || { echo "skip: valgrind not installed"; exit 0; }
case "$DSCOPE" in *build-san*) exit 0 ;; esac
root=$PWD
for t in trace/tst.beginend aggs/tst.llquantize aggs/tst.cleartick speculation/tst.commit \
	destructive/tst.systempragma; do
	d=tests/d/$t.d
	args=$(sed -n 's/.*@@args: *\(.*\)$/\1/p' "$d" | head -1)
	out=$(cd "$(dirname "$d")" && valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--suppressions="$root/tests/valgrind.supp" --log-file="$tmp/vg.log" \
		taskset -c 0 "$root/$DSCOPE" -x errtags $args -s "$(basename "$d")" 2>&1; echo "exit: $?")
	out=$(printf '%s\n' "$out" | sed -e "s|$root/||g")
	grep -v -e '^--[0-9]*-- WARNING: unhandled eBPF command' "$tmp/vg.log" > "$tmp/vg.errors"
	[ -s "$tmp/vg.errors" ] && fail "$t: memcheck: $(head -40 "$tmp/vg.errors")"
	printf '%s\n' "$out" | diff -u "tests/d/$t.r" - > "$tmp/diff" || fail "$t under valgrind: $(head -20 "$tmp/diff")"
done
