/*
 * index() and rindex() with and without a start position: a negative start
 * is 0 for index and finds nothing for rindex, a start past the end finds
 * nothing for index and is the length for rindex, the empty string is
 * found where the search starts, two empty strings match at 0.  Strings
 * and patterns longer than one 64-bit word of search state too.
 *
 * @@args: -q
 */

BEGIN
{
	printf("%d %d %d %d\n", index("foobarbaz", "barbaz"), rindex("foobarbaz", "barbaz"),
	    index("foofoofoo", "foo"), rindex("foofoofoo", "foo"));
	printf("%d %d %d %d\n", index("foofoofoo", "foo", 1), rindex("foofoofoo", "foo", 5),
	    index("foofoofoo", "foo", -4), rindex("foofoofoo", "foo", 100));
	printf("%d %d %d %d\n", index("abc", "x"), rindex("abc", "abcd"), index("abc", "a", 3),
	    rindex("abc", "a", -1));
	printf("%d %d %d %d %d\n", index("", ""), index("abc", ""), rindex("abc", ""), index("abc", "", 7),
	    rindex("abc", "", -1));
	x = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#";
	y = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#a";
	z = "xyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@#abcdefghijklmnopqrstuvwxyzABC";
	printf("%d %d %d %d %d\n", index(x, y), rindex(x, y), index(x, z), rindex(x, z), index(x, z, 24));
	printf("%d %d %d %d\n", index(x, "@#a", 63), rindex(x, "abc", 63), rindex(x, "abc"), index(probename, "GIN"));
	exit(0);
}
