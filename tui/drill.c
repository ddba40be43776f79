/*
 * drill.c - drill-down: the next question about a selected row, derived by
 * rules kept as data in one table.
 *
 * A rule matches a view kind and the label of one of the row's key
 * components (what the key reads: "probefunc", "execname", "pid"), with
 * conditions on the program that feeds the view: DN_SYSCALL when its
 * clauses are on syscall probes (then probefunc is a system call's name),
 * DN_PROC / DN_NOPROC when a process is (is not) known, from another key
 * component (execname, pid) or a predicate that names one (execname, pid,
 * tid, $target).  A rule may also match one value of the key (the
 * summary rows "- all syscalls -" and "- total -").  A rule either derives
 * a D program from its template (%V the key's value, %P the process's
 * predicate, %N the process as the row names it) or asks for something
 * the TUI does without a new program (a histogram key alone); a tree node
 * zooms, which the tree view does itself (VACT_ENTER), so it is listed
 * here for the record only.  The first rule that matches wins.
 *
 * A row with a pid key component also gives the drill-down its process:
 * the TUI makes it $target for the child and what follows, so a program
 * typed at the prompt after it (pid$target::malloc:entry) traces that
 * process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dscope.h"
#include "tui.h"
#include "view.h"

enum { DN_SYSCALL = 1, DN_PROC = 2, DN_NOPROC = 4 };

/* A process's per-syscall table as scripts/syscall-time.d measures it:
 * calls, on-CPU time (vtimestamp) and wall time per system call, "- all
 * syscalls -" adding them up and "- total -" the process's time on CPU. */
#define SYSCALLS(P)                                                                                          \
	"syscall:::entry /" P "/ { self->vts = vtimestamp; self->ts = timestamp; }\n"                        \
	"syscall:::return /self->ts/ {\n"                                                                    \
	"    @count[probefunc] = count(); @oncpu[probefunc] = sum(vtimestamp - self->vts);\n"                \
	"    @wall[probefunc] = sum(timestamp - self->ts);\n"                                                \
	"    @count[\"- all syscalls -\"] = count();\n"                                                      \
	"    @oncpu[\"- all syscalls -\"] = sum(vtimestamp - self->vts);\n"                                  \
	"    @wall[\"- all syscalls -\"] = sum(timestamp - self->ts);\n"                                     \
	"    self->vts = 0; self->ts = 0; }\n"                                                               \
	"sched:::on-cpu /" P "/ { self->on = timestamp; }\n"                                                 \
	"sched:::off-cpu /self->on/ { @oncpu[\"- total -\"] = sum(timestamp - self->on); self->on = 0; }\n"

static const struct drill_rule {
	enum view_kind kind;
	const char *key; /* the key component read; NULL: none */
	const char *val; /* only this value of it; NULL: any */
	unsigned need;	 /* DN_* */
	enum drill_kind what;
	const char *label; /* the breadcrumb; %V the value */
	const char *prog;  /* %V the value, %P the process's predicate */
} rules[] = {
	/* a tree node: zoom (done by the tree view itself) */
	{ VIEW_TREE, NULL, NULL, 0, DRILL_NONE, "zoom", NULL },
	/* a histogram key: its histogram alone */
	{ VIEW_HIST, NULL, NULL, 0, DRILL_HIST, "%V", NULL },
	/* a process's system calls together: the user stacks that make them */
	{ VIEW_TABLE, "probefunc", "- all syscalls -", DN_PROC, DRILL_PROGRAM, "syscall stacks",
	  "syscall:::entry /%P/ { @[ustack()] = count(); }\n" },
	/* its time on CPU: where it is, sampled */
	{ VIEW_TABLE, "probefunc", "- total -", DN_PROC, DRILL_PROGRAM, "on-CPU stacks",
	  "profile-997 /%P/ { @[ustack()] = count(); }\n" },
	/* a system call in a process: the user stacks that make it */
	{ VIEW_TABLE, "probefunc", NULL, DN_SYSCALL | DN_PROC, DRILL_PROGRAM, "%V stacks",
	  "syscall::%V:entry /%P/ { @[ustack()] = count(); }\n" },
	/* ... in every process: by process, then stack */
	{ VIEW_TABLE, "probefunc", NULL, DN_SYSCALL | DN_NOPROC, DRILL_PROGRAM, "%V stacks",
	  "syscall::%V:entry { @[execname, ustack()] = count(); }\n" },
	/* a process (the top view's row): its system calls, counts and times;
	 * by pid when the row has one (then it is $target from here on) */
	{ VIEW_TABLE, "pid", NULL, 0, DRILL_PROGRAM, "%N syscalls", SYSCALLS("pid == %V") },
	{ VIEW_TABLE, "execname", NULL, 0, DRILL_PROGRAM, "%N syscalls", SYSCALLS("execname == \"%V\"") },
};

