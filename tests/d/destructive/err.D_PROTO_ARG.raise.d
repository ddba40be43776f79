/*
 * Proves: raise() takes a signal number.
 */

BEGIN
{
	raise("SIGKILL");
}
