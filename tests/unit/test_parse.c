/*
 * test_parse.c - unit tests of the D parser (engine/d_parse.c) and of the
 * tree printer (engine/d_ast.c).
 *
 * Proves: the trees built for C precedence and associativity, every D
 * operator, primaries, casts and sizeof, probe description lists and their
 * field splitting, predicates (with dtrace's '/' rule), declarations,
 * pragmas, if/else and the optional ';' before '}'; that syntax errors carry
 * dtrace's tag and message at the offending line and column; and that
 * truncated, mutated, deeply nested or random input never crashes (run it
 * under ASan/UBSan: `make san`).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "d_ast.h"

/* Parse src; the dump without its last newline, or "ERR [TAG] L:C: msg". Caller frees. */
static char *run(const char *src)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct d_program *p;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	arena_init(&a);
	p = d_parse(&a, src, &dg);
	if (p) {
		assert_false(dg.set);
		d_ast_dump(fp, p);
	} else {
		assert_true(dg.set);
		fprintf(fp, "ERR [%s] %d:%d: %s", dg.tag, dg.pos.line, dg.pos.col, dg.msg);
	}
	arena_fini(&a);
	fclose(fp);
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return buf;
}

static void ok(const char *src, const char *want)
{
	char *got = run(src);

	if (strcmp(got, want))
		fail_msg("source: %s\n  got: %s\n want: %s", src, got, want);
	free(got);
}

/* The tree of one expression statement. */
static void ex(const char *expr, const char *want)
{
	static const char pre[] = "(clause (probes \"BEGIN\") (body (expr ";
	char src[4096], *got;
	size_t n;

	snprintf(src, sizeof(src), "BEGIN { %s; }", expr);
	got = run(src);
	n = strlen(got);
	if (strncmp(got, pre, sizeof(pre) - 1) || n < sizeof(pre) + 2 || strcmp(got + n - 3, ")))"))
		fail_msg("expression: %s\n  got: %s", expr, got);
	got[n - 3] = '\0';
	if (strcmp(got + sizeof(pre) - 1, want))
		fail_msg("expression: %s\n  got: %s\n want: %s", expr, got + sizeof(pre) - 1, want);
	free(got);
}

static void err(const char *src, const char *tag, int line, int col, const char *msg)
{
	char want[700], *got = run(src);

	snprintf(want, sizeof(want), "ERR [%s] %d:%d: %s", tag, line, col, msg);
	if (strcmp(got, want))
		fail_msg("source: %s\n  got: %s\n want: %s", src, got, want);
	free(got);
}

/* ---- expressions ---- */

static void test_example(void **state)
{
	(void)state;
	ok("syscall:::entry /execname == \"top\"/ { @[probefunc] = count(); }",
	   "(clause (probes \"syscall:::entry\") (pred (== (ident execname) (str \"top\"))) "
	   "(body (expr (= (agg \"\" (ident probefunc)) (call count)))))");
}

