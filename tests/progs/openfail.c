/* Tries to open a missing file exactly 5 times (ENOENT), then exits 7. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 5; i++)
		syscall(SYS_openat, AT_FDCWD, "/nonexistent/dscope-test", O_RDONLY);
	return 7;
}
