/*
 * Proves: exit() records data: it may not follow commit() either.
 */

BEGIN
{
	commit(1);
	exit(0);
}
