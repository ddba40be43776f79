#!/bin/sh
# Run every test: cmocka unit tests (plain and ASan/UBSan builds) and the
# golden D tests (tests/d/**/tst.*.d with .r, err.*.d with .r) against the
# real kernel, with both the plain and the sanitizer binary.  Prints one
# line per test and ends with "N passed, N failed".
cd "$(dirname "$0")/.." || exit 2
pass=0
fail=0
failed=""
ds_ids() { bpftool prog list 2>/dev/null | sed -n 's/^\([0-9]*\): .* name ds_.*/\1/p' | sort; }
ds_before=$(ds_ids)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); failed="$failed\n  $1"; echo "FAIL: $1"; }

# ---- unit tests (TAP output from cmocka) ----
for bin in build/tests/test_* build-san/tests/test_*; do
	[ -x "$bin" ] || continue
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$bin" 2>&1)
	st=$?
	n_ok=$(printf '%s\n' "$out" | grep -c '^ok ')
	n_ko=$(printf '%s\n' "$out" | grep -c '^not ok ')
	i=0; while [ $i -lt "$n_ok" ]; do ok; i=$((i + 1)); done
	printf '%s\n' "$out" | grep '^not ok ' | while read -r l; do echo "FAIL: $bin: $l"; done
	i=0; while [ $i -lt "$n_ko" ]; do fail=$((fail + 1)); i=$((i + 1)); done
	[ "$n_ko" -gt 0 ] && failed="$failed\n  $bin"
	if [ $st -ne 0 ] && [ "$n_ko" -eq 0 ]; then ko "$bin (exit $st)"; printf '%s\n' "$out" | tail -20; fi
	echo "unit $bin: $n_ok ok, $n_ko failed"
done

# ---- golden tests ----
export DSCOPE_TEST_PROGS="$PWD/build/progs"
for dscope in ./dscope ./build-san/dscope; do
	[ -x "$dscope" ] || continue
	for d in $(find tests/d -name '*.d' | sort); do
		base=$(basename "$d" .d)
		r="${d%.d}.r"
		[ -f "$r" ] || continue
		timeout=$(sed -n 's/.*@@timeout: *\([0-9]*\).*/\1/p' "$d" | head -1)
		args=$(sed -n 's/.*@@args: *\(.*\)$/\1/p' "$d" | head -1)
		[ -n "$timeout" ] || timeout=20
		out=$(cd "$(dirname "$d")" && eval "timeout $timeout taskset -c 0 $OLDPWD/$dscope -x errtags $args -s $(basename "$d")" 2>&1; echo "exit: $?")
		# paths and process ids differ from run to run
		out=$(printf '%s\n' "$out" | sed -e "s|$OLDPWD/||g" -e 's/pid [0-9][0-9]* has exited/pid PID has exited/')
		if printf '%s\n' "$out" | diff -u "$r" - > "$tmp/golden.diff" 2>&1; then
			ok
		else
			ko "$dscope $d"
			head -30 "$tmp/golden.diff"
		fi
	done
done

# ---- command-line tests ----
for t in tests/cli/*.sh; do
	case "$t" in */lib.sh) continue ;; esac
	for dscope in ./dscope ./build-san/dscope; do
		if out=$(DSCOPE=$dscope sh "$t" 2>&1); then
			ok
			# a test that cannot run here says why
			printf '%s\n' "$out" | sed -n "s|^skip: |$t ($dscope): skipped part: |p"
		else
			ko "$t ($dscope)"; printf '%s\n' "$out" | tail -15
		fi
	done
done

# ---- fuzz corpus replay (ASan/UBSan) and a short fuzzing run ----
if [ -x build-san/fuzz/fuzz_compile ]; then
	if build-san/fuzz/fuzz_compile $(find tests/d tests/fuzz/corpus -type f ! -name '*.r') >"$tmp/fuzz.log" 2>&1; then
		ok
	else
		ko "fuzz corpus replay"; tail -20 "$tmp/fuzz.log"
	fi