static void test_precedence(void **state)
{
	(void)state;
	ex("a + b * c", "(+ (ident a) (* (ident b) (ident c)))");
	ex("a * b + c", "(+ (* (ident a) (ident b)) (ident c))");
	ex("a - b - c", "(- (- (ident a) (ident b)) (ident c))");
	ex("a / b % c * d", "(* (% (/ (ident a) (ident b)) (ident c)) (ident d))");
	ex("a = b = c", "(= (ident a) (= (ident b) (ident c)))");
	ex("a += b <<= c", "(+= (ident a) (<<= (ident b) (ident c)))");
	ex("a || b ^^ c && d", "(|| (ident a) (^^ (ident b) (&& (ident c) (ident d))))");
	ex("a && b ^^ c || d", "(|| (^^ (&& (ident a) (ident b)) (ident c)) (ident d))");
	ex("a ^^ b ^^ c", "(^^ (^^ (ident a) (ident b)) (ident c))");
	ex("a | b ^ c & d", "(| (ident a) (^ (ident b) (& (ident c) (ident d))))");
	ex("a && b | c", "(&& (ident a) (| (ident b) (ident c)))");
	ex("a & b == c", "(& (ident a) (== (ident b) (ident c)))");
	ex("a == b < c", "(== (ident a) (< (ident b) (ident c)))");
	ex("a != b >= c", "(!= (ident a) (>= (ident b) (ident c)))");
	ex("a < b << c", "(< (ident a) (<< (ident b) (ident c)))");
	ex("a << b + c", "(<< (ident a) (+ (ident b) (ident c)))");
	ex("a >> b - c", "(>> (ident a) (- (ident b) (ident c)))");
	ex("(a + b) * c", "(* (+ (ident a) (ident b)) (ident c))");
	ex("-a * b", "(* (- (ident a)) (ident b))");
	ex("!a && b", "(&& (! (ident a)) (ident b))");
	ex("- -a", "(- (- (ident a)))");
	ex("*p++", "(* (post++ (ident p)))");
	ex("++*p", "(++ (* (ident p)))");
	ex("&a->b", "(& (-> (ident a) b))");
	ex("~a % b", "(% (~ (ident a)) (ident b))");
	ex("a ? b : c ? d : e", "(? (ident a) (ident b) (? (ident c) (ident d) (ident e)))");
	ex("a = b ? c : d", "(= (ident a) (? (ident b) (ident c) (ident d)))");
	ex("a ? b = 1 : c", "(? (ident a) (= (ident b) 1) (ident c))");
	ex("a || b ? c : d", "(? (|| (ident a) (ident b)) (ident c) (ident d))");
	ex("(int)a + b", "(+ (cast \"int\" (ident a)) (ident b))");
	ex("(int)-a", "(cast \"int\" (- (ident a)))");
	ex("-(int)a", "(- (cast \"int\" (ident a)))");
	ex("sizeof a + b", "(+ (sizeof (ident a)) (ident b))");
	ex("sizeof(a) * 2", "(* (sizeof (ident a)) 2)");
	ex("a->b.c[1]->d", "(-> (index (. (-> (ident a) b) c) 1) d)");
	ex("x = y / 2 / z", "(= (ident x) (/ (/ (ident y) 2) (ident z)))");
	ex("a = b\n\t+ c", "(= (ident a) (+ (ident b) (ident c)))");
}

static void test_every_operator(void **state)
{
	static const char *const bin[] = {
		"+",  "-",  "*",  "/",	"%", "&",  "|",	 "^",  "<<", ">>", "<",	 "<=", ">",  ">=",  "==",
		"!=", "&&", "||", "^^", "=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=",
	};
	static const char *const un[] = { "!", "~", "-", "+", "*", "&", "++", "--" };
	char e[64], w[128];

	(void)state;
	for (size_t i = 0; i < sizeof(bin) / sizeof(bin[0]); i++) {
		snprintf(e, sizeof(e), "a %s b", bin[i]);
		snprintf(w, sizeof(w), "(%s (ident a) (ident b))", bin[i]);
		ex(e, w);
	}
	for (size_t i = 0; i < sizeof(un) / sizeof(un[0]); i++) {
		snprintf(e, sizeof(e), "%s a", un[i]);
		snprintf(w, sizeof(w), "(%s (ident a))", un[i]);
		ex(e, w);
	}
	ex("a++", "(post++ (ident a))");
	ex("a--", "(post-- (ident a))");
	ex("a.b", "(. (ident a) b)");
	ex("a->b", "(-> (ident a) b)");
	ex("a ? b : c", "(? (ident a) (ident b) (ident c))");
}

static void test_primaries(void **state)
{
	(void)state;
	ex("42", "42");
	ex("0x10", "16");
	ex("010", "8");
	ex("42u", "42u");
	ex("18446744073709551615", "18446744073709551615u");
	ex("'a'", "97");
	ex("'\\n'", "10");
	ex("\"a\\tb\\\"\"", "(str \"a\\tb\\\"\")");
	ex("\"ab\" \"cd\"\n \"e\"", "(str \"abcde\")");
	ex("\"\\x01\\0z\"", "(str \"\\001\\000z\")");
	ex("x", "(ident x)");
	ex("self->x", "(self x)");
	ex("this->y", "(this y)");
	ex("self->x->y", "(-> (self x) y)");
	ex("self->a[1, 2]", "(index (self a) 1 2)");
	ex("$1", "($ 1)");
	ex("$$2", "($$ 2)");
	ex("$target", "($ target)");
	ex("$pid + 1", "(+ ($ pid) 1)");
	ex("@", "(agg \"\")");
	ex("@a", "(agg \"a\")");
	ex("@[1]", "(agg \"\" 1)");
	ex("@a[x, \"y\", 3]", "(agg \"a\" (ident x) (str \"y\") 3)");
	ex("@a[1][2]", "(index (agg \"a\" 1) 2)");
	ex("args[0]", "(index (ident args) 0)");
	ex("x[a, b]", "(index (ident x) (ident a) (ident b))");
	ex("args[0]->name", "(-> (index (ident args) 0) name)");
	ex("f()", "(call f)");
	ex("f(1)", "(call f 1)");
	ex("printf(\"%d %s\\n\", a + 1, g(b, c))",
	   "(call printf (str \"%d %s\\n\") (+ (ident a) 1) (call g (ident b) (ident c)))");
	ex("f(a = 1)", "(call f (= (ident a) 1))");
	ex("(f)(2)", "(call f 2)");
	ex("stringof(x)", "(call stringof (ident x))");
	ex("stringof x + 1", "(+ (call stringof (ident x)) 1)");
	ex("a->string", "(-> (ident a) string)");
	ex("a.self", "(. (ident a) self)");
	ex("curthread->pid", "(-> (ident curthread) pid)");
	ex("`max_ncpus", "(ident `max_ncpus)");
}

