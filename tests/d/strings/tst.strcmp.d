/*
 * Proves: the relational operators compare strings by content, in
 * byte (strcmp) order.
 *
 * @@args: -q
 */

BEGIN
{
	a = "apple";
	b = "banana";
	printf("%d %d %d %d\n", a < b, a > b, a <= "apple", b >= "bananas");
	printf("%d %d\n", a == "apple", a != "apple");
	printf("%d %d\n", "Z" < "a", "abc" < "abd");
	printf("%d %d\n", "" < "a", "ab" < "a");
	exit(0);
}
