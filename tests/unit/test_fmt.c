/*
 * test_fmt.c - dtrace-exact text output (engine/fmt_printf.c, fmt_agg.c):
 * printf formats parsed, checked and printed, trace() data, the rows of an
 * aggregation and printa() with and without a format.  Expected strings are
 * dtrace's documented output; where dtrace's test suite has an
 * expected-output file for the case (printf/tst.flags.r, tst.basics.r,
 * tst.widths1.r, the printf/err.*.r messages, trace/tst.string.r,
 * aggs/tst.count_notquiet.r, tst.signedkeys.r, tst.stddev2.r,
 * printa/tst.basics.r) the test reproduces it byte for byte.  The
 * histograms are in test_agg.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "agg_rows.h"

#include "fmt.h"

#define NA(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const struct d_pos L18 = { 18, 2 };

static struct dvalue iv(int64_t v, int size)
{
	struct dvalue d = { .kind = DV_INT, .size = size, .i = v };

	return d;
}

static struct dvalue uv(int64_t v, int size)
{
	struct dvalue d = { .kind = DV_UINT, .size = size, .i = v };

	return d;
}

static struct dvalue sv(enum dval_kind k, const char *s)
{
	struct dvalue d = { .kind = k, .s = s };

	return d;
}

/* ---- parsing and checking ------------------------------------------------ */

static void want_parse_err(const char *text, const char *msg)
{
	struct arena a;
	struct d_diag dg = { 0 };

	arena_init(&a);
	assert_null(fmt_parse(&a, text, 0, L18, &dg));
	assert_string_equal(dg.tag, "D_SYNTAX");
	assert_string_equal(dg.msg, msg);
	assert_int_equal(dg.pos.line, 18);
	arena_fini(&a);
}

/* fmt_check() of text; tag NULL: must pass. */
static void want_check(const char *text, int printa, const enum dval_kind *k, const char *const *types, int n,
		       const char *tag, const char *msg)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct fmt *f;
	int r;

	arena_init(&a);
	f = fmt_parse(&a, text, printa, L18, &dg);
	assert_non_null(f);
	r = fmt_check_names(f, k, types, n, NULL, L18, &dg);
	if (!tag) {
		assert_int_equal(r, 0);
		assert_int_equal(dg.set, 0);
	} else {
		assert_int_equal(r, -1);
		assert_string_equal(dg.tag, tag);
		assert_string_equal(dg.msg, msg);
	}
	arena_fini(&a);
}

static void test_parse_structure(void **state)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct fmt *f;

	(void)state;
	arena_init(&a);
	f = fmt_parse(&a, "a %d b %-08.3lld c %*.*s%%%9@x %?d end", 1, L18, &dg);
	assert_non_null(f);
	assert_int_equal(f->nconv, 6);
	assert_string_equal(f->func, "printa");
	assert_string_equal(f->conv[0].lit, "a ");
	assert_int_equal(f->conv[0].conv, 'd');
	assert_int_equal(f->conv[0].want, FW_INT);
	assert_int_equal(f->conv[0].width, -1);
	/* "-0": the 0 after '-' wins, as in dtrace */
	assert_string_equal(f->conv[1].flags, "0");
	assert_int_equal(f->conv[1].width, 8);
	assert_int_equal(f->conv[1].prec, 3);
	assert_string_equal(f->conv[1].len, "ll");
	assert_int_equal(f->conv[2].width, -2);
	assert_int_equal(f->conv[2].prec, -2);
	assert_int_equal(f->conv[2].want, FW_STR);
	assert_int_equal(f->conv[3].conv, '%');
	assert_string_equal(f->conv[3].lit, "");
	assert_int_equal(f->conv[4].want, FW_AGG);
	assert_int_equal(f->conv[4].width, 9);
	assert_int_equal(f->conv[5].width, 16); /* '?': a pointer's width */
	assert_string_equal(f->conv[6].lit, " end");
	assert_int_equal(f->conv[6].conv, 0);
	assert_int_equal(f->nargs, 6); /* d, lld, two '*', s, ?d */
	assert_int_equal(f->naggs, 1);

	f = fmt_parse(&a, "%+ #x%0-5d%Y%k%p%a%e", 0, L18, &dg);
	assert_non_null(f);
	assert_string_equal(f->func, "printf");
	assert_string_equal(f->conv[0].flags, "#+ ");
	assert_string_equal(f->conv[1].flags, "-");
	assert_int_equal(f->conv[2].want, FW_TIME);
	assert_int_equal(f->conv[3].want, FW_ANY);
	assert_int_equal(f->conv[4].want, FW_ADDR);
	assert_int_equal(f->conv[5].want, FW_ADDR);
	assert_int_equal(f->conv[6].want, FW_FLOAT);

	f = fmt_parse(&a, "", 0, L18, &dg);
	assert_non_null(f);
	assert_int_equal(f->nconv, 0);
	assert_int_equal(dg.set, 0);
	arena_fini(&a);
}

