/*
 * ustack() as an action: the probe's line, then the frames, then a blank
 * line, as dtrace prints a stack record.  fpstatic prints nothing (no
 * output of its own to interleave) and keeps frame pointers everywhere, so
 * ustackmode=auto takes the kernel's stack ids here.
 *
 * @@args: -c "$DSCOPE_TEST_PROGS/fpstatic 2"
 */

pid$target:a.out:b:entry
{
	ustack();
}
