/*
 * ustack()'s string space must be a non-negative constant.
 */

BEGIN
{
	@[ustack(4, -1)] = count();
}
