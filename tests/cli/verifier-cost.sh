# The count of instructions the verifier walks, made before loading
# (asm_cost, which refuses programs past 1,000,000 at compile time), is a
# lower bound: for programs with every kind of loop the code generator
# makes, with arguments the verifier knows (literals: it skips what they
# decide) and ones it cannot, inside branches and predicates it may decide
# and ones it cannot, never more than the kernel reports it walked
# (DSCOPE_VERIFIED prints both).  And it is close where loops dominate, or
# the compile-time refusal would come late.
. tests/cli/lib.sh
run() { # strsize program [options]
	ss=$1 prog=$2
	shift 2
	DSCOPE_VERIFIED=1 "$DSCOPE" -q -x strsize="$ss" -n "$prog" "$@" >"$tmp/out" 2>"$tmp/err" ||
		fail "exit $?: $prog: $(cat "$tmp/err")"
	grep -q 'walked by the verifier' "$tmp/err" || fail "no count: $prog: $(cat "$tmp/err")"
	awk -v p="$prog" '/walked by the verifier/ {
		for (i = 1; i <= NF; i++) { if ($(i + 1) == "counted,") c = $i; if ($(i + 1) == "walked") w = $i }
		if (c + 0 > w + 0) { print "counted " c " > walked " w " in " $2 ": " p; bad = 1 }
	} END { exit bad }' "$tmp/err" || exit 1
}
S='s = "dscope"; p = "op"; e = "";'
run 1024 "BEGIN { $S printf(\"%d %d %s\n\", index(s, p), rindex(s, p), strstr(s, p)); exit(0); }"
run 1024 'BEGIN { s = "dscope"; printf("%d %d %s\n", index(s, "op"), rindex(s, "o"), strstr(s, "c")); exit(0); }'
run 1024 "BEGIN { $S printf(\"%d %d %d\n\", index(s, \"\"), index(s, e), index(\"\", \"\")); exit(0); }"
run 1024 "BEGIN { $S printf(\"%d %d\n\", index(s, p, 2), rindex(s, p, -1)); exit(0); }"
run 512 'BEGIN { s = "a,b,c"; printf("%s %s\n", strtok(s, ","), strtok(NULL, ",")); exit(0); }'
run 512 "BEGIN { $S printf(\"%s %s %s\n\", substr(s, 1, 3), substr(s, -2), substr(\"literal\", 2)); exit(0); }"
run 512 "BEGIN { $S printf(\"%s %s %s %s\n\", toupper(s), tolower(\"ABC\"), basename(\"/a/b\"), dirname(s)); exit(0); }"
run 512 "BEGIN { $S printf(\"%d %d %s %s\n\", strlen(s), strlen(\"abc\"), lltostr(12345), lltostr(timestamp)); exit(0); }"
run 512 "BEGIN { $S t = \"dscopf\"; printf(\"%d %d %d\n\", s == t, s < t, s == \"dscope\"); exit(0); }"
run 1024 "BEGIN { $S x = 1; printf(\"%d %d\n\", x ? index(s, p) : 0, 0 ? index(s, p) : 1); exit(0); }"
run 1024 "BEGIN { $S x = 0; if (x) { y = index(s, p); } if (0) { y = index(s, p); } printf(\"%d\n\", x && index(s, p)); exit(0); }"
run 1024 "BEGIN { $S x = 1; } BEGIN /0/ { y = index(s, p); } BEGIN /x == 1/ { y = index(s, p); } BEGIN { exit(0); }"
run 256 'BEGIN { printf("%d %d\n", progenyof(1), progenyof(pid)); exit(0); }'
run 256 'BEGIN { i = speculation(); speculate(i); printf("x\n"); } BEGIN { exit(0); }'
run 256 'syscall::getppid:entry /pid == $target/ { printf("%s\n", curpsinfo->pr_psargs); }' -c build/progs/getppid10

# loops worth millions of instructions where the verifier knows it never
# goes (a clause /0/, a ternary's arm on 0): not counted, not refused
run 4096 "BEGIN { $S } BEGIN /0/ { printf(\"%d %d %d %d\n\", index(s, p), index(s, p), index(s, p), index(s, p)); }
	BEGIN { printf(\"%d\n\", 0 ? index(s, p) + index(s, p) + index(s, p) + index(s, p) : 7); exit(0); }"
grep -q '^7$' "$tmp/out" || fail "dead code: $(cat "$tmp/out")"

# close where loops dominate: the first program counts at least 99% of it
DSCOPE_VERIFIED=1 "$DSCOPE" -q -x strsize=2048 -n "BEGIN { $S printf(\"%d\n\", index(s, p)); exit(0); }" \
	>/dev/null 2>"$tmp/err" || fail "exit $?: $(cat "$tmp/err")"
awk '/walked by the verifier/ { for (i = 1; i <= NF; i++) { if ($(i + 1) == "counted,") c = $i; if ($(i + 1) == "walked") w = $i }
	if (c * 100 < w * 99) { print "counted " c " of " w " walked"; exit 1 } }' "$tmp/err" || exit 1
exit 0
