/* Writes "hello\n" with write(2) 3 times to fd 1, each write of 6 bytes,
 * then calls close(-1) 4 times (EBADF), then exits 0. */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 3; i++)
		syscall(SYS_write, 1, "hello\n", 6);
	for (int i = 0; i < 4; i++)
		syscall(SYS_close, -1);
	return 0;
}
