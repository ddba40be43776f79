/*
 * Proves: character literals, including escape sequences, have the
 * value of the character.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d\n", 'a', 'Z', '0');
	printf("%d %d %d %d\n", '\n', '\t', '\0', '\\');
	printf("%d %d %d\n", '\'', '"', '\x41');
	printf("%d %d\n", '\101', '\a');
	printf("%c%c%c\n", 'o', 'k', '!');
	exit(0);
}
