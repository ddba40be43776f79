# Carrying aggregations over a program swap, driven in tmux on real probes:
# with :carry on, a predicate typed at the prompt swaps the program and the
# counts go on from where they were instead of restarting; a drill-down and
# Esc back restart the parent with its counts kept; with :carry off a
# predicate starts them from zero again (so the checks above can fail).
# Polls for markers, never sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-carry
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

# the setting: off at first, a bad argument refused, on; help shows it
T send-keys ':' 'carry' Enter
wait_for 'carry off: after a /PRED/ the aggregations start from zero'
T send-keys ':' 'carry maybe' Enter
wait_for 'usage: :carry on|off'
T send-keys C-u 'carry on' Enter
wait_for 'carry on: after a /PRED/'
T send-keys '?'
wait_for 'dscope keys'
# (taller than the terminal: the help scrolls; End shows its last lines)
T send-keys End
wait_for ':carry on|off .*(now on)'
T send-keys x
wait_gone 'dscope keys'

# a predicate with carry on: the program is swapped, the count of read does
# not restart (the screen that shows the message shows the new program's
# first numbers) and goes on growing; the rows the predicate leaves out
# stay with their carried counts
at_least read 150
c0=$(count read)
T send-keys ':' '/pid == $target && probefunc == "read"/' Enter
wait_for 'predicate applied; aggregations carried over'
c1=$(awk '$1 == "read" { print $2; exit }' "$tmp/screen")
[ -n "$c1" ] && [ "$c1" -ge "$c0" ] || { cat "$tmp/screen"; fail "read restarted at the swap: $c0 before, $c1 after"; }
grep -q '^ close  *[0-9]' "$tmp/screen" || { cat "$tmp/screen"; fail "the carried close row is gone"; }
at_least read $((c1 + 10))

# drill down from read's row (the rows narrowed to read and its kin, the
# first selected), then Esc: the parent is restarted with its counts (only
# what happened while the child ran is missing)
c2=$(count read)
T send-keys '\' read Enter g Enter
wait_for 'Esc .*@count.* read stacks'
wait_for 'tree @count'
T send-keys Escape
wait_for 'table @count'
wait_gone 'Esc .*stacks'
wait_for '^ read '
c3=$(count read)
[ -n "$c3" ] && [ "$c3" -ge "$c2" ] || { screen; fail "read restarted on the way back: $c2 before the drill, $c3 after"; }

# carry off: the next predicate starts from zero
T send-keys ':' 'carry off' Enter
wait_for 'carry off'
T send-keys ':' '/pid == $target/' Enter
wait_for 'predicate applied; aggregations start from zero'
c4=$(awk '$1 == "read" { print $2; exit }' "$tmp/screen")
[ -z "$c4" ] || [ "$c4" -lt "$c3" ] || { cat "$tmp/screen"; fail "carry off, yet read went on: $c3 before, $c4 after"; }

T send-keys q
wait_for 'DSCOPE-EXIT=0'
screen | grep -q '^  read  *[0-9]' || fail "no final aggregation"
exit 0
