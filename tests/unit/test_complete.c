/*
 * test_complete.c - completion at the prompt (tui/complete.c), its pure
 * part driven with lists given here, and the lists the engine gives it.
 *
 * Proves: the context of the word before the cursor (a command, :set's
 * option, :open's and :write's file, a probe description in :run's text or
 * a bare clause, an identifier in a /predicate/ or a { body }, nothing in a
 * string, a comment, a number or a member); probe descriptions completed
 * part by part (earlier parts select, empty ones and globs as in D, a
 * module only one value fills left empty, BEGIN by name alone); the common
 * prefix and what follows a single candidate; variables of the program
 * being typed; files listed by their last component; the one-line summary
 * cut to a width with the count of the rest; and that the engine's names
 * come from its own tables (every option listed is one dscope_setopt
 * accepts; builtins, functions and keywords the compiler knows).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../tui/tui.h"
#include "dscope.h"

static const char *const commands[] = { "clear", "help", "open ",  "quit",  "run ",   "scripts",
					"set ",	 "show", "trunc ", "views", "write ", NULL };
static const char *const options[] = { "quiet", "strsize", "bufsize", "aggsize", "aggsortkey", NULL };
static const char *const idents[] = { "execname", "pid",  "probefunc", "probename",
				      "self",	  "this", "ppid",      NULL };
static const char *const funcs[] = { "count", "copyinstr", "printf", "printa", "quantize", NULL };
static const char *const probes[] = {
	"dtrace:::BEGIN",
	"dtrace:::END",
	"syscall:vmlinux:read:entry",
	"syscall:vmlinux:read:return",
	"syscall:vmlinux:readv:entry",
	"syscall:vmlinux:readv:return",
	"syscall:vmlinux:readlink:entry",
	"syscall:vmlinux:write:entry",
	"sched:::on-cpu",
	"tracepoint:sched::sched_switch",
	"tracepoint:syscalls::sys_enter_read",
	NULL,
};
static const char *const fbt[] = { "fbt:vmlinux:vfs_read:entry", "fbt:vmlinux:vfs_read:return",
				   "fbt:vmlinux:vfs_write:entry", NULL };
static char asked_prov[64];

static const char *const *probe_list(const char *prov, void *arg)
{
	(void)arg;
	snprintf(asked_prov, sizeof(asked_prov), "%s", prov);
	return strcmp(prov, "fbt") ? probes : fbt;
}

static char **file_list(const char *word, void *arg)
{
	static const char *const files[] = { "scripts/", "scripts/top.d", "scripts/syscall-time.d",
					     "script.d", NULL };
	char **v = calloc(8, sizeof(*v));
	int n = 0;

	(void)arg;
	/* as readline lists them: the entries of the word's directory */
	for (int i = 0; files[i]; i++) {
		size_t wl = strlen(word);
		const char *rest = files[i] + wl, *slash;

		if (strncmp(files[i], word, wl) || !*rest)
			continue;
		slash = strchr(rest, '/');
		if (!slash || !slash[1])
			v[n++] = strdup(files[i]);
	}
	return v;
}

static const struct complete_src src = {
	.commands = commands,
	.options = options,
	.idents = idents,
	.funcs = funcs,
	.probes = probe_list,
	.files = file_list,
};

/* Complete line with the cursor at its end (or at '|' in it). */
static void run(const char *text, struct complete_res *r)
{
	char line[256];
	const char *bar = strchr(text, '|');
	int point = bar ? (int)(bar - text) : (int)strlen(text);

	snprintf(line, sizeof(line), "%.*s%s", point, text, bar ? bar + 1 : "");
	assert_int_equal(complete_line(line, point, &src, r), 0);
}

/* The candidates joined by spaces. */
static const char *cands(const struct complete_res *r)
{
	static char b[1024];
	size_t n = 0;

	b[0] = 0;
	for (int i = 0; i < r->ncand; i++)
		n += (size_t)snprintf(b + n, sizeof(b) - n, "%s%s", i ? " " : "", r->cand[i]);
	return b;
}

static enum complete_ctx ctx(const char *line, int *start)
{
	int dtext, s;

	return complete_context(line, (int)strlen(line), start ? start : &s, &dtext);
}

