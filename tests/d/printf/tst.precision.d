/*
 * Proves: a precision on %s truncates the string, and on %d pads with
 * zeros to the number of digits.
 *
 * @@args: -q
 */

BEGIN
{
	printf("[%.3s]\n", "abcdef");
	printf("[%5.2s]\n", "abcdef");
	printf("[%.4d]\n", 7);
	exit(0);
}
