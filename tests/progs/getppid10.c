/* Calls getppid(2) exactly 10 times via syscall(2), then exits 0. */
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 10; i++)
		syscall(SYS_getppid);
	return 0;
}
