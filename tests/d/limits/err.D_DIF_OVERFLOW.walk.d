/*
 * A clause the verifier would walk more than 1,000,000 instructions of
 * (three index() of variable strings at strsize 3350: at least 1,003,279)
 * is refused before loading, naming the clause and the option to lower;
 * loading it takes the kernel seconds to say "BPF program is too large".
 * tst.walkunder.d is the same clause at strsize 3300.
 */

#pragma D option strsize=3350

BEGIN
{
	s = "dscope";
	p = "op";
	q = "sc";
	r = "pe";
	printf("%d %d %d\n", index(s, p), index(s, q), index(s, r));
	exit(0);
}
