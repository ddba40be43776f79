/*
 * test_lex.c - unit tests of the D lexer (engine/d_lex.c).
 *
 * Proves: token kinds, values and 1-based line/column positions (a tab is
 * one column) in both lexer modes; integer, character and string constants
 * with their suffixes and escapes; comments, line continuation and control
 * lines (#pragma D option, #line, # N "file", #!); and that each lexical
 * error carries dtrace's tag and message at the offending position.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "d_lex.h"

struct lexfix {
	struct arena a;
	struct d_diag dg;
	struct d_lex lx;
	struct d_token t;
};

static struct lexfix F;

static void start(const char *src)
{
	arena_fini(&F.a);
	memset(&F, 0, sizeof(F));
	arena_init(&F.a);
	d_lex_init(&F.lx, &F.a, src, &F.dg);
}

static int setup(void **state)
{
	(void)state;
	memset(&F, 0, sizeof(F));
	arena_init(&F.a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_fini(&F.a);
	return 0;
}

static const struct d_token *tok(enum d_lex_mode m)
{
	assert_int_equal(d_lex_next(&F.lx, m, &F.t), 0);
	return &F.t;
}

static const struct d_token *etok(void)
{
	return tok(D_LEX_EXPR);
}

static void at(const struct d_token *t, int line, int col)
{
	assert_int_equal(t->pos.line, line);
	assert_int_equal(t->pos.col, col);
}

static void want_op(int op, int line, int col)
{
	const struct d_token *t = etok();

	assert_int_equal(t->kind, D_TOK_OP);
	assert_int_equal(t->op, op);
	at(t, line, col);
}

static void want_int(int64_t v, int is_unsigned)
{
	const struct d_token *t = etok();

	assert_int_equal(t->kind, D_TOK_INT);
	assert_true(t->ival == v);
	assert_int_equal(t->is_unsigned, is_unsigned);
}

static void want_ident(const char *name)
{
	const struct d_token *t = etok();

	assert_int_equal(t->kind, D_TOK_IDENT);
	assert_string_equal(t->str, name);
}

static void want_eof(enum d_lex_mode m)
{
	assert_int_equal(tok(m)->kind, D_TOK_EOF);
}

/* The next token in mode m fails with tag at line:col; msg (if any) is a substring. */
static void want_err(enum d_lex_mode m, const char *tag, int line, int col, const char *msg)
{
	assert_int_equal(d_lex_next(&F.lx, m, &F.t), -1);
	assert_int_equal(F.t.kind, D_TOK_EOF);
	assert_true(F.dg.set);
	assert_string_equal(F.dg.tag, tag);
	assert_int_equal(F.dg.pos.line, line);
	assert_int_equal(F.dg.pos.col, col);
	if (msg && !strstr(F.dg.msg, msg))
		fail_msg("message \"%s\" lacks \"%s\"", F.dg.msg, msg);
	/* after an error the lexer stays at end of input */
	assert_int_equal(d_lex_next(&F.lx, m, &F.t), 0);
	assert_int_equal(F.t.kind, D_TOK_EOF);
}

static void err_expr(const char *src, const char *tag, int line, int col, const char *msg)
{
	start(src);
	for (;;) {
		int rc = d_lex_next(&F.lx, D_LEX_EXPR, &F.t);

		if (rc < 0)
			break;
		if (F.t.kind == D_TOK_EOF)
			fail_msg("no error lexing \"%s\"", src);
	}
	assert_string_equal(F.dg.tag, tag);
	assert_int_equal(F.dg.pos.line, line);
	assert_int_equal(F.dg.pos.col, col);
	if (msg && !strstr(F.dg.msg, msg))
		fail_msg("message \"%s\" lacks \"%s\"", F.dg.msg, msg);
}

/* ---- positive tests ---- */

static void test_positions(void **state)
{
	(void)state;
	start("a\tb  c\n\n  d\r\n\t\te");
	at(etok(), 1, 1);
	at(etok(), 1, 3); /* tab is one column */
	at(etok(), 1, 6);
	at(etok(), 3, 3);
	at(etok(), 4, 3);
	assert_string_equal(F.t.str, "e");
	want_eof(D_LEX_EXPR);
	at(&F.t, 4, 4);
	want_eof(D_LEX_EXPR); /* stays at end */
}

