/*
 * Proves: nspec must be a positive number of speculations.
 */

#pragma D option nspec=0

BEGIN
{
	exit(0);
}
