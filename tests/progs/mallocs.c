/*
 * mallocs.c - calls known functions a known number of times, for the pid
 * provider's tests: work() 3 times, and malloc() of 16, 100, 4096 and
 * 300000 bytes, each freed.  Usage: mallocs
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) int work(int x);

__attribute__((noinline)) int work(int x)
{
	return x * 2 + 1;
}

int main(void)
{
	static const size_t sizes[] = { 16, 100, 4096, 300000 };
	volatile int acc = 0;

	for (int i = 0; i < 3; i++)
		acc += work(i);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *volatile p = malloc(sizes[i]);

		p[0] = 1;
		free(p);
	}
	return acc == 9 ? 0 : 1;
}
