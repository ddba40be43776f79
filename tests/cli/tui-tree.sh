# The tree view and drill-down, driven in tmux on real probes: the user
# stacks of chain's mallocs (main -> a -> b -> c -> malloc, no frame
# pointers: DWARF) show nested; collapsing, expanding and zooming change the
# screen; Enter on a syscall table's row opens that syscall's stack tree
# with a breadcrumb, and Esc returns to the table; the -c command's output
# lands in the log view.  Polls for markers,
# never sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-tree
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
P=$(pwd)/build/progs
# ascii FILE: bars and markers as one byte each, so that awk counts columns
ascii() { LC_ALL=C.UTF-8 sed 's/[█▉▊▋▌▍▎▏▾▸]/x/g' "$1" > "$1.a" && mv "$1.a" "$1"; }
# col PATTERN FILE: the column where the first frame matching PATTERN starts
col() { awk -v p="$1" 'index($0, p) { print index($0, p); exit }' "$2"; }

cat > "$tmp/run.sh" <<R
HOME="$tmp" "$DSCOPE" -n 'pid\$target::malloc:entry { @[ustack()] = count(); }' -c "$P/chain -n 200000"
echo DSCOPE-EXIT=\$?
R
# wide enough for 40 levels
T new-session -d -x 199 -y 40 sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'tree @count'
wait_for 'chain`a+'
screen > "$tmp/top"
grep -q 'STACK (callers first)' "$tmp/top" || fail "no tree header"
# the first malloc: the screen scrolls down to it, its callers above it
T send-keys / malloc Enter
wait_for 'libc.so.6`malloc'
screen > "$tmp/leaf"
ascii "$tmp/top"; ascii "$tmp/leaf"
m=$(col 'chain`main' "$tmp/top")
a=$(awk -v m="$m" 'index($0, "chain`main") { on = 1; next }
     on && index($0, "chain`a+") > m { print index($0, "chain`a+"); exit }' "$tmp/top")
# c and b: the parent and grandparent of a malloc row (the nearest row above
# indented less), since stacks cut short under load root elsewhere too
set -- $(awk '{ c = match($0, /[A-Za-z0-9_.]+`/) } !c { next }
     { n++; col[n] = c; txt[n] = $0 }
     function up(i,   k) { for (k = i - 1; k > 0; k--) if (col[k] < col[i]) return k; return 0 }
     END { for (i = 1; i <= n; i++) if (index(txt[i], "libc.so.6`malloc")) {
             p = up(i); g = p ? up(p) : 0
             if (p && g && index(txt[p], "chain`c+") && index(txt[g], "chain`b+")) {
               print col[g], col[p], col[i]; exit } } }' "$tmp/leaf")
b=${1:-}; c=${2:-}; l=${3:-}
[ -n "$m" ] && [ -n "$a" ] && [ -n "$b" ] && [ -n "$c" ] && [ -n "$l" ] ||
	{ cat "$tmp/top" "$tmp/leaf"; fail "frames missing: main=$m a=$a b=$b c=$c malloc=$l"; }
[ "$m" -lt "$a" ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ] && [ "$c" -lt "$l" ] ||
	{ cat "$tmp/top" "$tmp/leaf"; fail "not nested: main=$m a=$a b=$b c=$c malloc=$l"; }
T send-keys Escape

# collapse main (the fifth row): its callees go; expand: they are back
T send-keys g Down Down Down Down Left
wait_for '▸ chain`main'
# (stacks cut short under load root elsewhere and may show a+ frames of
# their own: what must be gone is main's subtree, the lines below it that
# are indented deeper)
ascii "$tmp/screen"
awk -v m="$(col 'chain`main' "$tmp/screen")" 'index($0, "chain`main") { on = 1; next }
     on { c = index($0, "chain`"); if (c > m) bad = 1; exit }
     END { exit bad }' "$tmp/screen" || { cat "$tmp/screen"; fail "main collapsed but its callees shown"; }
T send-keys Right
wait_for 'chain`a+'
# zoom into main (selected again: the fifth row): it is the first row;
# Backspace zooms out
T send-keys g Down Down Down Down Enter
wait_for 'zoomed'
# (polled: a slow build under ASan draws the zoomed tree a moment later)
i=0
until screen | awk 'NR == 4' | grep -q '▾ chain`main'; do
	i=$((i + 1)); [ $i -lt 150 ] || { screen; fail "main is not the root"; }
	sleep 0.2
done
T send-keys BSpace
wait_gone 'zoomed'
# what chain prints goes to the log view, marked with its pid, not over the
# interface (the one line it prints, the sum it computed)
wait_for '│ stopped'
T send-keys 2
wait_for '^ *\[[0-9]*\] [0-9][0-9]* *$'
T send-keys q
wait_for 'DSCOPE-EXIT=0'

cat > "$tmp/run2.sh" <<R
HOME="$tmp" "$DSCOPE" -n 'syscall:::entry /pid == \$target/ { @[probefunc] = count(); }' -c "sh $tmp/wl.sh"
echo DSCOPE-EXIT2=\$?
R
T resize-window -x 120 -y 40
T send-keys clear Enter "sh $tmp/run2.sh" Enter
wait_for 'table @count'
# (read well ahead of its kin first: the loader's few pread64 calls, made
# once, could sort above it, and a drill-down into them sees no more calls)
at_least read 20
# the rows narrowed to read (and its kin) by the filter, the first selected
T send-keys '\' read Enter g Enter
wait_for 'Esc .*@count › read stacks'
wait_for 'tree @count'
grep -q "syscall::read:entry /pid == \$target/ { @\\[ustack()\\] = count(); }" "$tmp/screen" ||
	{ cat "$tmp/screen"; fail "the derived program is not shown"; }
wait_for 'all stacks'
# `d`: the tree of the last interval, its rate in the title (the loop reads
# about 30 times a second); `d` again: since start
T send-keys d
wait_for 'tree @count .* last [0-9.]*s  [1-9][0-9.]*/s  [0-9]* stack'
T send-keys d
wait_gone 'tree @count .* last [0-9.]*s'
T send-keys Escape
wait_for 'table @count'
wait_gone 'Esc .*stacks'
wait_for '^ read '
T send-keys q
wait_for 'DSCOPE-EXIT2=0'
exit 0
