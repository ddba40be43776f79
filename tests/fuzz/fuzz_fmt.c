/*
 * fuzz_fmt.c - fuzz target for the printf/printa format parser and the
 * printers of dvalues (engine/fmt_printf.c, engine/fmt_agg.c).  Any format
 * must parse or fail with a diagnostic; any parsed format must print any
 * arguments, checked or not (a replayed session file carries its formats
 * and values unchecked), without crashing, leaking or reading out of bounds.
 *
 * Input: [mode u8][format text][NUL][arguments].  mode bit 0: printa (else
 * printf); bits 1-3: the number of arguments (0..7); bits 4-7: the
 * aggregating function of the printa table.  Each argument is 10 bytes:
 * [kind u8][size u8][value i64 LE]; a string argument's value picks one of
 * a few strings (escapes, frames, long) or the input's tail.  '*' width and
 * precision arguments are cut to +-4096 so that a run does not spend its
 * time writing padding to /dev/null; the replay keeps INT_MIN (a width that
 * has no positive counterpart: a crash this fuzzer found), which then
 * writes 2 GiB of padding, once.
 *
 * Built like fuzz_compile.c: with libFuzzer (make fuzz) and, with
 * FUZZ_STANDALONE, as a program that reads each file named on its command
 * line once (make test replays the corpus under AddressSanitizer/UBSan).
 * tests/fuzz/fmt-corpus holds the seeds, made from the formats in tests/d
 * by tests/fuzz/fmt-seeds.sh.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAXARGS = 7, ARGSIZE = 10, MAXWIDTH = 4096 };

static FILE *devnull;

static const char *const strs[] = {
	"",
	"hello",
	"tab\there \"q\" \\ \a\b\f\v\r\n\x01\x7f\xff end",
	"vmlinux`do_sys_openat2+0x1f\nvmlinux`__x64_sys_openat+0x55\nlibc.so.6`__open64+0x4b\n",
	"one frame without newline",
	"0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"
	"012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678"
	"9",
};

static int64_t le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return (int64_t)v;
}

/* true when some literal width or precision would print megabytes */
static int too_wide(const struct fmt *f)
{
	for (int i = 0; i < f->nconv; i++)
		if (f->conv[i].width > MAXWIDTH || f->conv[i].prec > MAXWIDTH)
			return 1;
	return 0;
}

static void clamp_star(struct dvalue *v)
{
	int32_t w = (int32_t)v->i;

#ifdef FUZZ_STANDALONE
	if (w == INT_MIN) /* the regression seed regress-star-intmin (2 s) */
		return;
#endif
	if (w > MAXWIDTH || w < -MAXWIDTH)
		v->i = w % MAXWIDTH;
}

static void run_printa(const struct fmt *f, struct dvalue *args, int nargs, int func)
{
	struct agg_desc d = { .name = "a", .func = (enum agg_func)(func % (AGG_LLQUANTIZE + 1)) };
	struct agg_entry e[2];
	struct agg_table t = { .desc = &d, .entries = e, .n = 2, .normal = 1 };
	struct agg_table *tabs[2] = { &t, &t };
	int64_t *data;

	if (d.func == AGG_LQUANTIZE) {
		d.param[0] = -20, d.param[1] = 100, d.param[2] = 10, d.param[3] = 12;
	} else if (d.func == AGG_LLQUANTIZE) {
		d.param[0] = 10, d.param[1] = 0, d.param[2] = 6, d.param[3] = 20;
	}
	d.ndata = agg_ndata(d.func, d.param);
	d.nkeys = nargs;
	if (d.ndata <= 0)
		return;
	data = calloc(2 * (size_t)d.ndata, sizeof(*data));
	if (!data)
		return;
	for (int i = 0; i < 2 * d.ndata; i++)
		data[i] = nargs ? args[i % nargs].i >> (i % 5) : i;
	if (d.func == AGG_MIN || d.func == AGG_MAX)
		data[1] = data[d.ndata + 1] = 1; /* a count: the value is set */
	e[0] = (struct agg_entry){ .keys = args, .data = data, .normal = 1 };
	e[1] = (struct agg_entry){ .keys = args, .data = data + d.ndata, .normal = 3 };
	fmt_printa(devnull, f, tabs, 1);
	fmt_printa(devnull, f, tabs, 2);
	fmt_printa(devnull, NULL, tabs, 2);
	fmt_agg_print(devnull, &t);
	free(data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dvalue args[MAXARGS];
	enum dval_kind kinds[MAXARGS];
	struct d_diag dg;
	struct arena a;
	struct fmt *f;
	const uint8_t *nul;
	char *text, *tail;
	size_t flen, rest;
	int mode, nargs, j;

	if (size < 1)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (!devnull)
		return 0;
	mode = data[0];
	nul = memchr(data + 1, 0, size - 1);
	flen = nul ? (size_t)(nul - data - 1) : size - 1;
	text = strndup((const char *)data + 1, flen);
	rest = nul ? size - 2 - flen : 0;
	tail = strndup(nul ? (const char *)nul + 1 : "", rest);
	if (!text || !tail)
		goto out;
	nargs = (mode >> 1) & 7;
	for (j = 0; j < nargs; j++) {
		const uint8_t *p = nul ? nul + 1 + (size_t)j * ARGSIZE : NULL;
		uint8_t buf[ARGSIZE] = { 0 };

		if (p && (size_t)(p - data) + ARGSIZE <= size)
			memcpy(buf, p, ARGSIZE);
		args[j] = (struct dvalue){ .kind = (enum dval_kind)(buf[0] % (DV_SYM + 1)),
					   .size = 1 << (buf[1] & 3),
					   .i = le64(buf + 2) };
		if (args[j].kind == DV_STR || args[j].kind == DV_STACK || args[j].kind == DV_SYM) {
			size_t k = (uint64_t)args[j].i % (sizeof(strs) / sizeof(strs[0]) + 1);

			args[j].s = k < sizeof(strs) / sizeof(strs[0]) ? strs[k] : tail;
			args[j].n = 3;
			args[j].user = buf[1] >> 7;
		}
		kinds[j] = args[j].kind;
	}

	memset(&dg, 0, sizeof(dg));
	arena_init(&a);
	f = fmt_parse(&a, text, mode & 1, (struct d_pos){ 1, 1 }, &dg);
	if (f && !too_wide(f)) {
		/* the compiler's check, then printing whatever it said */
		struct d_diag dg2;

		memset(&dg2, 0, sizeof(dg2));
		fmt_check(f, kinds, nargs, NULL, (struct d_pos){ 1, 1 }, &dg2);
		j = 0;
		for (int i = 0; i < f->nconv && j < nargs; i++) {
			if (f->conv[i].width == -2 && j < nargs)
				clamp_star(&args[j++]);
			if (f->conv[i].prec == -2 && j < nargs)
				clamp_star(&args[j++]);
			j += f->conv[i].want != FW_AGG && f->conv[i].conv != '%';
		}
		fmt_printf(devnull, f, args, nargs);
		if (mode & 1)
			run_printa(f, args, nargs, mode >> 4);
	}
	for (j = 0; j < nargs; j++) {
		fmt_trace(devnull, &args[j], 0);
		fmt_trace(devnull, &args[j], 1);
	}
	arena_fini(&a);
out:
	free(text);
	free(tail);
	return 0;
}

#ifdef FUZZ_STANDALONE
int main(int argc, char **argv)
{
	static uint8_t buf[1 << 20];

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
	}
	if (devnull)
		fclose(devnull);
	return 0;
}
#endif
