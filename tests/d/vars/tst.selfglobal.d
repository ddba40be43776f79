/*
 * Proves: a self-> variable and a global of the same name are distinct.
 *
 * @@args: -q
 */

BEGIN
{
	x = 1;
	self->x = 2;
	printf("%d %d\n", x, self->x);
	self->x = 0;
	printf("%d %d\n", x, self->x);
	exit(0);
}
