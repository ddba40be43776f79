/*
 * test_cg.c - the code generator (engine/cg_*.c), proven by running what it
 * generates: every program is compiled through the public API, loaded and
 * run in the kernel (BEGIN/END via BPF_PROG_TEST_RUN, so deterministic) and
 * its dtrace-format output is compared exactly.
 *
 * Proves: 64-bit integer arithmetic with wrap-around, signed vs unsigned
 * division, modulo, shifts and comparisons, casts that truncate and
 * sign/zero-extend, sizeof, ++/--, compound assignment, short-circuit &&/||
 * (the right side's side effects do not happen) and ^^, ?:, expressions deep
 * enough to spill the four temporary registers, globals, associative arrays
 * (tuple keys, delete by assigning 0), this-> and self-> variables, string
 * variables, comparisons and strlen, if/else, clause order and predicates,
 * exit() status; aggregations (count, sum, avg, min, max, stddev, quantize,
 * lquantize, llquantize) fed known values, with the in-kernel quantize
 * bucket agreeing with agg_quantize_bucket() at every boundary; syscall
 * probes on the test process itself (exact counts with -x self, none
 * without: dscope's own process is filtered in the kernel; arg0, errno,
 * probefunc/probename) and vtimestamp (on-CPU time below wall time).
 *
 * Engine bugs these tests found keep their tests in known_bugs[], run as
 * regressions now that they are fixed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cmocka.h>

#include "agg.h"
#include "d_diag.h"
#include "dscope.h"

/* ---- running D programs ---- */

static void setopts(struct dscope *h, const char *const *opts)
{
	for (; opts && *opts; opts++) {
		char name[64], *eq;

		snprintf(name, sizeof(name), "%s", *opts);
		eq = strchr(name, '=');
		if (eq)
			*eq = '\0';
		if (dscope_setopt(h, name, eq ? eq + 1 : NULL))
			fail_msg("option %s: %s", *opts, dscope_errmsg(h));
	}
}

static struct dscope *start(const char *src, const char *const *opts, FILE *fp)
{
	struct dscope *h = dscope_new("dscope");

	assert_non_null(h);
	assert_int_equal(dscope_setopt(h, "quiet", NULL), 0);
	setopts(h, opts);
	dscope_set_output(h, fp);
	if (dscope_compile(h, src, NULL)) {
		const struct d_diag *d = dscope_diag(h);

		fail_msg("compile failed: [%s] %d:%d: %s\n  source: %s", d->tag, d->pos.line, d->pos.col,
			 d->msg, src);
	}
	if (dscope_go(h))
		fail_msg("dscope_go: %s\n  source: %s", dscope_errmsg(h), src);
	return h;
}

/* Drops the engine reported (ring buffer, aggregation, dynamic variable). */
static uint64_t drops(struct dscope *h)
{
	uint64_t rb, agg, dyn;

	dscope_drops(h, &rb, &agg, &dyn);
	return rb + agg + dyn;
}

/*
 * A run is repeated (up to MAX_TRIES times) when the engine reports drops:
 * creating a thread's self-> storage fails, counted as a dynamic variable
 * drop, when another BPF program on the same CPU is inside a task-storage
 * helper (the kernel's bpf_task_storage_trylock).  Other BPF users on the
 * machine can cause that; the values of a run without drops are exact.
 */
enum { MAX_TRIES = 5 };

/*
 * Compile, load and run src (with options, may be NULL); poll until the
 * program calls exit() or about two seconds pass; stop (runs END, prints
 * what is left).  *out gets the output (caller frees), *status the exit()
 * status.  Returns 1 when the program called exit(), else 0.
 */
static int run_x(const char *src, const char *const *opts, char **out, int *status)
{
	for (int tries = 1;; tries++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		struct dscope *h;
		uint64_t dropped;
		int rc = 0;

		assert_non_null(fp);
		h = start(src, opts, fp);
		for (int i = 0; i < 400 && rc == 0; i++) {
			rc = dscope_poll(h);
			if (rc == 0)
				usleep(5000);
		}
		assert_true(rc >= 0);
		assert_int_equal(dscope_stop(h), 0);
		if (status)
			*status = dscope_exit_status(h);
		dropped = drops(h);
		dscope_free(h);
		fclose(fp);
		if (dropped && tries < MAX_TRIES) {
			free(buf);
			continue;
		}
		*out = buf;
		return rc;
	}
}

static int run_d(const char *src, char **out)
{
	return run_x(src, NULL, out, NULL);
}

static void expect_src(const char *src, const char *want)
{
	char *got;

	if (run_d(src, &got) != 1)
		fail_msg("program did not exit\n  source: %s", src);
	if (strcmp(got, want))
		fail_msg("source: %s\n   got: [%s]\n  want: [%s]", src, got, want);
	free(got);
}

/* `BEGIN { body exit(0); }`: what it prints, then the blank line dtrace
 * prints when it stops. */
static void expect(const char *body, const char *want)
{
	char src[8192], w[8192];

	snprintf(src, sizeof(src), "BEGIN\n{\n\t%s\n\texit(0);\n}\n", body);
	snprintf(w, sizeof(w), "%s\n", want);
	expect_src(src, w);
}

#define T(name, body, want)                                                                                  \
	static void name(void **state)                                                                       \
	{                                                                                                    \
		(void)state;                                                                                 \
		expect(body, want);                                                                          \
	}

/* ---- integers ---- */

