/*
 * tracepoint provider: integer fields and an indexed array field of
 * raw_syscalls:sys_enter (the syscall number and its arguments), from a
 * program that writes 6 bytes 3 times and closes fd -1 4 times.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/writes"
 */

tracepoint:raw_syscalls:sys_enter
/pid == $target && (args->id == 1 || (args->id == 3 && (int)args->args[0] == -1))/
{
	@[args->id, args->args[0], args->id == 1 ? args->args[2] : 0, (int)args->args[0]] = count();
}

tracepoint:raw_syscalls:sys_exit
/pid == $target && args->id == 3 && args->ret < 0/
{
	@ret[args->ret] = count();
}

END
{
	printa("id %d arg0 %d arg2 %d (int)arg0 %d: %@d\n", @);
	printa("close returned %d: %@d\n", @ret);
}
