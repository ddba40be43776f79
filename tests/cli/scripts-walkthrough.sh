# The walkthrough's five steps as shipped scripts (WALKTHROUGH.md), in batch
# mode against test programs whose system calls and allocations are known:
# exact counts, sizes and flows where the program fixes them, structure
# (rows, histograms, frames) where the kernel or the clock decides.
. tests/cli/lib.sh
. tests/cli/scripts.inc

# ---- step 1: syscall counts ----
"$DSCOPE" -s scripts/syscall-count.d -c "$P/writes" >"$tmp/out" 2>"$tmp/err" || fail "count -c: exit $?: $(cat "$tmp/err")"
expect_grep '^PROCESS  *SYSCALL  *COUNT$' "$tmp/out"
expect_grep '^writes  *write  *3$' "$tmp/out"
# close(-1) 4 times, and the loader's closes
n=$(awk '$2 == "close" { print $3 }' "$tmp/out")
[ "$n" -ge 4 ] || fail "closes: $(cat "$tmp/out")"
# by name, system-wide: a copy of writes under a name no other test uses
name=dsw$$
cp $P/writes "$tmp/$name"
"$DSCOPE" -s scripts/syscall-count.d -n 'BEGIN { printf("tracing\n"); }' "$name" >"$tmp/out" 2>"$tmp/err" &
ds=$!
wait_for tracing "$tmp/out"
"$tmp/$name" >/dev/null
"$tmp/$name" >/dev/null
kill -INT $ds
wait $ds || fail "count by name: exit $?: $(cat "$tmp/err")"
expect_grep "^$name  *write  *6\$" "$tmp/out"
awk -v n="$name" 'NR > 2 && NF == 3 && $1 != n { exit 1 }' "$tmp/out" || fail "other processes counted: $(cat "$tmp/out")"
if command -v top >/dev/null 2>&1; then
	"$DSCOPE" -s scripts/syscall-count.d -c "top -b -d 0.1 -n 3" >"$tmp/out" 2>"$tmp/err" || fail "count top: exit $?"
	for f in openat read close; do
		expect_grep "^top  *$f  *[0-9][0-9]*\$" "$tmp/out"
	done
fi

# ---- step 2: on-CPU time per syscall, "- all syscalls -" and "- total -" ----
"$DSCOPE" -s scripts/syscall-time.d -c "$P/sleeper 3" >"$tmp/out" 2>"$tmp/err" || fail "time: exit $?: $(cat "$tmp/err")"
expect_grep '^SYSCALL  *COUNT  *ON-CPU (ns)  *WALL (ns)$' "$tmp/out"
expect_grep '^clock_nanosleep  *3  *[0-9]*  *[0-9]*$' "$tmp/out"
# the all-syscalls row adds up the others: calls, on-CPU and wall time
awk '/^- all syscalls -/ { c = $5; o = $6; w = $7; next }
     /^- total -/ { t = $5; next }
     NR > 1 && NF == 4 { sc += $2; so += $3; sw += $4 }
     END { exit !(c == sc && o == so && w == sw && sc > 0 && t > 0) }' "$tmp/out" ||
	fail "all syscalls is not the sum, or no total: $(cat "$tmp/out")"
# sorted by on-CPU time
awk 'NR > 1 && NF == 4 { if ($3 < last) exit 1; last = $3 }' "$tmp/out" || fail "not sorted: $(cat "$tmp/out")"
if command -v top >/dev/null 2>&1; then
	"$DSCOPE" -s scripts/syscall-time.d -c "top -b -d 0.1 -n 3" >"$tmp/out" 2>"$tmp/err" || fail "time top: exit $?"
	expect_grep '^openat  *[0-9][0-9]* ' "$tmp/out"
	expect_grep '^- total -  *0  *[1-9][0-9]*  *0$' "$tmp/out"
fi

