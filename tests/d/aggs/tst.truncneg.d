/*
 * Proves: trunc(@, -n) keeps the n smallest entries.
 *
 * @@args: -q
 */

BEGIN
{
	@a["one"] = sum(1);
	@a["two"] = sum(2);
	@a["three"] = sum(3);
	@a["four"] = sum(4);
	trunc(@a, -2);
	exit(0);
}
