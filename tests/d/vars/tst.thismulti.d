/*
 * Proves: this-> values are per firing: each tick firing sets this->sq
 * from the counter and a later clause of the same firing reads it.
 *
 * @@args: -q
 */

BEGIN
{
	n = 0;
}

tick-1ms
/n < 3/
{
	this->sq = n * n;
	n++;
}

tick-1ms
/n <= 3/
{
	printf("%d:%d\n", n, this->sq);
}

tick-1ms
/n == 3/
{
	exit(0);
}
