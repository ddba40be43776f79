/*
 * The sched provider has no probe of that name: dtrace's D_PDESC_ZERO.
 */

sched:::no-such-probe
{
	exit(0);
}
