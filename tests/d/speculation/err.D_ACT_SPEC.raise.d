/*
 * Proves: destructive actions may not follow speculate().
 */

#pragma D option destructive

BEGIN
{
	speculate(1);
	raise(9);
}
