/*
 * Proves: a leading-zero (octal) constant with the digit 9 is D_INT_DIGIT.
 */

BEGIN
{
	x = 09;
}
