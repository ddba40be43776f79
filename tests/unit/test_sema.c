/*
 * test_sema.c - the semantic pass (engine/d_sema.c, with the printf checks
 * of engine/fmt_printf.c), through the public API: dscope_compile() only,
 * nothing is loaded.
 *
 * Proves: every kind of semantic error is reported as dtrace reports it -
 * its tag, the line and column of the offending construct and the message
 * (undefined variables and functions, aggregation redefinition and
 * prototypes, incompatible operand types, lvalues, probe descriptions that
 * match nothing, undefined macro arguments, constant division by zero,
 * lquantize/llquantize parameters, printf conversions against arguments,
 * redeclarations, non-scalar predicates and conditions); and, for valid
 * programs, the number of probes enabled (dscope_nprobes) for syscall
 * globs, profile and tick rates and BEGIN/END lists.
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

#include <cmocka.h>

#include "d_diag.h"
#include "dscope.h"

static char arg1[] = "42", arg2[] = "str";
static char *macro_args[] = { arg1, arg2 };

/* Compile src with two macro arguments ($1 = 42, $2 = "str") and options. */
static struct dscope *compile(const char *src, const char *opt, int *rc)
{
	struct dscope *h = dscope_new("dscope");

	assert_non_null(h);
	dscope_set_macros(h, 2, macro_args);
	if (opt)
		assert_int_equal(dscope_setopt(h, opt, NULL), 0);
	*rc = dscope_compile(h, src, NULL);
	return h;
}

/* src must fail with tag at line:col, the message containing msg. */
static void err_at(const char *src, const char *tag, int line, int col, const char *msg)
{
	int rc;
	struct dscope *h = compile(src, NULL, &rc);
	const struct d_diag *d = dscope_diag(h);

	if (rc != -1 || !d->set)
		fail_msg("compiled (rc %d), want [%s]\n  source: %s", rc, tag, src);
	if (strcmp(d->tag, tag) || d->pos.line != line || (col && d->pos.col != col) || !strstr(d->msg, msg))
		fail_msg("source: %s\n   got: [%s] %d:%d: %s\n  want: [%s] %d:%d: ...%s...", src, d->tag,
			 d->pos.line, d->pos.col, d->msg, tag, line, col, msg);
	dscope_free(h);
}

/* src must compile, enabling nprobes probes. */
static void ok_probes(const char *src, const char *opt, int nprobes)
{
	int rc;
	struct dscope *h = compile(src, opt, &rc);

	if (rc)
		fail_msg("source: %s\n  [%s] %d:%d: %s", src, dscope_diag(h)->tag, dscope_diag(h)->pos.line,
			 dscope_diag(h)->pos.col, dscope_diag(h)->msg);
	if (nprobes >= 0)
		assert_int_equal(dscope_nprobes(h), nprobes);
	dscope_free(h);
}

/* How many probes dscope -l lists for a description. */
static int listed(const char *desc)
{
	struct dscope *h = dscope_new("dscope");
	FILE *fp = fopen("/dev/null", "w");
	int n;

	assert_non_null(h);
	assert_non_null(fp);
	n = dscope_list(h, fp, desc);
	fclose(fp);
	dscope_free(h);
	return n;
}

#define E(name, src, tag, line, col, msg)                                                                    \
	static void name(void **state)                                                                       \
	{                                                                                                    \
		(void)state;                                                                                 \
		err_at(src, tag, line, col, msg);                                                            \
	}

/* ---- identifiers ---- */

E(test_undef_var, "BEGIN { trace(y); }", "D_IDENT_UNDEF", 1, 15, "failed to resolve y: Unknown variable name")
E(test_undef_var_line, "BEGIN\n{\n\tx = 1;\n\ty = x + z;\n}\n", "D_IDENT_UNDEF", 4, 10,
  "failed to resolve z: Unknown variable name")
E(test_undef_before_set, "BEGIN { trace(x); } BEGIN { x = 1; }", "D_IDENT_UNDEF", 1, 15,
  "failed to resolve x")
