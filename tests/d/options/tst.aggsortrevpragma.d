/*
 * Proves: #pragma D option aggsortrev reverses printa() order for a
 * keyed count(), ties broken by descending key.
 */

#pragma D option quiet
#pragma D option aggsortrev

BEGIN
{
	@c["b"] = count();
	@c["a"] = count();
	@c["c"] = count();
	@c["c"] = count();
	printa("%s %@d\n", @c);
	exit(0);
}
