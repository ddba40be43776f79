/*
 * Proves: * takes the field width from an argument.
 *
 * @@args: -q
 */

BEGIN
{
	printf("[%*d]\n", 6, 42);
	printf("[%-*d]\n", 6, 42);
	exit(0);
}