/* dtrace: a thread-local, clause-local or array never assigned is D_VAR_UNDEF */
E(test_undef_self, "BEGIN { self->q = 1; trace(self->r); }", "D_VAR_UNDEF", 1, 28,
  "self->r has not yet been declared or assigned")
E(test_undef_assoc, "BEGIN { trace(a[1]); }", "D_VAR_UNDEF", 1, 15, "a has not yet been declared or assigned")
E(test_undef_compound, "BEGIN { x += 1; }", "D_IDENT_UNDEF", 1, 9, "failed to resolve x")
E(test_undef_func, "BEGIN { x = foo(1); }", "D_FUNC_UNDEF", 1, 13, "undefined function name: foo")
E(test_decl_idred, "int x;\nint x;\nBEGIN { }", "D_DECL_IDRED", 2, 0, "identifier redeclared: x")
E(test_decl_builtin, "int pid; BEGIN { }", "D_DECL_IDRED", 1, 0, "identifier redeclared: pid")

/* ---- aggregations ---- */

E(test_agg_redef_func, "BEGIN { @a = count(); @a = sum(1); }", "D_AGG_REDEF", 1, 23,
  "aggregation redefined: @a")
E(test_agg_redef_params, "BEGIN { @a = lquantize(1, 0, 10, 1); @a = lquantize(2, 0, 20, 1); }",
  "D_LQUANT_MATCHLIM", 1, 38, "limit (argument #2) doesn't match previous declaration: expected 10, found 20")
E(test_proto_len_count, "BEGIN { @a = count(1); }", "D_PROTO_LEN", 1, 14,
  "count( ) prototype mismatch: 1 arg passed, 0 expected")
E(test_proto_len_quantize, "BEGIN { @a = quantize(); }", "D_PROTO_LEN", 1, 14,
  "quantize( ) prototype mismatch: 0 args passed, 1 expected")
E(test_proto_len_trace, "BEGIN { trace(); }", "D_PROTO_LEN", 1, 9,
  "trace( ) prototype mismatch: 0 args passed, 1 expected")
/* dtrace's dt_compile_agg: a non-scalar value is D_AGG_SCALAR */
E(test_agg_arg_string, "BEGIN { @a = sum(\"x\"); }", "D_AGG_SCALAR", 1, 0,
  "sum( ) argument #1 must be of scalar type")
E(test_agg_in_expr, "BEGIN { @a = count(); x = @a; }", "D_AGG_SCALAR", 1, 27,
  "may not be used in an expression")
E(test_agg_not_aggfunc, "BEGIN { @a = trace(1); }", "D_AGG_FUNC", 1, 14,
  "trace( ) is not an aggregating function")
E(test_printa_undef, "BEGIN { printa(@nope); }", "D_AGG_NULL", 1, 16, "undefined aggregation: @nope")
E(test_lquant_mismatch, "BEGIN { @a = lquantize(1, 10, 5, 1); }", "D_LQUANT_MISMATCH", 1, 0,
  "must be less than limit")
E(test_llquant_factor, "BEGIN { @a = llquantize(1, 1, 0, 2, 10); }", "D_LLQUANT_FACTORVAL", 1, 0,
  "llquantize( )")

/* ---- types and operators ---- */

E(test_proto_arg_exit, "BEGIN { exit(\"s\"); }", "D_PROTO_ARG", 1, 14,
  "exit( ) argument #1 is incompatible with prototype:\n\tprototype: int\n\t argument: string")
E(test_proto_arg_strlen, "BEGIN { x = strlen(1); }", "D_PROTO_ARG", 1, 20,
  "strlen( ) argument #1 is incompatible with prototype:\n\tprototype: string\n\t argument: int")
E(test_incompat_assign, "BEGIN { x = 1; x = \"s\"; }", "D_OP_INCOMPAT", 1, 16,
  "operands have incompatible types: \"int\" = \"string\"")
E(test_incompat_decl, "int x; BEGIN { x = \"s\"; }", "D_OP_INCOMPAT", 1, 16,
  "operands have incompatible types: \"int\" = \"string\"")
