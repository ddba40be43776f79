/*
 * Proves: a profile-N probe fires; its provider is "profile" and its
 * name is the one written (keys printed without the racy count).
 *
 * @@args: -q
 */

profile-97
{
	@p[probeprov, probename] = count();
	exit(0);
}

END
{
	printa("%s %s\n", @p);
}
