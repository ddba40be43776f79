/*
 * Proves: tick-N accepts the unit suffixes ns, us, ms, msec and hz, and a
 * bare number (hertz); every one of these probes fires.
 *
 * @@args: -q
 */

tick-5000000ns	{ a = 1; }
tick-5000us	{ b = 1; }
tick-5ms	{ c = 1; }
tick-5msec	{ d = 1; }
tick-200hz	{ e = 1; }
tick-200	{ f = 1; }

tick-1ms
/a && b && c && d && e && f/
{
	printf("all fired\n");
	exit(0);
}
