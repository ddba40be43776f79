/*
 * Proves: if / else if / else statements pick the right branch.
 *
 * @@args: -q
 */

BEGIN
{
	x = 5;
	if (x > 10)
		printf("big\n");
	else if (x > 3)
		printf("medium\n");
	else
		printf("small\n");

	if (x == 5) {
		printf("five\n");
		y = 1;
	}
	if (x != 5) {
		printf("not reached\n");
	} else {
		printf("else %d\n", y);
	}
	exit(0);
}
