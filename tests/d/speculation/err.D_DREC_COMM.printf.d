/*
 * Proves: nothing that records data may follow commit().
 */

BEGIN
{
	commit(1);
	printf("x");
}
