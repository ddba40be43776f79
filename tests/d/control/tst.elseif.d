/*
 * Proves: an else-if chain picks exactly one branch for each value, and
 * braces and bare statements mix freely.
 *
 * @@args: -q
 */

BEGIN
{
	i = 0;
}

tick-1ms
/i < 5/
{
	if (i == 0) {
		printf("%d zero\n", i);
	} else if (i == 1)
		printf("%d one\n", i);
	else if (i < 4) {
		if (i % 2 == 0)
			printf("%d even\n", i);
		else
			printf("%d odd\n", i);
	} else {
		printf("%d big\n", i);
	}
	i++;
}

tick-1ms
/i == 5/
{
	exit(0);
}
