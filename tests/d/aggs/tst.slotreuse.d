/*
 * A keyed aggregation holds at most as many keys as -x aggsize allows
 * (here the floor, 64), but trunc() gives their slots back: 400 distinct
 * keys made 8 at a time, each batch truncated before the next, all count
 * and none is dropped.
 *
 * @@timeout: 30
 */
#pragma D option quiet
#pragma D option aggsize=1

BEGIN
{
	n = 0;
}

tick-50ms
/n < 400/
{
	@[n] = count();
	@[n + 1] = count();
	@[n + 2] = count();
	@[n + 3] = count();
	@[n + 4] = count();
	@[n + 5] = count();
	@[n + 6] = count();
	@[n + 7] = count();
	n += 8;
	@seen = count();
}

tick-50ms
/n < 400/
{
	trunc(@);
}

tick-50ms
/n >= 400/
{
	trunc(@);
	printf("%d keys made\n", n);
	printa("in %@d batches\n", @seen);
	exit(0);
}