E(test_incompat_assoc, "BEGIN { a[1] = 1; a[2] = \"s\"; }", "D_OP_INCOMPAT", 1, 19, "\"int\" = \"string\"")
E(test_incompat_cmp, "BEGIN { x = \"a\" == 1; }", "D_OP_INCOMPAT", 1, 13,
  "operands have incompatible types: \"string\" == \"int\"")
E(test_op_int_str, "BEGIN { s = \"a\"; x = 1 << s; }", "D_OP_INT", 1, 22,
  "operator << requires operands of integral type")
E(test_lval_const, "BEGIN { 1 = 2; }", "D_OP_LVAL", 1, 9,
  "operator = requires modifiable lvalue as an operand")
E(test_lval_incr_const, "BEGIN { 1++; }", "D_OP_LVAL", 1, 9,
  "operator ++ requires modifiable lvalue as an operand")
E(test_cast_string, "BEGIN { x = (string)1; }", "D_CAST_INVAL", 1, 13,
  "invalid cast expression: \"int\" to \"string\"")
E(test_action_in_expr, "BEGIN { x = trace(1); }", "D_ACT_SPEC", 1, 13,
  "trace( ) may not be used in an expression")
E(test_arr_arity, "BEGIN { a[1] = 1; a[1, 2] = 2; }", "D_PROTO_LEN", 1, 19,
  "a[ ] prototype mismatch: 2 keys passed, 1 expected")
E(test_div_zero, "BEGIN { x = 1 / 0; }", "D_DIV_ZERO", 1, 13, "expression contains division by zero")
E(test_mod_zero, "BEGIN\n{\n\tx = 5 % 0;\n}", "D_DIV_ZERO", 3, 6, "expression contains division by zero")
/* dtrace reports it at the clause's closing brace */
E(test_pred_string, "BEGIN /\"abc\"/ { }", "D_PRED_SCALAR", 1, 17, "predicate result must be of scalar type")
E(test_if_string, "BEGIN { if (\"s\") trace(1); }", "D_OP_SCALAR", 1, 13, "scalar")

/* ---- probes and macros ---- */

static void test_pdesc_zero(void **state)
{
	int rc;
	struct dscope *h;

	(void)state;
	err_at("BEGIN { }\nsyscall::nosuchsyscall:entry { }", "D_PDESC_ZERO", 2, 1,
	       "probe description syscall::nosuchsyscall:entry does not match any probes");
	/* a malformed rate matches nothing either */
	h = compile("tick-xyz { }", NULL, &rc);
	assert_int_equal(rc, -1);
	assert_string_equal(dscope_diag(h)->tag, "D_PDESC_ZERO");
	assert_non_null(strstr(dscope_diag(h)->msg, ":::tick-xyz"));
	dscope_free(h);
}

E(test_macro_undef, "BEGIN { trace($3); }", "D_MACRO_UNDEF", 1, 15, "macro argument $3 is not defined")
E(test_macro_undef_str, "BEGIN { trace($$3); }", "D_MACRO_UNDEF", 1, 15, "macro argument $$3 is not defined")

static void test_macros_defined(void **state)
{
	(void)state;
	ok_probes("BEGIN { x = $1 + 1; s = $$2; t = $$1; printf(\"%d %s %s\\n\", x, s, t); }", NULL, 1);
}

/* ---- printf ---- */

E(test_printf_too_few, "BEGIN { printf(\"%d %d\\n\", 1); }", "D_PRINTF_ARG_PROTO", 1, 9,
  "printf( ) prototype mismatch: conversion #2 (%d) is missing a corresponding value argument")
E(test_printf_too_many, "BEGIN { printf(\"%d\\n\", 1, 2); }", "D_PRINTF_ARG_EXTRA", 1, 9,
  "printf( ) prototype mismatch: only 1 arguments required by this format string")
