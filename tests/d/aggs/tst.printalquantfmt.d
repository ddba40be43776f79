/*
 * Proves: printa() with a format prints an lquantize() histogram after
 * the text before %@d.
 *
 * @@args: -q
 */

BEGIN
{
	@l = lquantize(3, 0, 10, 2);
	@l = lquantize(5, 0, 10, 2);
	@l = lquantize(5, 0, 10, 2);
	printa("lq =%@d\n", @l);
	printf("end\n");
	exit(0);
}
