# A full disk while recording: --record onto a 64 KiB tmpfs with a
# program that records far more than that (one printf per getppid call of
# a process making 40,000 of them).  Recording stops with one message
# naming the error, tracing goes on: every printf line and the exact count
# are printed, exit 0.  The file is cut back to its last whole chunk and
# replays up to there (a prefix of what was printed live), then says the
# recording was interrupted.  A disk full before the header: the same one
# message, an empty file the reader calls empty.
. tests/cli/lib.sh
N=40000
mnt="$tmp/mnt"
mkdir "$mnt"
mount -t tmpfs -o size=64k,mode=0700 dscope-test "$mnt" 2>"$tmp/mount.err" ||
	{ echo "skip: cannot mount a tmpfs: $(cat "$tmp/mount.err")"; exit 0; }
trap 'umount "$mnt" 2>/dev/null; rm -rf "$tmp"' EXIT
PROG='syscall::getppid:entry /pid == $target/ { @ = count(); printf("call %d\n", timestamp); }'

"$DSCOPE" -q --record "$mnt/s.dscope" -o "$tmp/live.out" -n "$PROG" -c "build/progs/bench_getppid $N" \
	>/dev/null 2>"$tmp/live.err"
st=$?
[ $st -eq 0 ] || fail "recording onto a full disk: exit $st: $(cat "$tmp/live.err")"
# one message, naming the file and the error; nothing else on stderr
expect_grep "^dscope: recording to $mnt/s.dscope stopped: write: No space left on device ([0-9]* bytes kept); tracing goes on\$" \
	"$tmp/live.err"
[ "$(wc -l <"$tmp/live.err")" -eq 1 ] || fail "more than one message: $(cat "$tmp/live.err")"
# tracing went on: every call printed, the count exact
[ "$(grep -c '^call [0-9]*$' "$tmp/live.out")" -eq $N ] ||
	fail "$(grep -c '^call' "$tmp/live.out") printf lines, expected $N"
[ "$(tail -1 "$tmp/live.out" | tr -d ' ')" = $N ] || fail "count: $(tail -3 "$tmp/live.out")"
# the file holds what it says it kept: the partial chunk was cut off
kept=$(sed -n 's/.*(\([0-9]*\) bytes kept).*/\1/p' "$tmp/live.err")
size=$(wc -c <"$mnt/s.dscope")
[ "$size" -eq "$kept" ] || fail "the file has $size bytes, the message says $kept"

# the partial session replays up to where it stopped
"$DSCOPE" --replay "$mnt/s.dscope" -b >"$tmp/rep.out" 2>"$tmp/rep.err"
st=$?
[ $st -eq 1 ] || fail "replay of the partial session: exit $st: $(cat "$tmp/rep.err")"
expect_grep "^dscope: $mnt/s.dscope: the session ends at byte $size after chunk [0-9]* without its end mark" "$tmp/rep.err"
# (how far depends on the size of the chunk that did not fit: snapshots
# are larger when the consumer is slower, as under ASan)
[ "$(grep -c '^call' "$tmp/rep.out")" -lt $N ] || fail "replay: all $N lines from a partial session"
head -c "$(wc -c <"$tmp/rep.out")" "$tmp/live.out" | cmp -s - "$tmp/rep.out" ||
	fail "replay is not a prefix of the live output: $(head -c "$(wc -c <"$tmp/rep.out")" "$tmp/live.out" | diff - "$tmp/rep.out" | head -5)"

# a disk already full: the header cannot be written; tracing goes on
rm -f "$mnt/s.dscope"
head -c 1M /dev/zero >"$mnt/fill" 2>/dev/null
"$DSCOPE" -q --record "$mnt/s.dscope" -o "$tmp/full.out" \
	-n 'syscall::getppid:entry /pid == $target/ { @ = count(); }' -c build/progs/getppid10 \
	>/dev/null 2>"$tmp/full.err"
st=$?
[ $st -eq 0 ] || fail "recording onto a full disk: exit $st: $(cat "$tmp/full.err")"
expect_grep "^dscope: recording to $mnt/s.dscope stopped: write: No space left on device (0 bytes kept); tracing goes on\$" \
	"$tmp/full.err"
[ "$(wc -l <"$tmp/full.err")" -eq 1 ] || fail "more than one message: $(cat "$tmp/full.err")"
[ "$(tr -d ' \n' <"$tmp/full.out")" = 10 ] || fail "count: $(cat "$tmp/full.out")"
"$DSCOPE" --replay "$mnt/s.dscope" -b >/dev/null 2>"$tmp/rep.err" && fail "an empty session replayed"
expect_grep "^dscope: $mnt/s.dscope: the file is empty (nothing was recorded)\$" "$tmp/rep.err"
exit 0