E(test_printf_str_as_int, "BEGIN { printf(\"%d\\n\", \"s\"); }", "D_PRINTF_ARG_TYPE", 1, 24,
  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n\tconversion: %d")
E(test_printf_int_as_str, "BEGIN { x = 1; printf(\"%s\\n\", x); }", "D_PRINTF_ARG_TYPE", 1, 31,
  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n\tconversion: %s")
E(test_printf_fmt_not_const, "BEGIN { s = \"%d\"; printf(s, 1); }", "D_PRINTF_ARG_FMT", 1, 26,
  "printf( ) argument #1 must be a string constant")

/* ---- valid programs: enabled probes ---- */

static void test_nprobes_syscalls(void **state)
{
	int all = listed("syscall:::entry"), reads = listed("syscall::read*:");

	(void)state;
	assert_true(all > 300);
	assert_true(reads >= 4 && reads % 2 == 0); /* read, readv, ... each with entry and return */
	ok_probes("syscall:::entry { @ = count(); }", NULL, all);
	ok_probes("syscall::read*: { @[probefunc] = count(); }", NULL, reads);
	ok_probes("syscall::read:entry, syscall::write:entry { }", NULL, 2);
	ok_probes("syscall::read:entry, syscall::read:return { }", NULL, 2);
	/* probes of several clauses are counted once */
	ok_probes("syscall:::entry { } syscall::read:entry { } syscall::read:return { }", NULL, all + 1);
	ok_probes("syscall:::entry /pid == $pid/ { }", NULL, all);
}

static void test_nprobes_profile_begin_end(void **state)
{
	(void)state;
	ok_probes("profile-97 { @ = count(); }", NULL, 1);
	ok_probes("profile-97, profile-997 { }", NULL, 2);
	ok_probes("tick-1s { exit(0); } profile-97 { }", NULL, 2);
	ok_probes("BEGIN { }", NULL, 1);
	ok_probes("BEGIN, END { }", NULL, 2);
	ok_probes("BEGIN { } END { } BEGIN { }", NULL, 2);
	ok_probes("BEGIN { } END { } tick-1s { } syscall::getpid:entry { }", NULL, 4);
}

static void test_nprobes_zdefs(void **state)
{
	(void)state;
	/* -Z: a description may match nothing */
	ok_probes("syscall::nosuchsyscall:entry { } BEGIN { exit(0); }", "zdefs", 1);
}

static void test_valid_programs(void **state)
{
	(void)state;
	ok_probes("int x; self string s; BEGIN { x = 1; self->s = \"a\"; this->t = x ? 2 : 3;"
		  " a[x, self->s] = this->t; @q[execname] = lquantize(x, 0, 100, 10); @l = llquantize(x, 10, "
		  "0, 6, 20);"
		  " @s = stddev(x); printa(\"%s %@d\\n\", @q); trunc(@q, 1); clear(@s); exit(0); }",
		  NULL, 1);
	ok_probes(
	    "syscall::read:entry /execname == \"x\" && probefunc != \"write\"/ { self->ts = timestamp; }"
	    " syscall::read:return /self->ts/ { @[errno] = quantize(timestamp - self->ts); self->ts = 0; }",
	    NULL, 2);
}

/* ---- regressions: engine bugs these tests found, fixed since ---- */

/* dtrace: assigning a built-in variable is D_OP_WRITE (dt_assign_common) */
E(bug_write_builtin, "BEGIN { pid = 3; }", "D_OP_WRITE", 1, 0,
  "operator = can only be applied to a writable variable")
/* dtrace: a step leaving no level is a compile error; dscope compiles it
 * and dscope_go fails creating a map of negative size */
E(bug_lquant_no_levels, "BEGIN { @a = lquantize(1, 0, 10, 20); }", "D_LQUANT_STEPLARGE", 1, 0,
  "lquantize( ) step (argument #3) too large: must have at least one quantization level")
/* dtrace's dt_compile_agg wording and tags for lquantize parameters */
E(bug_lquant_mismatch_msg, "BEGIN { @a = lquantize(1, 10, 5, 1); }", "D_LQUANT_MISMATCH", 1, 0,
  "lquantize( ) base (argument #1) must be less than limit (argument #2)")
E(bug_lquant_step_zero, "BEGIN { @a = lquantize(1, 0, 10, 0); }", "D_LQUANT_STEPTYPE", 1, 0,
  "lquantize( ) argument #3 must be a non-zero positive integer constant")
E(bug_lquant_base_var, "BEGIN { x = 1; @a = lquantize(1, x, 10, 1); }", "D_LQUANT_BASETYPE", 1, 0,
  "lquantize( ) argument #1 must be an integer constant")
E(bug_llquant_hmag, "BEGIN { @a = llquantize(1, 10, 3, 2, 10); }", "D_LLQUANT_HMAGVAL", 1, 0,
  "llquantize( ) argument #3 (high magnitude) must be at least argument #2 (low magnitude)")

/* a string variable may index an array first indexed with a literal */
static void bug_str_key_after_literal(void **state)
{
	(void)state;
	ok_probes("BEGIN { a[\"x\"] = 1; s = \"y\"; a[s] = 2; }", NULL, 1);
	ok_probes("BEGIN { @c[\"x\"] = count(); s = \"y\"; @c[s] = count(); }", NULL, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undef_var),
		cmocka_unit_test(test_undef_var_line),
		cmocka_unit_test(test_undef_before_set),
		cmocka_unit_test(test_undef_self),
		cmocka_unit_test(test_undef_assoc),
		cmocka_unit_test(test_undef_compound),
		cmocka_unit_test(test_undef_func),
		cmocka_unit_test(test_decl_idred),
		cmocka_unit_test(test_decl_builtin),
		cmocka_unit_test(test_agg_redef_func),
		cmocka_unit_test(test_agg_redef_params),
		cmocka_unit_test(test_proto_len_count),
		cmocka_unit_test(test_proto_len_quantize),
		cmocka_unit_test(test_proto_len_trace),
		cmocka_unit_test(test_agg_arg_string),
		cmocka_unit_test(test_agg_in_expr),
		cmocka_unit_test(test_agg_not_aggfunc),
		cmocka_unit_test(test_printa_undef),
		cmocka_unit_test(test_lquant_mismatch),
		cmocka_unit_test(test_llquant_factor),
		cmocka_unit_test(test_proto_arg_exit),
		cmocka_unit_test(test_proto_arg_strlen),
		cmocka_unit_test(test_incompat_assign),
		cmocka_unit_test(test_incompat_decl),
		cmocka_unit_test(test_incompat_assoc),
		cmocka_unit_test(test_incompat_cmp),
		cmocka_unit_test(test_op_int_str),
		cmocka_unit_test(test_lval_const),
		cmocka_unit_test(test_lval_incr_const),
		cmocka_unit_test(test_cast_string),
		cmocka_unit_test(test_action_in_expr),
		cmocka_unit_test(test_arr_arity),
		cmocka_unit_test(test_div_zero),
		cmocka_unit_test(test_mod_zero),
		cmocka_unit_test(test_pred_string),
		cmocka_unit_test(test_if_string),
		cmocka_unit_test(test_pdesc_zero),
		cmocka_unit_test(test_macro_undef),
		cmocka_unit_test(test_macro_undef_str),
		cmocka_unit_test(test_macros_defined),
		cmocka_unit_test(test_printf_too_few),
		cmocka_unit_test(test_printf_too_many),
		cmocka_unit_test(test_printf_str_as_int),
		cmocka_unit_test(test_printf_int_as_str),
		cmocka_unit_test(test_printf_fmt_not_const),
		cmocka_unit_test(test_nprobes_syscalls),
		cmocka_unit_test(test_nprobes_profile_begin_end),
		cmocka_unit_test(test_nprobes_zdefs),
		cmocka_unit_test(test_valid_programs),
	};
	const struct CMUnitTest known_bugs[] = {
		cmocka_unit_test(bug_write_builtin),	     cmocka_unit_test(bug_lquant_no_levels),
		cmocka_unit_test(bug_lquant_mismatch_msg),   cmocka_unit_test(bug_lquant_step_zero),
		cmocka_unit_test(bug_lquant_base_var),	     cmocka_unit_test(bug_llquant_hmag),
		cmocka_unit_test(bug_str_key_after_literal),
	};

	/* regressions: bugs found by these tests, fixed since */
	return cmocka_run_group_tests(tests, NULL, NULL) |
	       cmocka_run_group_tests_name("fixed engine bugs", known_bugs, NULL, NULL);
}
