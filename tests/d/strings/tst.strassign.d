/*
 * Proves: strings copy by value: a variable assigned from another keeps
 * its value when the source changes, and can be compared to a literal.
 *
 * @@args: -q
 */

BEGIN
{
	a = "one";
	b = a;
	a = "two";
	c = b == "one" ? a : b;
	printf("%s %s %s\n", a, b, c);
	exit(0);
}
