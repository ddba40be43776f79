/*
 * Proves: associative arrays with integer and string keys, and that
 * an unset element reads as 0.
 *
 * @@args: -q
 */

BEGIN
{
	a[1] = 100;
	a[2] = 200;
	b["foo"] = 1;
	b["bar"] = 2;
	printf("%d %d %d\n", a[1], a[2], a[3]);
	printf("%d %d %d\n", b["foo"], b["bar"], b["baz"]);
	a[1] += 5;
	printf("%d\n", a[1]);
	exit(0);
}