static void test_integers(void **state)
{
	(void)state;
	start("0 7 42 0x1F 0XfF 017 00 18446744073709551615 9223372036854775807 "
	      "9223372036854775808 0xffffffffffffffff 1u 2U 3l 4L 5ul 6UL 7ull 8LLU 9LL 10lu");
	want_int(0, 0);
	want_int(7, 0);
	want_int(42, 0);
	want_int(31, 0);
	want_int(255, 0);
	want_int(15, 0);
	want_int(0, 0);
	want_int(-1, 1); /* UINT64_MAX */
	want_int(INT64_MAX, 0);
	want_int(INT64_MIN, 1);
	want_int(-1, 1);
	want_int(1, 1);
	want_int(2, 1);
	want_int(3, 0);
	want_int(4, 0);
	want_int(5, 1);
	want_int(6, 1);
	want_int(7, 1);
	want_int(8, 1);
	want_int(9, 0);
	want_int(10, 1);
	want_eof(D_LEX_EXPR);
}

static void test_int_then_ident(void **state)
{
	(void)state;
	/* as in dtrace, 12abc is a constant followed by an identifier */
	start("12abc 0x 1uz");
	want_int(12, 0);
	want_ident("abc");
	want_int(0, 0);
	want_ident("x");
	want_int(1, 1);
	want_ident("z");
}

static void test_chars(void **state)
{
	(void)state;
	start("'a' '\\n' '\\0' '\\'' '\\\\' '\\x41' '\\101' 'ab' '\\377' '\"'");
	want_int('a', 0);
	want_int('\n', 0);
	want_int(0, 0);
	want_int('\'', 0);
	want_int('\\', 0);
	want_int('A', 0);
	want_int('A', 0);
	want_int('a' << 8 | 'b', 0);
	want_int(255, 0);
	want_int('"', 0);
	want_eof(D_LEX_EXPR);
}

static void test_strings(void **state)
{
	const struct d_token *t;

	(void)state;
	start("\"\" \"a\\n\\t\\\\\\\"b\" \"\\a\\b\\f\\r\\v\\?\\'\" \"x\\0y\" \"\\x41\\x7e!\" "
	      "\"\\101\\60\\7\" \"\\q\" \"/* no */ // no\"");
	t = etok();
	assert_int_equal(t->kind, D_TOK_STR);
	assert_int_equal(t->slen, 0);
	assert_string_equal(etok()->str, "a\n\t\\\"b");
	assert_string_equal(etok()->str, "\a\b\f\r\v?'");
	t = etok();
	assert_int_equal(t->slen, 3);
	assert_memory_equal(t->str, "x\0y", 3);
	assert_string_equal(etok()->str, "A~!");
	assert_string_equal(etok()->str, "A0\a");
	assert_string_equal(etok()->str, "\\q"); /* unknown escapes keep the backslash */
	assert_string_equal(etok()->str, "/* no */ // no");
	want_eof(D_LEX_EXPR);
}

static void test_operators(void **state)
{
	static const struct {
		const char *s;
		int op;
	} ops[] = {
		{ "<<=", D_SHL_ASSIGN },
		{ ">>=", D_SHR_ASSIGN },
		{ "<<", D_SHL },
		{ ">>", D_SHR },
		{ "<=", D_LE },
		{ ">=", D_GE },
		{ "==", D_EQ },
		{ "!=", D_NE },
		{ "&&", D_LAND },
		{ "||", D_LOR },
		{ "^^", D_LXOR },
		{ "++", D_INC },
		{ "--", D_DEC },
		{ "->", D_ARROW },
		{ "+=", D_ADD_ASSIGN },
		{ "-=", D_SUB_ASSIGN },
		{ "*=", D_MUL_ASSIGN },
		{ "/=", D_DIV_ASSIGN },
		{ "%=", D_MOD_ASSIGN },
		{ "&=", D_AND_ASSIGN },
		{ "|=", D_OR_ASSIGN },
		{ "^=", D_XOR_ASSIGN },
		{ "+", '+' },
		{ "-", '-' },
		{ "*", '*' },
		{ "%", '%' },
		{ "&", '&' },
		{ "|", '|' },
		{ "^", '^' },
		{ "!", '!' },
		{ "~", '~' },
		{ "<", '<' },
		{ ">", '>' },
		{ "=", '=' },
		{ "?", '?' },
		{ ":", ':' },
		{ ";", ';' },
		{ ",", ',' },
		{ ".", '.' },
		{ "(", '(' },
		{ ")", ')' },
		{ "[", '[' },
		{ "]", ']' },
		{ "{", '{' },
		{ "}", '}' },
		{ "/ x", '/' },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		start(ops[i].s);
		want_op(ops[i].op, 1, 1);
		assert_int_equal(F.t.len, strcspn(ops[i].s, " "));
	}
	/* maximal munch */
	start("a+++b");
	want_ident("a");
	want_op(D_INC, 1, 2);
	want_op('+', 1, 4);
	want_ident("b");
}

