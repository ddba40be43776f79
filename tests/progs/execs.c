/*
 * execs.c - a child that fails to exec a missing file, then execs
 * /bin/true, for proc:::exec, exec-failure and exec-success.  Usage: execs
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* paths in written memory: a probe cannot fault pages in, and
		 * constants in an untouched page would read as "" */
		char missing[64], real[64];

		strcpy(missing, "/nonexistent/program");
		strcpy(real, "/bin/true");
		execl(missing, "program", (char *)0);
		execl(real, "true", (char *)0);
		_exit(127);
	}
	waitpid(pid, 0, 0);
	return 0;
}
