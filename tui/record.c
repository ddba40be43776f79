/*
 * record.c - the interface records a session (:record FILE, or --record
 * FILE given with the interface), and the view state a session carries.
 *
 * The recorder is batch mode's writer (engine/session_write.c: O_EXCL,
 * O_NOFOLLOW, 0600, one write(2) per chunk) fed from the interface's
 * hooks in tui.c:
 *
 *   every refresh      the views' state (a UI chunk, only when it changed),
 *                      then the snapshot the views draw (a tick)
 *   records consumed   a snapshot without tables (the log's lines)
 *   a program swap     the old program's last records, then a SWAP chunk
 *                      with the new program, before its first tick
 *   a log line         the -c command's output, stderr: a MSG chunk
 *
 * so that a replay shows what the user saw, program swaps and drill-downs
 * included.  The writer numbers the snapshots itself (SESSION_RENUMBER):
 * each program's handle counts from 1 again.
 *
 * A write error (disk full, a file size limit) fails the writer once:
 * every rec_* call then returns it, the interface shows rec_errmsg() and
 * calls rec_stop(); tracing goes on.
 *
 * The view state is converted both ways here: rec_ui() from the views,
 * ui_apply() back onto a replay's views, matched by kind and name.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dscope.h"
#include "session.h"
#include "tui.h"
#include "view.h"

enum { REC_ZOOM = 32 };

struct rec {
	struct session_writer *w;
	char path[512];
	int64_t t0;
	uint64_t ticks;
};

static struct rec *rec_new(struct session_writer *w, const char *path)
{
	struct rec *rc = calloc(1, sizeof(*rc));

	if (!rc)
		return NULL;
	rc->w = w;
	snprintf(rc->path, sizeof(rc->path), "%s", path);
	rc->t0 = session_now_ns();
	/* a file size limit is a write error (EFBIG), not the end of us */
	signal(SIGXFSZ, SIG_IGN);
	return rc;
}

struct rec *rec_start(const char *path, int force, struct dscope *h, const struct rec_prog *p, char *err,
		      size_t errlen)
{
	struct session_writer *w =
	    session_create(path, force ? SESSION_FORCE | SESSION_RENUMBER : SESSION_RENUMBER, err, errlen);
	struct session_info in;
	struct session_info_buf b = { 0 };
	struct rec *rc;

	if (!w)
		return NULL;
	session_info_of(&in, &b, h);
	in.prog = p->prog;
	in.version = p->version;
	in.src = p->src;
	in.srcname = p->srcname;
	in.interval_ns = (int64_t)p->interval_ms * 1000000;
	if (*session_write_errmsg(w) || session_write_info(w, &in) < 0) {
		snprintf(err, errlen, "%s", session_write_errmsg(w));
		session_close(w);
		return NULL;
	}
	rc = rec_new(w, path);
	if (!rc) {
		snprintf(err, errlen, "out of memory");
		session_close(w);
	}
	return rc;
}

struct rec *rec_adopt(struct session_writer *w, const char *path)
{
	return rec_new(w, path);
}

int rec_snap(struct rec *rc, const struct dscope_snap *s, int tables)
{
	if (!s)
		return 0;
	if (!tables && !s->nev && !s->nnotes && !s->exited && !s->final)
		return 0;
	rc->ticks += tables != 0;
	return session_write_snap(rc->w, s, tables ? s : NULL, session_now_ns() - rc->t0);
}

int rec_msg(struct rec *rc, const char *line)
{
	return session_write_msg(rc->w, line);
}

int rec_swap(struct rec *rc, struct dscope *h, const char *src, const char *srcname, long target)
{
	struct session_info in;
	struct session_info_buf b = { 0 };

	session_info_of(&in, &b, h);
	in.src = src;
	in.srcname = srcname;
	in.target = target;
	return session_write_swap(rc->w, &in, session_now_ns() - rc->t0);
}

