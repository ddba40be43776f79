# pid offset and return probes against objdump: -l lists a function's
# entry, return and one probe per instruction (the offsets objdump shows),
# and a return probe's arg0 is the offset of a ret objdump shows.
. tests/cli/lib.sh
command -v objdump >/dev/null 2>&1 || { echo "objdump not installed: skipped"; exit 0; }
prog=build/progs/returns
# sign() is written in assembly: its probes are fixed
"$DSCOPE" -l -n 'pid$target:a.out:sign:' -c $prog >"$tmp/out" || fail "-l exit $?"
awk 'NR > 1 { printf "%s ", $5 }' "$tmp/out" >"$tmp/names"
[ "$(cat "$tmp/names")" = "return entry 0 3 5 7 c d 12 13 15 " ] || fail "sign's probes: $(cat "$tmp/out")"
# main() is compiled: its instruction offsets come from objdump
objdump -d --no-show-raw-insn --disassemble=main $prog >"$tmp/dis" || fail "objdump failed"
start=$(sed -n 's/^\([0-9a-f]*\) <main>:$/\1/p' "$tmp/dis")
[ -n "$start" ] || fail "no main in $(cat "$tmp/dis")"
# offsets from main's start, in hex: of every instruction, of the rets
rel() { while read -r a; do printf '%x\n' $((0x$a - 0x$start)); done; }
sed -n 's/^ *\([0-9a-f]*\):\t.*/\1/p' "$tmp/dis" | rel >"$tmp/want"
sed -n 's/^ *\([0-9a-f]*\):\t *ret.*/\1/p' "$tmp/dis" | rel >"$tmp/rets"
"$DSCOPE" -l -n 'pid$target:a.out:main:' -c $prog >"$tmp/out" || fail "-l main exit $?"
awk 'NR > 1 && $5 != "entry" && $5 != "return" { print $5 }' "$tmp/out" >"$tmp/got"
diff "$tmp/want" "$tmp/got" >"$tmp/diff" || fail "main's offsets differ from objdump's: $(cat "$tmp/diff")"
grep -q ' main return$' "$tmp/out" || fail "main has no return probe: $(cat "$tmp/out")"
[ -s "$tmp/rets" ] || fail "objdump shows no ret in main"
"$DSCOPE" -q -n 'pid$target:a.out:main:return { printf("%x\n", arg0); }' -c $prog >"$tmp/out" 2>&1 ||
	fail "main:return exit $?: $(cat "$tmp/out")"
off=$(grep -v '^$' "$tmp/out")
grep -qx "$off" "$tmp/rets" || fail "main returned at +$off, objdump's rets: $(cat "$tmp/rets")"
# every offset of main fires with the glob, the entry too
"$DSCOPE" -q -n 'pid$target:a.out:main:* { @ = count(); }' -c $prog >"$tmp/out" 2>&1 || fail "glob exit $?"
grep -q '[0-9]' "$tmp/out" || fail "no count: $(cat "$tmp/out")"