static void test_casts_sizeof(void **state)
{
	(void)state;
	ex("(unsigned long long)x", "(cast \"unsigned long long\" (ident x))");
	ex("(int)x", "(cast \"int\" (ident x))");
	ex("(uint32_t)x", "(cast \"uint32_t\" (ident x))");
	ex("(string)x", "(cast \"string\" (ident x))");
	ex("(char *)x", "(cast \"char *\" (ident x))");
	ex("(const char **)x", "(cast \"char **\" (ident x))");
	ex("(struct task_struct *)curthread", "(cast \"struct task_struct *\" (ident curthread))");
	ex("(unsigned)x", "(cast \"unsigned int\" (ident x))");
	ex("(long int)x", "(cast \"long\" (ident x))");
	ex("(unsigned long int)x", "(cast \"unsigned long\" (ident x))");
	ex("(long long)x", "(cast \"long long\" (ident x))");
	ex("(signed char)x", "(cast \"char\" (ident x))");
	ex("(unsigned char)x", "(cast \"unsigned char\" (ident x))");
	ex("(short)x", "(cast \"short\" (ident x))");
	ex("(unsigned short int)x", "(cast \"unsigned short\" (ident x))");
	ex("(void *)x", "(cast \"void *\" (ident x))");
	ex("(uint64_t)(int)x", "(cast \"uint64_t\" (cast \"int\" (ident x)))");
	ex("sizeof(int)", "(sizeof \"int\")");
	ex("sizeof(uint64_t)", "(sizeof \"uint64_t\")");
	ex("sizeof (char **)", "(sizeof \"char **\")");
	ex("sizeof x", "(sizeof (ident x))");
	ex("sizeof(x)", "(sizeof (ident x))");
	ex("sizeof -x", "(sizeof (- (ident x)))");
}

static void test_typenames_fields(void **state)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct d_program *p;
	const struct d_expr *e;

	(void)state;
	arena_init(&a);
	p = d_parse(&a, "BEGIN { x = (uint8_t)y; z = (unsigned long long *)w; }", &dg);
	assert_non_null(p);
	e = p->clauses->body->expr->right;
	assert_int_equal(e->kind, DE_CAST);
	assert_int_equal(e->tname.kind, DT_NAMED);
	assert_string_equal(e->tname.name, "uint8_t");
	assert_true(e->tname.is_unsigned);
	assert_int_equal(e->tname.ptr, 0);
	assert_int_equal(e->tname.pos.col, 14);
	e = p->clauses->body->next->expr->right;
	assert_int_equal(e->tname.kind, DT_LONGLONG);
	assert_true(e->tname.is_unsigned);
	assert_int_equal(e->tname.ptr, 1);
	assert_null(e->tname.name);
	assert_int_equal(e->pos.col, 29);
	arena_fini(&a);
}

/* ---- programs ---- */