T(test_add_sub_mul, "printf(\"%d %d %d %d\\n\", 2 + 3, 2 - 7, -6 * 7, 1 + 2 * 3 - 4);", "5 -5 -42 3\n")
T(test_wrap64,
  "printf(\"%d %d %d %d\\n\", 0x7fffffffffffffff + 1, -9223372036854775807 - 2,"
  " 0x7fffffffffffffff * 2, 0xffffffffffffffff + 1);",
  "-9223372036854775808 9223372036854775807 -2 0\n")
T(test_wrap_narrow_vars,
  "x = (int)0x7fffffff; x = x + 1; y = (uint8_t)250; y += 10; z = (short)32767; z++;"
  " printf(\"%d %d %d\\n\", x, y, z);",
  "-2147483648 4 -32768\n")
T(test_signed_divmod, "printf(\"%d %d %d %d %d\\n\", -7 / 2, -7 % 2, 7 / -2, 7 % -2, -8 / -2);",
  "-3 -1 -3 1 4\n")
T(test_unsigned_divmod,
  "printf(\"%u %u %u\\n\", (uint64_t)-7 / 2, (uint64_t)-7 % 2, (uint64_t)-1 / (uint64_t)-1);",
  "9223372036854775804 1 1\n")
T(test_shifts,
  "x = -256; x >>= 4;"
  " printf(\"%d %u %d %d %d\\n\", -16 >> 2, (uint64_t)-16 >> 2, (int64_t)1 << 62, -1 << 1, x);",
  "-4 4611686018427387900 4611686018427387904 -2 -16\n")
T(test_negation, "m = -9223372036854775807 - 1; printf(\"%d %d %d %d %d\\n\", -(-5), -(0), -m, ~0, ~5);",
  "5 0 -9223372036854775808 -1 -6\n")
T(test_bitwise, "printf(\"%d %d %d %d\\n\", 6 & 3, 6 | 3, 6 ^ 3, (0xf0 | 0x0f) & ~0x11);", "2 7 5 238\n")
T(test_compare_signed,
  "printf(\"%d %d %d %d %d %d %d\\n\", -1 < 1, -5 <= -5, -5 >= -4, 3 != 3, 3 == 3, 2 > -2, -3 > -2);",
  "1 1 0 0 1 1 0\n")
T(test_compare_unsigned,
  "u = (uint64_t)-1; printf(\"%d %d %d %d %d\\n\", (uint64_t)-1 > 1, -1 < (uint64_t)1,"
  " (uint64_t)1 < (uint64_t)-1, u > 0, u <= 5);",
  "1 0 1 1 0\n")
T(test_logical, "printf(\"%d %d %d %d %d %d\\n\", 5 && 7, 0 || -3, !5, !0, 0 && 1, 1 || 0);", "1 1 0 1 0 1\n")
T(test_and_short_circuit, "x = 0; y = 0 && (x = 5); z = (x > 0) && x++; printf(\"%d %d %d\\n\", x, y, z);",
  "0 0 0\n")
T(test_or_short_circuit, "x = 0; y = 1 || (x = 6); z = 2 || x++; printf(\"%d %d %d\\n\", x, y, z);",
  "0 1 1\n")
T(test_right_side_runs, "x = 0; y = 1 && (x = 5); z = 0 || (x += 6); printf(\"%d %d %d\\n\", x, y, z);",
  "11 1 1\n")
T(test_lxor,
  "x = 0; printf(\"%d %d %d %d %d\\n\", 2 ^^ 3, 0 ^^ 5, 0 ^^ 0, -1 ^^ 0, 1 ^^ (0 ^^ (1 ^^ 1)));"
  " y = 1 ^^ (x = 4); printf(\"%d %d\\n\", x, y);",
  "0 1 0 1 1\n4 0\n")
T(test_ternary,
  "x = 3; printf(\"%d %d %d %d\\n\", 1 ? 2 : 3, 0 ? 2 : 3, x > 2 ? (x > 5 ? 10 : 20) : 30, x ? -x : x);",
  "2 3 20 -3\n")
T(test_ternary_side_effects, "x = 0; y = 0; z = 1 ? x++ : y++; printf(\"%d %d %d\\n\", x, y, z);", "1 0 0\n")
T(test_casts_truncate,
  "printf(\"%d %d %d %u %d %d %d %d\\n\", (char)300, (uint8_t)-1, (int)0x1ffffffff, (unsigned int)-1,"
  " (short)40000, (uint16_t)-1, (int8_t)200, (char)-129);",
  "44 255 -1 4294967295 -25536 65535 -56 127\n")
T(test_casts_extend,
  "printf(\"%d %d %u %d\\n\", (int64_t)(int)-1, (int64_t)(uint32_t)-1, (uint64_t)(char)-1,"
  " (int)(uint8_t)(char)-2);",
  "-1 4294967295 18446744073709551615 254\n")
T(test_sizeof,
  "x = 1; s = \"ab\"; c = (char)1; printf(\"%d %d %d %d %d %d %d %d %d\\n\", sizeof(char), sizeof(short),"
  " sizeof(int), sizeof(long), sizeof(uint64_t), sizeof(string), sizeof(x), sizeof(s), sizeof c);",
  "1 2 4 8 8 256 4 256 1\n")
T(test_incdec, "x = 5; a = x++; b = ++x; c = x--; d = --x; printf(\"%d %d %d %d %d\\n\", a, b, c, d, x);",
  "5 7 7 5 5\n")
