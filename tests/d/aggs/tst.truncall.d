/*
 * Proves: trunc() without a count removes every entry, so printa()
 * prints nothing for it.
 *
 * @@args: -q
 */

BEGIN
{
	@b["x"] = sum(1);
	@b["y"] = sum(2);
	trunc(@b);
	printa("%s %@d\n", @b);
	printf("done\n");
	exit(0);
}
