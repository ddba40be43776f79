/*
 * Proves: trunc(@, 2) keeps only the two largest entries
 * (by value).
 *
 * @@args: -q
 */

BEGIN
{
	@a["one"] = sum(1);
	@a["two"] = sum(2);
	@a["three"] = sum(3);
	trunc(@a, 2);
	exit(0);
}
