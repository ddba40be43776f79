/*
 * uregs[] takes an integer index.
 */

BEGIN
{
	trace(uregs["rax"]);
	exit(0);
}
