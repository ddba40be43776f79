/*
 * test_system.c - the system() action (engine/act_system.c): the command
 * line built from the script's format, with every interpolated value that
 * is not a plain word single-quoted for the shell, and running a command
 * with its output captured.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dscope_int.h"

static const struct d_pos L1 = { 1, 1 };

static struct dvalue iv(int64_t v)
{
	struct dvalue d = { .kind = DV_INT, .size = 4, .i = v };

	return d;
}

/* The command line system(fmt, args...) runs. */
static void want_cmd(const char *fmt, const struct dvalue *args, int n, const char *want)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct fmt *f;
	char *cmd;

	arena_init(&a);
	f = fmt_parse(&a, fmt, 0, L1, &dg);
	assert_non_null(f);
	cmd = act_system_command(f, args, n);
	assert_non_null(cmd);
	assert_string_equal(cmd, want);
	free(cmd);
	arena_fini(&a);
}

static void test_format_is_the_scripts(void **state)
{
	(void)state;
	/* the format's own shell syntax is kept: it is the author's text */
	want_cmd("echo a | tr a b; echo %%", NULL, 0, "echo a | tr a b; echo %");
}

static void test_plain_words_unquoted(void **state)
{
	struct dvalue v[] = { dval_str("bash"), dval_str("/usr/bin/ls"), iv(-42) };

	(void)state;
	want_cmd("echo %s %s %d", v, 3, "echo bash /usr/bin/ls -42");
}

static void test_traced_strings_quoted(void **state)
{
	struct dvalue v[] = { dval_str("x; rm -rf /"), dval_str("$(id)"), dval_str("it's"), dval_str("") };

	(void)state;
	want_cmd("echo %s %s %s [%s]", v, 4, "echo 'x; rm -rf /' '$(id)' 'it'\\''s' ['']");
}

static void test_widths_and_chars(void **state)
{
	struct dvalue v[] = { dval_str("ab"), iv(7), iv(';'), iv(5), dval_str("xyz") };

	(void)state;
	/* a padded string is one word; %c of a metacharacter is quoted; a
	 * '*' width is taken from its argument */
	want_cmd("f %-4s %3d %c %*s", v, 5, "f 'ab  '   7 ';' '  xyz'");
}

static void test_run_captures_stdout(void **state)
{
	size_t n;
	char *out;

	(void)state;
	out = act_system_run("echo one; printf 'three'", &n);
	assert_non_null(out);
	assert_int_equal(n, 9);
	assert_memory_equal(out, "one\nthree", 9);
	free(out);
	out = act_system_run("exit 3", &n);
	assert_non_null(out);
	assert_int_equal(n, 0);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_is_the_scripts), cmocka_unit_test(test_plain_words_unquoted),
		cmocka_unit_test(test_traced_strings_quoted), cmocka_unit_test(test_widths_and_chars),
		cmocka_unit_test(test_run_captures_stdout),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
