/*
 * Proves: a probe description followed by another with no comma, predicate or
 * actions is reported at the first description.
 */

BEGIN END
{
	exit(0);
}
