/*
 * tui.c - the full-screen interface: one epoll loop, the layout of views on
 * the screen, keys, the status line, help, the prompt's commands, and
 * swapping programs without a gap.
 *
 * The loop waits on five descriptors: the terminal, the engine's ring
 * buffer, a refresh timer (timerfd), a signalfd (SIGINT, SIGTERM, SIGHUP,
 * SIGCHLD, SIGWINCH) and a pipe that stands in for stderr while the screen
 * is up (anything written there shows in the log instead of breaking the
 * screen).  Records are consumed as they arrive, into the log view; the
 * aggregations are taken once per refresh (dscope_snap_aggs) unless paused,
 * and that snapshot is what every view draws from.
 *
 * Keys go through a table to actions; actions either change the loop's
 * state or become a view's semantic action (view_act).  Drawing is one
 * pass: every visible view renders into an off-screen buffer, then
 * screen.c copies it to curses, which sends only what changed.
 *
 * A program is replaced (a predicate typed at the prompt, :set, :clear,
 * :open) by compiling and starting the new one first and only then
 * stopping the old one: tracing never stops, and when the new one does not
 * compile, the old one keeps running and the error is shown under the
 * prompt with a caret at its column.  Aggregations start from zero in the
 * new program, unless it goes on from the old one's values (dscope_carry):
 * after a predicate when the user asked (:carry on), and always when Esc
 * returns from a drill-down to the parent's restarted program, which gets
 * the values the parent had when it was left.  Views keep their state when
 * the new program has the same aggregations.
 *
 * Sessions: replay.c replays a session file through the same views (its
 * snapshots instead of the engine's, a timeline for the status line), and
 * record.c records one (:record, --record); the hooks here are where
 * snapshots come from and go, the timeline's keys and commands.
 */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "dscope.h"
#include "session.h"
#include "tui.h"
#include "view.h"

enum { MAXVIEWS = 32, MAXMSG = 6, MAXNAV = 8 };

/* A drill-down's parent: its program (NULL when the child runs the same
 * one) and its views, kept whole (selection, sort, scroll) for the return. */
struct nav {
	char *src;
	const char *srcname;
	struct view *views[MAXVIEWS];
	int nviews, cur;
	long target;	 /* the parent's $target */
	char label[200]; /* "@count > read stacks" */
	/* the parent's aggregations when it was left (owned; NULL when the
	 * child runs the same program): carried into its restart */
	struct dscope_snap *last;
};

struct tui {
	struct dscope *h;
	struct tui_cfg *cfg;
	char *src;	     /* the running program's text (owned) */
	const char *srcname; /* -s name or :open'ed file (borrowed or owned by opened) */
	char *opened;
	struct view *views[MAXVIEWS];
	int nviews, cur;
	struct dscope_snap *snap; /* what the views show */
	struct dscope_snap *final;
	struct vbuf vb;
	struct vctx cx;
	int w, hgt;
	int epfd, sfd, tfd, errfd, saved_err;
	FILE *devnull;
	int paused, help, help_top, picking, quit, finished, exit_status;
	int interval_ms;
	char msg[MAXMSG][512];
	int nmsg, msg_err;
	int msg_compl; /* the message is Tab's candidates */
	/* rates */
	uint64_t records, upd_prev;
	double evrate, cpu_pct, bpf_pct;
	/* the BPF run-time sample (bpf_sample): the kernel's counters on since
	 * the last refresh for handle bpf_h, from bpf_last_ns; refreshes until
	 * the next one */
	uint64_t bpf_last_ns;
	const struct dscope *bpf_h;
	int bpf_wait;
	struct timespec last;
	uint64_t cpu_last_us;
	pid_t child;
	int outfd;	   /* the -c command's output, shown in the log */
	char outbuf[4096]; /* its unfinished last line */
	size_t outlen;
	struct nav nav[MAXNAV];
	int depth;
	/* where the last draw put things, for the mouse */
	struct {
		int x, y, w, h, view;
	} pane[4];
	int npanes;
	int tab_x[MAXVIEWS + 1]; /* tab i spans [tab_x[i], tab_x[i + 1]) */
	int crumb_w;		 /* the "< Esc ..." part of the breadcrumb */
	struct timespec click_at;
	int click_view, click_row;
	int carry; /* :carry on: /PRED/ keeps the aggregations' values */
	/* sessions */
	struct replay *rp;		/* replaying a session file, else NULL */
	struct rec *rec;		/* recording one, else NULL */
	int rec_hold;			/* recording: set_snap leaves the tick to the caller */
	int rp_rebuild;			/* replay: the views are another program's */
	uint64_t rp_unseen;		/* replay: aggregations planned without
					 * their key labels nor a row to guess them */
	const struct session_ui *rp_ui; /* replay: a view state for the next tick */
};

/*
 * Whether a process has exited (VG_GONE: its rows are dimmed) and for how
 * long: after GONE_LINGER seconds its rows leave the table (VG_LEFT), as
 * htop lets an exited process linger highlighted.  When a pid was first
 * seen gone is kept in a small open-addressed table; a pid that runs again
 * (reused) starts over.  A full table only means rows stay dimmed.
 */
enum { GONE_SLOTS = 4096, GONE_LINGER = 10 };
static struct {
	long pid;
	double at; /* monotonic seconds when first seen gone; 0 alive */
} gone_tab[GONE_SLOTS];

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int pid_gone(long pid)
{
	int gone = kill((pid_t)pid, 0) < 0 && errno == ESRCH;
	unsigned h = (unsigned)pid * 2654435761u % GONE_SLOTS;

	for (int i = 0; i < GONE_SLOTS; i++, h = (h + 1) % GONE_SLOTS) {
		if (gone_tab[h].pid == pid) {
			if (!gone) {
				gone_tab[h].at = 0;
				return VG_ALIVE;
			}
			if (gone_tab[h].at == 0)
				gone_tab[h].at = mono_s();
			return mono_s() - gone_tab[h].at >= GONE_LINGER ? VG_LEFT : VG_GONE;
		}
		if (gone_tab[h].pid == 0) {
			if (!gone)
				return VG_ALIVE;
			gone_tab[h].pid = pid;
			gone_tab[h].at = mono_s();
			return VG_GONE;
		}
	}
	return gone ? VG_GONE : VG_ALIVE;
}

static const int intervals[] = { 100, 200, 500, 1000, 2000, 5000, 10000 };