/* ---- what the program is ---- */

static long line_col_offset(const char *src, int line, int col)
{
	long off = 0;

	for (int l = 1; l < line && src[off]; off++)
		if (src[off] == '\n')
			l++;
	for (int c = 1; c < col && src[off] && src[off] != '\n'; c++)
		off++;
	return off;
}

/* Every probe description of clause c names the syscall provider. */
static int clause_syscall(const char *src, const struct dscope_clause *c)
{
	long from = line_col_offset(src, c->line, c->col), to = c->pred_start >= 0 ? c->pred_start - 1
								: c->body >= 0	   ? c->body
										   : (long)strlen(src);
	int any = 0;

	while (from < to) {
		from += (long)strspn(src + from, " \t\n,");
		if (from >= to)
			break;
		if (strncmp(src + from, "syscall:", 8))
			return 0;
		any = 1;
		from += (long)strcspn(src + from, ",");
	}
	return any;
}

static int names_process(const char *pred)
{
	return !strstr(pred, "self->") && (strstr(pred, "execname") || strstr(pred, "pid") ||
					   strstr(pred, "tid") || strstr(pred, "$target"));
}

/* The view's aggregations as a mask of ids. */
static uint64_t view_mask(const struct view *v)
{
	uint64_t m = 0;

	for (int i = 0; i < v->naggs; i++)
		if (v->aggs[i] < 64)
			m |= 1ULL << v->aggs[i];
	return m;
}

/* A D string literal's body: quotes and backslashes escaped. */
static void d_escape(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 2 < size; s++) {
		if (*s == '"' || *s == '\\')
			out[n++] = '\\';
		out[n++] = *s;
	}
	out[n] = 0;
}

/* Whether clause i's text (up to the next clause) reads probefunc. */
static int clause_reads_probefunc(struct dscope *h, const char *src, int i, const struct dscope_clause *c)
{
	struct dscope_clause next;
	long from = c->body >= 0 ? c->body : line_col_offset(src, c->line, c->col),
	     to = dscope_clause(h, i + 1, &next) ? (long)strlen(src)
						 : line_col_offset(src, next.line, next.col);
	char *at = from < to ? strstr(src + from, "probefunc") : NULL;

	return at && at - src < to;
}

/* What the program says of the syscall provider and the process: the view
 * is of system calls when a clause on syscall probes feeds it and no other
 * clause feeding it reads probefunc (a "- total -" row from sched probes
 * may share the table). */
