/*
 * Proves: two expressions with no operator between them is a syntax error at the second.
 */

BEGIN
{
	printf("%d\n", 1 2);
}
