#!/usr/sbin/dtrace -s
/*
 * execsnoop.d - which programs are started, by whom, with what arguments?
 *
 *   dscope -s scripts/execsnoop.d                  every process
 *   dscope -s scripts/execsnoop.d -c 'cmd args'    what a command starts
 *   dscope -s scripts/execsnoop.d -p PID           what a process starts
 *
 * One line per exec as it completes: the process id, its parent's, the
 * errno (0 when the new program runs) and the arguments of the new program
 * (curpsinfo->pr_psargs); a failed exec shows the path it tried and the
 * errno (2 ENOENT, 13 EACCES, 8 ENOEXEC ...).  Short-lived commands run
 * from scripts and cron, which top never catches, show here.
 */
#pragma D option quiet
#pragma D option switchrate=10hz

BEGIN
{
	printf("%7s %7s %3s %s\n", "PID", "PPID", "ERR", "ARGS");
}

proc:::exec
/$target == 0 || progenyof($target)/
{
	self->path = args[0];
	self->exec = 1;
}

proc:::exec-success
/$target == 0 || progenyof($target)/
{
	printf("%7d %7d %3d %s\n", pid, ppid, 0, curpsinfo->pr_psargs);
	self->exec = 0;
}

proc:::exec-failure
/self->exec/
{
	printf("%7d %7d %3d %s\n", pid, ppid, arg0, self->path);
	self->exec = 0;
}
