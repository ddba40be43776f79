/*
 * inet_ntoa() and inet_ntop(AF_INET, ...) of the sockaddr_in addresses the
 * connects program passes to connect(2) (sin_addr is at offset 4; the
 * address is read from the process's memory).
 *
 * @@args: -q -c $DSCOPE_TEST_PROGS/connects
 */

syscall::connect:entry
/pid == $target/
{
	printf("%s %s\n", inet_ntoa(arg1 + 4), inet_ntop(2, arg1 + 4));
}