static void test_probe_descs(void **state)
{
	static const struct {
		const char *text, *prov, *mod, *func, *name;
	} cases[] = {
		{ "BEGIN", "", "", "", "BEGIN" },
		{ "read:entry", "", "", "read", "entry" },
		{ "genunix:read:entry", "", "genunix", "read", "entry" },
		{ "syscall::read:entry", "syscall", "", "read", "entry" },
		{ ":::", "", "", "", "" },
		{ "pid$target:libc.so.6:malloc:entry", "pid$target", "libc.so.6", "malloc", "entry" },
		{ "pid$1::*alloc*:return", "pid$1", "", "*alloc*", "return" },
		{ "fbt::vfs_[rw]?ite:entry", "fbt", "", "vfs_[rw]?ite", "entry" },
		{ "profile:::profile-97", "profile", "", "", "profile-97" },
		{ "tick-1s", "", "", "", "tick-1s" },
		{ "sched:::on-cpu", "sched", "", "", "on-cpu" },
		{ "tracepoint:sched:sched_switch", "", "tracepoint", "sched", "sched_switch" },
		{ "entry", "", "", "", "entry" },
	};
	char src[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a;
		struct d_diag dg = { 0 };
		struct d_program *p;
		const struct d_probedesc *pd;

		snprintf(src, sizeof(src), "\n  %s { }", cases[i].text);
		arena_init(&a);
		p = d_parse(&a, src, &dg);
		if (!p)
			fail_msg("%s: %s", cases[i].text, dg.msg);
		pd = p->clauses->probes;
		assert_string_equal(pd->text, cases[i].text);
		assert_string_equal(pd->prov, cases[i].prov);
		assert_string_equal(pd->mod, cases[i].mod);
		assert_string_equal(pd->func, cases[i].func);
		assert_string_equal(pd->name, cases[i].name);
		assert_int_equal(pd->pos.line, 2);
		assert_int_equal(pd->pos.col, 3);
		assert_null(pd->next);
		assert_null(p->clauses->body);
		assert_null(p->clauses->pred);
		arena_fini(&a);
	}
	ok("syscall::read:entry,syscall::write:entry\n,\n  syscall::pread*:entry\n{}",
	   "(clause (probes \"syscall::read:entry\" \"syscall::write:entry\" "
	   "\"syscall::pread*:entry\") (body))");
	ok("BEGIN, END /x/ {}", "(clause (probes \"BEGIN\" \"END\") (pred (ident x)) (body))");
	ok("BEGIN{}END{}", "(clause (probes \"BEGIN\") (body))\n(clause (probes \"END\") (body))");
	ok("BEGIN /* c */ { } // c\nEND { }",
	   "(clause (probes \"BEGIN\") (body))\n(clause (probes \"END\") (body))");
}

static void test_clause_fields(void **state)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct d_program *p;
	const struct d_clause *c;

	(void)state;
	arena_init(&a);
	p = d_parse(&a, "int x;\nBEGIN\n{\n}\n\ttick-1s, END /x > 1/ { x++; y = 2 }\n", &dg);
	assert_non_null(p);
	assert_int_equal(p->nclauses, 2);
	c = p->clauses;
	assert_int_equal(c->index, 0);
	assert_int_equal(c->pos.line, 2);
	assert_int_equal(c->pos.col, 1);
	assert_null(c->body);
	c = c->next;
	assert_int_equal(c->index, 1);
	assert_int_equal(c->pos.line, 5);
	assert_int_equal(c->pos.col, 2);
	assert_int_equal(c->probes->next->pos.col, 11);
	assert_int_equal(c->pred->kind, DE_BINARY);
	assert_int_equal(c->pred->op, '>');
	assert_int_equal(c->pred->pos.col, 16);
	assert_int_equal(c->body->kind, DS_EXPR);
	assert_int_equal(c->body->pos.col, 25);
	assert_int_equal(c->body->expr->kind, DE_POSTFIX);
	assert_int_equal(c->body->expr->op, D_INC);
	assert_int_equal(c->body->next->pos.col, 30);
	assert_null(c->body->next->next);
	assert_null(c->next);
	assert_non_null(p->decls);
	arena_fini(&a);
}

static void test_predicates(void **state)
{
	(void)state;
	/* dtrace's rule: '/' closes the predicate before ';' '{' '/' or end of input */
	ok("BEGIN /x / 2 > 1/ {}", "(clause (probes \"BEGIN\") (pred (> (/ (ident x) 2) 1)) (body))");
	ok("BEGIN /(a / b) > c/ {}",
	   "(clause (probes \"BEGIN\") (pred (> (/ (ident a) (ident b)) (ident c))) (body))");
	ok("BEGIN\n/pid == $target/\n{\n}",
	   "(clause (probes \"BEGIN\") (pred (== (ident pid) ($ target))) (body))");
	ok("BEGIN /a[1] && !b/ { }",
	   "(clause (probes \"BEGIN\") (pred (&& (index (ident a) 1) (! (ident b)))) (body))");
	ok("BEGIN/x/{}", "(clause (probes \"BEGIN\") (pred (ident x)) (body))");
	ok("BEGIN /x/ /* c */ {}", "(clause (probes \"BEGIN\") (pred (ident x)) (body))");
	ok("BEGIN /self->ts && arg0 == 0/ {}",
	   "(clause (probes \"BEGIN\") (pred (&& (self ts) (== (ident arg0) 0))) (body))");
}

