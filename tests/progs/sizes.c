/* Calls getpgid(2) with arguments 1, 2, 4, ..., 1024 (11 calls, all fail
 * with ESRCH unless such a pid exists - only arg0 is used by tests). */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	for (long v = 1; v <= 1024; v *= 2)
		syscall(SYS_getpgid, 0x7fff0000L + v);
	return 0;
}
