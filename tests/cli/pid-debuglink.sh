# pid provider in a stripped binary: a static function is found through
# its separate debug file (objcopy --only-keep-debug, --add-gnu-debuglink),
# next to the binary or in its .debug/ directory, and only when the debug
# file's CRC matches; without it the function has no probes.
. tests/cli/lib.sh
for t in cc objcopy strip; do
	command -v $t >/dev/null 2>&1 || { echo "$t not installed: skipped"; exit 0; }
done
cat >"$tmp/secret.c" <<'SRC'
static __attribute__((noinline)) int secret(int x)
{
	__asm__ volatile("" ::: "memory");
	return x * 3;
}

int main(void)
{
	int (*volatile f)(int) = secret;

	return f(14) == 42 ? 0 : 1;
}
SRC
cc -O1 -g -o "$tmp/secret" "$tmp/secret.c" || fail "cc failed"
objcopy --only-keep-debug "$tmp/secret" "$tmp/secret.debug" || fail "objcopy --only-keep-debug failed"
strip --strip-all "$tmp/secret" || fail "strip failed"
(cd "$tmp" && objcopy --add-gnu-debuglink=secret.debug secret) || fail "objcopy --add-gnu-debuglink failed"
probe='pid$target:a.out:secret:entry'
# next to the binary
"$DSCOPE" -q -n "$probe { printf(\"secret(%d)\\n\", arg0); }" -c "$tmp/secret" >"$tmp/out" 2>&1 ||
	fail "traced exit $?: $(cat "$tmp/out")"
expect_grep '^secret(14)$' "$tmp/out"
# in .debug/
mkdir "$tmp/.debug" && mv "$tmp/secret.debug" "$tmp/.debug/"
"$DSCOPE" -l -n "$probe" -c "$tmp/secret" >"$tmp/out" 2>&1 || fail "-l in .debug/: exit $?: $(cat "$tmp/out")"
expect_grep ' secret entry$' "$tmp/out"
# a debug file whose CRC does not match is not the binary's
printf 'x' >>"$tmp/.debug/secret.debug"
"$DSCOPE" -l -n "$probe" -c "$tmp/secret" >"$tmp/out" 2>&1 && fail "stale debug file taken: $(cat "$tmp/out")"
# none at all
rm "$tmp/.debug/secret.debug"
"$DSCOPE" -l -n "$probe" -c "$tmp/secret" >"$tmp/out" 2>&1 && fail "found without symbols: $(cat "$tmp/out")"
exit 0
