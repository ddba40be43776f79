/*
 * Proves: %c prints a character from an integer and %s a string.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%c%c%c\n", 72, 105, 0x21);
	printf("%s and %s\n", "this", "that");
	printf("%3c|%-3c|\n", 'x', 'y');
	exit(0);
}
