/*
 * Proves: probename, probeprov and execname can be stored in variables
 * and printed later, also from END.
 *
 * @@args: -q
 */

BEGIN
{
	n = probename;
	p = probeprov;
	e = execname;
	printf("[%s] [%s] [%s]\n", n, p, e);
	exit(0);
}

END
{
	printf("[%s] [%s]\n", n, p);
}