static void test_statements(void **state)
{
	(void)state;
	ok("BEGIN { if (x) y = 1; else { z = 2; } if (a) { b++ } }",
	   "(clause (probes \"BEGIN\") (body (if (ident x) (expr (= (ident y) 1)) "
	   "(block (expr (= (ident z) 2)))) (if (ident a) (block (expr (post++ (ident b)))))))");
	/* else binds to the nearest if */
	ok("BEGIN { if (a) if (b) x = 1; else x = 2; }",
	   "(clause (probes \"BEGIN\") (body (if (ident a) (if (ident b) (expr (= (ident x) 1)) "
	   "(expr (= (ident x) 2))))))");
	ok("BEGIN { if (a) {} else if (b) {} else ; }",
	   "(clause (probes \"BEGIN\") (body (if (ident a) (block) (if (ident b) (block) "
	   "(empty)))))");
	ok("BEGIN { ; {} { x = 1; { y = 2 } } ; }",
	   "(clause (probes \"BEGIN\") (body (empty) (block) (block (expr (= (ident x) 1)) "
	   "(block (expr (= (ident y) 2)))) (empty)))");
	/* the last statement may omit its ';' */
	ok("BEGIN { @a = count() }",
	   "(clause (probes \"BEGIN\") (body (expr (= (agg \"a\") (call count)))))");
	ok("BEGIN { x = 1; exit(0) }\nEND { printa(@a) }",
	   "(clause (probes \"BEGIN\") (body (expr (= (ident x) 1)) (expr (call exit 0))))\n"
	   "(clause (probes \"END\") (body (expr (call printa (agg \"a\")))))");
	ok("BEGIN { if (x) { y = 1 } }",
	   "(clause (probes \"BEGIN\") (body (if (ident x) (block (expr (= (ident y) 1))))))");
}

static void test_decls(void **state)
{
	(void)state;
	ok("int x;", "(decl global \"int\" x)");
	ok("self int x;", "(decl self \"int\" x)");
	ok("this string s;", "(decl this \"string\" s)");
	ok("string s[int];", "(decl global \"string\" s (keys \"int\"))");
	ok("int a[string, uint64_t, char *];",
	   "(decl global \"int\" a (keys \"string\" \"uint64_t\" \"char *\"))");
	ok("unsigned long long x;", "(decl global \"unsigned long long\" x)");
	ok("uint64_t x;", "(decl global \"uint64_t\" x)");
	ok("int*x;", "(decl global \"int *\" x)");
	ok("int x, *y, **z;",
	   "(decl global \"int\" x)\n(decl global \"int *\" y)\n(decl global \"int **\" z)");
	ok("struct foo *p;", "(decl global \"struct foo *\" p)");
	ok("const char *s;", "(decl global \"char *\" s)");
	ok("self uint32_t ts[int, int];", "(decl self \"uint32_t\" ts (keys \"int\" \"int\"))");
	ok("int a[int,int,int,int,int,int];",
	   "(decl global \"int\" a (keys \"int\" \"int\" \"int\" \"int\" \"int\" \"int\"))");
	/* declarations and clauses interleave; the dump lists declarations first */
	ok("int x;\nBEGIN { x = 1; }\nself int y;",
	   "(decl global \"int\" x)\n(decl self \"int\" y)\n"
	   "(clause (probes \"BEGIN\") (body (expr (= (ident x) 1))))");
}

static void test_decl_fields(void **state)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct d_program *p;
	const struct d_decl *d;

	(void)state;
	arena_init(&a);
	p = d_parse(&a, "\n  self size_t n[string];\nint a, b;", &dg);
	assert_non_null(p);
	d = p->decls;
	assert_int_equal(d->scope, D_SCOPE_SELF);
	assert_int_equal(d->pos.line, 2);
	assert_int_equal(d->pos.col, 3);
	assert_int_equal(d->tname.kind, DT_NAMED);
	assert_true(d->tname.is_unsigned);
	assert_string_equal(d->name, "n");
	assert_true(d->is_assoc);
	assert_int_equal(d->nkeys, 1);
	assert_int_equal(d->keys[0].kind, DT_STRING);
	d = d->next;
	assert_int_equal(d->scope, D_SCOPE_GLOBAL);
	assert_int_equal(d->tname.kind, DT_INT);
	assert_false(d->is_assoc);
	assert_int_equal(d->pos.col, 1);
	assert_int_equal(d->next->pos.col, 8);
	assert_null(d->next->next);
	assert_int_equal(p->nclauses, 0);
	arena_fini(&a);
}

