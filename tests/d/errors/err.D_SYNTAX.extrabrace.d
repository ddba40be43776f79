/*
 * Proves: a stray closing brace after a complete clause is a syntax error.
 */

BEGIN
{
	exit(0);
}
}
