/*
 * replay.c - a session file in the interface (dscope --replay FILE on a
 * terminal): the views are fed the recorded snapshots instead of the
 * engine's, and a timeline moves through them.  No kernel, no privileges:
 * the recorded program is compiled (never loaded) only to know what its
 * aggregations measure and for the drill-down rules.
 *
 * A tick is a snapshot with aggregation tables: what one refresh of the
 * live views showed.  Opening reads the whole file once without decoding
 * tables (session_read_skip_tables) to index it: each tick's seq and time,
 * the program it belongs to (the first, then one per SWAP chunk) and the
 * view state in force (UI chunks), and how many log lines come before it.
 * A damaged or cut file is indexed up to the damage; the message says
 * where it stopped.
 *
 * Moving:
 *   - one tick forward reads on from where the reader is (the records in
 *     between go to the log);
 *   - anything else seeks: the log is rebuilt from the start (records
 *     only, tables skipped) when there are lines before the tick, then the
 *     reader seeks to the tick before the target (session_seek uses the
 *     seek points) and hands it to the views unseen (`prime`), so that a
 *     view showing the last interval shows the same interval live showed;
 *     then the target itself.
 *
 * The interface (tui.c) is reached through struct replay_sink only; what
 * the sink is given is the replay's (snapshots excepted, which it owns)
 * and lives until replay_close.
 *
 * A program that no longer compiles here (a probe this kernel lacks, a
 * pid probe without its process, $1 not given) or that compiles into
 * other aggregations than the recorded ones: the views are planned from
 * the recorded aggregation descriptors alone (no units; stack keys are
 * recognized by their values), and the message line says why.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "d_diag.h"
#include "dscope.h"
#include "session.h"
#include "tui.h"

static const double speeds[] = { 0.25, 0.5, 1, 2, 4, 8, 16 };
enum { NSPEEDS = 7, SPEED_1X = 2 };
static const int64_t GAP_MAX_NS = 5000000000LL; /* a longer gap plays this long */

struct rtick {
	uint64_t seq;
	int64_t t_ns;
	int prog;      /* index in progs */
	int ui;	       /* index in uis, -1 none */
	uint64_t logn; /* log lines (records, notes, messages) up to it */
};

struct rprog {
	const char *src, *srcname;
	int nopts;
	const char **optname, **optval;
	struct dscope *h; /* compiled (not loaded), or NULL */
	int tried;
};

struct replay {
	struct session_reader *r;
	const struct session_info *info;
	char path[512];
	const char *progname;
	int nmacros;
	char *const *macros;
	struct replay_sink sink;
	struct arena arena; /* programs, view states */

	struct rtick *ticks;
	long nticks;
	struct rprog *progs;
	int nprogs;
	struct session_ui **uis;
	int nuis;
	char stop[800]; /* where the file stopped, "" when whole */
	int damaged;

	struct dscope *bare; /* for a program that does not compile */
	long cur;	     /* the tick shown, -1 none */
	long pos;	     /* the last tick the reader read in order, -1 none */
	int prog_shown;	     /* index of the program the views are for */
	int playing, speed, at_end;
	int tfd;
	char crumbs[1024];
};

/* ---- the index ---- */

static const char *adup(struct replay *rp, const char *s)
{
	return s ? arena_strdup(&rp->arena, s) : NULL;
}

static int add_prog(struct replay *rp, const struct session_info *in)
{
	struct rprog *n = realloc(rp->progs, sizeof(*n) * (size_t)(rp->nprogs + 1)), *p;

	if (!n)
		return -1;
	rp->progs = n;
	p = &n[rp->nprogs];
	memset(p, 0, sizeof(*p));
	p->src = adup(rp, in->src);
	p->srcname = adup(rp, in->srcname);
	p->nopts = in->nopts;
	p->optname = arena_alloc(&rp->arena, sizeof(char *) * (size_t)(in->nopts + 1));
	p->optval = arena_alloc(&rp->arena, sizeof(char *) * (size_t)(in->nopts + 1));
	for (int i = 0; i < in->nopts; i++) {
		p->optname[i] = adup(rp, in->optname[i]);
		p->optval[i] = adup(rp, in->optval[i]);
	}
	return rp->nprogs++;
}

