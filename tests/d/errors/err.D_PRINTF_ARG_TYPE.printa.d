/*
 * Proves: a %d conversion for a string aggregation key in printa() is
 * D_PRINTF_ARG_TYPE.
 */

BEGIN
{
	@a["k"] = count();
	printa("%d %@d\n", @a);
}
