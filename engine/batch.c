/*
 * batch.c - the batch printer: renders the snapshot stream as dtrace's text.
 *
 * One state per output: whether the CPU/ID/FUNCTION:NAME header was printed.
 * Records print as dtrace prints them: unless quiet, the header once, then
 * per record "CPU ID FUNCTION:NAME " followed by each action's output and a
 * newline; quiet, only what the actions print.  Diagnostics (drops,
 * run-time faults) go to the error stream.  The final snapshot of a run
 * ends with dtrace's blank line and every aggregation not printed by
 * printa(), in id order.
 */
#include <string.h>

#include "batch.h"

void batch_init(struct batch *b, FILE *out, FILE *err)
{
	memset(b, 0, sizeof(*b));
	b->out = out;
	b->err = err;
}

static void print_act(struct batch *b, const struct dscope_snap *s, const struct snap_event *ev,
		      const struct snap_act *a)
{
	switch (a->kind) {
	case SA_TRACE:
		fmt_trace(b->out, &a->vals[0], ev->quiet);
		break;
	case SA_PRINTF:
		fmt_printf(b->out, a->fmt, a->vals, a->nvals);
		break;
	case SA_PRINTA: {
		struct agg_table *tabs[16];
		int n = a->ntabs < 16 ? a->ntabs : 16;

		for (int i = 0; i < n; i++)
			tabs[i] = &a->tabs[i];
		if (a->fmt || n > 1)
			fmt_printa_opts(b->out, a->fmt, tabs, n, &s->sort);
		else if (n == 1)
			fmt_agg_print(b->out, tabs[0]);
		break;
	}
	case SA_EXIT:
	case SA_OTHER:
		break;
	}
}

/*
 * -F (flowindent): CPU, then the function indented two columns per call
 * level, "->" on entry, "<-" on return, "|" for other probes.
 */
static void print_flow(struct batch *b, const struct snap_event *ev)
{
	char fn[300];
	int *d = &b->depth[ev->cpu % 1024], entry = !strcmp(ev->name, "entry"),
	    ret = !strcmp(ev->name, "return");

	if (!b->header) {
		fprintf(b->out, "%3s %-41s\n", "CPU", "FUNCTION");
		b->header = 1;
	}
	if (ret && *d > 0)
		(*d)--;
	snprintf(fn, sizeof(fn), "%*s%s %s", 1 + 2 * *d, "",
		 entry ? "->"
		 : ret ? "<-"
		       : " |",
		 entry || ret ? ev->func : ev->name);
	fprintf(b->out, "%3u %-41s ", ev->cpu, fn);
	if (entry)
		(*d)++;
}

void batch_print(struct batch *b, const struct dscope_snap *s)
{
	for (size_t i = 0; i < s->nev; i++) {
		const struct snap_event *ev = &s->ev[i];

		if (!ev->quiet && s->flowindent) {
			print_flow(b, ev);
		} else if (!ev->quiet) {
			char fn[256];

			if (!b->header) {
				fprintf(b->out, "%3s %6s %32s\n", "CPU", "ID", "FUNCTION:NAME");
				b->header = 1;
			}
			snprintf(fn, sizeof(fn), "%s:%s", ev->func, ev->name);
			fprintf(b->out, "%3u %6u %32s ", ev->cpu, ev->probe, fn);
		}
		for (int k = 0; k < ev->nacts; k++)
			print_act(b, s, ev, &ev->acts[k]);
		if (!ev->quiet && !ev->quiet_end)
			fputc('\n', b->out);
	}
	fflush(b->out);
	for (int i = 0; i < s->nnotes; i++)
		fprintf(b->err, "%s\n", s->notes[i]);
	if (s->final) {
		fputc('\n', b->out);
		/* aggsortrev reverses the order of the aggregations too */
		for (int k = 0; k < s->naggs; k++) {
			int i = s->sort.sortrev ? s->naggs - 1 - k : k;

			if (!s->printed[i])
				fmt_agg_rows(b->out, &s->aggs[i]);
		}
		fflush(b->out);
	}
}
