/*
 * Proves: execname in BEGIN is the comm of the tracing process (dscope).
 *
 * @@args: -q
 */

BEGIN
{
	printf("%s\n", execname);
	exit(0);
}
