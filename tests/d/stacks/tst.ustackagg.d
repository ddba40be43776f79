/*
 * ustack() as an aggregation key: each stack printed as dtrace prints it
 * (a blank line, one frame a line indented 14 columns, module`function+off,
 * the value under the frames), the keys ordered by value.  chain has no
 * frame pointers: the frames come from DWARF unwinding.  Four frames keep
 * the C library (whose offsets vary between systems) out.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/chain -n 3"
 */

pid$target:a.out:c:entry
{
	@[ustack(4)] = count();
}
