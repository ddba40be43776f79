/*
 * usym(), ufunc(), umod() and uaddr() as keys and in printa: names without
 * offsets for usym and ufunc, the module alone for umod, the offset kept by
 * uaddr.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/chain -n 3"
 */
#pragma D option quiet

pid$target:a.out:c:entry
{
	@[usym(uregs[R_PC]), ufunc(uregs[R_PC]), umod(uregs[R_PC]), uaddr(uregs[R_PC] + 4)] = count();
}

END
{
	printa("%A|%A|%A|%A|%@d\n", @);
}
