/*
 * Proves: self-> thread-local variables persist across clauses of the
 * same thread and read as 0 after being set to 0.
 *
 * @@args: -q
 */

BEGIN
{
	self->x = 42;
}

BEGIN
{
	self->x++;
	printf("%d\n", self->x);
	self->x = 0;
	printf("%d\n", self->x);
	exit(0);
}
