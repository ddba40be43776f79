/*
 * Proves: a probe description that matches no probe is D_PDESC_ZERO.
 */

nosuchprovider:::entry
{
	exit(0);
}
