/*
 * Proves: an aggregation is data-recording: speculate() may not follow it.
 */

BEGIN
{
	@c = count();
	speculate(1);
}
