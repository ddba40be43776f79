# Bad usage exits 2 with the usage text; -h exits 0; -V names the version.
. tests/cli/lib.sh
"$DSCOPE" -K >/dev/null 2>"$tmp/err"; [ $? -eq 2 ] || fail "bad flag: exit $?"
expect_grep '^Usage: dscope' "$tmp/err"
"$DSCOPE" -h >"$tmp/out" || fail "-h exit $?"
expect_grep '^Usage: dscope' "$tmp/out"
"$DSCOPE" -V >"$tmp/out" || fail "-V exit $?"
expect_grep 'dscope' "$tmp/out"
"$DSCOPE" -x nosuchoption -n 'BEGIN{}' 2>"$tmp/err"; [ $? -eq 2 ] || fail "bad -x: exit $?"
expect_grep 'failed to set -x nosuchoption: Invalid option name' "$tmp/err"
"$DSCOPE" -s /nonexistent.d 2>"$tmp/err"; [ $? -eq 2 ] || fail "missing script: exit $?"
