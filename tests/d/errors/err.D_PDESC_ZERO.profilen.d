/*
 * Proves: profile-n (no number) matches no probe.
 */

profile-n
{
	exit(0);
}
