/*
 * Proves: a %*d conversion with no argument for the width is D_PRINTF_DYN_PROTO.
 */

BEGIN
{
	printf("%*d\n");
}