static void program_facts(const struct view *v, struct dscope *h, const char *src, int *syscall, char *proc,
			  size_t size)
{
	uint64_t mask = view_mask(v);
	int n = dscope_nclauses(h), onsys_any = 0, other = 0;

	proc[0] = 0;
	/* another key component that names the process (pid the last word) */
	for (int k = 0; k < v->nkeys && k < 8; k++) {
		char esc[300];

		if (!strcmp(v->keylabel[k], "execname") && !proc[0]) {
			d_escape(v->selk[k], esc, sizeof(esc));
			snprintf(proc, size, "execname == \"%s\"", esc);
		} else if (!strcmp(v->keylabel[k], "pid")) {
			snprintf(proc, size, "pid == %s", v->selk[k]);
		}
	}
	/* the clauses feeding the view, then the other syscall clauses */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			struct dscope_clause c;

			if (dscope_clause(h, i, &c))
				continue;
			int feeds = (c.aggs & mask) != 0, onsys = clause_syscall(src, &c);

			if (pass == 0 && feeds) {
				onsys_any |= onsys;
				other |= !onsys && clause_reads_probefunc(h, src, i, &c);
			}
			if (proc[0] || c.pred_start < 0 || (pass == 0 ? !feeds : !onsys))
				continue;
			char pred[1024];

			snprintf(pred, sizeof(pred), "%.*s", (int)(c.pred_end - c.pred_start),
				 src + c.pred_start);
			if (names_process(pred))
				snprintf(proc, size, "%s", pred);
		}
	*syscall = onsys_any && !other;
}

/* The process as the row names it: "top pid 1234", "top", "pid 1234". */
static void row_process(const struct view *v, char *out, size_t size, long *pid)
{
	const char *name = NULL, *p = NULL;

	*pid = -1;
	for (int k = 0; k < v->nkeys && k < 8; k++) {
		if (!strcmp(v->keylabel[k], "execname"))
			name = v->selk[k];
		else if (!strcmp(v->keylabel[k], "pid"))
			p = v->selk[k];
	}
	if (p) {
		char *end;
		long n = strtol(p, &end, 10);

		if (end != p && !*end && n > 0)
			*pid = n;
	}
	snprintf(out, size, "%s%s%s%s", name ? name : "", name && p ? " " : "", p ? "pid " : "", p ? p : "");
}

/* Expand %V, %P and %N. */
static char *expand(const char *tmpl, const char *val, const char *proc, const char *name)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '%' && p[1] == 'V')
			fputs(val, f), p++;
		else if (p[0] == '%' && p[1] == 'P')
			fputs(proc, f), p++;
		else if (p[0] == '%' && p[1] == 'N')
			fputs(name, f), p++;
		else
			fputc(*p, f);
	}
	fclose(f);
	return out;
}

void drill_derive(const struct view *v, struct dscope *h, const char *src, struct drill *out)
{
	char proc[1024], name[300];
	int sys;

	memset(out, 0, sizeof(*out));
	out->target = -1;
	if (v->kind == VIEW_LOG || !v->nrows) {
		snprintf(out->label, sizeof(out->label), "no row to drill into");
		return;
	}
	program_facts(v, h, src, &sys, proc, sizeof(proc));
	row_process(v, name, sizeof(name), &out->target);
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		const struct drill_rule *u = &rules[r];
		const char *val = v->kind == VIEW_HIST ? v->selkey : NULL;

		if (u->kind != v->kind || (u->need & DN_SYSCALL && !sys) || (u->need & DN_PROC && !proc[0]) ||
		    (u->need & DN_NOPROC && proc[0]))
			continue;
		for (int k = 0; u->key && k < v->nkeys && k < 8; k++)
			if (!strcmp(v->keylabel[k], u->key))
				val = v->selk[k];
		if (!val || (u->val && strcmp(val, u->val)))
			continue;
		char esc[300], *label;

		d_escape(val, esc, sizeof(esc));
		out->kind = u->what;
		label = expand(u->label, val, proc, name);
		snprintf(out->label, sizeof(out->label), "%.120s", label ? label : val);
		free(label);
		if (u->prog)
			out->prog = expand(u->prog, esc, proc, name);
		if (u->what == DRILL_PROGRAM && !out->prog)
			out->kind = DRILL_NONE;
		return;
	}
	snprintf(out->label, sizeof(out->label), "no drill-down for %s rows (rules: tui/drill.c)",
		 v->nkeys && v->keylabel[0][0] ? v->keylabel[0] : "these");
}
