/*
 * Makes a fixed sequence of system calls through syscall(2), then exits 0:
 *   write(1, "sysmix\n", 7)                    once, returns 7
 *   read(-1, buf, 5)                           twice, EBADF (9)
 *   readv(-1, NULL, 0)                         once, EBADF
 *   pread64(-1, buf, 5, 0)                     once, EBADF
 *   umask(077) then umask(022)                 the second returns 077 (63)
 *   chdir("/nonexistent/dscope-test")          three times, ENOENT (2)
 *   dup(-1)                                    once, EBADF
 *   getpid()                                   four times
 *   nanosleep(1ms)                             once, returns 0
 */
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
	char buf[8];
	struct timespec ts = { 0, 1000000 };

	syscall(SYS_write, 1, "sysmix\n", 7);
	for (int i = 0; i < 2; i++)
		syscall(SYS_read, -1, buf, 5);
	syscall(SYS_readv, -1, NULL, 0);
	syscall(SYS_pread64, -1, buf, 5, 0);
	syscall(SYS_umask, 077);
	syscall(SYS_umask, 022);
	for (int i = 0; i < 3; i++)
		syscall(SYS_chdir, "/nonexistent/dscope-test");
	syscall(SYS_dup, -1);
	for (int i = 0; i < 4; i++)
		syscall(SYS_getpid);
	syscall(SYS_nanosleep, &ts, NULL);
	return 0;
}