fi
# the session reader: every seed session, each prefix of the small ones
if [ -x build-san/fuzz/fuzz_session ]; then
	if build-san/fuzz/fuzz_session tests/fuzz/session-corpus/* >"$tmp/fuzz.log" 2>&1; then
		ok
	else
		ko "session fuzz corpus replay"; tail -20 "$tmp/fuzz.log"
	fi
fi
# printf/printa formats and the printers: every seed, then a short run
if [ -x build-san/fuzz/fuzz_fmt ]; then
	if build-san/fuzz/fuzz_fmt tests/fuzz/fmt-corpus/* >"$tmp/fuzz.log" 2>&1; then
		ok
	else
		ko "format fuzz corpus replay"; tail -20 "$tmp/fuzz.log"
	fi
fi
if command -v clang >/dev/null 2>&1 && make -s build/fuzz/fuzz_fmt-lf >/dev/null 2>&1; then
	work=$(mktemp -d)
	if build/fuzz/fuzz_fmt-lf -max_total_time=${FUZZ_SHORT:-10} -max_len=1024 \
		"$work" tests/fuzz/fmt-corpus >"$tmp/fuzz.log" 2>&1; then
		ok
	else
		ko "short format fuzzing run"; tail -30 "$tmp/fuzz.log"
	fi
	rm -rf "$work"
fi
if command -v clang >/dev/null 2>&1 && make -s build/fuzz/fuzz_session-lf >/dev/null 2>&1; then
	work=$(mktemp -d)
	if build/fuzz/fuzz_session-lf -max_total_time=${FUZZ_SHORT:-10} -max_len=65536 \
		"$work" tests/fuzz/session-corpus >"$tmp/fuzz.log" 2>&1; then
		ok
	else
		ko "short session fuzzing run"; tail -30 "$tmp/fuzz.log"
	fi
	rm -rf "$work"
fi
if command -v clang >/dev/null 2>&1 && make -s build/fuzz/fuzz_compile-lf >/dev/null 2>&1; then
	work=$(mktemp -d)
	if build/fuzz/fuzz_compile-lf -max_total_time=${FUZZ_SHORT:-10} -dict=tests/fuzz/d.dict -max_len=4096 \
		"$work" tests/fuzz/corpus >"$tmp/fuzz.log" 2>&1; then
		ok
	else
		ko "short fuzzing run (crash input in $(ls crash-* 2>/dev/null))"; tail -30 "$tmp/fuzz.log"
	fi
	rm -rf "$work"
fi

# formatting
if command -v clang-format >/dev/null 2>&1; then
	if make -s format-check >/dev/null 2>&1; then ok; else ko "clang-format: run make format"; fi
fi

# nothing this run started may be left attached (programs present before
# the run do not count, nor those a live process holds: other dscope runs
# may share the machine, and every dscope of this run has exited by now);
# the kernel frees programs shortly after their last descriptor closes, so
# give it a moment
held_ids() { cat /proc/[0-9]*/fdinfo/* 2>/dev/null | sed -n 's/^prog_id:[[:space:]]*\([0-9]*\)$/\1/p' | sort -u; }
if command -v bpftool >/dev/null 2>&1; then
	printf '%s\n' "$ds_before" > "$tmp/ids-before"
	i=0
	while :; do
		held_ids > "$tmp/ids-held"
		left=$(ds_ids | comm -13 "$tmp/ids-before" - | comm -23 - "$tmp/ids-held" | grep -c .)
		[ "$left" -eq 0 ] || [ $i -ge 20 ] && break
		sleep 0.1
		i=$((i + 1))
	done
	if [ "$left" -eq 0 ]; then ok; else ko "bpf programs left behind: $left"; fi
fi

printf "%b\n" "${failed:+failed:$failed}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
