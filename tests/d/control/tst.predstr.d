/*
 * Proves: predicates can compare strings and combine builtins: only the
 * clause whose probename matches runs.
 *
 * @@args: -q
 */

BEGIN,
END
/probename == "BEGIN"/
{
	printf("only %s\n", probename);
}

BEGIN,
END
/probename != "BEGIN" && probeprov == "dtrace"/
{
	printf("then %s\n", probename);
}

BEGIN
{
	exit(0);
}
