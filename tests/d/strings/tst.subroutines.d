/*
 * String subroutines: strjoin, lltostr (signs, zero, the extremes),
 * toupper, tolower and stringof of a string.
 *
 * @@args: -q
 */

BEGIN
{
	s = strjoin("foo", "bar");
	printf("[%s] [%s]\n", s, strjoin(s, lltostr(42)));
	printf("[%s] [%s] [%s] [%s]\n", lltostr(-1234), lltostr(0), lltostr(9223372036854775807),
	    lltostr(-9223372036854775807 - 1));
	printf("[%s] [%s]\n", toupper("hello, World! 123"), tolower("ABC def"));
	printf("[%s] %d\n", stringof(s), strlen(strjoin("", "")));
	exit(0);
}
