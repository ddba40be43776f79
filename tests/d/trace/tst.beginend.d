/*
 * Proves: BEGIN is probe 1 and END probe 2; END fires after exit().
 */

BEGIN
{
	trace(1);
	exit(0);
}

END
{
	trace(2);
}
