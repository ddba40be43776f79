/*
 * forker.c - process lifecycle events a known number of times, for the proc
 * provider's tests: forks 3 children (one exits with 7, one execs
 * /bin/true, one kills itself with SIGKILL), waits for them, starts and
 * joins one thread.  Usage: forker
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t t;

	for (int i = 0; i < 3; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			if (i == 0)
				_exit(7);
			if (i == 1) {
				execl("/bin/true", "true", (char *)NULL);
				_exit(127);
			}
			kill(getpid(), SIGKILL);
		}
		waitpid(pid, NULL, 0);
	}
	pthread_create(&t, NULL, thread, NULL);
	pthread_join(t, NULL);
	return 0;
}
