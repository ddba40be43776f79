/*
 * Proves: reading this->x before any assignment is D_VAR_UNDEF.
 */

BEGIN
{
	trace(this->x);
	exit(0);
}