static void test_ends_pred(void **state)
{
	(void)state;
	start("a / b /\n { x /; y / /z/");
	want_ident("a");
	want_op('/', 1, 3);
	assert_false(F.t.ends_pred);
	want_ident("b");
	want_op('/', 1, 7);
	assert_true(F.t.ends_pred); /* next non-blank is '{' */
	want_op('{', 2, 2);
	want_ident("x");
	want_op('/', 2, 6);
	assert_true(F.t.ends_pred); /* ';' */
	want_op(';', 2, 7);
	want_ident("y");
	want_op('/', 2, 11);
	assert_true(F.t.ends_pred); /* '/' */
	want_op('/', 2, 13);
	assert_false(F.t.ends_pred);
	want_ident("z");
	want_op('/', 2, 15);
	assert_true(F.t.ends_pred); /* end of input */
}

static void test_idents_keywords(void **state)
{
	const struct d_token *t;

	(void)state;
	start("if else sizeof stringof self this int unsigned string struct while foo _x9 "
	      "`sym vmlinux`jiffies");
	static const int kws[] = { D_KW_IF,	D_KW_ELSE,   D_KW_SIZEOF,  D_KW_STRINGOF,
				   D_KW_SELF,	D_KW_THIS,   D_KW_INT,	   D_KW_UNSIGNED,
				   D_KW_STRING, D_KW_STRUCT, D_KW_RESERVED };
	for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
		t = etok();
		assert_int_equal(t->kind, D_TOK_KW);
		assert_int_equal(t->op, kws[i]);
	}
	assert_string_equal(F.t.str, "while");
	want_ident("foo");
	want_ident("_x9");
	want_ident("`sym");
	want_ident("vmlinux`jiffies");
	assert_true(d_lex_kw_is_type(D_KW_LONG));
	assert_false(d_lex_kw_is_type(D_KW_SELF));
	assert_int_equal(d_lex_keyword("short", 5), D_KW_SHORT);
	assert_int_equal(d_lex_keyword("shorts", 6), D_KW_NONE);
}

static void test_typedefs(void **state)
{
	int u = -1;

	(void)state;
	assert_true(d_lex_typedef("uint64_t", 8, &u));
	assert_int_equal(u, 1);
	assert_true(d_lex_typedef("int32_t", 7, &u));
	assert_int_equal(u, 0);
	assert_true(d_lex_typedef("size_t", 6, NULL));
	assert_false(d_lex_typedef("uint64_tx", 9, NULL));
	assert_false(d_lex_typedef("uint64_tx", 7, NULL));
}

static void test_macros_aggs(void **state)
{
	const struct d_token *t;

	(void)state;
	start("$1 $$2 $target $pid $$target @ @foo @_x1[");
	t = etok();
	assert_int_equal(t->kind, D_TOK_MACRO);
	assert_string_equal(t->str, "1");
	assert_false(t->is_string);
	t = etok();
	assert_string_equal(t->str, "2");
	assert_true(t->is_string);
	assert_string_equal(etok()->str, "target");
	assert_string_equal(etok()->str, "pid");
	t = etok();
	assert_string_equal(t->str, "target");
	assert_true(t->is_string);
	t = etok();
	assert_int_equal(t->kind, D_TOK_AGG);
	assert_string_equal(t->str, "");
	at(t, 1, 30);
	assert_string_equal(etok()->str, "foo");
	assert_string_equal(etok()->str, "_x1");
	want_op('[', 1, 41);
}

static void test_comments(void **state)
{
	(void)state;
	start("a /* x\n * y */ b // z /* w\nc/**/d \\\ne");
	want_ident("a");
	want_ident("b");
	at(&F.t, 2, 9);
	want_ident("c");
	at(&F.t, 3, 1);
	want_ident("d");
	at(&F.t, 3, 6);
	want_ident("e"); /* backslash-newline is blank */
	at(&F.t, 4, 1);
	want_eof(D_LEX_EXPR);
}

