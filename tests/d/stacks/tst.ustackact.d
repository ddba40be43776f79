/*
 * ustack() as an action: the probe's line, then the frames, then a blank
 * line, as dtrace prints a stack record.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/chain -n 1"
 */

pid$target:a.out:c:entry
{
	ustack(4);
}