static uint64_t cpu_us(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

static void msg_set(struct tui *t, int err, const char *text)
{
	const char *p = text;

	t->nmsg = 0;
	t->msg_err = err;
	t->msg_compl = 0;
	while (*p && t->nmsg < MAXMSG) {
		size_t n = strcspn(p, "\n");

		snprintf(t->msg[t->nmsg++], sizeof(t->msg[0]), "%.*s", (int)n, p);
		p += n;
		if (*p)
			p++;
	}
}

static struct view *log_view(struct tui *t)
{
	for (int i = 0; i < t->nviews; i++)
		if (t->views[i]->kind == VIEW_LOG)
			return t->views[i];
	return NULL;
}

/* ---- views from the program's aggregations ---- */

static int same_shape(const struct dscope_snap *a, const struct dscope_snap *b)
{
	if (!a || !b || a->naggs != b->naggs)
		return 0;
	for (int i = 0; i < a->naggs; i++) {
		const struct agg_desc *x = a->aggs[i].desc, *y = b->aggs[i].desc;

		if (x->func != y->func || x->nkeys != y->nkeys || strcmp(x->name, y->name))
			return 0;
	}
	return 1;
}

static void views_build(struct tui *t, const struct dscope_snap *s)
{
	struct view_aggmeta m[64];
	struct view *old_log = log_view(t), *nv[MAXVIEWS];
	int n = s ? (s->naggs < 64 ? s->naggs : 64) : 0, k;

	t->rp_unseen = 0;

	for (int i = 0; i < n; i++) {
		struct dscope_agg_info ai;

		memset(&m[i], 0, sizeof(m[i]));
		m[i].desc = s->aggs[i].desc;
		if (dscope_agg_info(t->h, i, &ai) == 0) {
			m[i].unit = ai.unit;
			memcpy(m[i].key, ai.key, sizeof(m[i].key));
		} else if (t->rp) {
			replay_key_labels(s, i, m[i].key);
			if (!s->aggs[i].n && i < 64)
				t->rp_unseen |= 1ULL << i;
		}
	}
	k = view_plan(m, n, nv, MAXVIEWS);
	/* a view of the same name and kind as before (a clause was added, a
	 * predicate changed the shape) keeps what the user did to it; the
	 * first new one is shown */
	t->cur = -1;
	for (int i = 0; i < k; i++) {
		int j = 0;

		while (j < t->nviews &&
		       (t->views[j]->kind != nv[i]->kind || strcmp(t->views[j]->name, nv[i]->name)))
			j++;
		if (j < t->nviews)
			view_take_state(nv[i], t->views[j]);
		else if (t->cur < 0 && nv[i]->kind != VIEW_LOG && t->nviews)
			t->cur = i;
	}
	for (int i = 0; i < t->nviews; i++)
		if (t->views[i] != old_log)
			view_free(t->views[i]);
	/* the log keeps its lines */
	for (int i = 0; i < k; i++)
		if (nv[i]->kind == VIEW_LOG && old_log) {
			view_free(nv[i]);
			nv[i] = old_log;
		}
	memcpy(t->views, nv, sizeof(nv[0]) * (size_t)k);
	t->nviews = k;
	/* else the first aggregation's view, or the log when there is none */
	if (t->cur < 0)
		t->cur = 0;
}

/* ---- the engine ---- */

static uint64_t agg_updates(const struct dscope_snap *s)
{
	uint64_t n = 0;

	for (int i = 0; s && i < s->naggs; i++) {
		const struct agg_table *t = &s->aggs[i];

		for (size_t e = 0; e < t->n; e++) {
			const int64_t *d = t->entries[e].data;

			switch (t->desc->func) {
			case AGG_COUNT:
			case AGG_AVG:
			case AGG_STDDEV:
				n += (uint64_t)d[0];
				break;
			case AGG_MIN:
			case AGG_MAX:
				n += (uint64_t)d[1];
				break;
			case AGG_SUM:
				break;
			default:
				n += (uint64_t)agg_entry_value(t->desc, d);
			}
		}
	}
	return n;
}

/* ---- recording (record.c) ---- */

/* A write error stopped the recording: say so; tracing goes on. */
static void rec_check(struct tui *t, int r)
{
	char m[600];

	if (r >= 0 || !t->rec)
		return;
	msg_set(t, 1, rec_errmsg(t->rec));
	rec_stop(t->rec, m, sizeof(m));
	t->rec = NULL;
}

/* A refresh while recording: the views' state, then what they show. */
static void rec_tick(struct tui *t, const struct dscope_snap *s)
{
	const char *crumbs[MAXNAV];
	int r;

	for (int i = 0; i < t->depth; i++)
		crumbs[i] = t->nav[i].label;
	r = rec_ui(t->rec, t->views, t->nviews, t->cur, crumbs, t->depth);
	if (r >= 0)
		r = rec_snap(t->rec, s, 1);
	rec_check(t, r);
}

static void set_snap(struct tui *t, struct dscope_snap *s)
{
	struct timespec now;

	if (s && t->rec && !t->rec_hold)
		rec_tick(t, s);

	dscope_snap_release(t->snap);
	t->snap = s;
	/* when it was taken: the views' intervals are the times between */
	clock_gettime(CLOCK_MONOTONIC, &now);
	t->cx.snap_time = (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static void finish(struct tui *t, const char *why)
{
	struct dscope_snap *s = NULL;
	char m[256];

	if (t->finished)
		return;
	epoll_ctl(t->epfd, EPOLL_CTL_DEL, dscope_fd(t->h), NULL);
	dscope_finish(t->h, &s);
	t->finished = 1;
	t->exit_status = dscope_exit_status(t->h);
	if (s) {
		if (log_view(t))
			view_log_feed(log_view(t), s);
		set_snap(t, dscope_snap_acquire(s));
		dscope_snap_release(t->final);
		t->final = s;
	}
	snprintf(m, sizeof(m), "%s; tracing stopped (q quits)", why);
	msg_set(t, 0, m);
}

static void consume(struct tui *t)
{
	struct dscope_snap *s = NULL;
	int r;

	if (t->finished)
		return;
	r = dscope_next(t->h, &s);
	if (s && t->rec)
		rec_check(t, rec_snap(t->rec, s, 0));
	if (s) {
		t->records += s->nev;
		if (log_view(t))
			view_log_feed(log_view(t), s);
		dscope_snap_release(s);
	}
	if (r == 1) {
		char m[64];

		snprintf(m, sizeof(m), "the program called exit(%d)", dscope_exit_status(t->h));
		finish(t, m);
	} else if (r < 0) {
		msg_set(t, 1, dscope_errmsg(t->h));
	}
}

/*
 * The probes' own run time in the kernel, apart: the kernel's counters
 * cost every run of every program two clock reads (~100 ns a run here,
 * bench/top-overhead.sh's floor with them on and off), so they are on for
 * one refresh interval in BPF_SAMPLE, and the share measured over it is
 * shown until the next sample.
 */
enum { BPF_SAMPLE = 5 };

static void bpf_sample(struct tui *t, double dt)
{
	if (t->bpf_h == t->h) {
		uint64_t bpf = dscope_bpf_time_ns(t->h, NULL);

		t->bpf_pct = bpf >= t->bpf_last_ns ? (double)(bpf - t->bpf_last_ns) / 1e7 / dt : 0;
		dscope_bpf_stats(t->h, 0);
		t->bpf_h = NULL;
		t->bpf_wait = BPF_SAMPLE - 1;
	} else if (t->bpf_wait-- <= 0 && dscope_bpf_stats(t->h, 1) == 0) {
		t->bpf_h = t->h;
		t->bpf_last_ns = dscope_bpf_time_ns(t->h, NULL);
	}
}

static void refresh_aggs(struct tui *t)
{
	struct timespec start;
	double dt;
	uint64_t cpu = cpu_us(), upd;
	struct dscope_snap *s;

	/* rates over the time from one refresh's start to the next's */
	clock_gettime(CLOCK_MONOTONIC, &start);
	dt = (double)(start.tv_sec - t->last.tv_sec) + (double)(start.tv_nsec - t->last.tv_nsec) / 1e9;

	consume(t);
	if (t->finished || t->paused)
		return;
	s = dscope_snap_aggs(t->h);
	if (!s)
		return;
	upd = agg_updates(s);
	if (dt > 0) {
		t->evrate = (double)(t->records + (upd >= t->upd_prev ? upd - t->upd_prev : upd)) / dt;
		t->cpu_pct = (double)(cpu - t->cpu_last_us) / 1e4 / dt;
		bpf_sample(t, dt);
	}
	t->upd_prev = upd;
	t->records = 0;
	t->cpu_last_us = cpu;
	t->last = start;
	set_snap(t, s);
}

/* The text of the current diagnostic, dtrace's line then the source line and
 * a caret, into a malloc'd string. */
static char *diag_text(struct dscope *h)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	if (dscope_diag(h)->set)
		dscope_print_diag(h, f, 1);
	else
		fprintf(f, "%s", dscope_errmsg(h));
	fclose(f);
	return buf;
}

/*
 * What a swap does with aggregation values (dscope_carry): rebuild says
 * whether the views are built anew (1 always, -1 never, 0 when the
 * aggregations differ); the new program goes on from the old one's values
 * (carry_old) or from those of `from` (a parent's, on return), or starts
 * from zero.  `last`, when not NULL, gets a copy of the old program's
 * values (for a return to it later); why names what was not carried.
 */
struct swap {
	int rebuild;
	int carry_old;
	const struct dscope_snap *from;
	struct dscope_snap **last;
	char why[256];
};

/* The old program's aggregations as they are at the swap: taken now (both
 * programs run: what the new one counts from here on is not in them, but
 * the moment it takes to read them is counted twice), or its final ones
 * when it has already ended. */
static struct dscope_snap *swap_last(struct tui *t, struct dscope *old)
{
	if (t->finished)
		return dscope_snap_acquire(t->final);
	return dscope_snap_aggs(old);
}

/*
 * Start `src` (owned: kept on success, freed on failure) in place of the
 * running program: the new program is compiled and attached before the old
 * one is stopped.  On failure the old one keeps running and *err says why.
 */
static int prog_swap_with(struct tui *t, char *src, const char *srcname, struct swap *sw, char **err)
{
	struct dscope *h = dscope_new(t->cfg->prog), *old = t->h;
	struct dscope_snap *s, *fs = NULL, *last = NULL;
	struct epoll_event ev = { .events = EPOLLIN };
	int rebuild = sw->rebuild;

	*err = NULL;
	sw->why[0] = 0;
	if (t->rp || !h) {
		/* a replay runs nothing: the question needs a live run */
		dscope_free(h);
		free(src);
		*err = strdup(t->rp ? "this needs new probes: run it live (:show has the program)"
				    : "out of memory");
		return -1;
	}
	for (int i = 0; i < t->cfg->nopts; i++)
		dscope_setopt(h, t->cfg->opts[i][0], t->cfg->opts[i][1]);
	dscope_set_output(h, t->devnull);
	dscope_set_macros(h, t->cfg->nmacros, t->cfg->macros);
	dscope_set_target(h, t->cfg->target);
	if (dscope_compile(h, src, srcname) || dscope_go(h)) {
		*err = diag_text(h);
		dscope_free(h);
		free(src);
		return -1;
	}
	/* the new one runs: carry values into it, then stop the old one */
	if (sw->carry_old || sw->last)
		last = swap_last(t, old);
	if (sw->last)
		*sw->last = last ? dscope_snap_aggs_copy(last) : NULL;
	if (sw->carry_old || sw->from) {
		/* what was not carried (or the error) */
		dscope_carry(h, sw->from ? sw->from : last);
		snprintf(sw->why, sizeof(sw->why), "%s", dscope_errmsg(h));
	}
	dscope_snap_release(last);
	s = dscope_snap_aggs(h);
	if (!t->finished)
		epoll_ctl(t->epfd, EPOLL_CTL_DEL, dscope_fd(old), NULL);
	dscope_finish(old, &fs);
	if (t->rec) {
		/* the old program's last records, then the new program */
		int r = rec_snap(t->rec, fs, 0);

		rec_check(t, r < 0 ? r : rec_swap(t->rec, h, src, srcname, t->cfg->target));
	}
	if (fs && log_view(t))
		view_log_feed(log_view(t), fs);
	dscope_snap_release(fs);
	int keep = rebuild < 0 || (!rebuild && same_shape(t->snap, s));

	set_snap(t, NULL);
	dscope_snap_release(t->final);
	t->final = NULL;
	t->h = h;
	t->bpf_h = NULL; /* a new handle: its own sample */
	t->bpf_wait = 0;
	dscope_free(old);
	free(t->src);
	t->src = src;
	t->srcname = srcname;
	t->finished = 0;
	/* the rate counts updates from here (carried values are not new) */
	t->upd_prev = agg_updates(s);
	ev.data.fd = dscope_fd(h);
	epoll_ctl(t->epfd, EPOLL_CTL_ADD, dscope_fd(h), &ev);
	if (!keep)
		views_build(t, s);
	set_snap(t, s);
	return 0;
}

/* prog_swap_with, the new program's aggregations from zero. */
static int prog_swap(struct tui *t, char *src, const char *srcname, int rebuild, char **err)
{
	struct swap sw = { .rebuild = rebuild };

	return prog_swap_with(t, src, srcname, &sw, err);
}

/*
 * The program with the predicate of the current view's clauses replaced
 * by `pred` (an empty one removes it); NULL with *err set when no clause
 * feeds the view.
 */
static char *pred_replace(struct tui *t, const char *pred, char **err)
{
	struct view *v = t->views[t->cur];
	const char *src = t->src;
	uint64_t mask = 0;
	int n = dscope_nclauses(t->h), edits = 0;
	size_t cap = strlen(src) + (size_t)(n + 1) * (strlen(pred) + 4) + 1, len = 0;
	char *out = malloc(cap);
	long at = 0;

	if (!out)
		return NULL;
	for (int i = 0; v->kind != VIEW_LOG && i < v->naggs; i++)
		mask |= 1ULL << v->aggs[i];
	for (int i = 0; i < n; i++) {
		struct dscope_clause c;

		if (dscope_clause(t->h, i, &c) || c.body < 0 ||
		    !((c.aggs & mask) || (v->kind == VIEW_LOG && c.records)))
			continue;
		long from = c.pred_start >= 0 ? c.pred_start : c.body,
		     to = c.pred_start >= 0 ? c.pred_end : c.body;

		if (!*pred && c.pred_start >= 0) {
			from--; /* the slashes go too */
			to++;
		}
		memcpy(out + len, src + at, (size_t)(from - at));
		len += (size_t)(from - at);
		if (c.pred_start >= 0)
			len += (size_t)sprintf(out + len, "%s", pred);
		else if (*pred)
			len += (size_t)sprintf(out + len, "/%s/ ", pred);
		at = to;
		edits++;
	}
	if (!edits) {
		free(out);
		*err = strdup("no clause of the program feeds this view");
		return NULL;
	}
	strcpy(out + len, src + at);
	return out;
}

/* ---- drill-down ---- */

static void views_free_except_log(struct tui *t)
{
	struct view *log = log_view(t);

	for (int i = 0; i < t->nviews; i++)
		if (t->views[i] != log)
			view_free(t->views[i]);
	t->nviews = 0;
	if (log)
		t->views[t->nviews++] = log;
}

/* A breadcrumb's part: where it came from (a script by its file name,
 * else the view), then what it opened. */
static void crumb(struct tui *t, const struct view *v, const char *label, char *out, size_t size)
{
	const char *from = t->srcname ? strrchr(t->srcname, '/') : NULL;

	from = from ? from + 1 : t->srcname ? t->srcname : v->name;
	snprintf(out, size, "%.60s %s %.120s", from, t->cx.utf8 ? "\xe2\x80\xba" : ">", label);
}

/*
 * Open a new question as a child of the running one: the parent's program,
 * views and $target wait in t->nav for Esc.  src (owned) runs with target
 * as $target (-1: the parent's); label is the breadcrumb's part.  At the
 * deepest level the program replaces the running one instead.
 */
static int nav_push(struct tui *t, char *src, const char *srcname, const char *label, long target)
{
	struct view *v = t->views[t->cur], *log = log_view(t);
	struct nav *fr;
	char *err = NULL;
	long parent = t->cfg->target;

	if (t->depth >= MAXNAV) {
		if (target >= 0)
			t->cfg->target = target;
		if (prog_swap(t, src, srcname, 0, &err) == 0)
			return 0;
		t->cfg->target = parent;
		msg_set(t, 1, err ? err : "out of memory");
		free(err);
		return -1;
	}
	fr = &t->nav[t->depth];
	memset(fr, 0, sizeof(*fr));
	crumb(t, v, label, fr->label, sizeof(fr->label));
	memcpy(fr->views, t->views, sizeof(t->views[0]) * (size_t)t->nviews);
	fr->nviews = t->nviews;
	fr->cur = t->cur;
	fr->target = parent;
	t->nviews = 0;
	if (log)
		t->views[t->nviews++] = log;
	fr->src = strdup(t->src);
	fr->srcname = t->srcname;
	if (target >= 0)
		t->cfg->target = target;
	struct swap sw = { .rebuild = 1, .last = &fr->last };

	/* the frame counts from the swap on: a recording files the new
	 * program's first tick under its breadcrumb */
	t->depth++;
	if (!fr->src || prog_swap_with(t, src, srcname, &sw, &err)) {
		/* the parent keeps running: its views back */
		t->depth--;
		t->cfg->target = parent;
		free(fr->src);
		memcpy(t->views, fr->views, sizeof(t->views[0]) * (size_t)fr->nviews);
		t->nviews = fr->nviews;
		t->cur = fr->cur;
		msg_set(t, 1, err ? err : "out of memory");
		free(err);
		return -1;
	}
	return 0;
}

/* Enter on a row: derive the next question (tui/drill.c) and open it as a
 * child view; the parent's program and views wait in t->nav. */
static void nav_drill(struct tui *t)
{
	struct view *v = t->views[t->cur], *log = log_view(t);
	struct drill d;
	struct nav *fr;

	drill_derive(v, t->h, t->src, &d);
	if (d.kind == DRILL_NONE) {
		if (v->kind != VIEW_TREE)
			msg_set(t, 0, d.label);
		return;
	}
	if (t->depth >= MAXNAV) {
		free(d.prog);
		msg_set(t, 1, "drilled too deep (Esc goes back)");
		return;
	}
	if (d.kind == DRILL_PROGRAM) {
		if (nav_push(t, d.prog, NULL, d.label, d.target) == 0)
			msg_set(t, 0, "drilled down (Esc goes back; :show edits the program)");
		return;
	}
	/* DRILL_HIST: the same program, one key's histogram */
	fr = &t->nav[t->depth];
	memset(fr, 0, sizeof(*fr));
	crumb(t, v, d.label, fr->label, sizeof(fr->label));
	memcpy(fr->views, t->views, sizeof(t->views[0]) * (size_t)t->nviews);
	fr->nviews = t->nviews;
	fr->cur = t->cur;
	fr->target = t->cfg->target;
	t->nviews = 0;
	if (log)
		t->views[t->nviews++] = log;
	struct view *c = malloc(sizeof(*c));

	if (c) {
		*c = *v;
		c->log = NULL;
		c->tree = NULL;
		c->sel = c->top = 0;
		snprintf(c->only, sizeof(c->only), "%s", v->selkey);
		memmove(t->views + 1, t->views, sizeof(t->views[0]) * (size_t)t->nviews);
		t->views[0] = c;
		t->nviews++;
	}
	t->cur = 0;
	t->depth++;
}

/* Esc/Backspace with nothing left to undo in the view: back to the parent,
 * its program restarted and its views as they were.  The restarted program
 * goes on from the values the parent had when it was left: only what
 * happened while the child ran is missing from them. */
static void nav_pop(struct tui *t)
{
	struct nav *fr;
	char *err = NULL;
	struct swap sw = { .rebuild = -1 };

	if (!t->depth)
		return;
	fr = &t->nav[t->depth - 1];
	int swapped = fr->src != NULL;

	if (swapped) {
		char *src = fr->src;

		long child = t->cfg->target;

		fr->src = NULL;
		t->cfg->target = fr->target;
		sw.from = fr->last;
		t->rec_hold = 1; /* its first tick is recorded with its views */
		int r = prog_swap_with(t, src, fr->srcname, &sw, &err);

		t->rec_hold = 0;
		if (r) {
			t->cfg->target = child;
			msg_set(t, 1, err ? err : "out of memory");
			free(err);
			return;
		}
	}
	dscope_snap_release(fr->last);
	fr->last = NULL;
	views_free_except_log(t);
	memcpy(t->views, fr->views, sizeof(t->views[0]) * (size_t)fr->nviews);
	t->nviews = fr->nviews;
	t->cur = fr->cur < t->nviews ? fr->cur : 0;
	t->depth--;
	t->nmsg = 0;
	if (sw.why[0])
		msg_set(t, 0, sw.why);
	if (t->rec && swapped && t->snap)
		rec_tick(t, t->snap);
}

/* ---- replaying (replay.c): where its snapshots go ---- */

static void rp_log_clear(void *arg)
{
	struct tui *t = arg;

	if (log_view(t))
		view_log_clear(log_view(t));
}

static void rp_log_snap(void *arg, const struct dscope_snap *s)
{
	struct tui *t = arg;

	if (log_view(t))
		view_log_feed(log_view(t), s);
}

static void rp_log_line(void *arg, const char *line)
{
	struct tui *t = arg;

	if (log_view(t))
		view_log_line(log_view(t), line);
}

static void rp_program(void *arg, struct dscope *h, const char *src, const char *srcname)
{
	struct tui *t = arg;
	char *copy = strdup(src ? src : "");

	if (!copy)
		return;
	/* drill-downs made in the replay belong to the program before */
	while (t->depth)
		nav_pop(t);
	t->h = h;
	t->bpf_h = NULL; /* a new handle: its own sample */
	t->bpf_wait = 0;
	free(t->src);
	t->src = copy;
	t->srcname = srcname;
	t->rp_rebuild = 1;
}

static void rp_ui(void *arg, const struct session_ui *ui)
{
	struct tui *t = arg;

	t->rp_ui = ui;
}

/* The tick before the one shown, rendered unseen: a view showing the last
 * interval then differences the same two ticks live did. */
static void views_prime(struct tui *t, const struct dscope_snap *s, double when)
{
	struct vbuf vb;
	double keep = t->cx.snap_time;

	if (vbuf_init(&vb, t->w > 0 ? t->w : 80, t->hgt > 2 ? t->hgt - 2 : 22))
		return;
	struct vwin w = vbuf_win(&vb);

	t->cx.snap_time = when;
	for (int i = 0; i < t->nviews; i++)
		if (t->views[i]->kind != VIEW_LOG)
			view_render(t->views[i], s, &w, &t->cx, 0);
	t->cx.snap_time = keep;
	vbuf_fini(&vb);
}

static void rp_show(void *arg, struct dscope_snap *s, double when, int prime)
{
	struct tui *t = arg;

	/* a program that does not compile here: its views are planned again
	 * once rows show what its keys are (stacks) */
	for (int i = 0; s && t->rp_unseen && i < s->naggs && i < 64; i++)
		if ((t->rp_unseen >> i & 1) && s->aggs[i].n)
			t->rp_rebuild = 1;
	if (t->rp_rebuild) {
		views_build(t, s);
		t->rp_rebuild = 0;
	}
	if (prime) {
		/* the views as they are at the tick shown (a tree keeps the
		 * values to difference only in interval mode); the state is
		 * set again at the show, after what priming moved */
		if (t->rp_ui)
			ui_apply(t->rp_ui, t->views, t->nviews, &t->cur);
		if (s)
			views_prime(t, s, when);
		dscope_snap_release(s);
		return;
	}
	if (t->rp_ui) {
		ui_apply(t->rp_ui, t->views, t->nviews, &t->cur);
		t->rp_ui = NULL;
	}
	set_snap(t, s);
	t->cx.snap_time = when;
}

static void rp_say(void *arg, int err, const char *text)
{
	msg_set(arg, err, text);
}

/* ---- commands typed at the prompt ---- */

static const char *const help_text[] = {
	"dscope keys",
	"",
	"  Tab / Shift-Tab, 1-9   next / previous view, view N",
	"  Up Down j k            move the selection",
	"  PgUp PgDn ^B ^F        a page",
	"  Home End g G           first / last row (End: follow the log)",
	"  < > s F6               sort by the previous / next column",
	"  r I                    reverse the sort",
	"  d                      since start / the last interval (and rates)",
	"  Enter                  drill down: the next question about the row",
	"                         (a tree node: zoom into it)",
	"  Esc Backspace          back: zoom out, then to the parent view",
	"  Right l, Left h        tree: expand, collapse (Left again: parent)",
	"  i                      tree: invert (hottest leaves first)",
	"  H                      rows per thread / per process ([pid, execname])",
	"  /  n F3                search, next match",
	"  \\ F4                   filter rows by a substring (Esc clears)",
	"  space                  pause / resume the refresh (replay: play)",
	"  + -                    slower / faster refresh",
	"  , .  [ ]               replay: a tick back / on, ten ticks",
	"  ^ $                    replay: the first / last tick",
	"  { }                    replay: slower / faster (0.25x to 16x)",
	"  :                      the prompt (Esc leaves it; Up: history;",
	"                         Tab: complete a command, option, probe, name)",
	"  F2                     scripts: pick one to run (Esc returns)",
	"  ? F1                   this help",
	"  q F10                  quit (the final aggregations are printed)",
	"  mouse                  click: select (twice: drill down); a tab: show",
	"                         it; wheel: scroll (Shift: the terminal's own)",
	"",
	"prompt commands",
	"",
	"  /PRED/                 the current view's clauses get predicate PRED",
	"                         (// removes it); recompiled, swapped, no gap",
	"  :set OPT=VAL           set a D option and restart the program",
	"  :carry on|off          /PRED/ keeps aggregation values",
	"  :clear                 restart the program: aggregations from zero",
	"  :trunc N               show the top N rows (0: all)",
	"  :open FILE.d           run a script instead (or a script's name:",
	"                         :open malloc-mmap, from ~/.dscope/scripts or",
	"                         the shipped ones)",
	"  :scripts  (F2)         pick a shipped or ~/.dscope/scripts script",
	"  :write FILE.d          save the running program",
	"  :record FILE  :stop    record a session of what runs (:record! FILE",
	"                         replaces one); :stop ends it",
	"  :seek T  :speed N      replay: go to T (s, m:ss, +s, -s, #tick, end)",
	"  :show                  the running program, at the prompt to edit",
	"  :run PROGRAM           run PROGRAM (D text on one line; Esc returns)",
	"  CLAUSE                 add D clauses to the running program (their",
	"                         aggregations open as new views)",
	"  :views   :help   :quit",
	NULL,
};

/* A file's text (malloc'd), NULL with errno set. */
static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r"), *m;
	char *src = NULL;
	size_t len = 0;
	int c;

	if (!f)
		return NULL;
	m = open_memstream(&src, &len);
	while (m && (c = fgetc(f)) != EOF)
		fputc(c, m);
	if (m)
		fclose(m);
	fclose(f);
	return src;
}

/* F2, :scripts: the picker over the views. */
static void scripts_show(struct tui *t)
{
	t->picking = 1;
	t->help = 0;
	if (!picker_open())
		msg_set(t, 0,
			"no scripts (looked beside dscope, in /usr/share/dscope/scripts, ~/.dscope/scripts)");
}

/* Enter in the picker: the script runs as a child of the running program. */
static void scripts_pick(struct tui *t, const char *path)
{
	char *src = read_text(path);
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	if (!src) {
		char m[600];

		snprintf(m, sizeof(m), "%.500s: %s", path, strerror(errno));
		msg_set(t, 1, m);
		return;
	}
	if (nav_push(t, src, path, name, -1) == 0)
		msg_set(t, 0, "script opened (Esc goes back)");
}

/* :record, :stop, :seek, :speed; 0 when p is none of them. */
static int cmd_session(struct tui *t, const char *p)
{
	char m[1200];

	if (!strncmp(p, "record", 6) && (!p[6] || p[6] == ' ' || p[6] == '!')) {
		const char *a = p + 6;
		int force = *a == '!';

		a += force;
		a += strspn(a, " ");
		if (!strncmp(a, "-f ", 3)) {
			force = 1;
			a += 3 + strspn(a + 3, " ");
		}
		if (t->rp) {
			msg_set(t, 1, "a replay is not recorded again: the file is the recording");
		} else if (t->rec) {
			snprintf(m, sizeof(m), "already recording to %.500s (:stop ends it)",
				 rec_path(t->rec));
			msg_set(t, 1, m);
		} else if (!*a) {
			msg_set(t, 1, "usage: :record FILE (:record! FILE replaces it)");
		} else {
			struct rec_prog rp = { t->cfg->prog, t->cfg->version, t->src, t->srcname,
					       t->interval_ms };

			t->rec = rec_start(a, force, t->h, &rp, m, sizeof(m));
			if (!t->rec) {
				msg_set(t, 1, m);
				return 1;
			}
			/* what the views show now is the first tick */
			if (t->snap)
				rec_tick(t, t->snap);
			if (t->rec) {
				snprintf(m, sizeof(m), "recording to %.500s (:stop ends it)", a);
				msg_set(t, 0, m);
			}
		}
		return 1;
	}
	if (!strcmp(p, "stop")) {
		if (!t->rec) {
			msg_set(t, 1, "not recording (:record FILE starts)");
			return 1;
		}
		int r = rec_stop(t->rec, m, sizeof(m));

		t->rec = NULL;
		msg_set(t, r < 0, m);
		return 1;
	}
	if ((!strncmp(p, "seek", 4) && (!p[4] || p[4] == ' ')) ||
	    (!strncmp(p, "speed", 5) && (!p[5] || p[5] == ' '))) {
		int seek = p[1] == 'e';

		if (!t->rp)
			msg_set(t, 1,
				seek ? ":seek moves through a replay (dscope --replay FILE)"
				     : ":speed is a replay's (dscope --replay FILE)");
		else if (seek && replay_seek_arg(t->rp, p + 4) < 0)
			msg_set(t, 1, "usage: :seek SECONDS, M:SS, +S, -S, #TICK, start or end");
		else if (!seek && replay_set_speed(t->rp, p + 5 + strspn(p + 5, " ")) < 0)
			msg_set(t, 1, "usage: :speed N (0.25, 0.5, 1, 2, 4, 8 or 16)");
		else
			prompt_close(); /* done, whatever the message (a damaged end) */
		return 1;
	}
	return 0;
}

/* (complete.c lists these commands, and cmd_session's, for Tab.) */
static void cmd_exec(struct tui *t, const char *line)
{
	char *err = NULL, arg[4096];
	const char *p = line + strspn(line, " \t");

	t->nmsg = 0;
	t->msg_err = 0;
	if (p[0] == ':')
		p++;
	if (p[0] == '/') {
		/* /pred/ */
		size_t n = strlen(p);
		const char *end = n > 1 && p[n - 1] == '/' ? p + n - 1 : p + n;
		char *pred = strndup(p + 1, (size_t)(end - p - 1)), *src;

		if (!pred)
			return;
		struct swap sw = { .carry_old = t->carry };

		src = pred_replace(t, pred, &err);
		free(pred);
		if (src && prog_swap_with(t, src, t->srcname, &sw, &err) == 0) {
			char m[512];

			if (!t->carry)
				snprintf(m, sizeof(m),
					 "predicate applied; aggregations start from zero (:carry on "
					 "keeps them)");
			else if (sw.why[0])
				snprintf(m, sizeof(m), "predicate applied; aggregations carried over, but %s",
					 sw.why);
			else
				snprintf(m, sizeof(m), "predicate applied; aggregations carried over");
			msg_set(t, 0, m);
			prompt_close();
			return;
		}
		msg_set(t, 1, err ? err : "out of memory");
		free(err);
		return;
	}
	if (cmd_session(t, p)) {
		if (!t->msg_err)
			prompt_close();
		return;
	}
	if (!strcmp(p, "q") || !strcmp(p, "quit")) {
		t->quit = 1;
	} else if (!strcmp(p, "help")) {
		t->help = 1;
		t->help_top = 0;
	} else if (!strcmp(p, "scripts")) {
		scripts_show(t);
	} else if (!strcmp(p, "views")) {
		char b[512];
		size_t l = 0;

		for (int i = 0; i < t->nviews && l < sizeof(b) - 80; i++)
			l += (size_t)snprintf(b + l, sizeof(b) - l, "%s%d %s %s", i ? "   " : "", i + 1,
					      t->views[i]->kind == VIEW_TABLE  ? "table"
					      : t->views[i]->kind == VIEW_HIST ? "histogram"
									       : "log",
					      t->views[i]->name);
		msg_set(t, 0, b);
	} else if (sscanf(p, "trunc %d", &t->views[t->cur]->trunc) == 1) {
		msg_set(t, 0, "rows truncated");
	} else if (!strcmp(p, "show")) {
		char *run = malloc(strlen(t->src) + 8);

		if (!run)
			return;
		sprintf(run, "run %s", t->src);
		for (char *c = run; *c; c++)
			if (*c == '\n' || *c == '\t')
				*c = ' ';
		for (size_t n = strlen(run); n && run[n - 1] == ' ';)
			run[--n] = 0;
		prompt_open(PM_CMD);
		prompt_set_line(run);
		free(run);
		return;
	} else if (!strncmp(p, "run ", 4)) {
		char *src = strdup(p + 4);

		if (!src)
			return;
		if (nav_push(t, src, NULL, "run", -1) == 0)
			msg_set(t, 0, "program started (Esc goes back)");
	} else if (!strcmp(p, "carry") || !strncmp(p, "carry ", 6)) {
		const char *a = p + 5 + strspn(p + 5, " ");

		if (*a && strcmp(a, "on") && strcmp(a, "off"))
			msg_set(t, 1, "usage: :carry on|off");
		else if (*a)
			t->carry = !strcmp(a, "on");
		if (!t->msg_err)
			msg_set(t, 0,
				t->carry ? "carry on: after a /PRED/ the aggregations go on from their values"
					 : "carry off: after a /PRED/ the aggregations start from zero");
	} else if (!strcmp(p, "clear")) {
		char *src = strdup(t->src);

		if (src && prog_swap(t, src, t->srcname, 0, &err) == 0)
			msg_set(t, 0, "aggregations cleared (the program was restarted)");
		else
			msg_set(t, 1, err ? err : "out of memory");
	} else if (sscanf(p, "set %4095s", arg) == 1) {
		char *eq = strchr(arg, '='), *src = strdup(t->src);
		int n = t->cfg->nopts;

		if (eq)
			*eq = 0;
		if (n >= 64 || !src) {
			free(src);
			msg_set(t, 1, "too many options");
			return;
		}
		t->cfg->opts[n][0] = strdup(arg);
		t->cfg->opts[n][1] = eq ? strdup(eq + 1) : NULL;
		t->cfg->nopts++;
		if (prog_swap(t, src, t->srcname, 0, &err) == 0) {
			msg_set(t, 0, "option set; the program was restarted");
		} else {
			t->cfg->nopts--;
			msg_set(t, 1, err ? err : "out of memory");
		}
	} else if (sscanf(p, "write %4095s", arg) == 1) {
		FILE *f = fopen(arg, "w");

		if (!f || fputs(t->src, f) < 0 || fclose(f)) {
			snprintf(arg + strlen(arg), 64, ": %s", strerror(errno));
			msg_set(t, 1, arg);
			return;
		}
		msg_set(t, 0, "program written");
	} else if (sscanf(p, "open %4095s", arg) == 1) {
		char path[4400], *src;

		picker_find(arg, path, sizeof(path));
		src = read_text(path);
		if (!src) {
			snprintf(arg + strlen(arg), 64, ": %s", strerror(errno));
			msg_set(t, 1, arg);
			return;
		}
		char *name = strdup(path);

		if (prog_swap(t, src, name, 0, &err) == 0) {
			free(t->opened);
			t->opened = name;
			msg_set(t, 0, "script opened");
		} else {
			free(name);
			msg_set(t, 1, err ? err : "out of memory");
		}
	} else if (strchr(p, '{') || strchr(p, ':') || !strncmp(p, "BEGIN", 5) || !strncmp(p, "END", 3)) {
		/* D: clauses added to the running program; their aggregations
		 * get views of their own, the first of them shown */
		size_t n = strlen(t->src);
		char *src = malloc(n + strlen(p) + 2);

		if (!src)
			return;
		sprintf(src, "%s%s%s", t->src, n && t->src[n - 1] != '\n' ? "\n" : "", p);
		/* the same question and more: the values so far go on */
		struct swap sw = { .carry_old = 1 };

		if (prog_swap_with(t, src, NULL, &sw, &err) == 0)
			msg_set(t, 0, "clause added; the program was swapped, its values kept");
		else
			msg_set(t, 1, err ? err : "out of memory");
	} else if (*p) {
		snprintf(arg, sizeof(arg), "unknown command: %.200s (try :help)", p);
		msg_set(t, 1, arg);
	}
	free(err);
	if (!t->msg_err)
		prompt_close();
}

static void on_line(enum prompt_mode m, const char *line, void *arg)
{
	struct tui *t = arg;
	struct view *v = t->views[t->cur];

	if (m == PM_SEARCH) {
		snprintf(v->search, sizeof(v->search), "%s", line);
		v->search_pending = 1;
		prompt_close();
	} else if (m == PM_FILTER) {
		snprintf(v->filter, sizeof(v->filter), "%s", line);
		prompt_close();
	} else {
		cmd_exec(t, line);
	}
}

/* Tab at the prompt: the candidates under it; a single one clears them. */
static void on_complete(const struct complete_res *r, void *arg)
{
	struct tui *t = arg;
	char m[512];

	if (r->ncand > 1) {
		complete_summary(r, m, sizeof(m), t->w, t->cx.utf8);
		msg_set(t, 0, m);
		t->msg_compl = 1;
	} else if (r->ncand == 0 && r->ctx != CX_NONE) {
		msg_set(t, 0, "no completion");
		t->msg_compl = 1;
	} else if (t->msg_compl) {
		t->nmsg = 0;
	}
}

/* ---- keys ---- */

enum act {
	A_NONE,
	A_QUIT,
	A_HELP,
	A_SCRIPTS,
	A_NEXT,
	A_PREV,
	A_PROMPT,
	A_SEARCH,
	A_FILTER,
	A_PAUSE,
	A_SLOWER,
	A_FASTER,
	A_REDRAW,
	A_ESC,
	A_ENTER,   /* the view's, else a drill-down */
	A_BACK,	   /* the view's (zoom out), else back to the parent view */
	A_VIEW,	   /* + enum view_act */
	A_THREADS, /* rows per thread (tid in the keys) or per process */
	A_TIME,	   /* + enum timeline: a replay's */
};

enum timeline { TL_NEXT, TL_PREV, TL_FWD, TL_REW, TL_START, TL_END, TL_SLOWER, TL_FASTER };

struct keybind {
	unsigned key;
	int fkey; /* a curses KEY_ code */
	enum act act;
	int arg;
};

static const struct keybind keys[] = {
	{ 'q', 0, A_QUIT, 0 },
	{ KEY_F(10), 1, A_QUIT, 0 },
	{ '?', 0, A_HELP, 0 },
	{ KEY_F(1), 1, A_HELP, 0 },
	{ KEY_F(2), 1, A_SCRIPTS, 0 },
	{ '\t', 0, A_NEXT, 0 },
	{ KEY_BTAB, 1, A_PREV, 0 },
	{ ':', 0, A_PROMPT, 0 },
	{ '/', 0, A_SEARCH, 0 },
	{ '\\', 0, A_FILTER, 0 },
	{ KEY_F(4), 1, A_FILTER, 0 },
	{ ' ', 0, A_PAUSE, 0 },
	{ '+', 0, A_SLOWER, 0 },
	{ '-', 0, A_FASTER, 0 },
	{ 12, 0, A_REDRAW, 0 }, /* ^L */
	{ 27, 0, A_ESC, 0 },
	{ '\r', 0, A_ENTER, 0 },
	{ '\n', 0, A_ENTER, 0 },
	{ KEY_ENTER, 1, A_ENTER, 0 },
	{ KEY_BACKSPACE, 1, A_BACK, 0 },
	{ 127, 0, A_BACK, 0 },
	{ 8, 0, A_BACK, 0 },
	{ KEY_RIGHT, 1, A_VIEW, VACT_EXPAND },
	{ 'l', 0, A_VIEW, VACT_EXPAND },
	{ KEY_LEFT, 1, A_VIEW, VACT_COLLAPSE },
	{ 'h', 0, A_VIEW, VACT_COLLAPSE },
	{ 'i', 0, A_VIEW, VACT_INVERT },
	{ 'd', 0, A_VIEW, VACT_INTERVAL },
	{ KEY_UP, 1, A_VIEW, VACT_UP },
	{ 'k', 0, A_VIEW, VACT_UP },
	{ KEY_DOWN, 1, A_VIEW, VACT_DOWN },
	{ 'j', 0, A_VIEW, VACT_DOWN },
	{ KEY_PPAGE, 1, A_VIEW, VACT_PGUP },
	{ 2, 0, A_VIEW, VACT_PGUP }, /* ^B */
	{ KEY_NPAGE, 1, A_VIEW, VACT_PGDN },
	{ 6, 0, A_VIEW, VACT_PGDN }, /* ^F */
	{ KEY_HOME, 1, A_VIEW, VACT_HOME },
	{ 'g', 0, A_VIEW, VACT_HOME },
	{ KEY_END, 1, A_VIEW, VACT_END },
	{ 'G', 0, A_VIEW, VACT_END },
	{ '<', 0, A_VIEW, VACT_SORT_PREV },
	{ '>', 0, A_VIEW, VACT_SORT_NEXT },
	{ 's', 0, A_VIEW, VACT_SORT_NEXT },
	{ KEY_F(6), 1, A_VIEW, VACT_SORT_NEXT },
	{ 'r', 0, A_VIEW, VACT_SORT_REV },
	{ 'I', 0, A_VIEW, VACT_SORT_REV },
	{ 'f', 0, A_VIEW, VACT_FOLLOW },
	{ 'H', 0, A_THREADS, 0 },
	{ 'n', 0, A_VIEW, VACT_SEARCH_NEXT },
	{ KEY_F(3), 1, A_VIEW, VACT_SEARCH_NEXT },
	{ '.', 0, A_TIME, TL_NEXT },
	{ ',', 0, A_TIME, TL_PREV },
	{ ']', 0, A_TIME, TL_FWD },
	{ '[', 0, A_TIME, TL_REW },
	{ '^', 0, A_TIME, TL_START },
	{ '$', 0, A_TIME, TL_END },
	{ '{', 0, A_TIME, TL_SLOWER },
	{ '}', 0, A_TIME, TL_FASTER },
};

/* The timeline's keys: a tick on or back (pausing), ten ticks, the ends,
 * the speed. */
static void timeline_key(struct tui *t, enum timeline k)
{
	if (!t->rp) {
		msg_set(t, 0, ", . [ ] ^ $ { } move through a replay (dscope --replay FILE)");
		return;
	}
	t->nmsg = 0;
	switch (k) {
	case TL_NEXT:
	case TL_PREV:
		replay_step(t->rp, k == TL_NEXT ? 1 : -1, 1);
		break;
	case TL_FWD:
	case TL_REW:
		replay_step(t->rp, k == TL_FWD ? 10 : -10, 0);
		break;
	case TL_START:
	case TL_END:
		replay_goto(t->rp, k == TL_START ? 0 : -1);
		break;
	case TL_SLOWER:
	case TL_FASTER:
		replay_speed(t->rp, k == TL_FASTER ? 1 : -1);
		break;
	}
}

static void set_interval(struct tui *t, int ms)
{
	struct itimerspec it = { { ms / 1000, (ms % 1000) * 1000000L },
				 { ms / 1000, (ms % 1000) * 1000000L } };

	t->interval_ms = ms;
	timerfd_settime(t->tfd, 0, &it, NULL);
}

static void draw(struct tui *t);

/*
 * Per-thread rows, as htop's H: the keys `[pid, execname]` of the program
 * (the top view's, and any script keyed the same way) become `[pid,
 * execname, tid]`, or back.  The tid goes last so that a printa format
 * written for the two keys still fits (trailing keys need no conversion).
 * The text is rewritten and swapped like any edit; the counts restart (the
 * keys changed shape).
 */
static char *keys_rewrite(const char *src, const char *from, const char *to)
{
	size_t fl = strlen(from), tl = strlen(to), n = 0;
	const char *p;

	for (p = src; (p = strstr(p, from)); p += fl)
		n++;
	if (!n)
		return NULL;
	char *out = malloc(strlen(src) + n * tl + 1), *o = out;

	if (!out)
		return NULL;
	for (p = src; *p;) {
		if (!strncmp(p, from, fl)) {
			memcpy(o, to, tl);
			o += tl;
			p += fl;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

static void threads_toggle(struct tui *t)
{
	static const char proc[] = "[pid, execname]", thr[] = "[pid, execname, tid]";
	int to_thr = !strstr(t->src, thr);
	char *src = keys_rewrite(t->src, to_thr ? proc : thr, to_thr ? thr : proc), *err = NULL;

	if (!src) {
		msg_set(t, 1, "H: no aggregation here is keyed [pid, execname]");
		return;
	}
	if (prog_swap(t, src, t->srcname, 0, &err) == 0)
		msg_set(t, 0,
			to_thr ? "one row per thread (H: per process)"
			       : "one row per process (H: per thread)");
	else
		msg_set(t, 1, err ? err : "out of memory");
	free(err);
}

static void do_act(struct tui *t, enum act a, int arg)
{
	int i;

	switch (a) {
	case A_NONE:
		break;
	case A_QUIT:
		t->quit = 1;
		break;
	case A_HELP:
		t->help = !t->help;
		t->help_top = 0;
		break;
	case A_SCRIPTS:
		scripts_show(t);
		break;
	case A_NEXT:
		t->cur = (t->cur + 1) % t->nviews;
		break;
	case A_PREV:
		t->cur = (t->cur + t->nviews - 1) % t->nviews;
		break;
	case A_PROMPT:
		t->nmsg = 0;
		prompt_open(PM_CMD);
		break;
	case A_SEARCH:
		prompt_open(PM_SEARCH);
		break;
	case A_FILTER:
		prompt_open(PM_FILTER);
		break;
	case A_PAUSE:
		if (t->rp) {
			replay_toggle(t->rp);
			break;
		}
		t->paused = !t->paused;
		if (!t->paused)
			refresh_aggs(t);
		break;
	case A_SLOWER:
	case A_FASTER:
		if (t->rp) {
			msg_set(t, 0, "a replay keeps the recorded pace: { } change its speed");
			break;
		}
		for (i = 0; i < 6 && intervals[i] < t->interval_ms; i++)
			;
		i += a == A_SLOWER ? 1 : -1;
		set_interval(t, intervals[i < 0 ? 0 : i > 6 ? 6 : i]);
		break;
	case A_REDRAW:
		clearok(curscr, TRUE);
		break;
	case A_ESC:
		t->nmsg = 0;
		t->views[t->cur]->search[0] = 0;
		/* Esc also goes back */
		__attribute__((fallthrough));
	case A_BACK:
		if (view_act(t->views[t->cur], VACT_BACK) & VR_UNUSED)
			nav_pop(t);
		break;
	case A_ENTER:
		/* moves typed before Enter are carried out by a render: the
		 * drill-down reads the row they select */
		if (t->views[t->cur]->pending_move || t->views[t->cur]->search_pending)
			draw(t);
		if (view_act(t->views[t->cur], VACT_ENTER) & VR_DRILL)
			nav_drill(t);
		break;
	case A_VIEW:
		view_act(t->views[t->cur], (enum view_act)arg);
		break;
	case A_THREADS:
		threads_toggle(t);
		break;
	case A_TIME:
		timeline_key(t, (enum timeline)arg);
		break;
	}
}

/*
 * The mouse: a press on a tab shows that view, on the breadcrumb's way
 * back goes back, on a row selects it (a second press on the same row
 * within 400 ms is Enter: drill down); the wheel moves the selection of the
 * view under the pointer (the log scrolls).  A press on a pane that is not
 * the current view makes it current first.
 */
static void on_mouse(struct tui *t)
{
	MEVENT ev;
	struct timespec now;

	if (getmouse(&ev) != OK ||
	    !(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED |
			   BUTTON5_PRESSED)) ||
	    t->w < 80 || t->hgt < 24)
		return;
	if (t->help || t->picking) {
		t->help = 0;
		return;
	}
	if (ev.y == 0) {
		for (int i = 0; i < t->nviews; i++)
			if (ev.x >= t->tab_x[i] && ev.x < t->tab_x[i + 1])
				t->cur = i;
		return;
	}
	if (ev.y == 1 && t->depth > 0) {
		if (ev.x < t->crumb_w)
			nav_pop(t);
		return;
	}
	for (int i = 0; i < t->npanes; i++) {
		int vi = t->pane[i].view, row;
		struct view *v = t->views[vi];

		if (ev.x < t->pane[i].x || ev.x >= t->pane[i].x + t->pane[i].w || ev.y < t->pane[i].y ||
		    ev.y >= t->pane[i].y + t->pane[i].h || vi >= t->nviews)
			continue;
		if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
			for (int k = 0; k < 3; k++)
				view_act(v, ev.bstate & BUTTON4_PRESSED ? VACT_UP : VACT_DOWN);
			return;
		}
		row = v->top + (ev.y - t->pane[i].y);
		if (view_click(v, ev.y - t->pane[i].y) != VR_REDRAW)
			return;
		clock_gettime(CLOCK_MONOTONIC, &now);
		long ms =
		    (now.tv_sec - t->click_at.tv_sec) * 1000 + (now.tv_nsec - t->click_at.tv_nsec) / 1000000;
		int twice = (vi == t->click_view && row == t->click_row && ms < 400) ||
			    (ev.bstate & BUTTON1_DOUBLE_CLICKED);

		t->cur = vi;
		t->click_at = now;
		t->click_view = vi;
		t->click_row = twice ? -1 : row;
		if (twice)
			do_act(t, A_ENTER, 0);
		return;
	}
}

static void on_key(struct tui *t, wint_t c, int fkey)
{
	enum prompt_mode pm = prompt_mode();

	if (t->picking && pm == PM_NONE) {
		const char *path;

		switch (picker_key((unsigned)c, fkey, &path)) {
		case PICK_NONE:
			break;
		case PICK_CLOSE:
			t->picking = 0;
			picker_close();
			break;
		case PICK_OPEN:
			t->picking = 0;
			if (path)
				scripts_pick(t, path);
			picker_close();
			break;
		}
		return;
	}
	if (fkey && c == KEY_MOUSE) {
		if (pm == PM_NONE)
			on_mouse(t);
		else
			getmouse(&(MEVENT){ 0 });
		return;
	}
	if (t->help && pm == PM_NONE) {
		/* the help scrolls when taller than the screen */
		int step = !fkey && (c == 'j' || c == 'k') ? 1 : 0;

		if (fkey && (c == KEY_DOWN || c == KEY_UP))
			step = 1;
		else if (fkey && (c == KEY_NPAGE || c == KEY_PPAGE))
			step = t->hgt / 2;
		else if (fkey && (c == KEY_HOME || c == KEY_END))
			step = 1000;
		if (step) {
			int up =
			    (fkey && (c == KEY_UP || c == KEY_PPAGE || c == KEY_HOME)) || (!fkey && c == 'k');

			t->help_top += up ? -step : step;
			return;
		}
		t->help = 0; /* any other key closes the help */
		if (!(fkey == 0 && c == 'q'))
			return;
	}
	if (pm != PM_NONE) {
		struct view *v = t->views[t->cur];

		if (!fkey && c == 27) {
			/* Esc leaves the prompt; in filter mode it clears the filter */
			if (pm == PM_FILTER)
				v->filter[0] = 0;
			if (pm == PM_SEARCH)
				v->search[0] = 0;
			prompt_close();
			t->nmsg = 0;
			return;
		}
		if (!fkey && (c == '\r' || c == '\n'))
			c = '\r';
		prompt_key((unsigned)c, fkey);
		/* live: the view follows what is typed */
		if (prompt_mode() == PM_FILTER)
			snprintf(v->filter, sizeof(v->filter), "%s", prompt_line());
		else if (prompt_mode() == PM_SEARCH) {
			snprintf(v->search, sizeof(v->search), "%s", prompt_line());
			v->search_pending = 1;
		}
		return;
	}
	if (!fkey && c >= '1' && c <= '9') {
		if ((int)(c - '1') < t->nviews)
			t->cur = (int)(c - '1');
		return;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].key == (unsigned)c && keys[i].fkey == fkey) {
			do_act(t, keys[i].act, keys[i].arg);
			return;
		}
}

/* ---- drawing ---- */

static void draw_status(struct tui *t, int y)
{
	struct vwin w = vbuf_win(&t->vb);
	uint64_t rb = 0, agg = 0, dyn = 0;
	char s[512];
	const char *sep = t->cx.utf8 ? " \xe2\x94\x82 " : " | ";

	if (t->rp) {
		/* the timeline instead of the rates */
		replay_status(t->rp, s, sizeof(s), t->cx.utf8);
		vwin_fill(&w, 0, y, t->w, L' ', VA_STATUS);
		vwin_put(&w, 0, y, VA_STATUS, s, -1);
		vwin_put(&w, t->w - 9, y, VA_STATUS, "? help ", -1);
		return;
	}
	dscope_drops(t->h, &rb, &agg, &dyn);
	snprintf(s, sizeof(s), " probes %d%s%.0f ev/s%sdrops %llu%severy %.1fs%scpu %.1f%% bpf %.1f%%%s%s",
		 dscope_nprobes(t->h), sep, t->evrate, sep, (unsigned long long)(rb + agg + dyn), sep,
		 t->interval_ms / 1000.0, sep, t->cpu_pct, t->bpf_pct, sep,
		 t->finished ? "stopped"
		 : t->paused ? "PAUSED"
			     : "running");
	if (t->rec) {
		size_t n = strlen(s);

		snprintf(s + n, sizeof(s) - n, "%s", sep);
		n = strlen(s);
		rec_status(t->rec, s + n, sizeof(s) - n, t->cx.utf8);
	}
	vwin_fill(&w, 0, y, t->w, L' ', VA_STATUS);
	vwin_put(&w, 0, y, VA_STATUS, s, -1);
	vwin_put(&w, t->w - 9, y, VA_STATUS, "? help ", -1);
}

/*
 * Under a table keyed by pid (the top view), on the pane's last line: what
 * observing costs, which its rows leave out (dscope's probes skip its own
 * process in the kernel): the CPU of dscope's threads and the run time of
 * its BPF programs, each as a share of one CPU.  Returns whether it drew.
 */
static int own_cost_line(struct tui *t, const struct view *v, const struct vwin *pane)
{
	int pidkey = 0;
	char s[256];

	for (int k = 0; v->kind == VIEW_TABLE && k < v->nkeys && k < 8; k++)
		pidkey |= !strcmp(v->keylabel[k], "pid");
	if (!pidkey || pane->h < 6)
		return 0;
	struct vwin line = vwin_sub(pane, 0, pane->h - 1, pane->w, 1);

	snprintf(s, sizeof(s),
		 " dscope itself, not in the rows: %.1f%% of a CPU in its threads, %.1f%% in its BPF "
		 "programs",
		 t->cpu_pct, t->bpf_pct);
	vwin_fill(&line, 0, 0, line.w, L' ', VA_DIM);
	vwin_put(&line, 0, 0, VA_DIM, s, -1);
	return 1;
}

static void draw_tabs(struct tui *t)
{
	struct vwin w = vbuf_win(&t->vb);
	int x = vwin_put(&w, 0, 0, VA_HEADER, " dscope ", -1);

	for (int i = 0; i < t->nviews; i++) {
		char s[128];

		snprintf(s, sizeof(s), " %d %s ", i + 1, t->views[i]->name);
		t->tab_x[i] = x;
		if (x < t->w)
			x += vwin_put(&w, x, 0, i == t->cur ? VA_SELECT : VA_NORMAL, s, -1) + 1;
	}
	t->tab_x[t->nviews] = x;
}

/* The breadcrumb of a drill-down: the way back, then the program running. */
static void draw_crumbs(struct tui *t, int y)
{
	struct vwin w = vbuf_win(&t->vb);
	char s[1024], prog[512];
	size_t len = (size_t)snprintf(s, sizeof(s), " %s Esc ", t->cx.utf8 ? "\xe2\x80\xb9" : "<");
	int x;

	/* a replay: the drill-down path as recorded, then the replay's own */
	if (t->rp && *replay_crumbs(t->rp))
		len = (size_t)snprintf(s, sizeof(s), " recorded: %.600s%s", replay_crumbs(t->rp),
				       t->depth ? (t->cx.utf8 ? "   \xe2\x80\xb9 Esc " : "   < Esc ") : " ");

	for (int i = 0; i < t->depth && len < sizeof(s); i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, " %s%s", i ? " " : "", t->nav[i].label);
	/* a script by its path, a program by its text */
	snprintf(prog, sizeof(prog), "%s", t->srcname ? t->srcname : t->src);
	for (char *c = prog; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	vwin_fill(&w, 0, y, t->w, L' ', VA_HEADER);
	x = vwin_put(&w, 0, y, VA_HEADER, s, -1);
	t->crumb_w = t->depth ? x : 0;
	vwin_put(&w, x + 3, y, VA_DIM, prog, -1);
}

/* Help line i, with the settings it names (:carry's) */
static const char *help_line(const struct tui *t, int i, char *buf, size_t size)
{
	if (strncmp(help_text[i], "  :carry ", 9))
		return help_text[i];
	snprintf(buf, size, "%s (now %s)", help_text[i], t->carry ? "on" : "off");
	return buf;
}

static void draw_help(struct tui *t, const struct vwin *area)
{
	int n = 0, wd = 0;
	char buf[256];

	while (help_text[n]) {
		if (draw_width(help_line(t, n, buf, sizeof(buf))) > wd)
			wd = draw_width(help_line(t, n, buf, sizeof(buf)));
		n++;
	}
	wd += 4;
	/* taller than the screen: it scrolls (Up Down PgUp PgDn Home End) */
	int rows = area->h - 2 < n ? area->h - 2 : n;

	if (rows < 1)
		rows = 1;
	if (t->help_top > n - rows)
		t->help_top = n - rows;
	if (t->help_top < 0)
		t->help_top = 0;
	int x0 = area->w > wd ? (area->w - wd) / 2 : 0,
	    y0 = area->h > rows + 2 ? (area->h - rows - 2) / 2 : 0;
	struct vwin box = vwin_sub(area, x0, y0, wd, rows + 2);

	for (int y = 0; y < box.h; y++)
		vwin_fill(&box, 0, y, box.w, L' ', y == 0 ? VA_TITLESEL : VA_NORMAL);
	vwin_put(&box, 2, 0, VA_TITLESEL,
		 rows < n ? "help (Up Down PgUp PgDn scroll, any other key closes)" : "help (any key closes)",
		 -1);
	for (int y = 0, i = t->help_top; y < rows && i < n; y++, i++)
		vwin_put(&box, 2, y + 1,
			 i == 0 || !strcmp(help_text[i], "prompt commands") ? VA_HEADER : VA_NORMAL,
			 help_line(t, i, buf, sizeof(buf)), -1);
	if (t->help_top + rows < n)
		vwin_put(&box, box.w - 8, box.h - 1, VA_DIM, t->cx.utf8 ? "\xe2\x86\x93 more" : "v more", -1);
}

static void draw(struct tui *t)
{
	int cx = -1, cy = -1;

	if (t->vb.w != t->w || t->vb.h != t->hgt) {
		vbuf_fini(&t->vb);
		if (vbuf_init(&t->vb, t->w, t->hgt))
			return;
	}
	vbuf_clear(&t->vb);
	struct vwin all = vbuf_win(&t->vb);

	if (t->w < 80 || t->hgt < 24) {
		char m[128];

		snprintf(m, sizeof(m), "dscope needs 80x24 (this is %dx%d)", t->w, t->hgt);
		vwin_put(&all, 0, t->hgt / 2 - 1, VA_ERROR, m, -1);
		vwin_put(&all, 0, t->hgt / 2, VA_NORMAL, "enlarge the terminal, or q to quit", -1);
		screen_draw(&t->vb, 0, -1);
		return;
	}
	/* bottom up: messages, the prompt line, the status line */
	int bottom = 2 + t->nmsg, crumbs = t->depth > 0 || (t->rp && *replay_crumbs(t->rp)),
	    ah = t->hgt - 1 - bottom - crumbs;
	struct vwin area = vwin_sub(&all, 0, 1 + crumbs, t->w, ah);

	draw_tabs(t);
	if (crumbs)
		draw_crumbs(t, 1);
	/* panes: more than one view when the screen is large */
	int cols = t->w >= 200 ? 2 : 1, rows = ah >= 46 ? 2 : 1, np = cols * rows;

	if (np > t->nviews)
		np = t->nviews;
	if (np > 1 && np <= rows)
		cols = 1;
	rows = (np + cols - 1) / cols;
	for (int i = 0; i < np; i++) {
		int c = i % cols, r = i / cols, pw = t->w / cols, ph = ah / rows;
		/* the last pane of a row takes the rest of it */
		struct vwin pane = vwin_sub(&area, c * pw, r * ph, c == cols - 1 ? t->w - c * pw : pw - 1,
					    r == rows - 1 ? ah - r * ph : ph);
		int vi = (t->cur + i) % t->nviews;

		/* a table of processes: dscope's own cost on a line apart */
		if (own_cost_line(t, t->views[vi], &pane))
			pane.h--;
		view_render(t->views[vi], t->snap, &pane, &t->cx, i == 0);
		t->pane[i].x = pane.x;
		t->pane[i].y = pane.y;
		t->pane[i].w = pane.w;
		t->pane[i].h = pane.h;
		t->pane[i].view = vi;
	}
	t->npanes = np;
	if (t->help)
		draw_help(t, &area);
	else if (t->picking)
		picker_draw(&area);
	draw_status(t, t->hgt - bottom);
	/* the prompt line */
	int py = t->hgt - bottom + 1;

	if (prompt_mode() != PM_NONE) {
		char b[4096];
		const char *txt = prompt_text(b, sizeof(b), &cx);
		int shift = cx > t->w - 2 ? cx - (t->w - 2) : 0;

		vwin_put(&all, 0, py, VA_NORMAL, txt + shift, -1);
		cx -= shift;
		cy = py;
	} else if (t->rp) {
		vwin_put(&all, 0, py, VA_DIM,
			 " space play   , . step   [ ] 10 ticks   ^ $ ends   { } speed   ? help   q quit",
			 -1);
	} else {
		vwin_put(
		    &all, 0, py, VA_DIM,
		    " : prompt   / search   \\ filter   Tab view   < > sort   space pause   ? help   q quit",
		    -1);
	}
	/* messages: a caret line keeps its column, shifted with its source line */
	int shift = 0;

	for (int i = 0; i < t->nmsg; i++) {
		const char *caret = strchr(t->msg[i], '^');

		if (caret && strspn(t->msg[i], " |^") == strlen(t->msg[i]) && caret - t->msg[i] > t->w - 4)
			shift = (int)(caret - t->msg[i]) - t->w / 2;
	}
	for (int i = 0; i < t->nmsg; i++) {
		const char *m = t->msg[i];
		int s = i > 0 && shift && (int)strlen(m) > shift && strchr(m, '|') ? shift : 0;

		vwin_put(&all, 0, py + 1 + i, t->msg_err ? VA_ERROR : VA_NORMAL, m + s, -1);
	}
	screen_draw(&t->vb, cx, cy);
}

/* ---- the loop ---- */

/* stderr while the screen is up: the pipe, and the real one saved */
static int emerg_pipe = -1, emerg_saved = -1;

/* After a crash: the real stderr back, and what the pipe holds copied to it
 * (async-signal-safe: read, write, dup2 only). */
static void stderr_back(void)
{
	char buf[4096];
	ssize_t n;

	if (emerg_saved < 0)
		return;
	dup2(emerg_saved, STDERR_FILENO);
	while (emerg_pipe >= 0 && (n = read(emerg_pipe, buf, sizeof(buf))) > 0)
		if (write(STDERR_FILENO, buf, (size_t)n) < 0)
			break;
	emerg_saved = -1;
}

static void read_keys(struct tui *t)
{
	wint_t c;
	int r;

	while ((r = get_wch(&c)) != ERR)
		on_key(t, c, r == KEY_CODE_YES);
}

static void read_stderr(struct tui *t)
{
	char buf[4096];
	ssize_t n = read(t->errfd, buf, sizeof(buf) - 1);
	struct view *l = log_view(t);

	if (n <= 0)
		return;
	buf[n] = 0;
	for (char *s = buf, *save = NULL, *line; (line = strtok_r(s, "\n", &save)); s = NULL) {
		if (l)
			view_log_line(l, line);
		if (t->rec)
			rec_check(t, rec_msg(t->rec, line));
	}
}

/* One line the -c command wrote, into the log, marked with its pid. */
static void out_line(struct tui *t, const char *line, size_t len)
{
	char m[sizeof(t->outbuf) + 32];
	struct view *l = log_view(t);

	snprintf(m, sizeof(m), "[%d] %.*s", (int)t->cfg->target, (int)len, line);
	if (l)
		view_log_line(l, m);
	if (t->rec)
		rec_check(t, rec_msg(t->rec, m));
}

/*
 * The -c command's standard output and error come through a pipe, so that
 * what it prints lands in the log view instead of over the screen.  Lines
 * are kept whole across reads; one longer than the buffer is cut.
 */
static void read_cmd_out(struct tui *t)
{
	ssize_t n = read(t->outfd, t->outbuf + t->outlen, sizeof(t->outbuf) - t->outlen);

	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		if (t->outlen)
			out_line(t, t->outbuf, t->outlen);
		epoll_ctl(t->epfd, EPOLL_CTL_DEL, t->outfd, NULL);
		close(t->outfd);
		t->outfd = -1;
		t->outlen = 0;
		return;
	}
	if (n < 0)
		return;
	t->outlen += (size_t)n;
	char *s = t->outbuf, *end = t->outbuf + t->outlen, *nl;

	while ((nl = memchr(s, '\n', (size_t)(end - s)))) {
		out_line(t, s, (size_t)(nl - s));
		s = nl + 1;
	}
	t->outlen = (size_t)(end - s);
	if (t->outlen == sizeof(t->outbuf)) {
		out_line(t, t->outbuf, t->outlen);
		t->outlen = 0;
	} else {
		memmove(t->outbuf, s, t->outlen);
	}
}

static void on_signal(struct tui *t)
{
	struct signalfd_siginfo si;

	while (read(t->sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGWINCH) {
			screen_resize(&t->w, &t->hgt);
		} else if (si.ssi_signo == SIGCHLD) {
			int st;

			if (t->child > 0 && waitpid(t->child, &st, WNOHANG) == t->child) {
				char m[64];

				snprintf(m, sizeof(m), "pid %d has exited", (int)t->child);
				t->child = -1;
				t->cfg->child = -1;
				consume(t);
				finish(t, m);
			}
		} else {
			t->quit = 1;
		}
	}
}

int tui_run(struct dscope **hp, struct tui_cfg *cfg)
{
	struct tui t;
	sigset_t ss;
	int pfd[2] = { -1, -1 }, rc;
	struct epoll_event ev = { .events = EPOLLIN };

	memset(&t, 0, sizeof(t));
	t.h = *hp;
	t.cfg = cfg;
	t.child = cfg->child;
	t.outfd = cfg->child_out;
	t.src = strdup(cfg->src);
	t.srcname = cfg->srcname;
	t.interval_ms = 1000;
	t.saved_err = -1;
	t.devnull = fopen("/dev/null", "w");
	if (!t.src || !t.devnull)
		return 1;
	if (cfg->replay) {
		struct replay_sink sink = { &t,		rp_log_clear, rp_log_snap, rp_log_line,
					    rp_program, rp_ui,	      rp_show,	   rp_say };
		char err[1024];

		t.rp =
		    replay_open(cfg->replay, cfg->prog, cfg->nmacros, cfg->macros, &sink, err, sizeof(err));
		if (!t.rp) {
			fprintf(stderr, "%s: %s\n", cfg->prog, err);
			free(t.src);
			fclose(t.devnull);
			return 1;
		}
		t.finished = 1; /* nothing runs: no engine to read, finish or print */
	}
	if (cfg->rec) {
		t.rec = rec_adopt(cfg->rec, cfg->rec_path);
		if (!t.rec)
			session_close(cfg->rec);
		cfg->rec = NULL;
	}
	dscope_set_output(t.h, t.devnull);
	setlocale(LC_ALL, "");

	sigemptyset(&ss);
	sigaddset(&ss, SIGINT);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGHUP);
	sigaddset(&ss, SIGCHLD);
	sigaddset(&ss, SIGWINCH);
	sigprocmask(SIG_BLOCK, &ss, NULL);
	t.sfd = signalfd(-1, &ss, SFD_CLOEXEC | SFD_NONBLOCK);
	t.tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	t.epfd = epoll_create1(EPOLL_CLOEXEC);
	if (pipe2(pfd, O_CLOEXEC | O_NONBLOCK) == 0) {
		fflush(stderr);
		t.saved_err = dup(STDERR_FILENO);
		dup2(pfd[1], STDERR_FILENO);
		close(pfd[1]);
		t.errfd = pfd[0];
		emerg_pipe = t.errfd;
		emerg_saved = t.saved_err;
		screen_on_emergency(stderr_back);
	}
	/* a replay's pids are another time's */
	t.cx.pid_gone = t.rp ? NULL : pid_gone;
	if (screen_start(&t.cx.utf8)) {
		rc = 1;
		goto out;
	}
	prompt_init(on_line, &t);
	prompt_complete_init(&t.h, on_complete, &t);
	screen_resize(&t.w, &t.hgt);
	int fds[] = {
		STDIN_FILENO, dscope_fd(t.h), t.tfd, t.sfd, t.errfd, t.outfd, t.rp ? replay_fd(t.rp) : -1
	};

	for (size_t i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		ev.data.fd = fds[i];
		if (fds[i] >= 0)
			epoll_ctl(t.epfd, EPOLL_CTL_ADD, fds[i], &ev);
	}
	clock_gettime(CLOCK_MONOTONIC, &t.last);
	t.cpu_last_us = cpu_us();
	if (t.rp) {
		/* the log first, for the lines before the first tick */
		views_build(&t, NULL);
		replay_start(t.rp);
	} else {
		struct dscope_snap *s = dscope_snap_aggs(t.h);

		set_interval(&t, t.interval_ms);
		views_build(&t, s);
		set_snap(&t, s);
	}
	consume(&t);
	draw(&t);
	while (!t.quit) {
		struct epoll_event evs[8];
		int n = epoll_wait(t.epfd, evs, 8, -1);

		if (n < 0 && errno != EINTR)
			break;
		/* keys first, drawn at once: a refresh that is due as well (a
		 * large table takes a while) comes after the answer to the key */
		int dirty = 0;

		for (int i = 0; i < n; i++)
			if (evs[i].data.fd == STDIN_FILENO) {
				read_keys(&t);
				if (!t.quit)
					draw(&t);
			}
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd, d = 1;

			if (fd == STDIN_FILENO) {
				d = 0; /* drawn above */
			} else if (fd == t.tfd) {
				uint64_t x;

				if (read(t.tfd, &x, sizeof(x)) < 0) {
					/* spurious wake-up */
				}
				refresh_aggs(&t);
				if (t.cfg->target > 0 && t.child < 0 && !t.finished &&
				    kill((pid_t)t.cfg->target, 0) != 0) {
					char m[64];

					snprintf(m, sizeof(m), "pid %ld has exited", t.cfg->target);
					finish(&t, m);
				}
			} else if (fd == t.sfd) {
				on_signal(&t);
			} else if (fd == t.errfd) {
				read_stderr(&t);
			} else if (fd == t.outfd && fd >= 0) {
				read_cmd_out(&t);
			} else if (t.rp && fd == replay_fd(t.rp)) {
				replay_on_timer(t.rp);
			} else if (!t.finished && fd == dscope_fd(t.h)) {
				/* records: a draw only when the log got lines, a
				 * message came or tracing ended (with DWARF stacks
				 * records wake the loop hundreds of times a second;
				 * the refresh timer draws the rest) */
				struct view *l = log_view(&t);
				int lines = l ? view_log_count(l) : 0, nmsg = t.nmsg, fin = t.finished;

				consume(&t);
				d = (l && view_log_count(l) != lines) || t.nmsg != nmsg || t.finished != fin;
			}
			dirty |= d;
		}
		if (!t.quit && dirty)
			draw(&t);
	}
	rc = 0;