T(test_incdec_storage,
  "self->x = 1; this->y = 10; a[\"k\"] = 100; self->x++; ++this->y; a[\"k\"]--; p = self->x++;"
  " printf(\"%d %d %d %d\\n\", self->x, this->y, a[\"k\"], p);",
  "3 11 99 2\n")
T(test_compound,
  "x = 5; x += 3; x -= 1; x *= 4; x /= 3; x %= 5; x <<= 3; x >>= 1; x |= 1; x &= 13; x ^= 6;"
  " y = -7; y /= 2; z = -7; z %= 3; printf(\"%d %d %d\\n\", x, y, z);",
  "7 -3 -1\n")
T(test_compound_unsigned, "u = (uint64_t)-16; u >>= 2; v = (uint64_t)-7; v /= 2; printf(\"%u %u\\n\", u, v);",
  "4611686018427387900 9223372036854775804\n")
T(test_assign_value, "x = (y = 4) + 1; z = (x += 2); printf(\"%d %d %d\\n\", x, y, z);", "7 4 7\n")

/* A shift has its left operand's type: -16 >> 2u is -4 (dtrace, C). */
T(test_shift_type, "printf(\"%d\\n\", -16 >> 2u);", "-4\n")
/* uint32_t vs int converts to uint32_t (dtrace's dt_type_promote, C):
 * (uint32_t)5 > -1 is false. */
T(test_uint32_promotion, "printf(\"%d\\n\", (uint32_t)5 > -1);", "0\n")

/* ---- register pressure: four temporaries, the rest spills ---- */

T(test_spill_balanced,
  "a=1;b=2;c=3;d=4;e=5;f=6;g=7;h=8; printf(\"%d %d\\n\", ((a+b)*(c+d))-((e+f)*(g+h)),"
  " ((((a+b)*(c+d))-((e+f)*(g+h)))*(((a-b)*(c-d))+((e-f)*(g-h))))+"
  "((((a*b)-(c*d))*((e*f)-(g*h)))-(((a+h)*(b+g))-((c+f)*(d+e)))));",
  "-144 -28\n")
T(test_spill_left_deep,
  "x = 2; printf(\"%d\\n\", (((((((x + 1) * 2) - 3) * 4) + 5) * 6) - 7) *"
  " ((((((x - 1) * 3) + 2) * 5) - 1) * 2));",
  "4560\n")
T(test_spill_right_deep, "x = 2; printf(\"%d\\n\", x * (x + (x * (x + (x * (x + (x * (x + 1))))))));", "76\n")
T(test_spill_storage,
  "a[1]=1;a[2]=2;a[3]=3;a[4]=4; self->x=5; self->y=6; this->z=7; this->w=8; s = \"hello\";"
  " printf(\"%d %d\\n\", ((a[1] + a[2]) * (a[3] + a[4])) - ((self->x + self->y) * (this->z + this->w)),"
  " 1 + (2 * (3 + (4 * (5 + (6 * (strlen(s) + a[1])))))));",
  "-144 335\n")
T(test_spill_mixed,
  "x = 2; y = 3; printf(\"%d %d %d\\n\","
  " (x ? (x > 1 ? 10 : 20) : 30) + (x == 2 ? (x + (x * (x - (x / 2)))) : 0),"
  " 1 + (2 + (3 + (x == 2 && y > 1))), 1 + (2 + (3 + (y += 4))));",
  "14 7 13\n")
T(test_spill_keys,
  "x = 1; a[x + (x + (x * 2)), \"k\"] = 5; @s[x + (x + (x * 2)), \"k\"] = sum(x + (x + (x * 2)));"
  " printf(\"%d\\n\", a[4, \"k\"]); printa(\"%d %s %@d\\n\", @s);",
  "5\n4 k 4\n")

/* ---- variables ---- */

static void test_globals_across_clauses(void **state)
{
	(void)state;
	expect_src("BEGIN { x = 1; } BEGIN { x += 2; } BEGIN { printf(\"%d\\n\", x); exit(0); }", "3\n\n");
}

static void test_declared_defaults(void **state)
{
	(void)state;
	expect_src(
	    "int x; string s; self int t; BEGIN { printf(\"%d [%s] %d\\n\", x, s, self->t); exit(0); }",
	    "0 [] 0\n\n");
}

T(test_assoc_int_keys,
  "a[1] = 10; a[2] = 20; a[-3] = 30; printf(\"%d %d %d %d\\n\", a[1], a[2], a[-3], a[4]);", "10 20 30 0\n")
T(test_assoc_tuple_keys,
  "a[1, \"k\"] = 10; a[2, \"k\"] = 20; a[1, \"j\"] = 30; printf(\"%d %d %d %d\\n\", a[1, \"k\"], a[2, \"k\"],"
  " a[1, \"j\"], a[3, \"k\"]);",
  "10 20 30 0\n")
T(test_assoc_delete,
  "a[\"x\"] = 1; a[\"y\"] = 2; a[\"x\"] = 0; b = a[\"x\"]; a[\"x\"] = 5;"
  " printf(\"%d %d %d\\n\", b, a[\"y\"], a[\"x\"]);",
  "0 2 5\n")
T(test_assoc_strings,
  "a[\"k\"] = \"v1\"; a[\"j\"] = \"v2\"; printf(\"%s %s [%s]\\n\", a[\"k\"], a[\"j\"], a[\"zz\"]);",
  "v1 v2 []\n")
T(test_this_self,
  "this->x = 7; self->y = 8; self->s = \"str\"; this->t = \"tt\";"
  " printf(\"%d %d %s %s\\n\", this->x, self->y, self->s, this->t);",
  "7 8 str tt\n")

