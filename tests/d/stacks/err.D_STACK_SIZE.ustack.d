/*
 * ustack()'s depth must be a positive constant.
 */

BEGIN
{
	@[ustack(0)] = count();
}
