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
 * tid, $target).  A rule either derives a D program from its template
 * (%V the key's value, %P the process's predicate) or asks for something
 * the TUI does without a new program (a histogram key alone); a tree node
 * zooms, which the tree view does itself (VACT_ENTER), so it is listed
 * here for the record only.  The first rule that matches wins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dscope.h"
#include "tui.h"
#include "view.h"

enum { DN_SYSCALL = 1, DN_PROC = 2, DN_NOPROC = 4 };

/* A process's per-syscall table: calls and on-CPU time (as
 * scripts/syscall-time.d measures it, with vtimestamp). */
#define SYSCALLS(P)                                                                                          \
	"syscall:::entry /" P "/ { self->vts = vtimestamp; }\n"                                              \
	"syscall:::return /self->vts/ { @calls[probefunc] = count();\n"                                      \
	"    @time[probefunc] = sum(vtimestamp - self->vts); self->vts = 0; }\n"

static const struct drill_rule {
	enum view_kind kind;
	const char *key; /* the key component read; NULL: none */
	unsigned need;	 /* DN_* */
	enum drill_kind what;
	const char *label; /* the breadcrumb; %V the value */
	const char *prog;  /* %V the value, %P the process's predicate */
} rules[] = {
	/* a tree node: zoom (done by the tree view itself) */
	{ VIEW_TREE, NULL, 0, DRILL_NONE, "zoom", NULL },
	/* a histogram key: its histogram alone */
	{ VIEW_HIST, NULL, 0, DRILL_HIST, "%V", NULL },
	/* a system call in a process: the user stacks that make it */
	{ VIEW_TABLE, "probefunc", DN_SYSCALL | DN_PROC, DRILL_PROGRAM, "%V stacks",
	  "syscall::%V:entry /%P/ { @[ustack()] = count(); }\n" },
	/* ... in every process: by process, then stack */
	{ VIEW_TABLE, "probefunc", DN_SYSCALL | DN_NOPROC, DRILL_PROGRAM, "%V stacks",
	  "syscall::%V:entry { @[execname, ustack()] = count(); }\n" },
	/* a process: its system calls, counts and time */
	{ VIEW_TABLE, "execname", 0, DRILL_PROGRAM, "%V syscalls", SYSCALLS("execname == \"%V\"") },
	{ VIEW_TABLE, "pid", 0, DRILL_PROGRAM, "pid %V syscalls", SYSCALLS("pid == %V") },
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

/* What the program says of the syscall provider and the process. */
static void program_facts(const struct view *v, struct dscope *h, const char *src, int *syscall, char *proc,
			  size_t size)
{
	uint64_t mask = view_mask(v);
	int n = dscope_nclauses(h), feeding = 0, sys = 1;

	proc[0] = 0;
	/* another key component that names the process */
	for (int k = 0; k < v->nkeys && k < 8; k++) {
		char esc[300];

		if (!strcmp(v->keylabel[k], "execname")) {
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
				feeding++;
				sys &= onsys;
			}
			if (proc[0] || c.pred_start < 0 || (pass == 0 ? !feeds : !onsys))
				continue;
			char pred[1024];

			snprintf(pred, sizeof(pred), "%.*s", (int)(c.pred_end - c.pred_start),
				 src + c.pred_start);
			if (names_process(pred))
				snprintf(proc, size, "%s", pred);
		}
	*syscall = feeding && sys;
}

/* Expand %V and %P. */
static char *expand(const char *tmpl, const char *val, const char *proc)
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
		else
			fputc(*p, f);
	}
	fclose(f);
	return out;
}

void drill_derive(const struct view *v, struct dscope *h, const char *src, struct drill *out)
{
	char proc[1024];
	int sys;

	memset(out, 0, sizeof(*out));
	if (v->kind == VIEW_LOG || !v->nrows) {
		snprintf(out->label, sizeof(out->label), "no row to drill into");
		return;
	}
	program_facts(v, h, src, &sys, proc, sizeof(proc));
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		const struct drill_rule *u = &rules[r];
		const char *val = v->kind == VIEW_HIST ? v->selkey : NULL;

		if (u->kind != v->kind || (u->need & DN_SYSCALL && !sys) || (u->need & DN_PROC && !proc[0]) ||
		    (u->need & DN_NOPROC && proc[0]))
			continue;
		for (int k = 0; u->key && k < v->nkeys && k < 8; k++)
			if (!strcmp(v->keylabel[k], u->key))
				val = v->selk[k];
		if (!val)
			continue;
		char esc[300], *label;

		d_escape(val, esc, sizeof(esc));
		out->kind = u->what;
		label = expand(u->label, val, proc);
		snprintf(out->label, sizeof(out->label), "%.120s", label ? label : val);
		free(label);
		if (u->prog)
			out->prog = expand(u->prog, esc, proc);
		if (u->what == DRILL_PROGRAM && !out->prog)
			out->kind = DRILL_NONE;
		return;
	}
	snprintf(out->label, sizeof(out->label), "no drill-down for %s rows (rules: tui/drill.c)",
		 v->nkeys && v->keylabel[0][0] ? v->keylabel[0] : "these");
}
