/*
 * Proves: speculate() may not follow speculate() in a clause.
 */

BEGIN
{
	speculate(1);
	speculate(1);
}
