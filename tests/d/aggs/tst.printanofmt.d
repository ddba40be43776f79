/*
 * Proves: printa() without a format prints the default layout, once
 * explicitly and not again at exit.
 *
 * @@args: -q
 */

BEGIN
{
	@c["k"] = count();
	printa(@c);
	exit(0);
}
