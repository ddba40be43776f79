/*
 * fpstatic.c - a program that keeps frame pointers everywhere: static,
 * without the C library (glibc here has none), built
 * -fno-omit-frame-pointer, so -x ustackmode=auto walks its stacks with
 * frame pointers in the kernel.  main -> a -> b -> c, c called ITER times
 * (argv[1], default 1), then exit(0).
 */
#include <stddef.h>

__attribute__((noinline)) long c(long i);
__attribute__((noinline)) long b(long i);
__attribute__((noinline)) long a(long i);
long fp_main(long argc, char **argv);
void _start(void);

static volatile long sink;

__attribute__((noinline)) long c(long i)
{
	sink += i;
	return sink;
}

__attribute__((noinline)) long b(long i)
{
	long r = c(i);

	return r + 1;
}

__attribute__((noinline)) long a(long i)
{
	long r = b(i);

	return r * 2;
}

long fp_main(long argc, char **argv)
{
	long iter = 1, r = 0;

	if (argc > 1) {
		iter = 0;
		for (const char *p = argv[1]; *p >= '0' && *p <= '9'; p++)
			iter = iter * 10 + (*p - '0');
	}
	for (long i = 0; i < iter; i++)
		r += a(i);
	return r & 0;
}

/* argc at (%rsp), argv after it; %rbp is 0: the outermost frame */
__asm__(".globl _start\n"
	".type _start, @function\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	mov (%rsp), %rdi\n"
	"	lea 8(%rsp), %rsi\n"
	"	and $-16, %rsp\n"
	"	call fp_main\n"
	"	mov %rax, %rdi\n"
	"	mov $231, %eax\n" /* exit_group */
	"	syscall\n"
	"	hlt\n");