# ---- step 3: the flow from an mmap to the munmap of its address ----
"$DSCOPE" -s scripts/mmap-flow.d -c "$P/mallocs" >"$tmp/out" 2>"$tmp/err" || fail "flow: exit $?: $(cat "$tmp/err")"
# one flow (the loader's mappings stay mapped): malloc(300000)'s mapping,
# returning through malloc, then free leading to munmap of the same address
awk '/<- mmap .* mapped 0x/ { a = $NF; m++ }
     /-> munmap .* unmaps 0x/ { u = $NF; n++ }
     /<- malloc *$/ && m && !n { r = 1 }
     /-> (c?free|__libc_free) *$/ && r && !n { f = 1 }
     /-> munmap_chunk *$/ && f && !n { c = 1 }
     END { exit !(m == 1 && n == 1 && a == u && r && f && c) }' "$tmp/out" ||
	fail "flow: $(cat "$tmp/out")"
# indented by depth: munmap_chunk is called by free, two spaces deeper
awk '/-> (c?free|__libc_free) *$/ { d = index($0, "->") } /-> munmap_chunk/ { exit !(index($0, "->") == d + 2) }' \
	"$tmp/out" || fail "flow indent: $(cat "$tmp/out")"

# ---- step 4: which allocations map ----
"$DSCOPE" -s scripts/malloc-mmap.d -c "$P/mallocs" >"$tmp/out" 2>"$tmp/err" || fail "mmap: exit $?: $(cat "$tmp/err")"
cat >"$tmp/want" <<'END'
MALLOC        CALLS
mapped            1
no map            3

  no map                                            
           value  ------------- Distribution ------------- count    
               8 |                                         0        
              16 |@@@@@@@@@@@@@                            1        
              32 |                                         0        
              64 |@@@@@@@@@@@@@                            1        
             128 |                                         0        
             256 |                                         0        
             512 |                                         0        
            1024 |                                         0        
            2048 |                                         0        
            4096 |@@@@@@@@@@@@@                            1        
            8192 |                                         0        

  mapped                                            
           value  ------------- Distribution ------------- count    
          131072 |                                         0        
          262144 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        
          524288 |                                         0        


END
diff -u "$tmp/want" "$tmp/out" || fail "malloc-mmap differs"
# glibc raises its mmap threshold when a mapped block is freed: of three
# 300000-byte requests only the first maps
gated malloc scripts/malloc-mmap.d
expect_grep '^mapped  *1$' "$tmp/out"
expect_grep '^no map  *7$' "$tmp/out"

# ---- step 5: the stacks behind big allocations ----
# every stack of at least 262144 bytes: malloc called from grow, load, main
gated malloc scripts/malloc-stacks.d
n=$(stacks_with "$tmp/out" '^libc.so.6`malloc$' '^gated`grow\+' '^gated`load\+' '^gated`main\+')
[ "$n" = 3 ] || fail "stacks behind 3 big mallocs: $n: $(show_stacks "$tmp/out")"
# and nothing else
n=$(awk '/^ *[0-9]+$/ { t += $1 } END { print t + 0 }' "$tmp/out")
[ "$n" = 3 ] || fail "other stacks: $(show_stacks "$tmp/out")"
# a smaller threshold as $1: the 1000-byte ones too
gated malloc scripts/malloc-stacks.d 1000
n=$(stacks_with "$tmp/out" '^libc.so.6`malloc$' '^gated`grow\+' '^gated`load\+' '^gated`main\+')
[ "$n" = 8 ] || fail "stacks behind 8 mallocs: $n: $(show_stacks "$tmp/out")"
# top: stripped, no frame pointers; stacks reach into top itself
if command -v top >/dev/null 2>&1; then
	"$DSCOPE" -s scripts/malloc-stacks.d -c "top -b -d 0.1 -n 3" 1 >"$tmp/out" 2>"$tmp/err" ||
		fail "stacks top: exit $?: $(cat "$tmp/err")"
	awk '/^ *top`/ { intop++ } /`/ { n++ } /^ *[0-9]+$/ { if (n >= 5 && intop) ok = 1; n = 0; intop = 0 }
	     END { exit !ok }' "$tmp/out" || fail "no top stack of 5 frames reaching top itself"
fi
true
