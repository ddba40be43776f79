/*
 * Proves: #pragma D option destructive allows destructive actions as -w
 * does; out of quiet mode the command's output follows the probe's line.
 */
#pragma D option destructive

BEGIN
{
	system("echo %s", "from the shell");
	exit(0);
}
