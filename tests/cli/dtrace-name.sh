# Invoked as dtrace (a symlink), dscope speaks as dtrace.
. tests/cli/lib.sh
ln -s "$PWD/${DSCOPE#./}" "$tmp/dtrace"
"$tmp/dtrace" -n 'BEGIN { exit(0); }' >"$tmp/out" 2>"$tmp/err" || fail "exit $?"
expect_grep "^dtrace: description 'BEGIN ' matched 1 probe" "$tmp/err"
"$tmp/dtrace" -n 'BEGIN { x = ; }' 2>"$tmp/err"; [ $? -eq 1 ] || fail "compile error exit status"
expect_grep '^dtrace: invalid probe specifier BEGIN { x = ; }: line 1: syntax error near ";"' "$tmp/err"
