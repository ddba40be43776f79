/*
 * session_tee.c - batch mode's snapshot loop when it also records a
 * session or exports: take each snapshot (dscope_next, or dscope_finish at
 * the end), every interval take the aggregation tables too
 * (dscope_snap_aggs), hand them to the recorder and the exporter, and print
 * the snapshot as dscope_poll would unless exporting.
 *
 * A recording that fails (disk full, broken pipe) is reported once, on the
 * error stream, and the run goes on without it.
 */
#include <time.h>

#include "session.h"

int64_t session_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int session_tee_step(struct session_tee *t, int final)
{
	struct dscope_snap *s = NULL, *a = NULL;
	int64_t now = session_now_ns();
	int r = final ? dscope_finish(t->h, &s) : dscope_next(t->h, &s);

	if (!s)
		return r;
	if (s->naggs) {
		a = dscope_snap_acquire(s);
	} else if ((t->w && !t->failed) || t->x) {
		if (now - t->last_aggs >= t->interval_ns) {
			a = dscope_snap_aggs(t->h);
			t->last_aggs = now;
		}
	}
	if (t->w && !t->failed) {
		int skip = !a && !s->nev && !s->nnotes && !s->exited && !s->final;

		if (!skip && session_write_snap(t->w, s, a, now - t->t0) < 0) {
			fprintf(stderr, "%s: %s\n", t->prog, session_write_errmsg(t->w));
			t->failed = 1;
		}
	}
	if (t->x)
		export_snap(t->x, s, a, now - t->t0);
	else
		dscope_print_snap(t->h, s);
	dscope_snap_release(a);
	dscope_snap_release(s);
	return r;
}
