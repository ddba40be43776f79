/*
 * Proves: a tick probe with a rate that does not parse matches no probe.
 */

tick-xyz
{
	exit(0);
}
