/*
 * substr() with dtrace's index and length rules: a negative index counts
 * from the end, a start before the beginning shortens the length, a
 * negative length leaves bytes off the end, an index past the end gives "".
 *
 * @@args: -q
 */

BEGIN
{
	s = "hello world";
	printf("[%s] [%s] [%s] [%s]\n", substr(s, 6), substr(s, 0, 5), substr(s, -5), substr(s, -5, 2));
	printf("[%s] [%s] [%s] [%s]\n", substr("hello", 1, -1), substr("hello", 10), substr("hello", -10, 7),
	    substr("hello", 2, 0));
	printf("[%s] [%s] [%s]\n", substr("hello", -10, 3), substr("hello", 4, -3), substr("hello", 5));
	exit(0);
}
