/*
 * Proves: redeclaring a variable with another type is D_DECL_IDRED.
 */

int x;
char x;

BEGIN
{
	exit(0);
}
