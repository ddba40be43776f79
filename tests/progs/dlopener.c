/*
 * dlopener.c - maps a library after the probes are attached, calls into
 * it, and exits at once: the library's frames must still be named (the
 * mapping is known from the kernel's mmap event, not from /proc).
 *
 * Usage: dlopener LIB [N]
 *   dlopen()s LIB (build/progs/libdsplug.so), then plugin_run(cb, N)
 *   calls cb() N times (default 1) from inside the library.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) long cb(int i);

__attribute__((noinline)) long cb(int i)
{
	volatile long v = i * 3;

	return v + 1;
}

int main(int argc, char **argv)
{
	long (*run)(long (*)(int), int);
	void *lib;

	if (argc < 2) {
		fprintf(stderr, "usage: dlopener LIB [N]\n");
		return 2;
	}
	lib = dlopen(argv[1], RTLD_NOW);
	if (!lib) {
		fprintf(stderr, "dlopener: %s\n", dlerror());
		return 1;
	}
	*(void **)&run = dlsym(lib, "plugin_run");
	if (!run)
		return 1;
	printf("%ld\n", run(cb, argc > 2 ? atoi(argv[2]) : 1));
	return 0;
}
