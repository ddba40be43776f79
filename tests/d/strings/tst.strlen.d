/*
 * Proves: strlen() counts the bytes of a string literal, a variable and
 * the empty string.
 *
 * @@args: -q
 */

BEGIN
{
	s = "hello, world";
	printf("%d %d %d\n", strlen("abc"), strlen(s), strlen(""));
	printf("%d\n", strlen(s) + strlen("xy") * 2);
	exit(0);
}
