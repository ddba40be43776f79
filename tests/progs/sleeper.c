/*
 * sleeper.c - goes off CPU a known number of times: N (default 5) sleeps of
 * 2 ms, for the sched provider's tests.  Usage: sleeper [N]
 */
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 5;
	struct timespec ts = { 0, 2000000 };

	for (int i = 0; i < n; i++)
		nanosleep(&ts, NULL);
	return 0;
}
