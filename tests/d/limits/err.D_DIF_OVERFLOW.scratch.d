/*
 * A statement whose strings need more than the 30,000 bytes of per-CPU
 * scratch space (four nested strjoin() at strsize 4096) is refused,
 * naming the clause, the statement and the option to lower.
 * tst.scratchunder.d nests one less.
 */

#pragma D option strsize=4096

BEGIN
{
	s = "a";
	printf("%s\n", strjoin(strjoin(strjoin(strjoin(s, "b"), "c"), "d"), "e"));
	exit(0);
}
