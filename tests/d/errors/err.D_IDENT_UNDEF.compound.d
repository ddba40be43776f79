/*
 * Proves: compound assignment does not declare a variable: D_IDENT_UNDEF.
 */

BEGIN
{
	total += 5;
}