int rec_ui(struct rec *rc, struct view *const *views, int nviews, int cur, const char *const *crumbs,
	   int ncrumbs)
{
	struct session_view sv[64];
	const char *zoom[64][REC_ZOOM];
	struct session_ui ui = {
		.cur = cur, .views = sv, .crumbs = (const char **)crumbs, .ncrumbs = ncrumbs
	};

	memset(sv, 0, sizeof(sv));
	for (int i = 0; i < nviews && i < 64; i++) {
		const struct view *v = views[i];
		struct session_view *o = &sv[ui.nviews++];

		o->name = v->name;
		o->kind = (int)v->kind;
		o->sel = v->sel;
		o->top = v->top;
		o->selkey = v->selkey;
		o->sortcol = v->sortcol;
		o->sortrev = v->sortrev;
		o->interval = v->interval;
		o->follow = v->follow;
		o->trunc = v->trunc;
		o->filter = v->filter;
		o->only = v->only;
		o->selpath = "";
		o->zoom = zoom[i];
		if (v->kind == VIEW_TREE)
			o->nzoom = view_tree_state(v, zoom[i], REC_ZOOM, &o->selpath, &o->inverted);
	}
	if (ui.cur >= ui.nviews)
		ui.cur = 0;
	return session_write_ui(rc->w, &ui, session_now_ns() - rc->t0);
}

const char *rec_errmsg(const struct rec *rc)
{
	return session_write_errmsg(rc->w);
}

const char *rec_path(const struct rec *rc)
{
	return rc->path;
}

/* 1.2 MB, 640 KB, 12 B */
static void human(uint64_t n, char *buf, size_t size)
{
	if (n >= 1000000)
		snprintf(buf, size, "%.1f MB", (double)n / 1e6);
	else if (n >= 1000)
		snprintf(buf, size, "%.0f KB", (double)n / 1e3);
	else
		snprintf(buf, size, "%llu B", (unsigned long long)n);
}

void rec_status(const struct rec *rc, char *buf, size_t size, int utf8)
{
	char sz[32];
	const char *name = strrchr(rc->path, '/') ? strrchr(rc->path, '/') + 1 : rc->path;

	human(session_write_bytes(rc->w), sz, sizeof(sz));
	snprintf(buf, size, "%s rec %.40s %s", utf8 ? "\xe2\x97\x8f" : "*", name, sz);
}

int rec_stop(struct rec *rc, char *msg, size_t size)
{
	char sz[32];
	int r;

	if (!rc)
		return 0;
	human(session_write_bytes(rc->w), sz, sizeof(sz));
	snprintf(msg, size, "%s", session_write_errmsg(rc->w));
	r = session_close(rc->w);
	if (r < 0 && !*msg)
		snprintf(msg, size, "recording to %.400s failed at its end: %s", rc->path, strerror(-r));
	else if (r >= 0)
		snprintf(msg, size, "recorded %.400s (%s, %llu tick%s): dscope --replay %.400s shows it",
			 rc->path, sz, (unsigned long long)rc->ticks, rc->ticks == 1 ? "" : "s", rc->path);
	free(rc);
	return r;
}

/* ---- the view state back onto views ---- */

static struct view *view_named(struct view **views, int nviews, const struct session_view *sv)
{
	for (int i = 0; i < nviews; i++)
		if ((int)views[i]->kind == sv->kind && !strcmp(views[i]->name, sv->name))
			return views[i];
	return NULL;
}

void ui_apply(const struct session_ui *ui, struct view **views, int nviews, int *cur)
{
	for (int i = 0; i < ui->nviews; i++) {
		const struct session_view *sv = &ui->views[i];
		struct view *v = view_named(views, nviews, sv);

		if (!v)
			continue;
		v->sel = sv->sel;
		v->top = sv->top;
		v->pending_move = 0;
		v->follow = sv->follow;
		if (v->kind == VIEW_LOG)
			continue;
		snprintf(v->selkey, sizeof(v->selkey), "%s", sv->selkey);
		/* a column the view has (the program may differ) */
		v->sortcol = sv->sortcol < v->nkeys + v->naggs ? sv->sortcol : -1;
		v->sortrev = sv->sortrev;
		view_set_interval(v, sv->interval);
		v->trunc = sv->trunc;
		snprintf(v->filter, sizeof(v->filter), "%s", sv->filter);
		snprintf(v->only, sizeof(v->only), "%s", sv->only);
		if (v->kind == VIEW_TREE)
			view_tree_set_state(v, sv->zoom, sv->nzoom, sv->selpath, sv->inverted);
	}
	if (ui->cur < ui->nviews) {
		struct view *v = view_named(views, nviews, &ui->views[ui->cur]);

		for (int i = 0; v && i < nviews; i++)
			if (views[i] == v)
				*cur = i;
	}
}
