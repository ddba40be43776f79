/*
 * Proves: printa() with a format prints a keyed quantize() histogram in
 * place of %@d, one per key.
 *
 * @@args: -q
 */

BEGIN
{
	@q["small"] = quantize(1);
	@q["small"] = quantize(2);
	@q["big"] = quantize(1000);
	printa("key %s:%@d\n", @q);
	exit(0);
}
