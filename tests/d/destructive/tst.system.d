/*
 * Proves: system() runs the formatted command through the shell, its output
 * lands in order with the other records, and an interpolated string is
 * one quoted word, never shell syntax.
 *
 * @@args: -w
 */
#pragma D option quiet

BEGIN
{
	printf("before\n");
	system("echo hello %s %d; echo second", "world; echo injected", 42);
	system("printf '<%%s>' %s %s %s", "it's", "a b", "plain");
	printf("\nafter\n");
	exit(0);
}
