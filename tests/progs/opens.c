/*
 * opens.c - opens "/" and a missing path alternately, three times each
 * (the missing ones fail with ENOENT), for the speculation tests: only the
 * failing opens are to be committed.  Usage: opens
 */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	static const char *const paths[] = { "/", "/nonexistent/dscope-a", "/", "/nonexistent/dscope-b",
					     "/", "/nonexistent/dscope-c" };

	for (unsigned i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, paths[i], O_RDONLY);

		if (fd >= 0)
			close((int)fd);
	}
	return 0;
}
