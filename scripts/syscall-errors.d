#!/usr/sbin/dtrace -s
/*
 * syscall-errors.d - which system calls fail, and with which errno?
 *
 *   dscope -s scripts/syscall-errors.d -p PID
 *   dscope -s scripts/syscall-errors.d -c 'cmd args'
 * Where opens outnumber closes, this shows the failures.
 */
#pragma D option quiet

syscall:::return
/($target == 0 || pid == $target) && errno != 0/
{
	@errs[probefunc, errno] = count();
}

END
{
	printf("%-24s %6s %10s\n", "SYSCALL", "ERRNO", "COUNT");
	printa("%-24s %6d %@10d\n", @errs);
}
