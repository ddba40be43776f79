# The mouse in the interface, driven in tmux on real probes with the
# terminal's own mouse reports (xterm's X10 encoding, which tmux passes to
# the program as typed bytes): a press selects the row under it, the wheel
# moves the selection, a press on a tab shows that view, a second press on
# the same row drills down, and a press on the breadcrumb's "Esc" goes
# back.  Polls for markers, never sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-mouse
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
# press BUTTON X Y: a press and its release at column X, line Y (0-based);
# button 0 is the left one, 64 and 65 the wheel up and down
x10() { printf '\033[M%b%b%b' "$(printf '\\%03o' $((32 + $1)))" "$(printf '\\%03o' $((33 + $2)))" \
	"$(printf '\\%03o' $((33 + $3)))"; }
press() {
	if [ "$1" -ge 64 ]; then
		T send-keys -l "$(x10 "$1" "$2" "$3")"
	else
		T send-keys -l "$(x10 "$1" "$2" "$3")$(x10 3 "$2" "$3")"
	fi
}
# dclick X Y: two presses in one write (a loaded machine must not stretch
# them past the 400 ms a double click may take)
dclick() { T send-keys -l "$(x10 0 "$1" "$2")$(x10 3 "$1" "$2")$(x10 0 "$1" "$2")$(x10 3 "$1" "$2")"; }
# selected: the text of the highlighted (reverse video) table row
selected() {
	T capture-pane -p -e | awk '{ match($0, /^(\033\[[0-9;]*m)*/); pre = substr($0, 1, RLENGTH) }
		pre ~ /\[(([0-9]*;)*)7m/ { split(substr($0, RLENGTH + 1), f, " "); print f[1]; exit }'
}
# wait_sel ROW: poll until ROW is the selected one
wait_sel() {
	i=0
	while [ "$(selected)" != "$1" ]; do
		i=$((i + 1)); [ $i -lt 150 ] || { screen; fail "row $1 is not selected (got '$(selected)')"; }
		sleep 0.2
	done
}

cat > "$tmp/run.sh" <<R
HOME="$tmp" "$DSCOPE" -n 'syscall:::entry /pid == \$target/ { @[probefunc] = count(); }' -c "sh $tmp/wl.sh"
echo DSCOPE-EXIT=\$?
R
T new-session -d -x 120 -y 40 sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'table @count'
wait_for '^ read '
# pause, so rows stay where they are drawn between the look and the press
T send-keys space
wait_for '│ PAUSED'
screen > "$tmp/s1"
# the rows start on line 3 (tabs, title, header); press the third one
row=$(awk 'NR == 6 { print $1 }' "$tmp/s1")
[ -n "$row" ] || { cat "$tmp/s1"; fail "fewer than three rows"; }
press 0 5 5
wait_sel "$row"
# the wheel: three rows down, then back up
below=$(awk 'NR == 9 { print $1 }' "$tmp/s1")
if [ -n "$below" ]; then
	press 65 5 10
	wait_sel "$below"
	press 64 5 10
	wait_sel "$row"
fi
# the log's tab: the log view shows; the table's tab brings it back
lx=$(awk 'NR == 1 { print index($0, "2 log") }' "$tmp/s1")
press 0 "$lx" 0
wait_for '^ log '
press 0 2 0
press 0 12 0
wait_for 'table @count'
# a second press on the selected row drills down into its stacks
T send-keys space
wait_for '│ running'
T send-keys g space
wait_for '│ PAUSED'
first=$(awk 'NR == 4 { print $1 }' "$(screen > "$tmp/s2"; echo "$tmp/s2")")
press 0 5 3
wait_sel "$first"
dclick 5 3
wait_for "Esc .*@count.* $first stacks"
wait_for 'tree @count'
# the breadcrumb's way back
press 0 3 1
wait_for 'table @count'
wait_gone 'Esc .*stacks'
T send-keys q
wait_for 'DSCOPE-EXIT=0'
exit 0
