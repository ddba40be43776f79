/*
 * pid offset probes: every instruction of a function is a probe named by
 * its offset in hex, and a glob in the name matches them with entry and
 * return.  sum(3) runs its loop three times; shared() jumps into sum()'s
 * ret at 0xc, so 0xc and return fire twice.  At an offset probe arg0 is
 * the first argument, and uregs[] holds the registers: at sign+0xc (the
 * ret of the positive case) rax is 1.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/returns"
 */

pid$target:a.out:sum:
{
	@[probename] = count();
}

pid$target:a.out:sign:7
{
	printf("sign(%d) is positive\n", (int)arg0);
}

pid$target:a.out:sign:c
{
	printf("sign+c: rax %d rdi %d, R_R0 is R_RAX: %d, R_PC is R_RIP: %d\n", (int)uregs[R_RAX],
	    (int)uregs[R_RDI], uregs[R_R0] == uregs[R_RAX], uregs[R_PC] == uregs[R_RIP]);
}