static void test_parse_errors(void **state)
{
	(void)state;
	/* printf/err.D_SYNTAX.badconv1..3 */
	want_parse_err("%3$d", "format conversion #1 uses unsupported positional format (%n$)");
	want_parse_err("abc %", "format conversion #1 name expected before end of format string");
	want_parse_err("%d %Z", "format conversion #2 is undefined: %Z");
	want_parse_err("%% %q", "format conversion #2 is undefined: %q");
	/* length modifiers are part of the name: only dtrace's list exists */
	want_parse_err("%hhd", "format conversion #1 is undefined: %hhd");
	want_parse_err("%zd", "format conversion #1 is undefined: %z");
	want_parse_err("%jd", "format conversion #1 is undefined: %j");
	want_parse_err("%F", "format conversion #1 is undefined: %F");
	want_parse_err("%lq", "format conversion #1 is undefined: %lq");
	want_parse_err("%5%", "format conversion #1 cannot be combined with other format flags: %%");
	want_parse_err("%1.2.3d", "format conversion #1 has more than one '.' specified");
	want_parse_err("%**d", "format conversion #1 has more than one '*' specified for the output width");
	want_parse_err("%.**d",
		       "format conversion #1 has more than one '*' specified for the output precision");
}

static void test_check_proto_extra(void **state)
{
	enum dval_kind s1[] = { DV_STR }, i2[] = { DV_INT, DV_INT };

	(void)state;
	/* printf/err.D_PRINTF_ARG_PROTO.novalue */
	want_check("%s\n", 0, s1, NULL, 0, "D_PRINTF_ARG_PROTO",
		   "printf( ) prototype mismatch: conversion #1 (%s) is missing a corresponding "
		   "value argument");
	want_check("%% %s %lld", 0, s1, NULL, 1, "D_PRINTF_ARG_PROTO",
		   "printf( ) prototype mismatch: conversion #3 (%lld) is missing a corresponding "
		   "value argument");
	/* printf/err.D_PRINTF_ARG_EXTRA.toomany and .widths */
	want_check("%d", 0, i2, NULL, 2, "D_PRINTF_ARG_EXTRA",
		   "printf( ) prototype mismatch: only 1 arguments required by this format string");
	want_check("%?d\n", 0, i2, NULL, 2, "D_PRINTF_ARG_EXTRA",
		   "printf( ) prototype mismatch: only 1 arguments required by this format string");
	want_check("hello\n", 0, i2, NULL, 1, "D_PRINTF_ARG_EXTRA",
		   "printf( ) prototype mismatch: only 0 arguments required by this format string");
	want_check("%d %d", 0, i2, NULL, 2, NULL, NULL);
	/* printf/err.D_PRINTF_FMT_EMPTY, err.D_PRINTF_AGG_CONV.aggfmt */
	want_check("", 0, i2, NULL, 0, "D_PRINTF_FMT_EMPTY", "printf( ) format string is empty");
	want_check("%@d", 0, i2, NULL, 0, "D_PRINTF_AGG_CONV",
		   "%@ conversion requires an aggregation and is not for use with printf( )");
}

static void test_check_types(void **state)
{
	enum dval_kind is[] = { DV_INT, DV_STR }, i1[] = { DV_INT }, s1[] = { DV_STR };
	enum dval_kind st[] = { DV_STACK }, sy[] = { DV_SYM }, u1[] = { DV_UINT };
	const char *const agg[] = { "int", "aggregation" };

	(void)state;
	/* printf/err.D_PRINTF_ARG_TYPE.aggarg */
	want_check("hello %d %d", 0, is, agg, 2, "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #3 is incompatible with conversion #2 prototype:\n"
		   "\tconversion: %d\n\t prototype: char, short, int, long, or long long\n"
		   "\t  argument: aggregation");
	want_check("%s", 0, i1, NULL, 1, "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %s\n\t prototype: char [] or string (or use stringof)\n"
		   "\t  argument: int");
	want_check("%lld", 0, s1, NULL, 1, "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %lld\n\t prototype: long long\n\t  argument: string");
	want_check("%f", 0, i1, NULL, 1, "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %f\n\t prototype: float, double, or long double\n"
		   "\t  argument: int");
	want_check("%k", 0, i1, NULL, 1, "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %k\n\t prototype: stack\n\t  argument: int");
	want_check("%k", 0, st, NULL, 1, NULL, NULL);
	want_check("%a %p %x %Y %c %S", 0,
		   (enum dval_kind[]){ DV_SYM, DV_UINT, DV_INT, DV_UINT, DV_INT, DV_STR }, NULL, 6, NULL,
		   NULL);
	want_check("%d", 0, sy, NULL, 1, "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %d\n\t prototype: char, short, int, long, or long long\n"
		   "\t  argument: _symaddr");
	want_check("%s", 0, u1, (const char *const[]){ "uint64_t" }, 1, "D_PRINTF_ARG_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %s\n\t prototype: char [] or string (or use stringof)\n"
		   "\t  argument: uint64_t");
}

