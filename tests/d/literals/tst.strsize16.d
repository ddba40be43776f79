/*
 * Proves: -x strsize=16 sets sizeof (string) and truncates strings to
 * 15 characters plus the terminator.
 *
 * @@args: -q -x strsize=16
 */

BEGIN
{
	s = "abcdefghijklmnopqrstuvwxyz";
	printf("%d %s\n", sizeof (string), s);
	exit(0);
}