static int add_ui(struct replay *rp, const struct session_ui *ui)
{
	struct session_ui **n = realloc(rp->uis, sizeof(*n) * (size_t)(rp->nuis + 1)), *c;
	struct session_view *vs;

	if (!n)
		return -1;
	rp->uis = n;
	c = arena_alloc(&rp->arena, sizeof(*c));
	*c = *ui;
	c->crumbs = arena_alloc(&rp->arena, sizeof(char *) * (size_t)(ui->ncrumbs + 1));
	for (int i = 0; i < ui->ncrumbs; i++)
		c->crumbs[i] = adup(rp, ui->crumbs[i]);
	vs = arena_alloc(&rp->arena, sizeof(*vs) * (size_t)(ui->nviews + 1));
	for (int i = 0; i < ui->nviews; i++) {
		const struct session_view *v = &ui->views[i];

		vs[i] = *v;
		vs[i].name = adup(rp, v->name);
		vs[i].selkey = adup(rp, v->selkey);
		vs[i].filter = adup(rp, v->filter);
		vs[i].only = adup(rp, v->only);
		vs[i].selpath = adup(rp, v->selpath);
		vs[i].zoom = arena_alloc(&rp->arena, sizeof(char *) * (size_t)(v->nzoom + 1));
		for (int k = 0; k < v->nzoom; k++)
			vs[i].zoom[k] = adup(rp, v->zoom[k]);
	}
	c->views = vs;
	n[rp->nuis] = c;
	return rp->nuis++;
}

static int index_session(struct replay *rp)
{
	struct session_item it;
	int prog = 0, ui = -1, k;
	uint64_t logn = 0;
	long cap = 0;

	session_read_skip_tables(rp->r, 1);
	while ((k = session_next(rp->r, &it)) > 0) {
		switch (it.kind) {
		case SESSION_SNAP:
			logn += it.snap->nev + (uint64_t)it.snap->nnotes;
			if (it.tables) {
				if (rp->nticks == cap) {
					struct rtick *n;

					cap = cap ? cap * 2 : 256;
					n = realloc(rp->ticks, sizeof(*n) * (size_t)cap);
					if (!n) {
						dscope_snap_release(it.snap);
						return -1;
					}
					rp->ticks = n;
				}
				rp->ticks[rp->nticks++] =
				    (struct rtick){ it.snap->seq, it.t_ns, prog, ui, logn };
			}
			dscope_snap_release(it.snap);
			break;
		case SESSION_MSG:
			logn++;
			break;
		case SESSION_PROGRAM:
			prog = add_prog(rp, it.prog);
			if (prog < 0)
				return -1;
			break;
		case SESSION_UI:
			ui = add_ui(rp, it.ui);
			if (ui < 0)
				return -1;
			break;
		}
	}
	session_read_skip_tables(rp->r, 0);
	rp->damaged = k < 0;
	if (k < 0 || !session_read_complete(rp->r))
		snprintf(rp->stop, sizeof(rp->stop), "%s", session_read_errmsg(rp->r));
	return 0;
}

struct replay *replay_open(const char *path, const char *prog, int nmacros, char *const *macros,
			   const struct replay_sink *sink, char *err, size_t errlen)
{
	struct replay *rp = calloc(1, sizeof(*rp));

	if (!rp) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	arena_init(&rp->arena);
	rp->tfd = -1;
	rp->cur = rp->pos = -1;
	rp->prog_shown = -1;
	rp->speed = SPEED_1X;
	rp->sink = *sink;
	rp->progname = prog;
	rp->nmacros = nmacros;
	rp->macros = macros;
	snprintf(rp->path, sizeof(rp->path), "%s", path);
	rp->r = session_open(path, err, errlen);
	if (!rp->r)
		goto fail;
	if (session_seek(rp->r, 0) < 0) {
		snprintf(err, errlen, "%s: the interface replays a file it can seek in (-b replays a pipe)",
			 path);
		goto fail;
	}
	rp->info = session_read_info(rp->r);
	rp->bare = dscope_new(prog);
	rp->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (!rp->bare || rp->tfd < 0 || add_prog(rp, rp->info) < 0 || index_session(rp) < 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto fail;
	}
	return rp;
fail:
	replay_close(rp);
	return NULL;
}