static void test_check_dynamic(void **state)
{
	enum dval_kind s1[] = { DV_STR }, si[] = { DV_STR, DV_INT }, iii[] = { DV_INT, DV_INT, DV_INT };

	(void)state;
	/* printf/err.D_PRINTF_DYN_PROTO.noprec */
	want_check("%s %.*d\n", 0, s1, NULL, 1, "D_PRINTF_DYN_PROTO",
		   "printf( ) prototype mismatch: conversion #2 (%d) is missing a corresponding "
		   "\".*\" argument");
	want_check("%*d\n", 0, s1, NULL, 0, "D_PRINTF_DYN_PROTO",
		   "printf( ) prototype mismatch: conversion #1 (%d) is missing a corresponding "
		   "\"*\" argument");
	/* printf/err.D_PRINTF_DYN_TYPE.badwidth */
	want_check("%*d\n", 0, si, NULL, 2, "D_PRINTF_DYN_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: % * d\n\t prototype: int\n\t  argument: string");
	want_check("%.*d\n", 0, si, NULL, 2, "D_PRINTF_DYN_TYPE",
		   "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: % .* d\n\t prototype: int\n\t  argument: string");
	want_check("%*.*d\n", 0, iii, NULL, 3, NULL, NULL);
}

static void test_check_printa(void **state)
{
	enum dval_kind s1[] = { DV_STR }, si[] = { DV_STR, DV_INT };

	(void)state;
	want_check("%s %@d %d\n", 1, s1, NULL, 1, "D_PRINTF_ARG_PROTO",
		   "printa( ) prototype mismatch: conversion #3 (%d) is missing a corresponding "
		   "value argument");
	want_check("%@d\n", 1, si, NULL, 2, NULL, NULL); /* keys left unprinted are fine */
	want_check("%s %@d %@d %d", 1, si, NULL, 2, NULL, NULL);
	want_check("%@s\n", 1, si, NULL, 2, "D_PRINTF_ARG_TYPE",
		   "printa( ) aggregating action is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %s\n\t prototype: char [] or string (or use stringof)\n"
		   "\t  argument: int64_t");
	want_check("%d %@d", 1, s1, NULL, 1, "D_PRINTF_ARG_TYPE",
		   "printa( ) argument #2 is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %d\n\t prototype: char, short, int, long, or long long\n"
		   "\t  argument: string");
}

static void test_check_dtrace_line(void **state)
{
	struct arena a;
	struct d_diag dg = { 0 };
	enum dval_kind none[1];
	struct fmt *f;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	(void)state;
	/* the whole stderr line of printf/err.D_PRINTF_ARG_PROTO.novalue.r */
	arena_init(&a);
	f = fmt_parse(&a, "%s\n", 0, L18, &dg);
	assert_int_equal(fmt_check(f, none, 0, NULL, L18, &dg), -1);
	fp = open_memstream(&buf, &len);
	d_diag_print_dtrace(fp, &dg, "dtrace",
			    "failed to compile script "
			    "test/unittest/printf/err.D_PRINTF_ARG_PROTO.novalue.d",
			    1);
	fclose(fp);
	assert_string_equal(buf, "dtrace: failed to compile script "
				 "test/unittest/printf/err.D_PRINTF_ARG_PROTO.novalue.d: "
				 "[D_PRINTF_ARG_PROTO] line 18: printf( ) prototype mismatch: "
				 "conversion #1 (%s) is missing a corresponding value argument\n");
	free(buf);
	arena_fini(&a);
}

/* ---- printf() ----------------------------------------------------------------- */

static void check_pf(const char *want, const char *text, const struct dvalue *args, int n)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct fmt *f;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	arena_init(&a);
	f = fmt_parse(&a, text, 0, L18, &dg);
	assert_non_null(f);
	fp = open_memstream(&buf, &len);
	fmt_printf(fp, f, args, n);
	fclose(fp);
	assert_string_equal(buf, want);
	free(buf);
	arena_fini(&a);
}

#define PF(want, text, ...)                                                                                  \
	do {                                                                                                 \
		struct dvalue a_[] = { __VA_ARGS__ };                                                        \
		check_pf(want, text, a_, NA(a_));                                                            \
	} while (0)

