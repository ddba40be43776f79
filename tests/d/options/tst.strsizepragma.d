/*
 * Proves: #pragma D option strsize=8 truncates strings to 7 characters.
 *
 * @@args: -q
 */

#pragma D option strsize=8

BEGIN
{
	s = "0123456789";
	printf("%s\n", s);
	exit(0);
}
