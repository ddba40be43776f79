/*
 * Proves: an empty character constant is D_CHR_NULL.
 */

BEGIN
{
	x = '';
}