static void test_this_across_clauses(void **state)
{
	(void)state;
	expect_src(
	    "BEGIN { this->t = 9; } BEGIN { this->t *= 2; } BEGIN { printf(\"%d\\n\", this->t); exit(0); }",
	    "18\n\n");
}

static void test_self_begin_to_end(void **state)
{
	(void)state;
	/* BEGIN and END run in the same thread: its self-> variables persist */
	expect_src("BEGIN { self->x = 42; exit(0); } END { printf(\"%d\\n\", self->x); }", "42\n\n");
}

/* ---- strings ---- */

T(test_str_literal_cmp,
  "s = \"abc\"; printf(\"%d %d %d %d %d %d %d %d\\n\", s == \"abc\", s != \"abc\", s < \"abd\", s > \"abd\","
  " s < \"abcd\", s > \"ab\", s == \"ab\", s == \"abcd\");",
  "1 0 1 0 1 1 0 0\n")
T(test_str_literal_left,
  "s = \"abc\"; printf(\"%d %d %d %d\\n\", \"abd\" > s, \"abc\" == s, \"ab\" < s, \"abcd\" <= s);",
  "1 1 1 0\n")
T(test_str_var_cmp,
  "s = \"abc\"; t = \"abcd\"; u = \"abc\"; printf(\"%d %d %d %d %d %d %d %d\\n\", s == t, s < t, t > s, s == "
  "u,"
  " s != u, t < s, s <= u, s >= t);",
  "0 1 1 1 0 0 1 0\n")
T(test_str_empty, "s = \"\"; t = \"a\"; printf(\"%d %d %d %d\\n\", s == \"\", s < t, t > s, s != t);",
  "1 1 1 1\n")
T(test_str_copy, "s = \"abc\"; t = s; s = \"xyz\"; printf(\"%s %s\\n\", t, s);", "abc xyz\n")
T(test_str_ternary,
  "x = 3; s = x > 5 ? \"big\" : \"sm\"; printf(\"%s %s %d\\n\", x > 2 ? \"big\" : \"small\", s, strlen(s));",
  "big sm 2\n")
T(test_strlen,
  "s = \"hello\"; e = \"\"; printf(\"%d %d %d %d\\n\", strlen(s), strlen(e), strlen(\"abc\"), strlen(s) * "
  "2);",
  "5 0 3 10\n")

static void test_strsize_truncates(void **state)
{
	static const char *const opts[] = { "strsize=16", NULL };
	char *out;

	(void)state;
	assert_int_equal(run_x("BEGIN { s = \"abcdefghijklmnopqrstuvwxyz\";"
			       " printf(\"%d %s\\n\", strlen(s), s); exit(0); }",
			       opts, &out, NULL),
			 1);
	assert_string_equal(out, "15 abcdefghijklmno\n\n");
	free(out);
}

/* ---- control ---- */

T(test_if_else_chain,
  "x = 7; if (x < 5) printf(\"a\\n\"); else if (x < 10) printf(\"b\\n\"); else printf(\"c\\n\");"
  " if (x > 100) { printf(\"no\\n\"); }"
  " if (x == 7) { if (x > 6) { printf(\"gt6\\n\"); } else { printf(\"le6\\n\"); } }",
  "b\ngt6\n")

static void test_clause_order_predicates(void **state)
{
	char *out;
	int st = -1;

	(void)state;
	assert_int_equal(run_x("BEGIN { printf(\"a\"); x = 3; } BEGIN /x > 5/ { printf(\"X\"); }"
			       " BEGIN /x > 2/ { printf(\"b\"); } BEGIN /0/ { printf(\"Y\"); }"
			       " BEGIN { printf(\"c\\n\"); exit(7); } END { printf(\"end\\n\"); }",
			       NULL, &out, &st),
			 1);
	assert_string_equal(out, "abc\nend\n\n");
	assert_int_equal(st, 7);
	free(out);
}

static void test_exit_status_default(void **state)
{
	char *out;
	int st = -1;

	(void)state;
	assert_int_equal(run_x("BEGIN { exit(0); }", NULL, &out, &st), 1);
	assert_int_equal(st, 0);
	assert_string_equal(out, "\n");
	free(out);
	assert_int_equal(run_x("BEGIN { x = 40; exit(x + 2); }", NULL, &out, &st), 1);
	assert_int_equal(st, 42);
	free(out);
}

T(test_trace, "trace(-5); trace(\"str\"); trace((uint64_t)-1);", "-5str18446744073709551615")

/* Division by zero at run time is an error (dtrace: "divide-by-zero in
 * action #1"): the clause stops and records nothing. */
static void test_runtime_div_zero(void **state)
{
	(void)state;
	expect_src("BEGIN { x = 0; printf(\"%d %d\\n\", 5 / x, 5 % x); } BEGIN { exit(0); }", "\n");
}

/* BEGIN runs in this process: its identity as the builtins see it */
static void test_builtins_identity(void **state)
{
	char comm[32] = "", want[256], *got;
	FILE *fp = fopen("/proc/self/comm", "r");

	(void)state;
	assert_non_null(fp);
	assert_non_null(fgets(comm, sizeof(comm), fp));
	fclose(fp);
	comm[strcspn(comm, "\n")] = '\0';
	snprintf(want, sizeof(want), "%d %d %d %u %u %s\n\n", (int)getpid(), (int)getppid(), (int)getpid(),
		 (unsigned)getuid(), (unsigned)getgid(), comm);
	assert_int_equal(run_d("BEGIN { printf(\"%d %d %d %u %u %s\\n\", pid, ppid, tid, uid, gid, execname);"
			       " exit(0); }",
			       &got),
			 1);
	assert_string_equal(got, want);
	free(got);
}

