/*
 * session_tee.c - batch mode's snapshot loop when it also records a
 * session or exports: take each snapshot (dscope_next, or dscope_finish at
 * the end), every interval take the aggregation tables too
 * (dscope_snap_aggs), hand them to the recorder and the exporter, and print
 * the snapshot as dscope_poll would unless exporting.
 *
 * A recording that fails (disk full, broken pipe) is reported once, on the
 * error stream, and the run goes on without it.
 *
 * session_info_of fills a program chunk's description of the machine and
 * the handle's options, for batch mode's --record and the interface's
 * :record alike.
 */
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "session.h"

void session_info_of(struct session_info *in, struct session_info_buf *b, const struct dscope *h)
{
	struct utsname u;
	struct timespec ts;

	memset(in, 0, sizeof(*in));
	if (uname(&u))
		memset(&u, 0, sizeof(u));
	snprintf(b->host, sizeof(b->host), "%s", u.nodename);
	snprintf(b->kernel, sizeof(b->kernel), "%s", u.release);
	clock_gettime(CLOCK_REALTIME, &ts);
	in->host = b->host;
	in->kernel = b->kernel;
	in->start_ns = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	in->interval_ns = 1000000000;
	in->ncpus = (int)sysconf(_SC_NPROCESSORS_CONF);
	in->target = -1;
	while (in->nopts < 64 && !dscope_opt_at(h, in->nopts, &b->names[in->nopts], &b->vals[in->nopts]))
		in->nopts++;
	in->optname = b->names;
	in->optval = b->vals;
}

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
