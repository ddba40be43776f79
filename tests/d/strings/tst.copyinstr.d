/*
 * copyinstr() reads a string from the traced process: the path cat opens
 * (a predicate comparing it with a constant), and its length.
 *
 * @@args: -q -c "cat /dev/null"
 */

syscall::openat:entry
/pid == $target && copyinstr(arg1) == "/dev/null"/
{
	printf("%s %d\n", copyinstr(arg1), strlen(copyinstr(arg1)));
	printf("%s\n", copyinstr(arg1, 4));
}
