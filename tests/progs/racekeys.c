/*
 * racekeys.c - threads that make the same new aggregation keys at the same
 * moment, for tests/cli/agg-race.sh: NTHREADS threads, each on its own CPU
 * where it can, wait for each other, then call getpgid(BASE + i) for
 * i = 0 .. KEYS-1 in step, so that CPUs race to insert each key.
 * Usage: racekeys [KEYS [NTHREADS]]  (defaults 20000, 2)
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BASE (1L << 30)

static long keys;
static pthread_barrier_t go;

static void *run(void *arg)
{
	long cpu = (long)arg;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET((int)(cpu % sysconf(_SC_NPROCESSORS_ONLN)), &set);
	sched_setaffinity(0, sizeof(set), &set);
	pthread_barrier_wait(&go);
	for (long i = 0; i < keys; i++)
		syscall(SYS_getpgid, BASE + i);
	return NULL;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 2;
	pthread_t t[64];

	keys = argc > 1 ? atol(argv[1]) : 20000;
	if (keys < 1 || n < 1 || n > 64)
		return 2;
	pthread_barrier_init(&go, NULL, (unsigned)n);
	for (long i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, run, (void *)i))
			return 1;
	for (long i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return 0;
}