void replay_close(struct replay *rp)
{
	if (!rp)
		return;
	for (int i = 0; i < rp->nprogs; i++)
		dscope_free(rp->progs[i].h);
	dscope_free(rp->bare);
	session_read_close(rp->r);
	if (rp->tfd >= 0)
		close(rp->tfd);
	free(rp->ticks);
	free(rp->progs);
	free(rp->uis);
	arena_fini(&rp->arena);
	free(rp);
}

/* ---- programs ---- */

/* Whether h's aggregations are the recorded ones (s a tick of it). */
static int same_aggs(const struct dscope *h, const struct dscope_snap *s)
{
	struct dscope_agg_info ai;

	for (int i = 0; i < s->naggs; i++) {
		const struct agg_desc *d = s->aggs[i].desc;

		if (dscope_agg_info(h, i, &ai) || !ai.desc || ai.desc->func != d->func ||
		    ai.desc->nkeys != d->nkeys || strcmp(ai.desc->name, d->name))
			return 0;
	}
	return dscope_agg_info(h, s->naggs, &ai) != 0;
}

/* h's compile error, short: "line 1: macro argument $1 is not defined". */
static void compile_error(struct dscope *h, char *buf, size_t size)
{
	const struct d_diag *dg = dscope_diag(h);

	if (dg->set && dg->pos.line)
		snprintf(buf, size, "line %d: %s", dg->pos.line, dg->msg);
	else if (dg->set)
		snprintf(buf, size, "%s", dg->msg);
	else
		snprintf(buf, size, "%s", dscope_errmsg(h));
}

/* Program i compiled here (once), checked against its tick s; the bare
 * handle when it does not compile or differs. */
static struct dscope *prog_handle(struct replay *rp, int i, const struct dscope_snap *s)
{
	struct rprog *p = &rp->progs[i];
	char why[700], m[900];

	if (p->tried)
		return p->h ? p->h : rp->bare;
	p->tried = 1;
	p->h = dscope_new(rp->progname);
	if (!p->h)
		return rp->bare;
	for (int k = 0; k < p->nopts; k++)
		dscope_setopt(p->h, p->optname[k], p->optval[k]);
	/* probes this machine lacks (a pid provider without its process)
	 * are no error: nothing is enabled */
	dscope_setopt(p->h, "zdefs", NULL);
	dscope_set_macros(p->h, rp->nmacros, rp->macros);
	why[0] = 0;
	if (dscope_compile(p->h, p->src, p->srcname) != 0)
		compile_error(p->h, why, sizeof(why));
	else if (s && !same_aggs(p->h, s))
		snprintf(why, sizeof(why), "it compiles here into other aggregations than the recorded ones");
	if (why[0]) {
		dscope_free(p->h);
		p->h = NULL;
		snprintf(m, sizeof(m),
			 "the recorded program does not compile here: %.600s\n"
			 "views from the recorded tables alone (no units; drill-down needs the program)",
			 why);
		rp->sink.say(rp->sink.arg, 0, m);
		return rp->bare;
	}
	return p->h;
}

static void crumbs_of(struct replay *rp, long k)
{
	const struct session_ui *ui = k >= 0 && rp->ticks[k].ui >= 0 ? rp->uis[rp->ticks[k].ui] : NULL;
	size_t len = 0;

	rp->crumbs[0] = 0;
	for (int i = 0; ui && i < ui->ncrumbs && len < sizeof(rp->crumbs); i++)
		len += (size_t)snprintf(rp->crumbs + len, sizeof(rp->crumbs) - len, "%s%s", i ? "  " : "",
					ui->crumbs[i]);
}

/* Tick k's snapshot s is next: tell the interface its program, view state
 * (when they changed, or always after a seek), then show it. */
static void show_tick(struct replay *rp, long k, struct dscope_snap *s, int seeked)
{
	const struct rtick *tk = &rp->ticks[k];
	const struct rtick *was = rp->cur >= 0 ? &rp->ticks[rp->cur] : NULL;

	if (tk->prog != rp->prog_shown) {
		const struct rprog *p = &rp->progs[tk->prog];

		rp->sink.program(rp->sink.arg, prog_handle(rp, tk->prog, s), p->src, p->srcname);
		rp->prog_shown = tk->prog;
	}
	if (tk->ui >= 0 && (seeked || !was || was->ui != tk->ui))
		rp->sink.ui(rp->sink.arg, rp->uis[tk->ui]);
	rp->cur = k;
	crumbs_of(rp, k);
	rp->sink.show(rp->sink.arg, s, (double)tk->t_ns / 1e9, 0);
}

