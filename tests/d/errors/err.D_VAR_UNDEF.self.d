/*
 * Proves: reading self->x before any assignment is D_VAR_UNDEF.
 */

BEGIN
{
	trace(self->x);
	exit(0);
}
