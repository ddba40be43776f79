/*
 * The proc provider has no probe named "fork" (it is "create").
 */

proc:::fork
{
	exit(0);
}
