/*
 * Proves: #pragma D option aggsortrev prints the entries of an
 * aggregation from the largest value to the smallest.
 *
 * @@args: -q
 */

#pragma D option aggsortrev

BEGIN
{
	@a["delta"] = sum(1);
	@a["alpha"] = sum(4);
	@a["charlie"] = sum(2);
	@a["bravo"] = sum(3);
	exit(0);
}
