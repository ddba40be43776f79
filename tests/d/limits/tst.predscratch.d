/*
 * Proves: the scratch space a predicate's strings take is given back at
 * the end of its clause: eight clauses of one probe, each with a strjoin()
 * at strsize 4096 in its predicate, fit the 30,000 bytes (before, the
 * predicates' strings added up across the clauses and the program was
 * refused as "too large").
 *
 * @@args: -q
 */

#pragma D option strsize=4096

BEGIN
/strjoin(execname, "1") != "x"/
{
	n++;
}

BEGIN
/strjoin(execname, "2") != "x"/
{
	n++;
}

BEGIN
/strjoin(execname, "3") != "x"/
{
	n++;
}

BEGIN
/strjoin(execname, "4") != "x"/
{
	n++;
}

BEGIN
/strjoin(execname, "5") != "x"/
{
	n++;
}

BEGIN
/strjoin(execname, "6") != "x"/
{
	n++;
}

BEGIN
/strjoin(execname, "7") != "x"/
{
	n++;
}

BEGIN
/strjoin(execname, "8") != "x"/
{
	n++;
}

BEGIN
{
	printf("%d\n", n);
	exit(0);
}