static void test_context(void **state)
{
	int s;

	(void)state;
	assert_int_equal(ctx("", &s), CX_COMMAND);
	assert_int_equal(ctx("se", &s), CX_COMMAND);
	assert_int_equal(s, 0);
	assert_int_equal(ctx(":se", &s), CX_COMMAND);
	assert_int_equal(s, 1);
	assert_int_equal(ctx("set buf", &s), CX_OPTION);
	assert_int_equal(s, 4);
	assert_int_equal(ctx("set bufsize=8", NULL), CX_NONE);
	assert_int_equal(ctx("open scr", &s), CX_FILE);
	assert_int_equal(s, 5);
	assert_int_equal(ctx("write /tmp/x", NULL), CX_FILE);
	assert_int_equal(ctx("views x", NULL), CX_NONE);
	assert_int_equal(ctx("trunc 1", NULL), CX_NONE);
	/* D text */
	assert_int_equal(ctx("run sys", &s), CX_PROBE);
	assert_int_equal(s, 4);
	assert_int_equal(ctx("run syscall::read:entry,syscall::wr", &s), CX_PROBE);
	assert_int_equal(s, 24);
	assert_int_equal(ctx("syscall::rea", &s), CX_PROBE); /* a bare clause */
	assert_int_equal(ctx("run syscall::read:entry /exec", &s), CX_EXPR);
	assert_int_equal(s, 25);
	assert_int_equal(ctx("run syscall::read:entry /pid == 1/ ", NULL), CX_NONE);
	assert_int_equal(ctx("run syscall::read:entry /arg0 / 2 > pi", NULL), CX_EXPR);
	assert_int_equal(ctx("run syscall::read:entry { @[pro", NULL), CX_EXPR);
	assert_int_equal(ctx("run BEGIN { if (1) { x = 1; } @", &s), CX_EXPR);
	assert_int_equal(s, 30);
	assert_int_equal(ctx("run BEGIN { x = 1; } syscall::wr", NULL), CX_PROBE);
	assert_int_equal(ctx("run BEGIN { self->t", &s), CX_EXPR);
	assert_int_equal(s, 12);
	assert_int_equal(ctx("run BEGIN { this->t", &s), CX_EXPR);
	assert_int_equal(s, 12);
	assert_int_equal(ctx("/exec", &s), CX_EXPR); /* the /PRED/ command */
	assert_int_equal(s, 1);
	/* nothing to complete */
	assert_int_equal(ctx("run BEGIN { printf(\"pi", NULL), CX_NONE);
	assert_int_equal(ctx("run BEGIN { printf(\"%d\", pi", NULL), CX_EXPR);
	assert_int_equal(ctx("run BEGIN { /* pi", NULL), CX_NONE);
	assert_int_equal(ctx("run BEGIN { /* x */ pi", NULL), CX_EXPR);
	assert_int_equal(ctx("run BEGIN { x = 12", NULL), CX_NONE);
	assert_int_equal(ctx("run BEGIN { x = curpsinfo->pr", NULL), CX_NONE);
	assert_int_equal(ctx("run BEGIN { x = $ta", NULL), CX_NONE);
}

static void test_commands_options(void **state)
{
	struct complete_res r;

	(void)state;
	run("se", &r);
	assert_int_equal(r.ncand, 1);
	assert_string_equal(r.insert, "set "); /* set takes an argument */
	assert_int_equal(r.start, 0);
	complete_res_free(&r);
	run("vi", &r);
	assert_string_equal(r.insert, "views"); /* views takes none */
	complete_res_free(&r);
	run(":s", &r);
	assert_string_equal(cands(&r), "scripts set show");
	assert_string_equal(r.insert, "s");
	assert_int_equal(r.start, 1);
	complete_res_free(&r);
	run("set ag", &r);
	assert_string_equal(cands(&r), "aggsize aggsortkey");
	assert_string_equal(r.insert, "aggs");
	assert_int_equal(r.start, 4);
	complete_res_free(&r);
	run("set q", &r);
	assert_string_equal(r.insert, "quiet"); /* no space: =VALUE may follow */
	complete_res_free(&r);
	run("xyz", &r);
	assert_int_equal(r.ncand, 0);
	assert_null(r.insert);
	complete_res_free(&r);
}

