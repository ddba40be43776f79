/*
 * Proves: $$1 expands a macro argument as a string literal.
 *
 * @@args: -q hello
 */

BEGIN
{
	printf("%s %d\n", $$1, $$1 == "hello");
	exit(0);
}
