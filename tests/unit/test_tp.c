/*
 * test_tp.c - the tracepoint format parser (engine/prov_tp.c) and the
 * typed-argument tables built from it.
 *
 * Proves: every kind of field a format file declares becomes the member
 * the code generator needs - integers with their size and signedness,
 * pointers as 64-bit integers, char arrays and __data_loc strings as
 * strings, other arrays as indexed members with their element type - and
 * the common_ fields, which the kernel fills only after the programs ran,
 * are left out, as are fields of sizes no integer has.  With the real
 * kernel's tracefs: the block tracepoints the io provider reads have the
 * fields it needs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dprog.h"
#include "prov_tp.h"

static const char fmt[] = "name: sample\n"
			  "ID: 1234\n"
			  "format:\n"
			  "\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
			  "\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
			  "\n"
			  "\tfield:dev_t dev;\toffset:8;\tsize:4;\tsigned:0;\n"
			  "\tfield:long ret;\toffset:16;\tsize:8;\tsigned:1;\n"
			  "\tfield:const char * filename;\toffset:24;\tsize:8;\tsigned:0;\n"
			  "\tfield:char comm[16];\toffset:32;\tsize:16;\tsigned:0;\n"
			  "\tfield:__data_loc char[] cmd;\toffset:48;\tsize:4;\tsigned:0;\n"
			  "\tfield:unsigned long args[6];\toffset:56;\tsize:48;\tsigned:0;\n"
			  "\tfield:short delta;\toffset:104;\tsize:2;\tsigned:1;\n"
			  "\tfield:struct foo blob;\toffset:112;\tsize:24;\tsigned:0;\n"
			  "\n"
			  "print fmt: \"%d\", REC->dev\n";

static void test_fields(void **state)
{
	struct d_struct *st = tp_format_parse("x:sample", fmt);
	const struct d_member *m;

	(void)state;
	assert_non_null(st);
	assert_string_equal(st->name, "x:sample");
	assert_int_equal(st->is_tp, 1);
	assert_int_equal(st->n, 7); /* no common_*, no blob */
	assert_null(tp_member(st, "common_pid"));
	assert_null(tp_member(st, "blob"));

	m = tp_member(st, "dev");
	assert_non_null(m);
	assert_int_equal(m->how, MB_CTX);
	assert_int_equal(m->off, 8);
	assert_int_equal(m->type.k, TY_INT);
	assert_int_equal(m->type.size, 4);
	assert_int_equal(m->type.is_unsigned, 1);
	assert_string_equal(m->ctype, "dev_t");

	m = tp_member(st, "ret");
	assert_int_equal(m->type.size, 8);
	assert_int_equal(m->type.is_unsigned, 0);

	m = tp_member(st, "filename");
	assert_int_equal(m->how, MB_CTX);
	assert_int_equal(m->type.size, 8);
	assert_int_equal(m->type.is_unsigned, 1);
	assert_string_equal(m->ctype, "const char *");

	m = tp_member(st, "comm");
	assert_int_equal(m->how, MB_CTX_STR);
	assert_int_equal(m->size, 16);
	assert_int_equal(m->type.k, TY_STR);
	assert_int_equal(m->type.size, 17); /* room for a NUL after a full array */
	assert_string_equal(m->ctype, "char[16]");

	m = tp_member(st, "cmd");
	assert_int_equal(m->how, MB_CTX_LOC);
	assert_int_equal(m->off, 48);
	assert_int_equal(m->type.k, TY_STR);

	m = tp_member(st, "args");
	assert_int_equal(m->how, MB_CTX_ARR);
	assert_int_equal(m->nelem, 6);
	assert_int_equal(m->type.size, 8);
	assert_string_equal(m->ctype, "unsigned long[6]");

	m = tp_member(st, "delta");
	assert_int_equal(m->type.size, 2);
	assert_int_equal(m->type.is_unsigned, 0);
	tp_struct_free(st);
}

static void test_malformed(void **state)
{
	/* lines that are not fields, or fields without offset or size */
	struct d_struct *st = tp_format_parse("x:bad", "field:int a;\toffset:8;\n"
						       "field:;\toffset:8;\tsize:4;\n"
						       "garbage\n"
						       "field:int [;\toffset:8;\tsize:4;\n"
						       "field:int ok;\toffset:12;\tsize:4;\tsigned:1;");

	(void)state;
	assert_non_null(st);
	assert_int_equal(st->n, 1);
	assert_non_null(tp_member(st, "ok"));
	tp_struct_free(st);
	st = tp_format_parse("x:empty", "");
	assert_non_null(st);
	assert_int_equal(st->n, 0);
	tp_struct_free(st);
}

/* The kernel's own block tracepoints, which io:::start/done read */
static void test_block_formats(void **state)
{
	struct d_struct *st;

	(void)state;
	if (!tp_root())
		skip();
	st = tp_format_load("block/block_rq_issue");
	assert_non_null(st);
	assert_non_null(tp_member(st, "dev"));
	assert_non_null(tp_member(st, "sector"));
	assert_non_null(tp_member(st, "rwbs"));
	assert_int_equal(tp_member(st, "rwbs")->how, MB_CTX_STR);
	tp_struct_free(st);
	st = tp_format_load("block/block_rq_complete");
	assert_non_null(st);
	assert_non_null(tp_member(st, "error"));
	assert_non_null(tp_member(st, "nr_sector"));
	tp_struct_free(st);
	assert_true(tp_event_id("block/block_rq_issue") > 0);
	assert_true(tp_event_id("block/no_such_event") < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_block_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