static void test_probe_mode(void **state)
{
	const struct d_token *t;

	(void)state;
	start("syscall::read:entry,profile-97\n  pid$target:libc.so.6:mal*:entry /x/ "
	      "fbt::[a-c]?:return{ BEGIN");
	t = tok(D_LEX_PROBE);
	assert_int_equal(t->kind, D_TOK_PDESC);
	assert_string_equal(t->str, "syscall::read:entry");
	at(t, 1, 1);
	assert_int_equal(tok(D_LEX_PROBE)->op, ',');
	assert_string_equal(tok(D_LEX_PROBE)->str, "profile-97");
	t = tok(D_LEX_PROBE);
	assert_string_equal(t->str, "pid$target:libc.so.6:mal*:entry");
	at(t, 2, 3);
	assert_int_equal(tok(D_LEX_PROBE)->op, '/');
	want_ident("x"); /* the parser switches modes */
	assert_int_equal(tok(D_LEX_PROBE)->op, '/');
	assert_string_equal(tok(D_LEX_PROBE)->str, "fbt::[a-c]?:return");
	assert_int_equal(tok(D_LEX_PROBE)->op, '{');
	assert_string_equal(tok(D_LEX_PROBE)->str, "BEGIN");
	want_eof(D_LEX_PROBE);
}

static void test_rewind(void **state)
{
	(void)state;
	start("\n  int*x;");
	assert_string_equal(tok(D_LEX_PROBE)->str, "int*x");
	d_lex_rewind(&F.lx, &F.t);
	assert_int_equal(etok()->op, D_KW_INT);
	at(&F.t, 2, 3);
	want_op('*', 2, 6);
	want_ident("x");
	want_op(';', 2, 8);
}

static void test_pragmas(void **state)
{
	const struct d_pragma *pr;

	(void)state;
	start("#!/usr/sbin/dtrace -s\n"
	      "#pragma D option quiet\n"
	      "  #  pragma D option bufsize=16m\n"
	      "#pragma D depends_on module x\n"
	      "#pragma ident \"x\"\n"
	      "#pragma weak foo\n"
	      "#ident \"x\"\n"
	      "#\n"
	      "#pragma D option x=\n"
	      "a");
	want_ident("a");
	at(&F.t, 10, 1);
	pr = F.lx.pragmas;
	assert_non_null(pr);
	assert_string_equal(pr->name, "quiet");
	assert_null(pr->value);
	assert_int_equal(pr->pos.line, 2);
	assert_int_equal(pr->pos.col, 1);
	pr = pr->next;
	assert_string_equal(pr->name, "bufsize");
	assert_string_equal(pr->value, "16m");
	assert_int_equal(pr->pos.line, 3);
	assert_int_equal(pr->pos.col, 3);
	pr = pr->next;
	assert_string_equal(pr->name, "x");
	assert_string_equal(pr->value, "");
	assert_null(pr->next);
}

static void test_line_markers(void **state)
{
	(void)state;
	start("a\n#line 100 \"foo.d\"\nb\n# 7 \"bar.d\" 1 3\nc\nd\n#line 5\ne");
	want_ident("a");
	at(&F.t, 1, 1);
	want_ident("b");
	at(&F.t, 100, 1);
	want_ident("c");
	at(&F.t, 7, 1);
	want_ident("d");
	at(&F.t, 8, 1);
	want_ident("e");
	at(&F.t, 5, 1);
	/* a '#' that is not first on its line is an ordinary (bad) character */
	start("a #pragma D option quiet");
	want_ident("a");
	want_err(D_LEX_EXPR, "D_SYNTAX", 1, 3, "syntax error near \"#\"");
}

static void test_near(void **state)
{
	char buf[96];
	struct d_token t = { .start = "ab\x01\"c", .len = 5 };
	char lng[200];

	(void)state;
	assert_string_equal(d_lex_near(&t, buf, sizeof(buf)), "ab\\x01\"c");
	memset(lng, 'x', sizeof(lng));
	t.start = lng;
	t.len = sizeof(lng);
	d_lex_near(&t, buf, sizeof(buf));
	assert_int_equal(strlen(buf), 67);
	assert_string_equal(buf + 64, "...");
	d_lex_near(&t, buf, 8); /* never overflows a small buffer */
	assert_true(strlen(buf) < 8);
}

