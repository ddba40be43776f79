/*
 * Proves: this-> clause-local variables work within a clause and may be
 * shared by later clauses for the same probe firing.
 *
 * @@args: -q
 */

BEGIN
{
	this->a = 3;
	this->b = this->a * 4;
	printf("%d %d\n", this->a, this->b);
}

BEGIN
{
	printf("%d\n", this->b + 1);
	exit(0);
}
