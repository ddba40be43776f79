/*
 * Proves: a clause with only exit() prints the probe line with no data
 * in non-quiet mode.
 */

BEGIN
{
	exit(0);
}