static void test_pragmas(void **state)
{
	(void)state;
	ok("#!/usr/sbin/dtrace -s\n#pragma D option quiet\n#pragma D option bufsize=16m\n"
	   "BEGIN {\n#pragma D option switchrate=10hz\n}",
	   "(pragma quiet)\n(pragma bufsize \"16m\")\n(pragma switchrate \"10hz\")\n"
	   "(clause (probes \"BEGIN\") (body))");
	ok("", "");
	ok("  \n/* nothing */\n// at all\n", "");
}

static void test_line_markers(void **state)
{
	(void)state;
	err("# 20 \"x.d\"\nBEGIN {\n x = ;\n}", "D_SYNTAX", 21, 6, "syntax error near \";\"");
	err("BEGIN {\n#line 7\n\tx = ;\n}", "D_SYNTAX", 7, 6, "syntax error near \";\"");
}

/* ---- errors ---- */

static void test_errors(void **state)
{
	(void)state;
	err("BEGIN { x = 1 }\n}", "D_SYNTAX", 2, 1, "syntax error near \"}\"");
	err("BEGIN {\n  x = ;\n}", "D_SYNTAX", 2, 7, "syntax error near \";\"");
	err("BEGIN { x = 1", "D_SYNTAX", 1, 14, "syntax error near end of input");
	err("BEGIN {\n", "D_SYNTAX", 2, 1, "syntax error near end of input");
	err("BEGIN { x = 1 y = 2; }", "D_SYNTAX", 1, 15, "syntax error near \"y\"");
	err("BEGIN { if x { } }", "D_SYNTAX", 1, 12, "syntax error near \"x\"");
	err("BEGIN { f(1,); }", "D_SYNTAX", 1, 13, "syntax error near \")\"");
	err("BEGIN { x = a[]; }", "D_SYNTAX", 1, 15, "syntax error near \"]\"");
	err("BEGIN { x = (1 + 2; }", "D_SYNTAX", 1, 19, "syntax error near \";\"");
	err("syscall::read:entry,\n{ }", "D_SYNTAX", 2, 1, "syntax error near \"{\"");
	err("BEGIN /x == 1 {}", "D_SYNTAX", 1, 15, "syntax error near \"{\"");
	err("BEGIN", "D_SYNTAX", 1, 1, "expected predicate and/or actions following probe description");
	err("BEGIN\nEND {}", "D_SYNTAX", 1, 1,
	    "expected predicate and/or actions following probe description");
	err("BEGIN /x/", "D_SYNTAX", 1, 8, "expected actions { } following probe description and predicate");
	err("\n a:b:c:d:e { }", "D_PDESC_INVAL", 2, 2,
	    "invalid probe description \"a:b:c:d:e\": Overspecified probe description");
	err("int;", "D_SYNTAX", 1, 4, "syntax error near \";\"");
	err("int x", "D_SYNTAX", 1, 6, "syntax error near end of input");
	err("string s[];", "D_SYNTAX", 1, 10, "syntax error near \"]\"");
	err("int a[5];", "D_SYNTAX", 1, 7, "syntax error near \"5\"");
	err("unsigned string x;", "D_SYNTAX", 1, 10, "syntax error near \"string\"");
	err("long long long x;", "D_SYNTAX", 1, 11, "syntax error near \"long\"");
	err("extern int x;", "D_SYNTAX", 1, 1, "syntax error near \"extern\"");
	err("self x;", "D_SYNTAX", 1, 6, "syntax error near \"x\"");
	err("BEGIN { x = 1.0; }", "D_SYNTAX", 1, 13, "floating-point constants are not permitted");
	err("BEGIN {\n\tx = 99999999999999999999;\n}", "D_INT_OFLOW", 2, 6,
	    "constant 99999999999999999999 results in integer overflow");
	err("BEGIN { self = 1; }", "D_SYNTAX", 1, 14, "syntax error near \"=\"");
	err("BEGIN { while (1) {} }", "D_SYNTAX", 1, 9, "syntax error near \"while\"");
	err("BEGIN { (1)(2); }", "D_SYNTAX", 1, 12, "syntax error near \"(\"");
	err("BEGIN { @a[1](2); }", "D_SYNTAX", 1, 14, "syntax error near \"(\"");
	err("BEGIN { x->; }", "D_SYNTAX", 1, 12, "syntax error near \";\"");
	err("BEGIN { x = y ? 1; }", "D_SYNTAX", 1, 18, "syntax error near \";\"");
	err("BEGIN { x = \"abc\n\"; }", "D_STR_NL", 1, 13, "newline encountered in string literal");
	err("BEGIN { } ;", "D_SYNTAX", 1, 11, "syntax error near \";\"");
	err("BEGIN { x = (struct) y; }", "D_SYNTAX", 1, 20, "syntax error near \")\"");
	err("BEGIN { if (a) x = 1 }", "D_SYNTAX", 1, 22, "syntax error near \"}\"");
	err("#pragma D option\nBEGIN {}", "D_PRAGMA_MALFORM", 1, 1,
	    "malformed #pragma option <option>=<val>");
	err("#include \"x.h\"\nBEGIN {}", "D_PRAGCTL_INVAL", 1, 1, "invalid control directive: #include");
	err("{ x = 1; }", "D_SYNTAX", 1, 1, "syntax error near \"{\"");
	err("BEGIN /x/ y {}", "D_SYNTAX", 1, 13, "syntax error near \"{\"");
	err("BEGIN { x = 'ab\n'; }", "D_CHR_NL", 1, 13, "newline encountered in character constant");
	err("BEGIN { x = sizeof(int; }", "D_SYNTAX", 1, 23, "syntax error near \";\"");
	err("BEGIN { x = (unsigned string)y; }", "D_SYNTAX", 1, 23, "syntax error near \"string\"");
}

