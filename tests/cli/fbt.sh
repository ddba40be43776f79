# fbt::FUNCTION:entry/return: where the kernel runs fentry or kprobes the
# probes fire (vfs_read from cat); where it runs neither, enabling one fails
# with one clear line naming both missing capabilities and exit status 1,
# never a crash or a silent run.  Listing works either way (the kernel's
# BTF names the functions).
. tests/cli/lib.sh
"$DSCOPE" -l -n 'fbt::vfs_read:' >"$tmp/out" || fail "list: exit $?"
expect_grep 'fbt *vmlinux *vfs_read entry' "$tmp/out"
expect_grep 'fbt *vmlinux *vfs_read return' "$tmp/out"
"$DSCOPE" -q -n 'fbt::vfs_read:entry /pid == $target/ { @e = count(); }
    fbt::vfs_read:return /pid == $target/ { @r = count(); }
    END { printa("entry %@d\n", @e); printa("return %@d\n", @r); }' \
	-c "cat /etc/hostname" >"$tmp/out" 2>"$tmp/err"
st=$?
if grep -q "runs neither fentry/fexit" "$tmp/err"; then
	[ $st -eq 1 ] || fail "refused probe: exit $st"
	[ "$(wc -l < "$tmp/out")" -eq 0 ] || fail "output from a refused program: $(cat "$tmp/out")"
	expect_grep "probe description fbt::vfs_read:entry: this kernel runs neither fentry/fexit programs (BPF trampolines: .*) nor kprobes" "$tmp/err"
	echo "skip: $(sed -n 's/.*: this kernel/this kernel/p' "$tmp/err" | head -1)" >&2
	exit 0
fi
[ $st -eq 0 ] || fail "exit $st: $(cat "$tmp/err")"
expect_grep '^entry [1-9]' "$tmp/out"
expect_grep '^return [1-9]' "$tmp/out"
