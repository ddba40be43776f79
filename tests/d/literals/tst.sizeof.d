/*
 * Proves: sizeof of the basic D types and of expressions.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d %d %d\n", sizeof (char), sizeof (short), sizeof (int),
	    sizeof (long), sizeof (long long));
	printf("%d %d %d %d\n", sizeof (int8_t), sizeof (uint16_t),
	    sizeof (int32_t), sizeof (uint64_t));
	x = 1;
	printf("%d %d\n", sizeof (x), sizeof x);
	printf("%d %d\n", sizeof ((char)1), sizeof (1L));
	exit(0);
}
