/*
 * chain.c - a known call chain for the stack tests: main -> a -> b -> c,
 * and c calls malloc() in a loop.  Built -O2 -fomit-frame-pointer
 * -fno-inline, so only DWARF call-frame information can unwind it; the
 * Makefile also makes a stripped copy (chain-stripped), its debug file
 * (chain.debug) and a stripped copy linking to it (chain-linked).
 *
 * Usage: chain [-s] [-n ITER]
 *   -s       print the addresses of a, b, c and main on one line, then
 *            raise SIGSTOP inside c() at every iteration (a tracer reads the
 *            registers and stack there)
 *   -n ITER  iterations (default 1); iteration i recurses in a() i % 16
 *            times and in b() i / 16 % 16 times before c(), so up to 256
 *            distinct stacks
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int stop;

__attribute__((noinline)) long c(int n);
__attribute__((noinline)) long b(int depth, int n);
__attribute__((noinline)) long a(int depth, int bdepth, int n);

__attribute__((noinline)) long c(int n)
{
	volatile long sum = 0;

	for (int i = 0; i < n; i++) {
		char *volatile p = malloc((size_t)(16 + i * 8));

		p[0] = (char)i;
		sum += p[0];
		free(p);
	}
	if (stop)
		raise(SIGSTOP);
	return sum;
}

__attribute__((noinline)) long b(int depth, int n)
{
	volatile long local[4] = { depth, n, 0, 0 };
	long r;

	if (depth > 0)
		r = b(depth - 1, n);
	else
		r = c(n + (int)local[1] % 3);
	/* used after the call: no tail call, a real frame */
	local[2] = r;
	return local[2] + local[0];
}

__attribute__((noinline)) long a(int depth, int bdepth, int n)
{
	volatile long local[4] = { depth, bdepth, n, 0 };
	long r;

	if (depth > 0)
		r = a(depth - 1, bdepth, n);
	else
		r = b((int)local[1], n);
	local[3] = r;
	return local[3] * 2 + local[0];
}

int main(int argc, char **argv)
{
	long iter = 1, total = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-s") == 0)
			stop = 1;
		else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			iter = atol(argv[++i]);
	}
	if (stop) {
		printf("%p %p %p %p\n", (void *)a, (void *)b, (void *)c, (void *)main);
		fflush(stdout);
	}
	for (long i = 0; i < iter; i++)
		total += a((int)(i % 16), (int)(i / 16 % 16), 4);
	/* printed: main's call to a() is not a tail call either */
	printf("%ld\n", total);
	return 0;
}