static void test_probes(void **state)
{
	struct complete_res r;

	(void)state;
	run("run syscall::rea", &r);
	assert_string_equal(asked_prov, "syscall");
	assert_string_equal(cands(&r), "read readlink readv");
	assert_string_equal(r.insert, "syscall::read");
	assert_int_equal(r.start, 4);
	complete_res_free(&r);
	run("run sys", &r);
	assert_string_equal(asked_prov, "");
	assert_string_equal(r.insert, "syscall:");
	complete_res_free(&r);
	/* the only module: left empty */
	run("run syscall:", &r);
	assert_string_equal(r.insert, "syscall::");
	complete_res_free(&r);
	run("run syscall:vm", &r);
	assert_string_equal(r.insert, "syscall:vmlinux:");
	complete_res_free(&r);
	run("run syscall::read:", &r);
	assert_string_equal(cands(&r), "entry return");
	complete_res_free(&r);
	run("run syscall::write:", &r);
	assert_string_equal(r.insert, "syscall::write:entry ");
	complete_res_free(&r);
	/* globs and empty parts select */
	run("run syscall::read*:r", &r);
	assert_string_equal(r.insert, "syscall::read*:return ");
	complete_res_free(&r);
	run("run :::o", &r);
	assert_string_equal(r.insert, ":::on-cpu ");
	complete_res_free(&r);
	/* providers, and BEGIN by name */
	run("run ", &r);
	assert_string_equal(cands(&r), "BEGIN END dtrace sched syscall tracepoint");
	complete_res_free(&r);
	run("run B", &r);
	assert_string_equal(r.insert, "BEGIN ");
	complete_res_free(&r);
	run("run tracepoint:s", &r);
	assert_string_equal(cands(&r), "sched syscalls");
	complete_res_free(&r);
	run("run tracepoint:sched:", &r);
	assert_string_equal(r.insert, "tracepoint:sched::");
	complete_res_free(&r);
	/* the provider decides the list */
	run("run fbt::vfs_", &r);
	assert_string_equal(asked_prov, "fbt");
	assert_string_equal(cands(&r), "vfs_read vfs_write");
	complete_res_free(&r);
	/* a second description, a bare clause, the cursor inside the line */
	run("run BEGIN, syscall::wri", &r);
	assert_string_equal(r.insert, "syscall::write:");
	assert_int_equal(r.start, 11);
	complete_res_free(&r);
	run("syscall::wri", &r);
	assert_string_equal(r.insert, "syscall::write:");
	complete_res_free(&r);
	run("run syscall::wri| { }", &r);
	assert_string_equal(r.insert, "syscall::write:");
	complete_res_free(&r);
	run("run a:b:c:d:e", &r);
	assert_int_equal(r.ncand, 0);
	complete_res_free(&r);
}

static void test_idents(void **state)
{
	struct complete_res r;

	(void)state;
	run("run syscall::read:entry /exe", &r);
	assert_string_equal(r.insert, "execname");
	complete_res_free(&r);
	run("run syscall::read:entry { @[probe", &r);
	assert_string_equal(cands(&r), "probefunc probename");
	assert_string_equal(r.insert, "probe");
	complete_res_free(&r);
	run("run BEGIN { @ = qu", &r);
	assert_string_equal(r.insert, "quantize("); /* a function */
	complete_res_free(&r);
	run("run BEGIN { p", &r);
	assert_string_equal(cands(&r), "pid ppid printa printf probefunc probename");
	complete_res_free(&r);
	/* the variables of the program being typed */
	run("run syscall::read:entry { self->ts = timestamp; @lat = count(); } syscall::read:return /self->",
	    &r);
	assert_string_equal(r.insert, "self->ts");
	complete_res_free(&r);
	run("run BEGIN { this->len = 1; @lat = count(); @lines = count(); } END { printa(@l", &r);
	assert_string_equal(cands(&r), "@lat @lines");
	assert_string_equal(r.insert, "@l");
	complete_res_free(&r);
	run("run BEGIN { this->len = 1; x = th", &r);
	assert_string_equal(cands(&r), "this this->len");
	complete_res_free(&r);
	/* the word itself is not a candidate */
	run("run BEGIN { self->x", &r);
	assert_int_equal(r.ncand, 0);
	complete_res_free(&r);
}

static void test_files(void **state)
{
	struct complete_res r;

	(void)state;
	run("open scr", &r);
	assert_string_equal(cands(&r), "script.d scripts/");
	assert_string_equal(r.insert, "script");
	assert_int_equal(r.start, 5);
	complete_res_free(&r);
	run("open scripts/s", &r);
	assert_string_equal(cands(&r), "syscall-time.d");
	assert_string_equal(r.insert, "scripts/syscall-time.d ");
	complete_res_free(&r);
	run("write scripts", &r);
	assert_string_equal(r.insert, "scripts/"); /* a directory: no space */
	complete_res_free(&r);
	run("open scripts/", &r);
	assert_string_equal(cands(&r), "syscall-time.d top.d");
	complete_res_free(&r);
}

