# Resource limits say what was lost and what to change:
# - a full aggregation map: dtrace's "N aggregation drops on CPU C", the
#   rest of the output intact;
# - maps that would take more than half the memory available are refused
#   before anything is created, in one line naming the option to lower
#   (without the check, a large aggsize woke the OOM killer); the size
#   asked here is 60% of what is available, so that a regression costs
#   memory for a moment, never the machine;
# - a size past the option's range is dtrace's "Invalid value";
# - a program past the verifier's budget is refused at compile time when
#   the code generator can count what the verifier will walk, else by the
#   verifier, in one line.
. tests/cli/lib.sh
"$DSCOPE" -q -x aggsize=4k -n 'tick-1ms { @[timestamp] = count(); } tick-300ms { printf("last line\n"); exit(0); }' \
	>"$tmp/out" 2>"$tmp/err" || fail "exit $?: $(cat "$tmp/err")"
expect_grep '^dscope: [0-9][0-9]* aggregation drops on CPU [0-9]' "$tmp/err"
expect_grep '^last line$' "$tmp/out"
[ "$(grep -c '^ *[0-9][0-9]* *1$' "$tmp/out")" -ge 64 ] || fail "aggregation not printed: $(head "$tmp/out")"

avail=$(sed -n 's/^MemAvailable: *\([0-9]*\) kB/\1/p' /proc/meminfo)
size=$((avail * 6 / 10))k
"$DSCOPE" -x aggsize=$size -n 'BEGIN { @[1] = lquantize(1, 0, 3000, 1); exit(0); }' >"$tmp/out" 2>&1
st=$?
[ $st -eq 1 ] || fail "aggsize=$size: exit $st: $(cat "$tmp/out")"
expect_grep '^dscope: could not enable tracing: the maps need [0-9]* MiB of kernel memory .*lower -x aggsize$' "$tmp/out"
[ "$(wc -l < "$tmp/out")" -eq 1 ] || fail "more than one line: $(cat "$tmp/out")"

"$DSCOPE" -b 2g -n 'BEGIN { exit(0); }' >"$tmp/out" 2>&1 && fail "-b 2g accepted"
expect_grep 'failed to set -x bufsize: Invalid value for specified option' "$tmp/out"


# a program past the verifier's budget of instructions walked, which the
# code generator can count (its loops run over variable strings): refused
# at compile time, -e included, naming the clause and the option to lower
"$DSCOPE" -e -x strsize=4096 -n 'BEGIN { s = execname; p = "op";
	printf("%d %d %d %s\n", index(s, p), rindex(s, p), index(p, s), strstr(s, p)); exit(0); }' >"$tmp/out" 2>&1
st=$?
[ $st -eq 1 ] || fail "predicted verifier limit: exit $st: $(cat "$tmp/out")"
expect_grep ': line 1: the clause at line 1:1 makes the BPF verifier walk at least [0-9,]* instructions (limit 1,000,000): lower -x strsize (now 4096)$' "$tmp/out"

# one it cannot count (the patterns are literals: it cannot tell that the
# verifier walks the searches, which an empty pattern would skip): the
# verifier refuses it, in one line with its reason and the D line (about
# 10 s of verifying, so with the plain binary only: the kernel's answer
# does not depend on the sanitizers)
case "$DSCOPE" in *build-san*) exit 0 ;; esac
"$DSCOPE" -x strsize=4096 -n 'BEGIN { s = "dscope";
	printf("%d %d %d %d %d\n", index(s, "op"), index(s, "sc"), index(s, "pe"), index(s, "co"), index(s, "ds"));
	exit(0); }' >"$tmp/out" 2>&1
st=$?
[ $st -eq 1 ] || fail "verifier limit: exit $st: $(cat "$tmp/out")"
expect_grep '^dscope: failed to enable probes: the BPF verifier refused ds_begin (line [0-9]* of the program): BPF program is too large' "$tmp/out"
[ "$(wc -l < "$tmp/out")" -eq 1 ] || fail "verifier limit: more than one line: $(cat "$tmp/out")"
