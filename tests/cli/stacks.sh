# stack(), ustack() and the symbol functions against real processes:
# user stacks unwound from DWARF through a program without frame pointers
# (names; module+offset when stripped; names again through its debug
# link), /usr/bin/top's stacks, the kernel's syscall path, a capture cut
# short, addresses named after their process exited, unknown addresses;
# mappings known from the kernel's mmap events: a process that exits right
# after its only probe, a library mapped after the probes were attached,
# children forked and execed after dscope started; ustackmode=auto.
. tests/cli/lib.sh
P=build/progs
# has_stack OUT WANT: some stack in OUT starts with WANT's frames (one per
# line, offsets dropped)
has_stack() {
	awk 'NR == FNR { want[++nw] = $0; next }
	     /^ *[0-9]+$/ { if (n >= nw) { ok = 1; for (i = 1; i <= nw; i++) if (f[i] != want[i]) ok = 0; if (ok) found = 1 }
			    n = 0; next }
	     /^ *$/ { n = 0 }
	     /`/ { sub(/^ */, ""); sub(/\+0x[0-9a-f]*$/, ""); f[++n] = $0 }
	     END { exit !found }' "$2" "$1"
}
show() { head -40 "$1"; }
"$DSCOPE" -q -n 'pid$target::malloc:entry { @[ustack()] = count(); }' -c "$P/chain -n 300" >"$tmp/out" 2>"$tmp/err" ||
	fail "exit $?: $(cat "$tmp/err")"
printf '%s\n' 'libc.so.6`malloc' 'chain`c' 'chain`b' 'chain`a' 'chain`main' 'libc.so.6`__libc_start_call_main' \
	'libc.so.6`__libc_start_main' >"$tmp/want"
has_stack "$tmp/out" "$tmp/want" || fail "chain's stack: $(show "$tmp/out")"

# stripped: the same frames, module-relative
"$DSCOPE" -q -n 'pid$target::malloc:entry { @[ustack()] = count(); }' -c "$P/chain-stripped -n 300" >"$tmp/out" 2>&1 ||
	fail "stripped: exit $?"
printf '%s\n' 'libc.so.6`malloc' 'chain-stripped`' 'chain-stripped`' 'chain-stripped`' 'chain-stripped`' \
	'libc.so.6`__libc_start_call_main' >"$tmp/want"
has_stack "$tmp/out" "$tmp/want" || fail "stripped stack: $(show "$tmp/out")"
expect_grep 'chain-stripped`+0x[0-9a-f]' "$tmp/out"

# stripped with a .gnu_debuglink: named again from the debug file
"$DSCOPE" -q -n 'pid$target::malloc:entry { @[ustack()] = count(); }' -c "$P/chain-linked -n 300" >"$tmp/out" 2>&1 ||
	fail "linked: exit $?"
printf '%s\n' 'libc.so.6`malloc' 'chain-linked`c' 'chain-linked`b' 'chain-linked`a' 'chain-linked`main' >"$tmp/want"
has_stack "$tmp/out" "$tmp/want" || fail "debuglink stack: $(show "$tmp/out")"

# the kernel's syscall path, without the tracing machinery above it
"$DSCOPE" -q -n 'syscall::write:entry /pid == $target/ { @[stack()] = count(); }' -c "$P/writes" >"$tmp/out" 2>&1 ||
	fail "kernel: exit $?"
expect_grep '^ *vmlinux`do_syscall_64+0x' "$tmp/out"
expect_grep '^ *vmlinux`entry_SYSCALL_64' "$tmp/out"
grep -q 'bpf`\|bpf_trace_run' "$tmp/out" && fail "tracing frames in the kernel stack: $(show "$tmp/out")"

# top: stripped, no frame pointers; its stacks still reach into top itself
if command -v top >/dev/null 2>&1; then
	"$DSCOPE" -q -n 'pid$target::malloc:entry { @[ustack()] = count(); }' -c "top -b -d 0.1 -n 3" \
		>"$tmp/out" 2>"$tmp/err" || fail "top: exit $?: $(cat "$tmp/err")"
	awk '/^ *top`/ { intop++ } /^ *[^ ]+`/ { n++ } /^ *[0-9]+$/ { if (n >= 5 && intop) ok = 1; n = 0; intop = 0 }
	     END { exit !ok }' "$tmp/out" || fail "no top stack of 5 frames reaching top itself"
fi

# a capture cut short: fewer frames, marked
"$DSCOPE" -q -x ustackbytes=64 -n 'pid$target:chain:c:entry { @[ustack()] = count(); }' -c "$P/chain" \
	>"$tmp/out" 2>&1 || fail "truncated: exit $?"
expect_grep '\[truncated\]' "$tmp/out"

# addresses named after the process is gone (its mappings were read when
# it was first seen), and an address in no mapping
"$DSCOPE" -q -n 'pid$target:chain:c:entry { @[usym(uregs[R_PC]), umod(uregs[R_PC]), uaddr(uregs[R_PC])] = count(); }
    END { printa("%A %A %A %@d\n", @); }' -c "$P/chain -n 3000" >"$tmp/out" 2>&1 || fail "usym: exit $?"
expect_grep '^chain`c chain chain`c 3000$' "$tmp/out"
"$DSCOPE" -q -n 'BEGIN { trace(uaddr(0x1234)); trace(func(0)); exit(0); }' >"$tmp/out" 2>&1 || fail "unknown: exit $?"
expect_grep '0x1234' "$tmp/out"

# a process gone right after its only probe: its mappings came from the
# mmap events, not from a /proc read the consumer would be too late for
i=0
while [ $i -lt 20 ]; do
	"$DSCOPE" -q -n 'pid$target:chain:c:entry { @[usym(uregs[R_PC])] = count(); @s[ustack()] = count(); }' \
		-c "$P/chain -n 1" >"$tmp/out" 2>&1 || fail "short-lived: exit $?"
	expect_grep '^ *chain`c  *1$' "$tmp/out"
	printf '%s\n' 'chain`c' 'chain`b' 'chain`a' 'chain`main' 'libc.so.6`__libc_start_call_main' >"$tmp/want"
	has_stack "$tmp/out" "$tmp/want" || fail "short-lived run $i: $(show "$tmp/out")"
	i=$((i + 1))
done

# a library dlopen()ed after the probes were attached, then gone at once
i=0
while [ $i -lt 5 ]; do
	"$DSCOPE" -q -n 'pid$target::cb:entry { @[ustack()] = count(); }' \
		-c "$P/dlopener $P/libdsplug.so" >"$tmp/out" 2>&1 || fail "dlopen: exit $?"
	printf '%s\n' 'dlopener`cb' 'libdsplug.so`plugin_run' 'dlopener`main' >"$tmp/want"
	has_stack "$tmp/out" "$tmp/want" || fail "dlopen run $i: $(show "$tmp/out")"
	i=$((i + 1))
done

# processes forked and execed after dscope started, each gone in a few
# milliseconds: all ten stacks named (DWARF, and frame pointers)
for mode in dwarf fp; do
	"$DSCOPE" -q -x ustackmode=$mode -n 'syscall::write:entry /execname == "chain"/ { @[ustack()] = count(); }' \
		-c "sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do $P/chain -n 1 >/dev/null; done'" >"$tmp/out" 2>&1 ||
		fail "children ($mode): exit $?"
	awk '/^ *[0-9]+$/ { if (named) n += $1; named = 0 } /^ *libc.so.6`write/ { named = 1 } END { exit n != 10 }' \
		"$tmp/out" || fail "children ($mode): $(show "$tmp/out")"
done

# -x ustackmode=auto (the default): frame pointers only when every object
# keeps them.  fpstatic does (no C library): kernel stack ids
# (bpf_get_stackid, helper 27), and its frames walk right.
stackid_calls() { "$DSCOPE" -S -e -n 'pid$target::b:entry { @[ustack()] = count(); }' -c "$1" | grep -c '^ *[0-9]*: 85 0 0  *0  *27$'; }
[ "$(stackid_calls "$P/fpstatic")" -ge 1 ] || fail "auto: fpstatic keeps frame pointers, yet DWARF was chosen"
[ "$(stackid_calls "$P/chain")" -eq 0 ] || fail "auto: chain has no frame pointers, yet they were walked"
"$DSCOPE" -q -n 'pid$target::b:entry { @[ustack()] = count(); }' -c "$P/fpstatic 3" >"$tmp/out" 2>&1 ||
	fail "fpstatic: exit $?"
printf '%s\n' 'fpstatic`b' 'fpstatic`a' 'fpstatic`fp_main' 'fpstatic`_start' >"$tmp/want"
has_stack "$tmp/out" "$tmp/want" || fail "fpstatic's stack: $(show "$tmp/out")"
# chain-fp keeps them but its C library may not: a stack through libc must
# still reach main whatever auto chose (frame pointers through this
# machine's glibc stop at the first frame)
"$DSCOPE" -q -n 'syscall::write:entry /pid == $target/ { @[ustack()] = count(); }' -c "$P/chain-fp -n 3" \
	>"$tmp/out" 2>&1 || fail "chain-fp: exit $?"
expect_grep '^ *libc.so.6`__libc_start_call_main' "$tmp/out"
true
