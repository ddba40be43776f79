/*
 * pid return probes fire at the returning instruction, as in dtrace: arg0
 * is its offset in the function and arg1 the value returned.  sign() has
 * three returns (ret at 0xc and 0x12, rep ret at 0x15); twice() returns by
 * a tail call (jmp to add_one() at 0x2); sum()'s backward jmp is not a
 * return.  shared() jumps into sum()'s ret: its own returns cannot be
 * placed, so its return probe is a uretprobe (arg0 0), and sum()'s ret
 * fires for it too.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/returns"
 */

pid$target:a.out:sign:return,
pid$target:a.out:add_one:return,
pid$target:a.out:sum:return,
pid$target:a.out:shared:return
{
	printf("%s+%x returns %d\n", probefunc, arg0, (int)arg1);
}

pid$target:a.out:twice:return
{
	printf("%s+%x tail-calls\n", probefunc, arg0);
}
