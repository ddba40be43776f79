/*
 * Proves: tick-0 matches no probe.
 */

profile:::tick-0
{
	exit(0);
}