/* ---- aggregations ---- */

T(test_agg_scalars,
  "@c = count(); @c = count(); @s = sum(5); @s = sum(-2); @a = avg(4); @a = avg(7); @mn = min(3);"
  " @mn = min(-4); @mx = max(3); @mx = max(9); @sd = stddev(2); @sd = stddev(4); @sd = stddev(4);"
  " @sd = stddev(4); @sd = stddev(5); @sd = stddev(5); @sd = stddev(7); @sd = stddev(9);",
  "\n                2\n                3\n                5\n"
  "               -4\n                9\n                2")
T(test_agg_avg_negative, "@b = avg(-7); @b = avg(2);", "\n               -2")
T(test_agg_extremes,
  "@mn = min(5); @mn = min(-9223372036854775807 - 1); @mx = max(-5); @mx = max(-9);"
  " @s = sum(0x7fffffffffffffff);"
  " @s = sum(1); printa(\"%@d %@d %@d\\n\", @mn, @mx, @s);",
  "-9223372036854775808 -5 -9223372036854775808\n")
T(test_agg_stddev_128,
  "@b = stddev(0); @b = stddev(4294967296); @c = stddev(-4294967296); @c = stddev(4294967296);"
  " @d = stddev(3000000000); @d = stddev(-3000000000); @d = stddev(1000000000);"
  " printa(\"%@d \", @b); printa(\"%@d \", @c); printa(\"%@d\\n\", @d);",
  "2147483648 4294967296 2494438257\n")
T(test_agg_keys,
  "@c[\"a\"] = count(); @c[\"b\"] = count(); @c[\"b\"] = count(); @s[1, \"x\"] = sum(3); @s[2, \"y\"] = "
  "sum(1);"
  " printa(@c); printa(\"%s=%@d\\n\", @c); printa(\"%d %s %@d\\n\", @s);",
  "\n  a                                                                 1\n"
  "  b                                                                 2\na=1\nb=2\n2 y 1\n1 x 3\n")
T(test_quantize_hist,
  "@q = quantize(0); @q = quantize(1); @q = quantize(2); @q = quantize(3); @q = quantize(1000);"
  " @q = quantize(-1); @q = quantize(-5, 3);",
  "\n\n           value  ------------- Distribution ------------- count    \n"
  "              -8 |                                         0        \n"
  "              -4 |@@@@@@@@@@@@@                            3        \n"
  "              -2 |                                         0        \n"
  "              -1 |@@@@                                     1        \n"
  "               0 |@@@@                                     1        \n"
  "               1 |@@@@                                     1        \n"
  "               2 |@@@@@@@@@                                2        \n"
  "               4 |                                         0        \n"
  "               8 |                                         0        \n"
  "              16 |                                         0        \n"
  "              32 |                                         0        \n"
  "              64 |                                         0        \n"
  "             128 |                                         0        \n"
  "             256 |                                         0        \n"
  "             512 |@@@@                                     1        \n"
  "            1024 |                                         0        \n")

/*
 * Run `@q[i] = FUNC(v_i)` for every value and return, per key, the label of
 * the one non-empty histogram row (parsed from printa's output).
 */
static void bucket_labels(const char *func, const char *const *vals, int n, char labels[][32])
{
	char src[16384], *out, *line, *save = NULL;
	int len = 0, key = -1;

	len += snprintf(src + len, sizeof(src) - (size_t)len, "BEGIN {\n");
	for (int i = 0; i < n; i++)
		len +=
		    snprintf(src + len, sizeof(src) - (size_t)len, "\t@q[%d] = %s(%s);\n", i, func, vals[i]);
	snprintf(src + len, sizeof(src) - (size_t)len, "\tprinta(\"k=%%d%%@d\\n\", @q);\n\texit(0);\n}\n");
	for (int i = 0; i < n; i++)
		labels[i][0] = '\0';
	assert_int_equal(run_d(src, &out), 1);
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *bar = strchr(line, '|'), *lab = line, *end;
		long long count;

		if (sscanf(line, "k=%d", &key) == 1 || !bar || key < 0 || key >= n)
			continue;
		count = strtoll(bar + 42, NULL, 10);
		if (count == 0)
			continue;
		assert_int_equal(count, 1);
		assert_string_equal(labels[key], ""); /* one non-empty row per key */
		while (*lab == ' ')
			lab++;
		for (end = bar; end > lab && end[-1] == ' '; end--)
			;
		snprintf(labels[key], 32, "%.*s", (int)(end - lab), lab);
	}
	free(out);
}

