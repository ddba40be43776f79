/*
 * Proves: associative arrays with string keys hold string values;
 * overwriting an element replaces its value.
 *
 * @@args: -q
 */

BEGIN
{
	capital["france"] = "paris";
	capital["italy"] = "rome";
	capital["spain"] = "madrid";
	capital["italy"] = "roma";
	printf("%s %s %s\n", capital["france"], capital["italy"], capital["spain"]);
	exit(0);
}
