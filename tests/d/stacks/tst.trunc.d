/*
 * printa() and trunc() on a stack-keyed aggregation kept in user space
 * (DWARF stacks): printa shows both stacks, smallest value first, a blank
 * line before each; after trunc(@, 1) only the largest is left, exactly
 * as for a key kept in the kernel.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/chain -n 3"
 */
#pragma D option quiet

pid$target:a.out:c:entry
{
	@[ustack(4)] = count();
}

END
{
	printf("all:");
	printa(@);
	trunc(@, 1);
	printf("largest:");
	printa(@);
}
