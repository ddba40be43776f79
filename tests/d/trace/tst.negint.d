/*
 * Proves: a negated int constant keeps type int, so non-quiet trace()
 * prints it in the 4-byte field width (" %10d"), like a positive one.
 */

BEGIN
{
	trace(-2);
	trace(3);
	exit(0);
}
