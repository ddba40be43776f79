/*
 * Proves: system() checks its arguments against the format, like printf().
 */

BEGIN
{
	system("kill -9 %d", execname);
}