/* ---- robustness (meant to run under ASan/UBSan) ---- */

static void parse_only(const char *src)
{
	struct arena a;
	struct d_diag dg = { 0 };
	struct d_program *p;

	arena_init(&a);
	p = d_parse(&a, src, &dg);
	assert_true(p ? !dg.set : dg.set && dg.pos.line >= 0 && dg.msg[0]);
	if (p) {
		FILE *fp = fopen("/dev/null", "w");

		d_ast_dump(fp, p);
		fclose(fp);
	}
	arena_fini(&a);
}

static int parses(const char *src)
{
	struct arena a;
	struct d_diag dg = { 0 };
	int ok_ = 0;

	arena_init(&a);
	ok_ = d_parse(&a, src, &dg) != NULL;
	arena_fini(&a);
	return ok_;
}

static void err_prefix(const char *src, const char *prefix, const char *msg)
{
	char *got = run(src);

	if (strncmp(got, prefix, strlen(prefix)) || !strstr(got, msg))
		fail_msg("got: %.200s", got);
	free(got);
}

static void test_deep_nesting(void **state)
{
	enum { N = 100000 };
	char *s = malloc(N * 3 + 64);
	size_t o;

	(void)state;
	o = (size_t)sprintf(s, "BEGIN { x = ");
	memset(s + o, '(', N);
	strcpy(s + o + N, "1); }");
	err_prefix(s, "ERR [D_SYNTAX] 1:", "program nested too deeply");
	o = (size_t)sprintf(s, "BEGIN { x = ");
	for (int i = 0; i < N; i++)
		o += (size_t)sprintf(s + o, "- ");
	strcpy(s + o, "1; }");
	err_prefix(s, "ERR [D_SYNTAX] 1:", "program nested too deeply");
	o = (size_t)sprintf(s, "BEGIN ");
	memset(s + o, '{', N);
	strcpy(s + o + N, "}");
	err_prefix(s, "ERR [D_SYNTAX] 1:", "program nested too deeply");
	o = (size_t)sprintf(s, "BEGIN { x = a");
	for (int i = 0; i < N / 4; i++)
		o += (size_t)sprintf(s + o, "[1]");
	strcpy(s + o, "; }");
	assert_true(parses(s)); /* postfix chains loop, they do not recurse */
	/* long flat chains are fine: no recursion per operand */
	o = (size_t)sprintf(s, "BEGIN { x = 1");
	for (int i = 0; i < N / 4; i++)
		o += (size_t)sprintf(s + o, "+1");
	strcpy(s + o, "; }");
	assert_true(parses(s));
	/* moderate nesting is accepted */
	o = (size_t)sprintf(s, "BEGIN { x = ");
	memset(s + o, '(', 60);
	o += 60;
	o += (size_t)sprintf(s + o, "1");
	memset(s + o, ')', 60);
	strcpy(s + o + 60, "; }");
	assert_true(parses(s));
	free(s);
}

