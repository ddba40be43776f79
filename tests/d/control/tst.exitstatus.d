/*
 * Proves: the argument of exit() becomes dscope's exit status.
 *
 * @@args: -q
 */

BEGIN
{
	exit(3);
}