static void test_quantize_buckets_agree(void **state)
{
	static const int64_t v[] = {
		0,
		1,
		-1,
		2,
		-2,
		3,
		-3,
		4,
		-4,
		5,
		7,
		8,
		-8,
		1023,
		1024,
		1025,
		-1023,
		-1024,
		-1025,
		INT32_MAX,
		(int64_t)INT32_MAX + 1,
		INT32_MIN,
		(int64_t)1 << 32,
		((int64_t)1 << 62) - 1,
		(int64_t)1 << 62,
		INT64_MAX,
		-((int64_t)1 << 62),
		-((int64_t)1 << 62) + 1,
		INT64_MIN + 1,
		INT64_MIN,
	};
	enum { N = sizeof(v) / sizeof(v[0]) };
	char lits[N][48], labels[N][32], want[32];
	const char *vals[N];

	(void)state;
	for (int i = 0; i < N; i++) {
		if (v[i] == INT64_MIN)
			snprintf(lits[i], sizeof(lits[i]), "-9223372036854775807 - 1");
		else
			snprintf(lits[i], sizeof(lits[i]), "%lld", (long long)v[i]);
		vals[i] = lits[i];
	}
	bucket_labels("quantize", vals, N, labels);
	for (int i = 0; i < N; i++) {
		snprintf(want, sizeof(want), "%lld",
			 (long long)agg_quantize_value(agg_quantize_bucket(v[i])));
		if (strcmp(labels[i], want))
			fail_msg("quantize(%lld): kernel bucket \"%s\", agg_quantize_bucket says \"%s\"",
				 (long long)v[i], labels[i], want);
	}
	/* and by hand, so the agreement is not with a shared mistake */
	assert_string_equal(labels[3], "2");	/* 2 */
	assert_string_equal(labels[5], "2");	/* 3 */
	assert_string_equal(labels[6], "-2");	/* -3 */
	assert_string_equal(labels[13], "512"); /* 1023 */
	assert_string_equal(labels[14], "1024");
	assert_string_equal(labels[25], "4611686018427387904");	 /* INT64_MAX */
	assert_string_equal(labels[28], "-4611686018427387904"); /* INT64_MIN + 1 */
}

static void test_lquantize_buckets(void **state)
{
	static const char *const v1[] = {
		"-1", "0", "1", "2", "9", "10", "11", "-9223372036854775807 - 1", "0x7fffffffffffffff"
	};
	static const char *const w1[] = { "< 0", "0", "0", "2", "8", ">= 10", ">= 10", "< 0", ">= 10" };
	static const char *const v2[] = { "-11", "-10", "-6", "-5", "-1", "0", "9", "10" };
	static const char *const w2[] = { "< -10", "-10", "-10", "-5", "-5", "0", "5", ">= 10" };
	static const char *const v3[] = { "0", "5", "8", "9", "10" };
	static const char *const w3[] = { "0", "3", "6", ">= 9", ">= 9" }; /* 3 levels of 3 */
	char vals[16][64], labels[16][32];
	const char *vp[16];

	(void)state;
	for (int i = 0; i < 9; i++)
		vp[i] = strcat(strcpy(vals[i], v1[i]), ", 0, 10, 2");
	bucket_labels("lquantize", vp, 9, labels);
	for (int i = 0; i < 9; i++)
		if (strcmp(labels[i], w1[i]))
			fail_msg("lquantize(%s): \"%s\", want \"%s\"", vp[i], labels[i], w1[i]);
	for (int i = 0; i < 8; i++)
		vp[i] = strcat(strcpy(vals[i], v2[i]), ", -10, 10, 5");
	bucket_labels("lquantize", vp, 8, labels);
	for (int i = 0; i < 8; i++)
		if (strcmp(labels[i], w2[i]))
			fail_msg("lquantize(%s): \"%s\", want \"%s\"", vp[i], labels[i], w2[i]);
	for (int i = 0; i < 5; i++)
		vp[i] = strcat(strcpy(vals[i], v3[i]), ", 0, 10, 3");
	bucket_labels("lquantize", vp, 5, labels);
	for (int i = 0; i < 5; i++)
		if (strcmp(labels[i], w3[i]))
			fail_msg("lquantize(%s): \"%s\", want \"%s\"", vp[i], labels[i], w3[i]);
}

static void test_llquantize_buckets(void **state)
{
	static const char *const v[] = { "-1",
					 "0",
					 "9",
					 "10",
					 "19",
					 "20",
					 "99",
					 "100",
					 "999",
					 "1000",
					 "9999",
					 "10000",
					 "0x7fffffffffffffff" };
	static const char *const w[] = { "abs() < 10", "abs() < 10", "abs() < 10", "10",  "10",
					 "20",	       "90",	     "100",	   "900", "1000",
					 "9000",       ">= 10000",   ">= 10000" };
	enum { N = sizeof(v) / sizeof(v[0]) };
	char vals[N][64], labels[N][32];
	const char *vp[N];

	(void)state;
	for (int i = 0; i < N; i++)
		vp[i] = strcat(strcpy(vals[i], v[i]), ", 10, 1, 3, 10");
	bucket_labels("llquantize", vp, N, labels);
	for (int i = 0; i < N; i++)
		if (strcmp(labels[i], w[i]))
			fail_msg("llquantize(%s): \"%s\", want \"%s\"", vp[i], labels[i], w[i]);
}

T(test_lquantize_incr,
  "x = 1; v = 3; w = 5; @q[x + 1, \"k\"] = lquantize(v, 0, 10, 1, w);"
  " @q[x + 1, \"k\"] = lquantize(-1, 0, 10, 1, 2);"
  " printa(\"%d %s %@d\\n\", @q);",
  "2 k \n           value  ------------- Distribution ------------- count    \n"
  "             < 0 |@@@@@@@@@@@                              2        \n"
  "               0 |                                         0        \n"
  "               1 |                                         0        \n"
  "               2 |                                         0        \n"
  "               3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@            5        \n"
  "               4 |                                         0        \n\n")

