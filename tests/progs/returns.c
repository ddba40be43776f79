/*
 * returns.c - functions whose instructions sit at known offsets, for the
 * pid provider's offset and return probes.  They are written in assembly,
 * so the offsets do not depend on the compiler or its flags:
 *
 *   sign(x)     -1, 0 or 1 through three returns: ret at 0xc, ret at
 *               0x12, rep ret at 0x15
 *   twice(x)    2x + 1: doubles, then tail-calls add_one() by a jmp at 0x2
 *   add_one(x)  x + 1, ret at 0x3
 *   sum(n)      1 + ... + n: a loop (a jmp backwards inside the function),
 *               one ret at 0xc
 *   shared(x)   x: jumps into the middle of sum() (a shared tail, as a
 *               compiler's cold part does): its returns cannot be placed
 *
 * main calls sign(-5), sign(0), sign(7), twice(20), sum(3), shared(4), in
 * that order, prints nothing and exits 0 when every result is right.
 * Usage: returns
 */
int sign(int x);
int twice(int x);
int add_one(int x);
int sum(int n);
int shared(int x);

__asm__(".text\n"
	".globl sign\n"
	".type sign, @function\n"
	"sign:\n"
	"	cmpl $0, %edi\n" /* 0: 83 ff 00 */
	"	jl 1f\n"	 /* 3: 7c 08 */
	"	je 2f\n"	 /* 5: 74 0c */
	"	movl $1, %eax\n" /* 7: b8 01 00 00 00 */
	"	ret\n"		 /* c */
	"1:	movl $-1, %eax\n"
	"	ret\n"		   /* 12 */
	"2:	xorl %eax, %eax\n" /* 13 */
	"	rep ret\n"	   /* 15: f3 c3 */
	".size sign, .-sign\n"
	".globl twice\n"
	".type twice, @function\n"
	"twice:\n"
	"	addl %edi, %edi\n" /* 0: 01 ff */
	"	jmp add_one\n"	   /* 2 */
	".size twice, .-twice\n"
	".globl add_one\n"
	".type add_one, @function\n"
	"add_one:\n"
	"	leal 1(%rdi), %eax\n" /* 0: 8d 47 01 */
	"	ret\n"		      /* 3 */
	".size add_one, .-add_one\n"
	".globl sum\n"
	".type sum, @function\n"
	"sum:\n"
	"	xorl %eax, %eax\n"  /* 0 */
	"1:	testl %edi, %edi\n" /* 2 */
	"	jle sum_done\n"	    /* 4 */
	"	addl %edi, %eax\n"  /* 6 */
	"	decl %edi\n"	    /* 8 */
	"	jmp 1b\n"	    /* a */
	"sum_done:\n"
	"	ret\n" /* c */
	".size sum, .-sum\n"
	".globl shared\n"
	".type shared, @function\n"
	"shared:\n"
	"	movl %edi, %eax\n" /* 0 */
	"	jmp sum_done\n"	   /* 2 */
	".size shared, .-shared\n");

int main(void)
{
	int (*volatile f)(int) = sign;
	int ok = f(-5) == -1;

	ok &= f(0) == 0;
	ok &= f(7) == 1;
	f = twice;
	ok &= f(20) == 41;
	f = sum;
	ok &= f(3) == 6;
	f = shared;
	ok &= f(4) == 4;
	return ok ? 0 : 1;
}
