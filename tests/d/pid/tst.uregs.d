/*
 * uregs[] outside the pid provider reads the thread's saved user
 * registers: at a system call's entry R_ERR (orig_rax) is the system call
 * number (getppid is 110) and rax holds -ENOSYS until it returns.  A
 * computed index reads the same registers as a constant one.
 *
 * @@args: -q -c "$DSCOPE_TEST_PROGS/getppid10"
 */

syscall::getppid:entry
/pid == $target/
{
	i = R_RAX;
	@[uregs[R_ERR], (int)uregs[R_RAX], uregs[i] == uregs[R_RAX]] = count();
}
