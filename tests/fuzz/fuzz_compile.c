/*
 * fuzz_compile.c - fuzz target for the D front end and code generator:
 * lexer, parser, semantic pass and BPF code generation, everything short of
 * loading.  Any input must compile or fail with a diagnostic; never crash,
 * leak, hang or read out of bounds.
 *
 * Built two ways: with libFuzzer (make fuzz) and, with FUZZ_STANDALONE, as a
 * program that runs each file named on its command line once (make test
 * replays the corpus under AddressSanitizer/UBSan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcomp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct probe_table pt;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *args[] = { (char *)"1", (char *)"two" };
	struct dcomp_opts o;
	struct arena a;
	struct d_diag dg;
	struct d_program *p;
	struct dprog dp;
	char *src;

	if (!pt.v && probe_table_init(&pt))
		return 0;
	src = malloc(size + 1);
	if (!src)
		return 0;
	memcpy(src, data, size);
	src[size] = 0;
	dcomp_opts_default(&o);
	o.pt = &pt;
	o.nmacros = 2;
	o.macros = args;
	o.progname = "fuzz";
	memset(&dg, 0, sizeof(dg));
	memset(&dp, 0, sizeof(dp));
	arena_init(&a);
	p = d_parse_ex(&a, src, D_PARSE_BARE, &dg);
	if (p && d_sema(&a, p, &o, &dp, &dg) == 0)
		cg_program(&dp, &o, &dg);
	dprog_free(&dp);
	arena_fini(&a);
	free(src);
	return 0;
}

#ifdef FUZZ_STANDALONE
int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		static uint8_t buf[1 << 20];
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	probe_table_fini(&pt);
	return 0;
}
#endif
