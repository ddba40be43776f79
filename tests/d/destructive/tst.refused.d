/*
 * Proves: a program with a destructive action compiles but is refused when
 * its probes are enabled, without -w or the destructive option, in
 * dtrace's words.
 */

BEGIN
{
	system("echo never run");
	exit(0);
}
