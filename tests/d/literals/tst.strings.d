/*
 * Proves: string literals with escape sequences are printed with the
 * escapes interpreted.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%s|\n", "tab\there");
	printf("%s|\n", "quote\"inside\"");
	printf("%s|\n", "back\\slash");
	printf("%s|\n", "oct\101hex\x42");
	printf("%s|\n", "");
	printf("a\tb\\c\"d\n");
	exit(0);
}
