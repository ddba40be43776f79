/*
 * Proves: printa() with an int where the aggregation belongs is
 * D_PRINTA_AGGARG.
 */

BEGIN
{
	printa("%d\n", 1);
}