static void test_printf_flags(void **state)
{
	(void)state;
	/* printf/tst.flags.r (0x123 as "   0x123" before the harness hides it) */
	PF("#    0x123\n", "# %#8x\n", iv(0x123, 4));
	PF("0 00000123\n", "0 %08x\n", iv(0x123, 4));
	PF("- 123     \n", "- %-8x\n", iv(0x123, 4));
	PF("+     +123\n", "+ %+8d\n", iv(123, 4));
	PF("       123\n", "  % 8d\n", iv(123, 4));
	/* printf/tst.widths1.r: %? is a pointer's width */
	PF("               0\n", "%?d\n", iv(0, 4));
	PF("               5\n", "%?d\n", iv(5, 8));
	PF("00042|42   |", "%-05d|%0-5d|", iv(42, 4), iv(42, 4));
	PF("hello\n", "hello\n", iv(0, 4));
	check_pf("100% done\n", "100%% done\n", NULL, 0);
}

static void test_printf_basics(void **state)
{
	struct dvalue i = iv('a', 4);

	(void)state;
	/* printf/tst.basics.r, i = (int)'a' */
	PF("%c = a\n", "%%c = %c\n", i);
	PF("%d = 97\n", "%%d = %d\n", i);
	PF("%hd = 97\n", "%%hd = %hd\n", iv('a', 2));
	PF("%hi = 97\n", "%%hi = %hi\n", iv('a', 2));
	PF("%ho = 141\n", "%%ho = %ho\n", uv('a', 2));
	PF("%hu = 97\n", "%%hu = %hu\n", uv('a', 2));
	PF("%hx = 61\n", "%%hx = %hx\n", uv('a', 2));
	PF("%hX = 61\n", "%%hX = %hX\n", uv('a', 2));
	PF("%i = 97\n", "%%i = %i\n", i);
	PF("%lc = a\n", "%%lc = %lc\n", i);
	PF("%ld = 97\n", "%%ld = %ld\n", iv('a', 8));
	PF("%li = 97\n", "%%li = %li\n", iv('a', 8));
	PF("%lo = 141\n", "%%lo = %lo\n", uv('a', 8));
	PF("%lu = 97\n", "%%lu = %lu\n", uv('a', 8));
	PF("%lx = 61\n", "%%lx = %lx\n", uv('a', 8));
	PF("%lX = 61\n", "%%lX = %lX\n", uv('a', 8));
	PF("%o = 141\n", "%%o = %o\n", uv('a', 4));
	PF("%p = 61\n", "%%p = %p\n", uv('a', 8));
	PF("%s = hello\n", "%%s = %s\n", sv(DV_STR, "hello"));
	PF("%u = 97\n", "%%u = %u\n", uv('a', 4));
	PF("%x = 61\n", "%%x = %x\n", uv('a', 4));
	PF("%X = 61\n", "%%X = %X\n", uv('a', 4));
	PF("%a = vmlinux`max_pfn\n", "%%a = %a\n", sv(DV_SYM, "vmlinux`max_pfn"));
}

static void test_printf_int_widths(void **state)
{
	(void)state;
	PF("-1 255 -1 65535", "%d %u %d %u", iv(-1, 1), iv(-1, 1), iv(-1, 2), iv(-1, 2));
	PF("ffffffff ffffffffffffffff", "%x %x", iv(-1, 4), iv(-1, 8));
	/* %d of an unsigned value prints as %u */
	PF("18446744073709551615 4294967295", "%d %i", uv(-1, 8), uv(0xffffffff, 4));
	/* %lld is signed whatever the argument */
	PF("-1 18446744073709551615", "%lld %llu", uv(-1, 8), iv(-1, 8));
	PF("10 FF 010 0xff", "%o %X %#o %#x", iv(8, 4), iv(255, 4), iv(8, 4), iv(255, 8));
	PF("A|    A|B", "%c|%5c|%-c", iv(65, 4), iv(65, 1), iv(66, 2));
	PF("7fffffffffffffff", "%p", iv(INT64_MAX, 8));
	PF("-9223372036854775808", "%d", iv(INT64_MIN, 8));
}

static void test_printf_width_prec(void **state)
{
	(void)state;
	/* a precision of 0 is dropped, as dtrace does */
	PF("0|5|005|   he|ab    |", "%.0d|%.d|%.3d|%5.2s|%-6s|", iv(0, 4), iv(5, 4), iv(5, 4),
	   sv(DV_STR, "hello"), sv(DV_STR, "ab"));
	/* '*' arguments, a negative width left-justifies */
	PF("7   |   7|he|   hel|", "%*d|%*d|%.*s|%*.*s|", iv(-4, 4), iv(7, 4), iv(4, 4), iv(7, 4), iv(2, 4),
	   sv(DV_STR, "hello"), iv(6, 4), iv(3, 4), sv(DV_STR, "hello"));
	PF("hello", "%.*s", iv(0, 4), sv(DV_STR, "hello"));
	PF("[      0x1000]", "[%12a]", uv(0x1000, 8));
	PF("[libc.so.6`read    ]", "[%-18A]", sv(DV_SYM, "libc.so.6`read"));
}

