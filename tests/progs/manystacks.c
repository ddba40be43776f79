/*
 * manystacks.c - many distinct user stacks, for the interface's benchmark
 * (bench/bench.sh): leaf() is called through 15 levels of two distinct
 * functions each (f0_0 or f0_1, then f1_0 or f1_1, ... f14_x), the
 * function at level L chosen by bit L of a counter, so counter values
 * 0..PATHS-1 (at most 2^15) reach leaf() by PATHS distinct call paths.
 * One pass over the paths as fast as it goes, then RATE calls a second
 * until SECS seconds have passed (0: forever).  Built with frame pointers
 * and without inlining or sibling calls, so frame-pointer walking and
 * DWARF unwinding both see every level; `@[ustack()] = count()` on
 * pid$target::leaf:entry gets PATHS keys.
 * Usage: manystacks [PATHS [RATE [SECS]]]  (defaults 20000, 1000, 0)
 */
#include <stdlib.h>
#include <time.h>

static volatile long sink;

__attribute__((noinline)) void touch(long i);
__attribute__((noinline)) void leaf(long i);

__attribute__((noinline)) void touch(long i)
{
	sink += i;
}

/* not a frameless leaf (GCC omits a leaf's frame whatever the flags): a
 * frame-pointer walk from its entry finds its caller */
__attribute__((noinline)) void leaf(long i)
{
	touch(i);
	sink -= 1;
}

/* Level N's two functions; each calls level N + 1's function chosen by
 * bit N + 1 (A for 0, B for 1).  The constants keep the bodies distinct
 * (identical ones could be folded into one); the store after the call
 * keeps it from being a tail call. */
#define LEVEL(N, A, B)                                                                                       \
	__attribute__((noinline)) void f##N##_0(long i);                                                     \
	__attribute__((noinline)) void f##N##_1(long i);                                                     \
	__attribute__((noinline)) void f##N##_0(long i)                                                      \
	{                                                                                                    \
		sink += 2 * N;                                                                               \
		(i >> (N + 1) & 1 ? B : A)(i);                                                               \
		sink -= 1;                                                                                   \
	}                                                                                                    \
	__attribute__((noinline)) void f##N##_1(long i)                                                      \
	{                                                                                                    \
		sink += 2 * N + 1;                                                                           \
		(i >> (N + 1) & 1 ? B : A)(i);                                                               \
		sink -= 1;                                                                                   \
	}

LEVEL(14, leaf, leaf)
LEVEL(13, f14_0, f14_1)
LEVEL(12, f13_0, f13_1)
LEVEL(11, f12_0, f12_1)
LEVEL(10, f11_0, f11_1)
LEVEL(9, f10_0, f10_1)
LEVEL(8, f9_0, f9_1)
LEVEL(7, f8_0, f8_1)
LEVEL(6, f7_0, f7_1)
LEVEL(5, f6_0, f6_1)
LEVEL(4, f5_0, f5_1)
LEVEL(3, f4_0, f4_1)
LEVEL(2, f3_0, f3_1)
LEVEL(1, f2_0, f2_1)
LEVEL(0, f1_0, f1_1)

static void call(long i)
{
	(i & 1 ? f0_1 : f0_0)(i);
}

int main(int argc, char **argv)
{
	long paths = argc > 1 ? atol(argv[1]) : 20000;
	long rate = argc > 2 ? atol(argv[2]) : 1000;
	long secs = argc > 3 ? atol(argv[3]) : 0, step = 0;
	struct timespec next;

	if (paths < 1 || paths > 1L << 15 || rate < 100)
		return 2;
	/* one call site, so the paths are the only difference between the
	 * stacks; after the first pass, 100 steps a second of rate / 100 calls */
	for (long i = 0;; i++) {
		call(i % paths);
		if (i < paths - 1 || (i - paths + 1) % (rate / 100))
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
