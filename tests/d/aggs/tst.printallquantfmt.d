/*
 * Proves: printa() with a format prints an llquantize() histogram.
 *
 * @@args: -q
 */

BEGIN
{
	@ll = llquantize(7, 10, 0, 2, 10);
	@ll = llquantize(70, 10, 0, 2, 10);
	printa("[%@d]\n", @ll);
	exit(0);
}
