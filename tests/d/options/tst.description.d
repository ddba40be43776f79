/*
 * Proves: the notice for a script names it and counts probes (plural).
 */

BEGIN
{
	exit(0);
}

END
{
}