out:
	prompt_fini();
	screen_stop();
	if (t.saved_err >= 0) {
		screen_on_emergency(NULL);
		emerg_saved = -1;
		dup2(t.saved_err, STDERR_FILENO);
		close(t.saved_err);
	}
	/* the answer stays on the terminal: the final aggregations, as batch
	 * mode prints them */
	if (!t.finished) {
		struct dscope_snap *s = NULL;

		dscope_finish(t.h, &s);
		t.final = s;
		t.exit_status = dscope_exit_status(t.h);
		if (t.rec && s)
			rec_snap(t.rec, s, 1); /* a failure shows at rec_stop */
	}
	if (t.rec) {
		char m[600];

		if (rec_stop(t.rec, m, sizeof(m)) < 0)
			fprintf(stderr, "%s: %s\n", cfg->prog, m);
		t.rec = NULL;
	}
	if (t.final && !cfg->no_final) {
		struct batch b;
		struct dscope_snap copy = *t.final;

		copy.nev = 0; /* the records were shown in the log */
		copy.nnotes = 0;
		batch_init(&b, stdout, stderr);
		batch_print(&b, &copy);
	}
	dscope_snap_release(t.final);
	set_snap(&t, NULL);
	/* the frames first: they share the log with the views shown */
	for (int d = 0; d < t.depth; d++) {
		struct nav *fr = &t.nav[d];

		free(fr->src);
		dscope_snap_release(fr->last);
		for (int i = 0; i < fr->nviews; i++)
			if (fr->views[i]->kind != VIEW_LOG)
				view_free(fr->views[i]);
	}
	for (int i = 0; i < t.nviews; i++)
		view_free(t.views[i]);
	vbuf_fini(&t.vb);
	/* a replay's handles are its own; its snapshots (released above)
	 * point into its reader */
	if (t.rp)
		replay_close(t.rp);
	else
		*hp = t.h;
	if (rc == 0)
		rc = t.exit_status;
	free(t.src);
	free(t.opened);
	fclose(t.devnull);
	close(t.epfd);
	close(t.tfd);
	close(t.sfd);
	if (t.errfd > 0)
		close(t.errfd);
	if (t.outfd >= 0)
		close(t.outfd);
	return rc;
}
