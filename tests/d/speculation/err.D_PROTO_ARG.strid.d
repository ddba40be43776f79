/*
 * Proves: a speculation id is an integer.
 */

BEGIN
{
	commit("one");
}
