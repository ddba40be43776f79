/*
 * Proves: -x defaultargs makes an unset $1 read as 0 and $$1 as "".
 *
 * @@args: -q -x defaultargs
 */

BEGIN
{
	printf("[%d] [%s]\n", $1, $$1);
	exit(0);
}
