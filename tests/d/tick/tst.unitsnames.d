/*
 * Proves: probename of a tick probe is the name as written (tick-10hz,
 * tick-100ms); probeprov is "profile" and module and function are empty
 * (keys only, sorted with aggsortkey since the counts vary).
 *
 * @@args: -q -x aggsortkey
 */

BEGIN
{
	a = 0;
	b = 0;
}

profile:::tick-10hz
{
	@n[probeprov, probemod, probefunc, probename] = count();
	a = 1;
}

profile:::tick-100ms
{
	@n[probeprov, probemod, probefunc, probename] = count();
	b = 1;
}

tick-1ms
/a && b/
{
	exit(0);
}

END
{
	printa("[%s:%s:%s:%s]\n", @n);
}
