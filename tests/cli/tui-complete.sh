# Completion at the prompt, driven in tmux: Tab completes a command (:se
# lists seek and set, :set completes), an option after it, a probe description part by part from the
# live probe list (syscall::rea lists read, readv, readlink... under the
# prompt), a builtin and a function in the clause's body (the completed
# program compiles and runs), a function of the $target process
# (pid$target::mallo), and a file name for :open.  Polls for markers,
# never sleeps a fixed time to decide.
. tests/cli/lib.sh
tmux_name=dscope-tui-complete
. tests/cli/tmux.inc
trap 'T kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

cat > "$tmp/wl.sh" <<'W'
while :; do read x < /dev/null; sleep 0.05; done
W
echo 'BEGIN { exit(0); }' > "$tmp/prog-one.d"
cat > "$tmp/run.sh" <<R
HOME="$tmp" "$DSCOPE" -n 'syscall::read:entry /pid == \$target/ { @[probefunc] = count(); }' -c "sh $tmp/wl.sh"
echo DSCOPE-EXIT=\$?
R
T new-session -d -x 120 -y 40 sh
T send-keys "sh $tmp/run.sh" Enter
wait_for 'table @count'

# a command, then an option: the space after "set" is what makes the
# second word an option
T send-keys : se Tab
wait_for 'seek  set'
T send-keys t Tab
wait_for '^:set$'
T send-keys bufs Tab
wait_for '^:set bufsize$'
T send-keys Escape
wait_gone '^:set'

# a probe description, part by part; the candidates under the prompt
T send-keys : 'run syscall::rea' Tab
wait_for '^:run syscall::read$'
wait_for '^read  .*readlink.*readv'
# the name, then a builtin and an aggregating function in the body
T send-keys ':e' Tab
wait_for '^:run syscall::read:entry$'
T send-keys '{ @[exec' Tab
wait_for '^:run syscall::read:entry { @\[execname$'
T send-keys '] = cou' Tab
wait_for '^:run syscall::read:entry { @\[execname\] = count($'
T send-keys '); }' Enter
wait_for 'program started'
wait_for '^ execname  *COUNT'
T send-keys Escape
wait_for '^ probefunc  *COUNT'

# the functions of the $target process
T send-keys : 'run pid$target::mallo' Tab
wait_for '^:run pid.target::malloc'
wait_for '^malloc'
T send-keys Escape

# a file name
T send-keys : "open $tmp/prog-o" Tab
wait_for "^:open $tmp/prog-one.d$"
T send-keys Escape

T send-keys q
wait_for 'DSCOPE-EXIT=0'
exit 0
