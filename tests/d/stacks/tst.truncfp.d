/*
 * printa() and trunc() on a stack-keyed aggregation kept in the kernel
 * (frame-pointer stacks are stack ids): the same layout and the same
 * result as for DWARF stacks kept in user space (tst.trunc.d).
 *
 * @@args: -x ustackmode=fp -c "$DSCOPE_TEST_PROGS/chain-fp -n 3"
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
