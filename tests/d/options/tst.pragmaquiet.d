/*
 * Proves: #pragma D option quiet suppresses the probe columns and the
 * "matched N probes" notice, like -q.
 */

#pragma D option quiet

BEGIN
{
	printf("quiet\n");
	exit(0);
}
