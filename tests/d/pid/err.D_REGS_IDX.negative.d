/*
 * A negative uregs[] index is refused at compile time, as in dtrace.
 */

BEGIN
{
	trace(uregs[-1]);
	exit(0);
}
