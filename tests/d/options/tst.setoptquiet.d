/*
 * Proves: setopt("quiet") in BEGIN turns on quiet mode: later trace()
 * output has no probe header.
 */

BEGIN
{
	setopt("quiet");
}

tick-1ms
{
	trace("quiet now\n");
	exit(0);
}
