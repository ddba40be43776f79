/*
 * Proves: a predicate may read a variable that is first assigned in the
 * clause's own actions (actions are type-checked before the predicate);
 * it reads 0 the first time.
 *
 * @@args: -q
 */

BEGIN
/n == 0/
{
	n = 5;
	printf("%d\n", n);
	exit(0);
}
