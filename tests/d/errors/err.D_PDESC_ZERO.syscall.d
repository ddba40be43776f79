/*
 * Proves: a syscall probe for a nonexistent system call is D_PDESC_ZERO.
 */

syscall::nosuchsyscall:entry
{
	exit(0);
}
