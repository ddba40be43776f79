/*
 * A tuple mixing a stack with other keys: the scalar keys in their
 * columns, then the stack on the lines below, then the value.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/chain -n 3"
 */

pid$target:a.out:c:entry
{
	@[probefunc, ustack(3), arg0] = count();
}
