/*
 * Proves: with -Z one clause may list a description that matches no
 * probe next to one that does.
 *
 * @@args: -q -Z
 */

syscall::nosuchsyscall:entry,
BEGIN
{
	printf("%s\n", probename);
	exit(0);
}
