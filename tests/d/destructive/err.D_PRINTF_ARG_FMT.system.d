/*
 * Proves: system() takes a constant format, like printf().
 */

BEGIN
{
	system(execname);
}
