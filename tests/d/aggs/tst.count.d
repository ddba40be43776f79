/*
 * Proves: count() with no key, auto-printed at exit.
 *
 * @@args: -q
 */

BEGIN
{
	@ = count();
	@ = count();
	@ = count();
	exit(0);
}