/* ---- moving ---- */

static void arm(struct replay *rp)
{
	struct itimerspec its = { { 0, 0 }, { 0, 0 } };

	if (rp->playing && rp->cur + 1 < rp->nticks) {
		int64_t gap = rp->cur >= 0 ? rp->ticks[rp->cur + 1].t_ns - rp->ticks[rp->cur].t_ns : 0;

		/* a long gap (the live views were paused) plays short */
		if (gap > GAP_MAX_NS)
			gap = GAP_MAX_NS;
		gap = (int64_t)((double)gap / speeds[rp->speed]);
		if (gap < 10000000)
			gap = 10000000;
		its.it_value.tv_sec = gap / 1000000000;
		its.it_value.tv_nsec = gap % 1000000000;
	}
	timerfd_settime(rp->tfd, 0, &its, NULL);
}

static void ended(struct replay *rp)
{
	char m[1000];

	rp->at_end = 1;
	rp->playing = 0;
	if (rp->stop[0]) {
		snprintf(m, sizeof(m), "end of session: %s", rp->stop);
		rp->sink.say(rp->sink.arg, rp->damaged, m);
	} else {
		rp->sink.say(rp->sink.arg, 0, "end of session");
	}
}

/* The reader stopped short of a tick the index has (the file changed
 * under us): say so and stay. */
static void lost(struct replay *rp)
{
	char m[900];

	snprintf(m, sizeof(m), "%s", session_read_errmsg(rp->r));
	rp->sink.say(rp->sink.arg, 1, m[0] ? m : "the session file changed while replaying");
	rp->pos = -1;
	rp->playing = 0;
}

/* Read on to the next tick (pos + 1): records and messages to the log. */
static int read_next(struct replay *rp)
{
	struct session_item it;
	int k;

	while ((k = session_next(rp->r, &it)) > 0) {
		if (it.kind == SESSION_MSG) {
			rp->sink.log_line(rp->sink.arg, it.msg);
			continue;
		}
		if (it.kind != SESSION_SNAP)
			continue;
		rp->sink.log_snap(rp->sink.arg, it.snap);
		if (!it.tables) {
			dscope_snap_release(it.snap);
			continue;
		}
		rp->pos++;
		if (rp->pos >= rp->nticks || it.snap->seq != rp->ticks[rp->pos].seq) {
			dscope_snap_release(it.snap);
			lost(rp);
			return -1;
		}
		show_tick(rp, rp->pos, it.snap, 0);
		return 0;
	}
	lost(rp);
	return -1;
}

/* The log as it was at tick k: every record and message up to it. */
static void log_rebuild(struct replay *rp, long k)
{
	struct session_item it;

	rp->sink.log_clear(rp->sink.arg);
	if (!rp->ticks[k].logn)
		return;
	session_read_skip_tables(rp->r, 1);
	if (session_seek(rp->r, 0) == 0)
		while (session_next(rp->r, &it) > 0) {
			if (it.kind == SESSION_MSG)
				rp->sink.log_line(rp->sink.arg, it.msg);
			if (it.kind != SESSION_SNAP)
				continue;
			rp->sink.log_snap(rp->sink.arg, it.snap);
			int last = it.snap->seq >= rp->ticks[k].seq;

			dscope_snap_release(it.snap);
			if (last)
				break;
		}
	session_read_skip_tables(rp->r, 0);
}

