/*
 * A pid probe name is entry, return or a hex offset.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/returns"
 */

pid$target:a.out:sign:middle
{
	exit(0);
}