static const char prog[] = "#pragma D option quiet\n"
			   "int g; self string s[int];\n"
			   "syscall::read:entry, pid$target:libc.so.6:malloc:entry\n"
			   "/execname == \"top\" && arg0 / 2 > 1/\n"
			   "{\n"
			   "\tself->ts = timestamp; @a[probefunc, \"x\\n\"] = quantize(arg2 >> 3);\n"
			   "\tif (x) { y = (unsigned long long)z ? 'c' : sizeof(int); } else ;\n"
			   "\tprintf(\"%d\", $1); this->p = (char *)copyin(arg1, 8); x[1, 2] ^= ~0x1fUL;\n"
			   "\t@ = count() }\n"
			   "tick-1s /i++ >= 5/ { exit(0) }\n";

static void test_prefixes(void **state)
{
	char buf[sizeof(prog)];

	(void)state;
	assert_true(parses(prog));
	for (size_t n = 0; n < sizeof(prog); n++) {
		memcpy(buf, prog, n);
		buf[n] = '\0';
		parse_only(buf);
	}
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void test_mutations(void **state)
{
	static const char alphabet[] = "/{}()[];,:*@$#'\"\\\n\t -+<>=!&|^?.x0a`";
	char buf[sizeof(prog)];

	(void)state;
	for (int i = 0; i < 20000; i++) {
		memcpy(buf, prog, sizeof(prog));
		for (int k = 1 + (int)rnd(4); k > 0; k--)
			buf[rnd(sizeof(prog) - 1)] = alphabet[rnd(sizeof(alphabet) - 1)];
		parse_only(buf);
	}
}

static void test_random_tokens(void **state)
{
	static const char *const frag[] = {
		"BEGIN",
		" ",
		"\n",
		"{",
		"}",
		"(",
		")",
		"[",
		"]",
		"/",
		";",
		",",
		"x",
		"self",
		"->",
		"this",
		"@a",
		"@",
		"$1",
		"$$",
		"\"s\"",
		"'c'",
		"1",
		"0x",
		"09",
		"int",
		"string",
		"unsigned",
		"sizeof",
		"if",
		"else",
		"=",
		"+=",
		"?",
		":",
		"*",
		"&",
		"#pragma D option q\n",
		"# 3\n",
		"/*",
		"*/",
		"//",
		"syscall::read:entry",
		"-",
		"++",
		".",
		"\\\n",
		"`",
		"^^",
		"stringof",
		"struct",
		"long",
	};
	char buf[512];

	(void)state;
	for (int i = 0; i < 30000; i++) {
		size_t o = 0;

		for (int k = (int)rnd(40); k > 0; k--) {
			const char *f = frag[rnd(sizeof(frag) / sizeof(frag[0]))];
			size_t n = strlen(f);

			if (o + n >= sizeof(buf))
				break;
			memcpy(buf + o, f, n);
			o += n;
		}
		buf[o] = '\0';
		parse_only(buf);
	}
}

static void test_random_bytes(void **state)
{
	char buf[256];

	(void)state;
	for (int i = 0; i < 20000; i++) {
		int n = (int)rnd(sizeof(buf));

		for (int k = 0; k < n; k++)
			buf[k] = (char)(1 + rnd(255));
		buf[n] = '\0';
		parse_only(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example),	       cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_every_operator), cmocka_unit_test(test_primaries),
		cmocka_unit_test(test_casts_sizeof),   cmocka_unit_test(test_typenames_fields),
		cmocka_unit_test(test_probe_descs),    cmocka_unit_test(test_clause_fields),
		cmocka_unit_test(test_predicates),     cmocka_unit_test(test_statements),
		cmocka_unit_test(test_decls),	       cmocka_unit_test(test_decl_fields),
		cmocka_unit_test(test_pragmas),	       cmocka_unit_test(test_line_markers),
		cmocka_unit_test(test_errors),	       cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_prefixes),       cmocka_unit_test(test_mutations),
		cmocka_unit_test(test_random_tokens),  cmocka_unit_test(test_random_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
