/*
 * Proves: a clause just under the verifier's budget of 1,000,000
 * instructions walked, as dscope counts them before loading (three index()
 * of variable strings at strsize 3300: at least 988,579; the kernel's
 * verifier walks 988,611), is not refused, loads and runs.
 * err.D_DIF_OVERFLOW.walk.d is the same clause at strsize 3350.
 *
 * @@args: -q
 * @@timeout: 120
 */

#pragma D option strsize=3300

BEGIN
{
	s = "dscope";
	p = "op";
	q = "sc";
	r = "pe";
	printf("%d %d %d\n", index(s, p), index(s, q), index(s, r));
	exit(0);
}
