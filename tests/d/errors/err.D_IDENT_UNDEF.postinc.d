/*
 * Proves: x++ does not declare x; an unassigned variable is D_IDENT_UNDEF.
 */

BEGIN
{
	n++;
}