static void test_printf_float_time(void **state)
{
	char *tz = getenv("TZ");

	(void)state;
	PF("1.000000e+00 3.00 100 1.5E+01", "%e %.2f %g %.1E", iv(1, 4), iv(3, 4), iv(100, 8), iv(15, 4));
	setenv("TZ", "UTC", 1);
	tzset();
	PF("2026 Nov 27 05:14:39", "%Y", iv(INT64_C(1795756479) * 1000000000 + 999, 8));
	PF("[2026 Nov  3 05:04:09  ]", "[%-22Y]", uv(INT64_C(1793682249) * 1000000000, 8));
	PF("Fri, 27 Nov 2026 05:14:39 UTC", "%T", iv(INT64_C(1795756479) * 1000000000, 8));
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
}

static void test_printf_escapes_stacks(void **state)
{
	struct dvalue stk = sv(DV_STACK, "vmlinux`foo+0x10\nvmlinux`bar+0x4\n");

	(void)state;
	PF("a\\tb\\\"c\\\\d\\001 e", "%S", sv(DV_STR, "a\tb\"c\\d\001 e"));
	PF("\\n|x|\\0", "%C|%C|%C", iv('\n', 4), iv('x', 1), iv(0, 4));
	/* %k: a newline, then the frames (a left-justified width indents) */
	PF("stack:\nvmlinux`foo+0x10\nvmlinux`bar+0x4\n.", "stack:%k.", stk);
	PF("\n    vmlinux`foo+0x10\n    vmlinux`bar+0x4\n", "%-4k", stk);
	PF("\n    vmlinux`foo+0x10\n     vmlinux`bar+0x4\n", "%20k", stk);
}

/* ---- trace() ------------------------------------------------------------------- */

static char *tr(const struct dvalue *v, int n, int quiet)
{
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);
	int i;

	for (i = 0; i < n; i++)
		fmt_trace(fp, &v[i], quiet);
	fclose(fp);
	return buf;
}

static void test_trace_strings(void **state)
{
	struct dvalue v[] = {
		sv(DV_STR, "this"),
		sv(DV_STR, " %should work.\n"),
		sv(DV_STR, "%don't w%orry -- this won't cause a %segfault.\n"),
	};
	char *s;

	(void)state;
	/* trace/tst.string.r after the ":BEGIN " probe column */
	s = tr(v, NA(v), 0);
	assert_string_equal(s, "  this                                %should work.\n"
			       "                    %don't w%orry -- this won't cause a %segfault.\n");
	free(s);
	s = tr(v, 2, 1);
	assert_string_equal(s, "this %should work.\n");
	free(s);
}

static void test_trace_ints(void **state)
{
	struct dvalue q[] = { iv(-2, 1), sv(DV_STR, "\n"), iv(-2, 2), sv(DV_STR, "\n"),
			      iv(-2, 4), sv(DV_STR, "\n"), iv(-2, 8), sv(DV_STR, "\n"),
			      uv(-1, 1), sv(DV_STR, "\n") };
	struct dvalue n[] = { iv(12345, 8), uv(-1, 8), iv(-7, 4), uv(7, 4),
			      iv(-1, 2),    uv(-1, 2), iv(-1, 1), uv(-1, 1) };
	char *s;

	(void)state;
	/* aggs/tst.signedkeys.r under -q: every width prints signed */
	s = tr(q, NA(q), 1);
	assert_string_equal(s, "-2\n-2\n-2\n-2\n255\n");
	free(s);
	s = tr(n, NA(n), 0);
	assert_string_equal(s, "               12345 18446744073709551615         -7          7"
			       "    -1 65535  -1 255");
	free(s);
}

static void test_trace_stack_sym(void **state)
{
	struct dvalue v[] = { sv(DV_STACK, "vmlinux`a+0x1\nvmlinux`b\n"), sv(DV_SYM, "vmlinux`do_sys_open") };
	char *s;

	(void)state;
	s = tr(v, NA(v), 0);
	assert_string_equal(s, "\n              vmlinux`a+0x1\n              vmlinux`b\n"
			       "  vmlinux`do_sys_open                               ");
	free(s);
}

/* ---- aggregations ----------------------------------------------------------------- */

#define NE 8

struct tab {
	struct agg_desc d;
	struct agg_table t;
	struct agg_entry e[NE];
	struct dvalue k[NE][2];
	int64_t v[NE][160];
};

