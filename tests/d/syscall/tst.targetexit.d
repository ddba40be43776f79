/*
 * Proves: with -c, dscope stops when the target exits and END runs; the
 * exit status is 0 even though the target exited with 7.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/openfail
 */

END
{
	printf("end\n");
}
