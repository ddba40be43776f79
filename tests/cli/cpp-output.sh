# -C runs cpp with -D; -o appends output to a file.
. tests/cli/lib.sh
printf '#define GREETING "hi"\nBEGIN { printf("%%s %%d\\n", GREETING, VALUE); exit(0); }\n' > "$tmp/x.d"
"$DSCOPE" -q -C -DVALUE=7 -s "$tmp/x.d" -o "$tmp/o" || fail "exit $?"
# dtrace ends every run with a blank line
[ "$(cat "$tmp/o")" = "hi 7" ] || fail "got: $(cat "$tmp/o")"
[ "$(wc -l < "$tmp/o")" -eq 2 ] || fail "expected the closing blank line"
"$DSCOPE" -q -n 'BEGIN { printf("again\n"); exit(0); }' -o "$tmp/o" || fail "exit $?"
[ "$(sed -n 3p "$tmp/o")" = "again" ] || fail "-o did not append: $(cat "$tmp/o")"
