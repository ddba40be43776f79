/*
 * Proves: probeprov and probename of a tick probe.
 *
 * @@args: -q
 */

profile:::tick-20ms
{
	printf("%s %s\n", probeprov, probename);
	exit(0);
}
