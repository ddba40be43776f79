/*
 * Proves: errno on syscall::openat:return holds ENOENT (2) for each of
 * the 5 failing opens made by the openfail program, and the target's
 * exit status does not become dscope's.
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/openfail
 */

syscall::openat:return
/pid == $target && errno != 0/
{
	@[errno] = count();
}
