/*
 * Proves: a predicate of string type is D_PRED_SCALAR.
 */

BEGIN
/probename/
{
	exit(0);
}
