/*
 * Proves: an associative array keyed by (string, int) keeps separate
 * elements per tuple, and a key can be built from variables.
 *
 * @@args: -q
 */

BEGIN
{
	k = "b";
	n = 2;
	m["a", 1] = 10;
	m["a", 2] = 20;
	m[k, n] = 30;
	m[k, n] += 5;
	printf("%d %d %d %d\n", m["a", 1], m["a", 2], m["b", 2], m["b", 1]);
	exit(0);
}
