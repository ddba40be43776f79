/*
 * manykeys.c - many distinct system call arguments, for the interface's
 * benchmark (bench/bench.sh): getpgid(BASE + i % KEYS) for i = 0, 1, ...,
 * one pass over the keys as fast as it goes, then RATE calls a second
 * (every key touched every KEYS / RATE seconds) until SECS seconds have
 * passed (0: forever).  BASE is 2^30, above any pid, so every call fails
 * with ESRCH the same quick way; `@[arg0] = count()` on
 * syscall::getpgid:entry gets KEYS keys.
 * Usage: manykeys [KEYS [RATE [SECS]]]  (defaults 100000, 100000, 0)
 */
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define BASE (1L << 30)

int main(int argc, char **argv)
{
	long keys = argc > 1 ? atol(argv[1]) : 100000;
	long rate = argc > 2 ? atol(argv[2]) : 100000;
	long secs = argc > 3 ? atol(argv[3]) : 0, step = 0;
	struct timespec next;

	if (keys < 1 || rate < 100)
		return 2;
	/* after the first pass, 100 steps a second of rate / 100 calls */
	for (long i = 0;; i++) {
		syscall(SYS_getpgid, BASE + i % keys);
		if (i < keys - 1 || (i - keys + 1) % (rate / 100))
			continue;
		if (!step++)
			clock_gettime(CLOCK_MONOTONIC, &next);
		if (secs && step > secs * 100)
			break;
		next.tv_nsec += 10000000;
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	return 0;
}