static void tab_init(struct tab *t, enum agg_func f, int nkeys, int64_t p0, int64_t p1, int64_t p2,
		     int64_t p3)
{
	memset(t, 0, sizeof(*t));
	t->d.name = "a";
	t->d.func = f;
	t->d.nkeys = nkeys;
	t->d.param[0] = p0;
	t->d.param[1] = p1;
	t->d.param[2] = p2;
	t->d.param[3] = p3;
	t->d.ndata = agg_ndata(f, t->d.param);
	assert_true(t->d.ndata > 0 && t->d.ndata <= 160);
	t->t.desc = &t->d;
	t->t.entries = t->e;
	t->t.normal = 1;
}

static int64_t *tab_add(struct tab *t, struct dvalue k0, struct dvalue k1)
{
	size_t i = t->t.n++;

	t->k[i][0] = k0;
	t->k[i][1] = k1;
	t->e[i].keys = t->k[i];
	t->e[i].data = t->v[i];
	t->e[i].normal = 1;
	return t->v[i];
}

static void test_agg_scalars(void **state)
{
	struct tab t;

	(void)state;
	/* aggs/tst.count_notquiet.r: a keyless count after the exit line */
	tab_init(&t, AGG_COUNT, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = 10;
	want_rows(&t.t, 0, "               10\n");
	want_rows(&t.t, 1, "\n               10\n");

	tab_init(&t, AGG_SUM, 2, 0, 0, 0, 0);
	tab_add(&t, sv(DV_STR, "bash"), iv(1234, 4))[0] = -5;
	tab_add(&t, sv(DV_STR, "sshd"), iv(-1, 4))[0] = 123456789012;
	want_rows(&t.t, 0,
		  "  bash                                                   1234               -5\n"
		  "  sshd                                                     -1     123456789012\n");

	tab_init(&t, AGG_AVG, 1, 0, 0, 0, 0);
	tab_add(&t, sv(DV_STR, "x"), iv(0, 8))[0] = 3;
	t.v[0][1] = -10; /* -3.33 */
	tab_add(&t, sv(DV_STR, "y"), iv(0, 8))[0] = 0;
	want_rows(&t.t, 0,
		  "  x                                                                -3\n"
		  "  y                                                                 0\n");

	tab_init(&t, AGG_STDDEV, 1, 0, 0, 0, 0);
	tab_add(&t, iv(7, 2), iv(0, 8));
	t.v[0][0] = 2, t.v[0][1] = 0x30, t.v[0][2] = 0x500;
	tab_add(&t, iv(-1, 1), iv(0, 8));
	want_rows(&t.t, 0, "     7                8\n 255                0\n");

	tab_init(&t, AGG_MIN, 1, 0, 0, 0, 0);
	tab_add(&t, iv(-3, 8), iv(0, 8))[0] = -42;
	t.v[0][1] = 1;
	want_rows(&t.t, 0, "               -3              -42\n");
	tab_init(&t, AGG_MAX, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = INT64_MAX;
	want_rows(&t.t, 0, " 9223372036854775807\n");
}

static void test_agg_signedkeys(void **state)
{
	/* aggs/tst.signedkeys.r: the four aggregations printed at exit,
	 * sorted by key (aggsortkey); 1- and 2-byte keys show unsigned */
	static const char want[] = "   0                0\n   1                1\n   2                2\n"
				   " 254               -2\n 255               -1\n"
				   "     0                0\n     1                1\n"
				   "     2                2\n 65534               -2\n"
				   " 65535               -1\n"
				   "        0                0\n        1                1\n"
				   "        2                2\n       -2               -2\n"
				   "       -1               -1\n"
				   "                0                0\n"
				   "                1                1\n"
				   "                2                2\n"
				   "               -2               -2\n"
				   "               -1               -1\n";
	static const int sizes[] = { 1, 2, 4, 8 };
	struct agg_sortopts key = { .sortkey = 1 };
	char *buf = NULL;
	size_t len;
	FILE *fp = open_memstream(&buf, &len);
	struct tab t;
	int s, i;

	(void)state;
	for (s = 0; s < 4; s++) {
		tab_init(&t, AGG_SUM, 1, 0, 0, 0, 0);
		for (i = -2; i <= 2; i++)
			tab_add(&t, iv(i, sizes[s]), iv(0, 8))[0] = i;
		agg_sort(&t.t, &key);
		fmt_agg_rows(fp, &t.t);
	}
	fclose(fp);
	assert_string_equal(buf, want);
	free(buf);
}

static void test_agg_stack_sym_keys(void **state)
{
	struct tab t;

	(void)state;
	tab_init(&t, AGG_COUNT, 1, 0, 0, 0, 0);
	tab_add(&t, sv(DV_STACK, "libc.so.6`read+0x12\na.out`main+0x2a\n"), iv(0, 8))[0] = 5;
	want_rows(&t.t, 1,
		  "\n\n              libc.so.6`read+0x12\n              a.out`main+0x2a\n"
		  "                5\n");
	tab_init(&t, AGG_COUNT, 1, 0, 0, 0, 0);
	tab_add(&t, sv(DV_SYM, "vmlinux`vfs_read"), iv(0, 8))[0] = 3;
	want_rows(&t.t, 0, "  vmlinux`vfs_read                                                  3\n");
}

static void test_agg_normalize(void **state)
{
	struct tab t;

	(void)state;
	tab_init(&t, AGG_COUNT, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = 10;
	t.t.normal = 4;
	want_rows(&t.t, 0, "                2\n");
	/* dtrace divides in unsigned arithmetic: a negative sum wraps */
	tab_init(&t, AGG_SUM, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = -10;
	t.t.normal = 2;
	want_rows(&t.t, 0, " 9223372036854775803\n");
	tab_init(&t, AGG_AVG, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = 2;
	t.v[0][1] = -100;
	t.e[0].normal = 5; /* an entry's own factor, when the table has none */
	want_rows(&t.t, 0, "              -10\n");
}

/* ---- printa() ------------------------------------------------------------------- */

static char *printa(const char *text, struct agg_table **tabs, int n, const struct agg_sortopts *o)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct fmt *f = NULL;
	char *buf = NULL;
	size_t len;
	FILE *fp;

	arena_init(&a);
	if (text) {
		f = fmt_parse(&a, text, 1, L18, &dg);
		assert_non_null(f);
	}
	fp = open_memstream(&buf, &len);
	if (o)
		fmt_printa_opts(fp, f, tabs, n, o);
	else
		fmt_printa(fp, f, tabs, n);
	fclose(fp);
	arena_fini(&a);
	return buf;
}

static void want_printa(const char *text, struct agg_table **tabs, int n, const struct agg_sortopts *o,
			const char *want)
{
	char *s = printa(text, tabs, n, o);

	assert_string_equal(s, want);
	free(s);
}

static void test_printa_basics(void **state)
{
	struct tab t;
	struct agg_table *tp = &t.t;
	char want[1024];

	(void)state;
	/* printa/tst.basics.r */
	tab_init(&t, AGG_AVG, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = 1;
	t.v[0][1] = 1;
	want_printa("@a = %@u\n", &tp, 1, NULL, "@a = 1\n");
	tab_init(&t, AGG_COUNT, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = 1;
	want_printa("@b = %@u\n", &tp, 1, NULL, "@b = 1\n");
	tab_init(&t, AGG_LQUANTIZE, 0, 1, 10, 1, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[1] = 1;
	snprintf(want, sizeof(want),
		 "@c = %s             < 1 |                                         0        \n"
		 "               1 |%s 1        \n"
		 "               2 |                                         0        \n\n",
		 HDR, BAR40);
	want_printa("@c = %@d\n", &tp, 1, NULL, want);
	tab_init(&t, AGG_QUANTIZE, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[64] = 1;
	snprintf(want, sizeof(want),
		 "@g = %s               0 |                                         0        \n"
		 "               1 |%s 1        \n"
		 "               2 |                                         0        \n\n",
		 HDR, BAR40);
	want_printa("@g = %@d\n", &tp, 1, NULL, want);
}

static void test_printa_stddev2(void **state)
{
	/* aggs/tst.stddev2.r: printa("%9@x\n") of pairs of values */
	static const uint64_t pairs[][2] = {
		{ 0, 0 },
		{ 0x10, 0x20 },
		{ 0x100, 0x200 },
		{ 0x1000, 0x2000 },
		{ 0x10000, 0x20000 },
		{ 0x100000, 0x200000 },
		{ 0x1000000, 0x2000000 },
		{ 0x10000000, 0x20000000 },
		{ 0x20000000, 0x40000000 },
		{ 0x40000000, 0x80000000 },
		{ 0x80000000, 0x100000000 },
		{ 0x100000000, 0x200000000 },
	};
	static const char want[] = "        0\n        8\n       80\n      800\n     8000\n"
				   "    80000\n   800000\n  8000000\n 10000000\n 20000000\n"
				   " 40000000\n 80000000\n";
	struct tab t;
	struct agg_table *tp = &t.t;
	char *out = NULL, *s;
	size_t len, i;
	FILE *fp = open_memstream(&out, &len);

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		unsigned __int128 sq = (unsigned __int128)pairs[i][0] * pairs[i][0] +
				       (unsigned __int128)pairs[i][1] * pairs[i][1];

		tab_init(&t, AGG_STDDEV, 0, 0, 0, 0, 0);
		tab_add(&t, iv(0, 8), iv(0, 8))[0] = 2;
		t.v[0][1] = (int64_t)(pairs[i][0] + pairs[i][1]);
		t.v[0][2] = (int64_t)(uint64_t)sq;
		t.v[0][3] = (int64_t)(uint64_t)(sq >> 64);
		s = printa("%9@x\n", &tp, 1, NULL);
		fputs(s, fp);
		free(s);
	}
	fclose(fp);
	assert_string_equal(out, want);
	free(out);
}

static void test_printa_keys(void **state)
{
	struct tab t;
	struct agg_table *tp = &t.t;

	(void)state;
	tab_init(&t, AGG_COUNT, 2, 0, 0, 0, 0);
	tab_add(&t, sv(DV_STR, "bash"), iv(42, 4))[0] = 12;
	tab_add(&t, sv(DV_STR, "sshd"), iv(7, 4))[0] = 3;
	want_printa("%-10s %5d %@8d\n", &tp, 1, NULL,
		    "bash          42       12\n"
		    "sshd           7        3\n");
	/* keys beyond the conversions are not printed */
	want_printa("%@d\n", &tp, 1, NULL, "12\n3\n");
	/* a '*' takes a key */
	tab_init(&t, AGG_COUNT, 2, 0, 0, 0, 0);
	tab_add(&t, iv(8, 4), sv(DV_STR, "bash"))[0] = 12;
	tab_add(&t, iv(-6, 4), sv(DV_STR, "sshd"))[0] = 3;
	want_printa("%*s|%@d\n", &tp, 1, NULL, "    bash|12\nsshd  |3\n");
	/* count() is unsigned, avg() divides unsigned in printa: dtrace's own */
	tab_init(&t, AGG_AVG, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = 2;
	t.v[0][1] = -10;
	want_printa("%@d\n", &tp, 1, NULL, "9223372036854775803\n");
	tab_init(&t, AGG_SUM, 0, 0, 0, 0, 0);
	tab_add(&t, iv(0, 8), iv(0, 8))[0] = -10;
	t.t.normal = 2;
	want_printa("%@d %@x|%@5d|\n", &tp, 1, NULL, "-5 fffffffffffffffb|   -5|\n");
	t.t.n = 0;
	want_printa("%@d\n", &tp, 1, NULL, "");
	want_printa(NULL, &tp, 1, NULL, "\n");
}

static void test_printa_multi(void **state)
{
	struct tab a, b;
	struct agg_table *tabs[2] = { &a.t, &b.t };
	struct agg_sortopts pos1 = { .sortpos = 1 };

	(void)state;
	tab_init(&a, AGG_SUM, 1, 0, 0, 0, 0);
	tab_init(&b, AGG_COUNT, 1, 0, 0, 0, 0);
	tab_add(&a, sv(DV_STR, "x"), iv(0, 8))[0] = 5;
	tab_add(&a, sv(DV_STR, "y"), iv(0, 8))[0] = 1;
	tab_add(&b, sv(DV_STR, "y"), iv(0, 8))[0] = 7;
	tab_add(&b, sv(DV_STR, "z"), iv(0, 8))[0] = 2;
	/* rows ordered by @a (missing counts as 0), extra %@ repeat the last */
	want_printa("%s %@d %@d %@d\n", tabs, 2, NULL, "z 0 2 2\ny 1 7 7\nx 5 0 0\n");
	want_printa("%s %@d %@d\n", tabs, 2, &pos1, "x 5 0\nz 0 2\ny 1 7\n");
	/* printa(@a, @b) without a format */
	want_printa(NULL, tabs, 2, NULL,
		    "\n  z                                                                 0"
		    "                2\n"
		    "  y                                                                 1"
		    "                7\n"
		    "  x                                                                 5"
		    "                0\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_structure),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_check_proto_extra),
		cmocka_unit_test(test_check_types),
		cmocka_unit_test(test_check_dynamic),
		cmocka_unit_test(test_check_printa),
		cmocka_unit_test(test_check_dtrace_line),
		cmocka_unit_test(test_printf_flags),
		cmocka_unit_test(test_printf_basics),
		cmocka_unit_test(test_printf_int_widths),
		cmocka_unit_test(test_printf_width_prec),
		cmocka_unit_test(test_printf_float_time),
		cmocka_unit_test(test_printf_escapes_stacks),
		cmocka_unit_test(test_trace_strings),
		cmocka_unit_test(test_trace_ints),
		cmocka_unit_test(test_trace_stack_sym),
		cmocka_unit_test(test_agg_scalars),
		cmocka_unit_test(test_agg_signedkeys),
		cmocka_unit_test(test_agg_stack_sym_keys),
		cmocka_unit_test(test_agg_normalize),
		cmocka_unit_test(test_printa_basics),
		cmocka_unit_test(test_printa_stddev2),
		cmocka_unit_test(test_printa_keys),
		cmocka_unit_test(test_printa_multi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
