/*
 * gated.c - known work between two gates, for tests that attach with -p:
 * with -w it prints "ready" once its libraries are mapped and waits for a
 * line on stdin, does the work, prints "done" and waits for end of input
 * before exiting, so a tracer sees the whole work and can stop while the
 * process still lives.  Without -w it only does the work.
 *
 * Usage: gated [-w] malloc|spin|sleep
 *   malloc  main -> load() -> grow() -> malloc(): 3 times 300000 bytes and
 *           5 times 1000 bytes, each freed at once
 *   spin    main -> outer() -> inner(), a busy loop of 300 million
 *           iterations, no system calls
 *   sleep   main -> nap() -> nanosleep(), 5 sleeps of 2 ms
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

__attribute__((noinline)) long grow(size_t size);
__attribute__((noinline)) long load(void);
__attribute__((noinline)) long inner(long n);
__attribute__((noinline)) long outer(long n);
__attribute__((noinline)) long nap(int n);

__attribute__((noinline)) long grow(size_t size)
{
	char *volatile p = malloc(size);
	long r;

	p[0] = 1;
	r = p[0];
	free(p);
	return r;
}

__attribute__((noinline)) long load(void)
{
	long n = 0;

	for (int i = 0; i < 3; i++)
		n += grow(300000);
	for (int i = 0; i < 5; i++)
		n += grow(1000);
	return n == 8;
}

__attribute__((noinline)) long inner(long n)
{
	volatile long acc = 0;

	for (long i = 0; i < n; i++)
		acc += i;
	return acc;
}

__attribute__((noinline)) long outer(long n)
{
	/* used after the call: not a tail call, outer keeps its frame */
	long r = inner(n);

	return (r ^ n) != 0;
}

__attribute__((noinline)) long nap(int n)
{
	struct timespec ts = { 0, 2000000 };
	long ok = 1;

	for (int i = 0; i < n; i++)
		ok &= nanosleep(&ts, NULL) == 0;
	return ok;
}

int main(int argc, char **argv)
{
	char line[16];
	int wait = argc > 2 && strcmp(argv[1], "-w") == 0;
	const char *what = argv[argc - 1];
	long ok;

	if (wait) {
		printf("ready\n");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return 1;
	}
	if (strcmp(what, "malloc") == 0)
		ok = load();
	else if (strcmp(what, "spin") == 0)
		ok = outer(300000000);
	else if (strcmp(what, "sleep") == 0)
		ok = nap(5);
	else
		return 2;
	if (wait) {
		printf("done\n");
		fflush(stdout);
		while (fgets(line, sizeof(line), stdin))
			;
	}
	return ok ? 0 : 1;
}