static void test_summary(void **state)
{
	struct complete_res r;
	char b[512];

	(void)state;
	run("run syscall::rea", &r);
	complete_summary(&r, b, sizeof(b), 80, 0);
	assert_string_equal(b, "read  readlink  readv");
	complete_summary(&r, b, sizeof(b), 21, 0);
	assert_string_equal(b, "read  readlink  readv");
	complete_summary(&r, b, sizeof(b), 20, 0);
	assert_string_equal(b, "read  ... (2 more)");
	complete_summary(&r, b, sizeof(b), 20, 1);
	assert_string_equal(b, "read  \xe2\x80\xa6 (2 more)");
	complete_summary(&r, b, sizeof(b), 5, 0);
	assert_string_equal(b, "... (3 more)");
	complete_res_free(&r);
}

/* A list from the engine contains name. */
static int has(enum dscope_name_kind k, const char *name)
{
	for (int i = 0; dscope_name(k, i); i++)
		if (!strcmp(dscope_name(k, i), name))
			return 1;
	return 0;
}

static void test_engine_names(void **state)
{
	struct dscope *h = dscope_new("dscope");
	struct complete_src es;
	char b[64];

	(void)state;
	assert_non_null(h);
	assert_true(has(DSCOPE_NAME_BUILTIN, "execname"));
	assert_true(has(DSCOPE_NAME_BUILTIN, "arg9"));
	assert_true(has(DSCOPE_NAME_BUILTIN, "curpsinfo"));
	assert_true(has(DSCOPE_NAME_FUNC, "quantize"));
	assert_true(has(DSCOPE_NAME_FUNC, "copyinstr"));
	assert_true(has(DSCOPE_NAME_KEYWORD, "self"));
	assert_false(has(DSCOPE_NAME_KEYWORD, "goto")); /* reserved */
	assert_true(has(DSCOPE_NAME_OPTION, "bufsize"));
	assert_null(dscope_name(DSCOPE_NAME_FUNC, -1));
	/* every option listed is accepted by name (a value may be wrong) */
	for (int i = 0; dscope_name(DSCOPE_NAME_OPTION, i); i++) {
		const char *o = dscope_name(DSCOPE_NAME_OPTION, i);

		if (dscope_setopt(h, o, "1"))
			assert_null(strstr(dscope_errmsg(h), "Invalid option name"));
	}
	assert_int_not_equal(dscope_setopt(h, "nosuchoption", NULL), 0);
	/* a compiled program's variables */
	assert_int_equal(dscope_var_name(h, 0, b, sizeof(b)), -ENOENT);
	assert_int_equal(dscope_compile(h,
					"syscall::read:entry { self->ts = timestamp; x = 1; this->n = 2; "
					"@lat[probefunc] = count(); @ = count(); }",
					NULL),
			 0);
	assert_int_equal(dscope_var_name(h, 0, b, sizeof(b)), 0);
	assert_string_equal(b, "self->ts");
	assert_int_equal(dscope_var_name(h, 1, b, sizeof(b)), 0);
	assert_string_equal(b, "x");
	assert_int_equal(dscope_var_name(h, 2, b, sizeof(b)), 0);
	assert_string_equal(b, "this->n");
	assert_int_equal(dscope_var_name(h, 3, b, sizeof(b)), 0);
	assert_string_equal(b, "@lat");
	assert_int_equal(dscope_var_name(h, 4, b, sizeof(b)), 0);
	assert_string_equal(b, "@");
	assert_int_equal(dscope_var_name(h, 5, b, sizeof(b)), -ENOENT);
	/* the engine's lists in a completion: the program's variables too */
	complete_src_engine(&es, h);
	{
		struct complete_res r;

		assert_int_equal(complete_line("run BEGIN { @[exec", 18, &es, &r), 0);
		assert_string_equal(r.insert, "execname");
		complete_res_free(&r);
		assert_int_equal(complete_line("/self->", 7, &es, &r), 0);
		assert_string_equal(r.insert, "self->ts");
		complete_res_free(&r);
		assert_int_equal(complete_line("set bufs", 8, &es, &r), 0);
		assert_string_equal(r.insert, "bufsize");
		complete_res_free(&r);
		assert_int_equal(complete_line("run BEGIN { @l", 14, &es, &r), 0);
		assert_string_equal(r.insert, "@lat");
		complete_res_free(&r);
	}
	complete_src_engine(&es, NULL);
	dscope_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_context),	     cmocka_unit_test(test_commands_options),
		cmocka_unit_test(test_probes),	     cmocka_unit_test(test_idents),
		cmocka_unit_test(test_files),	     cmocka_unit_test(test_summary),
		cmocka_unit_test(test_engine_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
