/*
 * Proves: assigning 0 to an associative array element deletes it, so it
 * reads back as 0 and can be set again.
 *
 * @@args: -q
 */

BEGIN
{
	a["k"] = 7;
	a["k"] = 0;
	printf("%d\n", a["k"]);
	a["k"] = 8;
	printf("%d\n", a["k"]);
	exit(0);
}
