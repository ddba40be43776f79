/*
 * Proves: -x strsize=6 makes sizeof (string) 6 and truncates strings to
 * 5 characters, in printf and in trace().
 *
 * @@args: -q -x strsize=6
 */

BEGIN
{
	s = "abcdefghij";
	printf("%d [%s]\n", sizeof (string), s);
	trace(s);
	printf("\n");
	exit(0);
}
