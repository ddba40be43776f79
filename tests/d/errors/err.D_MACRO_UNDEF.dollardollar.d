/*
 * Proves: $$2 with only one macro argument is D_MACRO_UNDEF.
 *
 * @@args: one
 */

BEGIN
{
	printf("%s %s\n", $$1, $$2);
	exit(0);
}
