/*
 * Proves: out of quiet mode a committed record prints under its own probe,
 * and a clause that only commits or discards prints nothing at all.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	trace(42);
}

BEGIN
{
	commit(s);
}

BEGIN
{
	trace("end");
	exit(0);
}
