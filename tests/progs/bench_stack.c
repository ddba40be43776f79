/*
 * bench_stack.c - a stack-heavy workload for make bench: N calls of
 * target() at the bottom of DEPTH recursive frames, printing the
 * nanoseconds per call.  Built with frame pointers (target() sets one up:
 * it calls sink()), so frame-pointer walking and DWARF unwinding both see
 * the whole stack and compare like with like.  Prints the nanoseconds per
 * call and its own CPU seconds (user + system: a tracer's CPU time is the
 * rest of what `time` reports for it).
 * Usage: bench_stack [N [DEPTH [CPU]]]  (CPU: run pinned to it; a tracer
 * started on "taskset ... bench_stack" would see taskset's functions)
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

__attribute__((noinline)) void sink(long i);
__attribute__((noinline)) void target(long i);
__attribute__((noinline)) void deep(int d, long i);

__attribute__((noinline)) void sink(long i)
{
	__asm__ volatile("" : : "r"(i) : "memory");
}

__attribute__((noinline)) void target(long i)
{
	sink(i);
	__asm__ volatile("" : : : "memory");
}

__attribute__((noinline)) void deep(int d, long i)
{
	if (d > 0)
		deep(d - 1, i);
	else
		target(i);
	/* not a tail call: every level keeps its frame */
	__asm__ volatile("" : : : "memory");
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int depth = argc > 2 ? atoi(argv[2]) : 10;
	struct timespec a, b;
	struct rusage ru;

	if (argc > 3) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(atoi(argv[3]), &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (long i = 0; i < n; i++)
		deep(depth, i);
	clock_gettime(CLOCK_MONOTONIC, &b);
	getrusage(RUSAGE_SELF, &ru);
	printf("%.1f %.6f\n", ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / (double)n,
	       (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
		   (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
	return 0;
}