/* lquantize's step is optional (default 1), as in dtrace. */
T(test_lquantize_default_step, "@l = lquantize(3, 0, 5); printa(\"%@d\", @l);",
  "\n           value  ------------- Distribution ------------- count    \n"
  "               2 |                                         0        \n"
  "               3 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
  "               4 |                                         0        \n")

/* ---- syscall probes on this very process ---- */

static void getppids(int n)
{
	for (int i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static void closes_and_getppids(int n)
{
	for (int i = 0; i < n; i++) {
		syscall(SYS_close, -1L); /* EBADF */
		syscall(SYS_getppid);
		syscall(SYS_getppid);
	}
}

/* Start src, run work(n) in this process, stop; returns the output
 * (repeated when the engine reports drops, as run_x). */
static char *run_live(const char *src, const char *const *opts, void (*work)(int), int n)
{
	for (int tries = 1;; tries++) {
		char *buf = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&buf, &len);
		struct dscope *h;
		uint64_t dropped;

		assert_non_null(fp);
		h = start(src, opts, fp);
		assert_true(dscope_poll(h) >= 0);
		work(n);
		assert_true(dscope_poll(h) >= 0);
		assert_int_equal(dscope_stop(h), 0);
		dropped = drops(h);
		dscope_free(h);
		fclose(fp);
		if (dropped && tries < MAX_TRIES) {
			free(buf);
			continue;
		}
		return buf;
	}
}

static void test_syscall_self_count(void **state)
{
	static const char *const self[] = { "self", NULL };
	char *out;

	(void)state;
	out = run_live("syscall::getppid:entry /pid == $pid/ { @ = count(); }", self, getppids, 37);
	assert_string_equal(out, "\n               37\n");
	free(out);
	out = run_live("BEGIN { n = 0; r = 0; } syscall::getppid:entry /pid == $pid/ { n++; }"
		       " syscall::getppid:return /pid == $pid/ { r++; } END { printf(\"%d %d\\n\", n, r); }",
		       self, getppids, 23);
	assert_string_equal(out, "23 23\n\n");
	free(out);
}

static void test_syscall_own_process_filtered(void **state)
{
	char *out;

	(void)state;
	out = run_live("BEGIN { n = 0; } syscall::getppid:entry /pid == $pid/ { n++; }"
		       " END { printf(\"n=%d\\n\", n); }",
		       NULL, getppids, 37);
	assert_string_equal(out, "n=0\n\n");
	free(out);
}

static void test_syscall_args_errno_probefunc(void **state)
{
	static const char *const self[] = { "self", NULL };
	char *out;

	(void)state;
	/* close(-1): arg0 on entry, errno (EBADF) on return; probefunc and
	 * probename as keys and compared with a string in a predicate */
	out = run_live(
	    "syscall::close:entry /pid == $pid && (int)arg0 == -1/ { @a[arg0] = count(); self->c = 1; }"
	    " syscall::close:return /self->c/ { @e[errno] = count(); self->c = 0; }"
	    " syscall::getppid:entry, syscall::getppid:return /pid == $pid/"
	    " { @p[probefunc, probename] = count(); }"
	    " syscall::getppid:, syscall::close:entry /pid == $pid && probefunc == \"getppid\"/ { @g = "
	    "count(); }"
	    " END { printa(\"a %d %@d\\n\", @a); printa(\"e %d %@d\\n\", @e);"
	    " printa(\"p %s %s %@d\\n\", @p); printa(\"g %@d\\n\", @g); }",
	    self, closes_and_getppids, 3);
	assert_string_equal(out, "a -1 3\ne 9 3\np getppid entry 6\np getppid return 6\ng 12\n\n");
	free(out);
}

static void test_vtimestamp(void **state)
{
	static const char *const self[] = { "self", NULL };
	char *out;
	long long v = -1, t = -1, n = -1;

	(void)state;
	out = run_live("syscall::getppid:entry /pid == $pid/ { self->vt = vtimestamp; self->ts = timestamp; }"
		       " syscall::getppid:return /pid == $pid && self->ts/ { @v = sum(vtimestamp - self->vt);"
		       " @t = sum(timestamp - self->ts); @n = count(); }"
		       " END { printa(\"%@d \", @v); printa(\"%@d \", @t); printa(\"%@d\\n\", @n); }",
		       self, getppids, 50);
	assert_int_equal(sscanf(out, "%lld %lld %lld", &v, &t, &n), 3);
	assert_int_equal(n, 50);
	if (!(v > 0 && v < t))
		fail_msg("vtimestamp differences %lld, timestamp differences %lld", v, t);
	free(out);
}

/* ---- regressions: engine bugs these tests found, fixed since ---- */

/* Operators needing three registers fail with D_DIF_OVERFLOW once an
 * enclosing expression holds two. */
T(bug_regs_strcmp, "s1 = \"abc\"; s2 = \"abd\"; printf(\"%d\\n\", 1 + (2 + (s1 == s2)));", "3\n")
T(bug_regs_self_inc, "self->x = 5; printf(\"%d %d\\n\", 1 + (2 + self->x++), self->x);", "8 6\n")
T(bug_regs_assoc_inc, "a[1] = 3; printf(\"%d %d\\n\", 1 + (2 + a[1]++), a[1]);", "6 4\n")
T(bug_regs_lxor, "printf(\"%d\\n\", 1 ^^ (0 ^^ (1 ^^ (1 ^^ 0))));", "1\n")
/* A string key may be a variable after a literal first use. */
T(bug_assoc_str_key_var, "a[\"x\"] = 1; s = \"y\"; a[s] = 2; printf(\"%d %d\\n\", a[\"x\"], a[s]);", "1 2\n")

/* Spill slots and scratch space are never reused: 40 statements that each
 * spill twice, or 150 string stores, fail with D_DIF_OVERFLOW although
 * at most 16 (resp. 264) bytes are live at any time. */
static void bug_spill_slots_reused(void **state)
{
	char body[4096];
	int len = snprintf(body, sizeof(body), "a = 1; b = 2; c = 3; d = 4; e = 5;");

	(void)state;
	for (int i = 0; i < 40; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, " x%d = a + (b + (c + (d + e)));", i);
	snprintf(body + len, sizeof(body) - (size_t)len, " printf(\"%%d %%d\\n\", x0, x39);");
	expect(body, "15 15\n");
}

static void bug_scratch_reused(void **state)
{
	char body[4096];
	int len = 0;

	(void)state;
	for (int i = 0; i < 150; i++)
		len += snprintf(body + len, sizeof(body) - (size_t)len, "a[%d] = \"v\"; ", i);
	snprintf(body + len, sizeof(body) - (size_t)len, "printf(\"%%s\\n\", a[149]);");
	expect(body, "v\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_sub_mul),
		cmocka_unit_test(test_wrap64),
		cmocka_unit_test(test_wrap_narrow_vars),
		cmocka_unit_test(test_signed_divmod),
		cmocka_unit_test(test_unsigned_divmod),
		cmocka_unit_test(test_shifts),
		cmocka_unit_test(test_negation),
		cmocka_unit_test(test_bitwise),
		cmocka_unit_test(test_compare_signed),
		cmocka_unit_test(test_compare_unsigned),
		cmocka_unit_test(test_logical),
		cmocka_unit_test(test_and_short_circuit),
		cmocka_unit_test(test_or_short_circuit),
		cmocka_unit_test(test_right_side_runs),
		cmocka_unit_test(test_lxor),
		cmocka_unit_test(test_ternary),
		cmocka_unit_test(test_ternary_side_effects),
		cmocka_unit_test(test_casts_truncate),
		cmocka_unit_test(test_casts_extend),
		cmocka_unit_test(test_sizeof),
		cmocka_unit_test(test_incdec),
		cmocka_unit_test(test_incdec_storage),
		cmocka_unit_test(test_compound),
		cmocka_unit_test(test_compound_unsigned),
		cmocka_unit_test(test_assign_value),
		cmocka_unit_test(test_shift_type),
		cmocka_unit_test(test_uint32_promotion),
		cmocka_unit_test(test_spill_balanced),
		cmocka_unit_test(test_spill_left_deep),
		cmocka_unit_test(test_spill_right_deep),
		cmocka_unit_test(test_spill_storage),
		cmocka_unit_test(test_spill_mixed),
		cmocka_unit_test(test_spill_keys),
		cmocka_unit_test(test_globals_across_clauses),
		cmocka_unit_test(test_declared_defaults),
		cmocka_unit_test(test_assoc_int_keys),
		cmocka_unit_test(test_assoc_tuple_keys),
		cmocka_unit_test(test_assoc_delete),
		cmocka_unit_test(test_assoc_strings),
		cmocka_unit_test(test_this_self),
		cmocka_unit_test(test_this_across_clauses),
		cmocka_unit_test(test_self_begin_to_end),
		cmocka_unit_test(test_str_literal_cmp),
		cmocka_unit_test(test_str_literal_left),
		cmocka_unit_test(test_str_var_cmp),
		cmocka_unit_test(test_str_empty),
		cmocka_unit_test(test_str_copy),
		cmocka_unit_test(test_str_ternary),
		cmocka_unit_test(test_strlen),
		cmocka_unit_test(test_strsize_truncates),
		cmocka_unit_test(test_if_else_chain),
		cmocka_unit_test(test_clause_order_predicates),
		cmocka_unit_test(test_exit_status_default),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_runtime_div_zero),
		cmocka_unit_test(test_builtins_identity),
		cmocka_unit_test(test_agg_scalars),
		cmocka_unit_test(test_agg_avg_negative),
		cmocka_unit_test(test_agg_extremes),
		cmocka_unit_test(test_agg_stddev_128),
		cmocka_unit_test(test_agg_keys),
		cmocka_unit_test(test_quantize_hist),
		cmocka_unit_test(test_quantize_buckets_agree),
		cmocka_unit_test(test_lquantize_buckets),
		cmocka_unit_test(test_llquantize_buckets),
		cmocka_unit_test(test_lquantize_incr),
		cmocka_unit_test(test_lquantize_default_step),
		cmocka_unit_test(test_syscall_self_count),
		cmocka_unit_test(test_syscall_own_process_filtered),
		cmocka_unit_test(test_syscall_args_errno_probefunc),
		cmocka_unit_test(test_vtimestamp),
	};
	const struct CMUnitTest known_bugs[] = {
		cmocka_unit_test(bug_regs_strcmp),	 cmocka_unit_test(bug_regs_self_inc),
		cmocka_unit_test(bug_regs_assoc_inc),	 cmocka_unit_test(bug_regs_lxor),
		cmocka_unit_test(bug_assoc_str_key_var), cmocka_unit_test(bug_spill_slots_reused),
		cmocka_unit_test(bug_scratch_reused),
	};

	/* regressions: bugs found by these tests, fixed since */
	return cmocka_run_group_tests(tests, NULL, NULL) |
	       cmocka_run_group_tests_name("fixed engine bugs", known_bugs, NULL, NULL);
}
