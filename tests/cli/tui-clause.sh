# A clause typed at the interface's prompt joins the running program: its
# aggregation opens as a view of its own, shown at once, beside the views
# already there (which keep their selection, their sort and their counts);
# a clause that does not compile shows its error with a caret and the
# running program goes on.  Polls for markers, never sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-clause
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
cat > "$tmp/run.sh" <<R
HOME="$tmp" "$DSCOPE" -n 'syscall:::entry /pid == \$target/ { @[probefunc] = count(); }' -c "sh $tmp/wl.sh"
echo DSCOPE-EXIT=\$?
R
T new-session -d -x 120 -y 40 sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'table @count'
wait_for '^ read '
# sort the table by its key: the state it keeps across the swap
T send-keys '<'
wait_for 'probefunc▲\|probefunc▼'
# the count of read so far (let it reach 150, a few seconds' worth, so that
# a restart from zero would show): it goes on after the clause joins
at_least read 150
c0=$(count read)
T send-keys : 'syscall::read:return /pid == $target/ { @bytes = quantize(arg0); }' Enter
wait_for 'clause added'
wait_for 'histogram @bytes'
grep -q ' 2 @bytes ' "$tmp/screen" || { cat "$tmp/screen"; fail "no tab for the new view"; }
# the read(2)s of `read x < /dev/null` return 0: the histogram's 0 row
wait_for '^ *0 [│|] .* [1-9][0-9]* '
T send-keys 1
wait_for 'table @count'
grep -q 'probefunc▲\|probefunc▼' "$tmp/screen" || { cat "$tmp/screen"; fail "the table lost its sort"; }
wait_for '^ read '
c1=$(awk '$1 == "read" { print $2; exit }' "$tmp/screen")
[ -n "$c1" ] && [ "$c1" -ge "$c0" ] || { cat "$tmp/screen"; fail "read's count restarted: $c0 then $c1"; }
# a clause with an error: the caret, and the program still runs
T send-keys : 'syscall::write:entry { @w = count(; }' Enter
wait_for '\^'
grep -q 'line 3: syntax error near' "$tmp/screen" || { cat "$tmp/screen"; fail "no error with its line"; }
grep -q '│ running' "$tmp/screen" || { cat "$tmp/screen"; fail "the program stopped"; }
T send-keys Escape
wait_for ' 2 @bytes '
T send-keys q
wait_for 'DSCOPE-EXIT=0'
exit 0
