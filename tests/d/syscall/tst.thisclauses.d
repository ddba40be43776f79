/*
 * Proves: a this-> variable set in one clause is visible in a later
 * clause of the same probe firing (umask(077) then umask(022)).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/sysmix
 */

syscall::umask:entry
/pid == $target/
{
	this->mask = arg0;
}

syscall::umask:entry
/pid == $target/
{
	printf("mask %o doubled %o\n", this->mask, this->mask * 2);
}