static void seek_to(struct replay *rp, long k)
{
	struct session_item it;
	int prime = k > 0 && rp->ticks[k - 1].prog == rp->ticks[k].prog;
	long want = prime ? k - 1 : k;

	log_rebuild(rp, k);
	if (session_seek(rp->r, rp->ticks[want].seq) < 0) {
		lost(rp);
		return;
	}
	rp->pos = -1;
	while (session_next(rp->r, &it) > 0) {
		if (it.kind != SESSION_SNAP)
			continue;
		if (!it.tables || it.snap->seq < rp->ticks[want].seq) {
			dscope_snap_release(it.snap);
			continue;
		}
		if (it.snap->seq != rp->ticks[want].seq) {
			dscope_snap_release(it.snap);
			break;
		}
		if (want == k) {
			rp->pos = k;
			show_tick(rp, k, it.snap, 1);
			return;
		}
		/* the tick before, for the views' intervals: its program
		 * first, unseen, and the views' state at tick k (a tree keeps
		 * values to difference only in interval mode) */
		if (rp->ticks[want].prog != rp->prog_shown) {
			const struct rprog *p = &rp->progs[rp->ticks[want].prog];

			rp->sink.program(rp->sink.arg, prog_handle(rp, rp->ticks[want].prog, it.snap), p->src,
					 p->srcname);
			rp->prog_shown = rp->ticks[want].prog;
		}
		if (rp->ticks[k].ui >= 0)
			rp->sink.ui(rp->sink.arg, rp->uis[rp->ticks[k].ui]);
		rp->sink.show(rp->sink.arg, it.snap, (double)rp->ticks[want].t_ns / 1e9, 1);
		want = k;
	}
	lost(rp);
}

/* Show tick k (clamped); the play timer follows. */
static void go(struct replay *rp, long k)
{
	if (!rp->nticks)
		return;
	if (k < 0)
		k = 0;
	if (k >= rp->nticks)
		k = rp->nticks - 1;
	rp->at_end = 0;
	if (k != rp->cur || rp->pos != rp->cur) {
		if (k == rp->cur + 1 && rp->pos == rp->cur && rp->cur >= 0)
			read_next(rp);
		else
			seek_to(rp, k);
	}
	if (rp->cur == rp->nticks - 1)
		ended(rp);
	arm(rp);
}

void replay_start(struct replay *rp)
{
	if (rp->stop[0])
		rp->sink.say(rp->sink.arg, rp->damaged, rp->stop);
	if (!rp->nticks) {
		/* nothing to show but the program and the log */
		rp->sink.program(rp->sink.arg, prog_handle(rp, 0, NULL), rp->progs[0].src,
				 rp->progs[0].srcname);
		rp->prog_shown = 0;
		rp->sink.show(rp->sink.arg, NULL, 0, 0);
		rp->at_end = 1;
		return;
	}
	rp->playing = 1;
	go(rp, 0);
}

int replay_fd(const struct replay *rp)
{
	return rp->tfd;
}

void replay_on_timer(struct replay *rp)
{
	uint64_t x;

	/* nothing to read: re-armed since it fired (a key moved the replay) */
	if (read(rp->tfd, &x, sizeof(x)) != (ssize_t)sizeof(x))
		return;
	if (rp->playing)
		go(rp, rp->cur + 1);
}

void replay_toggle(struct replay *rp)
{
	rp->playing = !rp->playing;
	/* play at the end starts over */
	if (rp->playing && rp->cur >= rp->nticks - 1) {
		go(rp, 0);
		return;
	}
	arm(rp);
}

void replay_step(struct replay *rp, long n, int pause)
{
	if (pause)
		rp->playing = 0;
	go(rp, rp->cur + n);
}

void replay_goto(struct replay *rp, long tick)
{
	go(rp, tick < 0 ? rp->nticks - 1 : tick);
}

/* "90", "1:30", "1:02:03", "+10", "-5", "start", "end", "#12" (a tick) */
int replay_seek_arg(struct replay *rp, const char *arg)
{
	double secs = 0, part;
	const char *p = arg + strspn(arg, " ");
	char *end;
	int rel = 0;

	if (!rp->nticks)
		return -1;
	if (!strcmp(p, "start") || !strcmp(p, "begin")) {
		go(rp, 0);
		return 0;
	}
	if (!strcmp(p, "end")) {
		go(rp, rp->nticks - 1);
		return 0;
	}
	if (*p == '#') {
		long n = strtol(p + 1, &end, 10);

		if (end == p + 1 || *end)
			return -1;
		go(rp, n - 1);
		return 0;
	}
	if (*p == '+' || *p == '-')
		rel = *p++ == '+' ? 1 : -1;
	for (;;) {
		part = strtod(p, &end);
		if (end == p || part < 0)
			return -1;
		secs = secs * 60 + part;
		if (*end != ':')
			break;
		p = end + 1;
	}
	if (*end)
		return -1;
	if (rel)
		secs = (rp->cur >= 0 ? (double)rp->ticks[rp->cur].t_ns / 1e9 : 0) + rel * secs;
	/* the tick nearest that time (ticks come a refresh apart, a little
	 * late) */
	long k = 0;

	while (k + 1 < rp->nticks &&
	       (double)rp->ticks[k + 1].t_ns / 1e9 - secs < secs - (double)rp->ticks[k].t_ns / 1e9)
		k++;
	go(rp, k);
	return 0;
}

