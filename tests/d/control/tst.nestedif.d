/*
 * Proves: nested if statements without braces bind else to the nearest if.
 *
 * @@args: -q
 */

BEGIN
{
	a = 1;
	b = 0;
	if (a)
		if (b)
			printf("a and b\n");
		else
			printf("a not b\n");
	exit(0);
}