/* ---- errors: tag, line and column of the offending token ---- */

static void test_errors(void **state)
{
	(void)state;
	err_expr("x = 18446744073709551616;", "D_INT_OFLOW", 1, 5,
		 "constant 18446744073709551616 results in integer overflow");
	err_expr("\n  0x10000000000000000", "D_INT_OFLOW", 2, 3, "0x10000000000000000");
	err_expr("x = 0128;", "D_INT_DIGIT", 1, 5, "constant 0128 contains invalid digit 8");
	err_expr("a\n\t\"abc\ndef\"", "D_STR_NL", 2, 2, "newline encountered in string literal");
	err_expr("\"abc", "D_SYNTAX", 1, 1, "unterminated string literal");
	err_expr("x = 'a\n'", "D_CHR_NL", 1, 5, "newline encountered in character constant");
	err_expr(" ''", "D_CHR_NULL", 1, 2, "empty character constant");
	err_expr("'abcdefghi'", "D_CHR_OFLOW", 1, 1, "character constant is too long");
	err_expr("'a", "D_SYNTAX", 1, 1, "unterminated character constant");
	err_expr("a /* b\n\n", "D_SYNTAX", 1, 3, "end-of-file encountered before matching */");
	err_expr("/* a /* b */", "D_SYNTAX", 1, 6, "/* encountered inside a comment");
	err_expr("x = 1.5;", "D_SYNTAX", 1, 5, "floating-point constants are not permitted");
	err_expr("x = .5;", "D_SYNTAX", 1, 5, "floating-point constants are not permitted");
	err_expr("x = 1e9;", "D_SYNTAX", 1, 5, "floating-point constants are not permitted");
	err_expr("a\n  \x01", "D_SYNTAX", 2, 3, "syntax error near \"\\x01\"");
	err_expr("x $ y", "D_SYNTAX", 1, 3, "syntax error near \"$\"");
	err_expr("x $$- y", "D_SYNTAX", 1, 3, "syntax error near \"$$\"");
	err_expr("a \\ b", "D_SYNTAX", 1, 3, "syntax error near \"\\\"");
	err_expr("#include <stdio.h>\n", "D_PRAGCTL_INVAL", 1, 1, "invalid control directive: #include");
	err_expr("a\n #define X 1\n", "D_PRAGCTL_INVAL", 2, 2, "invalid control directive: #define");
	err_expr("#pragma D option\n", "D_PRAGMA_MALFORM", 1, 1, "malformed #pragma option <option>=<val>");
	err_expr("#pragma D option a b\n", "D_PRAGMA_MALFORM", 1, 1,
		 "superfluous arguments specified for #pragma option");
	err_expr("#pragma D option \"q\"\n", "D_PRAGMA_MALFORM", 1, 1, NULL);
	err_expr("#pragma D frobnicate\n", "D_PRAGMA_INVAL", 1, 1, "invalid D pragma: frobnicate");
	err_expr("#line x\n", "D_PRAGMA_MALFORM", 1, 1, "malformed #line");
	err_expr("#line 9999999999\n", "D_PRAGMA_MALFORM", 1, 1, "malformed #line");
	err_expr("# 3 x\n", "D_PRAGMA_MALFORM", 1, 1, "malformed #line");
	err_expr("\n#error stop here\n", "D_PRAGERR", 2, 1, "#error: stop here");
	err_expr("#\"x\"\n", "D_PRAGCTL_INVAL", 1, 1, "invalid control directive");
	err_expr("#pragma D option x=\"y\n", "D_STR_NL", 1, 20, NULL);

	start("a ; b");
	tok(D_LEX_PROBE);
	want_err(D_LEX_PROBE, "D_SYNTAX", 1, 3, "syntax error near \";\"");
	start("syscall::read:entry\n`x");
	tok(D_LEX_PROBE);
	want_err(D_LEX_PROBE, "D_SYNTAX", 2, 1, "syntax error near \"`\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_integers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_int_then_ident, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_operators, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ends_pred, setup, teardown),
		cmocka_unit_test_setup_teardown(test_idents_keywords, setup, teardown),
		cmocka_unit_test_setup_teardown(test_typedefs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_macros_aggs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_comments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_probe_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rewind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pragmas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_markers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_near, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