void replay_speed(struct replay *rp, int dir)
{
	rp->speed += dir;
	if (rp->speed < 0)
		rp->speed = 0;
	if (rp->speed >= NSPEEDS)
		rp->speed = NSPEEDS - 1;
	arm(rp);
}

int replay_set_speed(struct replay *rp, const char *arg)
{
	char *end;
	double x = strtod(arg, &end);

	if (end == arg || (*end && strcmp(end, "x") && strcmp(end, "\xc3\x97")))
		return -1;
	for (int i = 0; i < NSPEEDS; i++)
		if (speeds[i] > x - 1e-9 && speeds[i] < x + 1e-9) {
			rp->speed = i;
			arm(rp);
			return 0;
		}
	return -1;
}

/* m:ss.s, or h:mm:ss past an hour */
static void fmt_time(double s, char *buf, size_t size)
{
	long whole = (long)s;

	if (s >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", whole / 3600, whole / 60 % 60, whole % 60);
	else
		snprintf(buf, size, "%ld:%04.1f", whole / 60, s - (double)(whole / 60 * 60));
}

void replay_status(const struct replay *rp, char *buf, size_t size, int utf8)
{
	const char *sep = utf8 ? " \xe2\x94\x82 " : " | ";
	const char *name = strrchr(rp->path, '/') ? strrchr(rp->path, '/') + 1 : rp->path;
	char at[32], total[32], wall[64] = "", speed[16];
	double t = rp->cur >= 0 ? (double)rp->ticks[rp->cur].t_ns / 1e9 : 0;
	double end = rp->nticks ? (double)rp->ticks[rp->nticks - 1].t_ns / 1e9 : 0;
	const char *state = rp->at_end	  ? (utf8 ? "\xe2\x96\xa0 end of session" : "[] end of session")
			    : rp->playing ? (utf8 ? "\xe2\x96\xb6 playing" : "> playing")
					  : (utf8 ? "\xe2\x9d\x9a\xe2\x9d\x9a paused" : "|| paused");
	int64_t ns = rp->info->start_ns + (rp->cur >= 0 ? rp->ticks[rp->cur].t_ns : 0);
	time_t secs = (time_t)(ns / 1000000000);
	struct tm tm;

	fmt_time(t, at, sizeof(at));
	fmt_time(end, total, sizeof(total));
	if (rp->info->start_ns > 0 && localtime_r(&secs, &tm))
		strftime(wall, sizeof(wall), "%Y-%m-%d %H:%M:%S", &tm);
	if (speeds[rp->speed] < 1)
		snprintf(speed, sizeof(speed), "%g%s", speeds[rp->speed], utf8 ? "\xc3\x97" : "x");
	else
		snprintf(speed, sizeof(speed), "%.0f%s", speeds[rp->speed], utf8 ? "\xc3\x97" : "x");
	/* what matters first: an 80-column screen cuts the file's name */
	snprintf(buf, size, " %s %s%stick %ld/%ld%s%s of %s%s%s%sreplay of %.60s", state, speed, sep,
		 rp->cur + 1, rp->nticks, sep, at, total, sep, wall, sep, name);
}

const char *replay_crumbs(const struct replay *rp)
{
	return rp->crumbs;
}

/* Key labels read from the values, for a program that did not compile:
 * a stack is a stack whatever it was called. */
void replay_key_labels(const struct dscope_snap *s, int id, char key[8][32])
{
	const struct agg_table *t = &s->aggs[id];

	if (!t->n)
		return;
	for (int k = 0; k < t->desc->nkeys && k < 8; k++) {
		const struct dvalue *v = &t->entries[0].keys[k];

		if (v->kind == DV_STACK)
			snprintf(key[k], 32, "%s", v->user ? "ustack" : "stack");
	}
}
