/*
 * Proves: reading an associative array before any assignment is D_VAR_UNDEF.
 */

BEGIN
{
	trace(a["k"]);
	exit(0);
}
