/*
 * Proves: a statement whose strings take just under the 30,000 bytes of
 * per-CPU scratch space (three nested strjoin() at strsize 4096) is not
 * refused and runs.  err.D_DIF_OVERFLOW.scratch.d nests one more.
 *
 * @@args: -q
 */

#pragma D option strsize=4096

BEGIN
{
	s = "a";
	printf("%s\n", strjoin(strjoin(strjoin(s, "b"), "c"), "d"));
	exit(0);
}
