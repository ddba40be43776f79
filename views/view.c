/*
 * view.c - what every view shares: construction, the choice of views for a
 * program, the title line, actions, selection by stable key.
 */
#include "view.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const func_names[] = {
	[AGG_COUNT] = "count",
	[AGG_SUM] = "sum",
	[AGG_AVG] = "avg",
	[AGG_MIN] = "min",
	[AGG_MAX] = "max",
	[AGG_STDDEV] = "stddev",
	[AGG_QUANTIZE] = "quantize",
	[AGG_LQUANTIZE] = "lquantize",
	[AGG_LLQUANTIZE] = "llquantize",
};

static int is_hist(enum agg_func f)
{
	return f == AGG_QUANTIZE || f == AGG_LQUANTIZE || f == AGG_LLQUANTIZE;
}

static struct view *view_alloc(enum view_kind k)
{
	struct view *v = calloc(1, sizeof(*v));

	if (v) {
		v->kind = k;
		v->sortcol = -1;
		v->follow = 1;
	}
	return v;
}

static void agg_label(const struct agg_desc *d, char *buf, size_t size)
{
	if (d->name[0])
		snprintf(buf, size, "@%s", d->name);
	else
		snprintf(buf, size, "@%s", func_names[d->func]);
}

struct view *view_new_table(const struct view_aggmeta *m, const int *ids, int n)
{
	struct view *v = view_alloc(VIEW_TABLE);

	if (!v)
		return NULL;
	for (int i = 0; i < n && i < VIEW_MAXAGGS; i++) {
		char l[40];

		v->aggs[i] = ids[i];
		v->units[i] = m[ids[i]].unit;
		agg_label(m[ids[i]].desc, l, sizeof(l));
		snprintf(v->name + strlen(v->name), sizeof(v->name) - strlen(v->name), "%s%s", i ? " " : "",
			 l);
		v->naggs++;
	}
	if (n > 0) {
		v->nkeys = m[ids[0]].desc->nkeys;
		memcpy(v->keylabel, m[ids[0]].key, sizeof(v->keylabel));
	}
	return v;
}

struct view *view_new_hist(const struct view_aggmeta *m, int id)
{
	struct view *v = view_alloc(VIEW_HIST);

	if (!v)
		return NULL;
	v->aggs[0] = id;
	v->units[0] = m[id].unit;
	v->naggs = 1;
	v->nkeys = m[id].desc->nkeys;
	memcpy(v->keylabel, m[id].key, sizeof(v->keylabel));
	agg_label(m[id].desc, v->name, sizeof(v->name));
	return v;
}

struct view *view_new_log(void)
{
	struct view *v = view_alloc(VIEW_LOG);

	if (v)
		snprintf(v->name, sizeof(v->name), "log");
	return v;
}

void view_log_free(struct view_log *l);

void view_free(struct view *v)
{
	if (!v)
		return;
	view_log_free(v->log);
	view_tree_free(v->tree);
	view_tcache_free(v->tcache);
	view_delta_free(v->delta);
	free(v);
}

void view_take_state(struct view *to, struct view *from)
{
	struct view_tree *tr = to->tree;

	if (to->kind != from->kind || to->kind == VIEW_LOG)
		return;
	to->sel = from->sel;
	to->top = from->top;
	memcpy(to->selkey, from->selkey, sizeof(to->selkey));
	to->sortcol = from->sortcol;
	to->sortrev = from->sortrev;
	memcpy(to->filter, from->filter, sizeof(to->filter));
	memcpy(to->search, from->search, sizeof(to->search));
	to->trunc = from->trunc;
	to->interval = from->interval;
	memcpy(to->only, from->only, sizeof(to->only));
	to->tree = from->tree;
	from->tree = tr;
}

/* Same key signature: as many components, the same labels. */
static int same_keys(const struct view_aggmeta *a, const struct view_aggmeta *b)
{
	if (a->desc->nkeys != b->desc->nkeys)
		return 0;
	for (int k = 0; k < a->desc->nkeys && k < 8; k++)
		if (strcmp(a->key[k], b->key[k]))
			return 0;
	return 1;
}

static int has_stack(const struct view_aggmeta *m)
{
	for (int k = 0; k < m->desc->nkeys && k < 8; k++)
		if (view_key_is_stack(m->key[k]))
			return 1;
	return 0;
}

int view_plan(const struct view_aggmeta *m, int naggs, struct view **out, int max)
{
	int n = 0;
	char *done = calloc((size_t)(naggs ? naggs : 1), 1);

	if (!done)
		return 0;
	for (int i = 0; i < naggs && n < max - 1; i++) {
		if (done[i])
			continue;
		if (has_stack(&m[i]) && !is_hist(m[i].desc->func)) {
			out[n] = view_new_tree(m, i);
			n += out[n] != NULL;
			done[i] = 1;
			continue;
		}
		if (is_hist(m[i].desc->func)) {
			out[n] = view_new_hist(m, i);
			n += out[n] != NULL;
			done[i] = 1;
			continue;
		}
		int ids[VIEW_MAXAGGS], k = 0;

		for (int j = i; j < naggs && k < VIEW_MAXAGGS; j++)
			if (!done[j] && !is_hist(m[j].desc->func) && !has_stack(&m[j]) &&
			    same_keys(&m[i], &m[j])) {
				ids[k++] = j;
				done[j] = 1;
			}
		out[n] = view_new_table(m, ids, k);
		n += out[n] != NULL;
	}
	free(done);
	if (n < max) {
		out[n] = view_new_log();
		n += out[n] != NULL;
	}
	return n;
}

void view_key_text(const struct agg_entry *e, int nkeys, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = 0;
	for (int k = 0; k < nkeys && len + 1 < size; k++) {
		const struct dvalue *d = &e->keys[k];
		const char *sep = k ? "  " : "";

		switch (d->kind) {
		case DV_INT:
			len += (size_t)snprintf(buf + len, size - len, "%s%" PRId64, sep, d->i);
			break;
		case DV_UINT:
			len += (size_t)snprintf(buf + len, size - len, "%s%" PRIu64, sep, (uint64_t)d->i);
			break;
		case DV_STACK: {
			/* the leaf frame, and how deep */
			const char *s = d->s ? d->s : "";
			int fl = (int)strcspn(s, "\n");

			len += (size_t)snprintf(buf + len, size - len, "%s%.*s%s", sep, fl, s,
						d->n > 1 ? " <" : "");
			break;
		}
		default:
			len += (size_t)snprintf(buf + len, size - len, "%s%s", sep, d->s ? d->s : "");
			break;
		}
		if (len >= size)
			len = size - 1;
	}
}

void view_scroll_fix(struct view *v, int n, int h)
{
	if (v->pending_move) {
		long s = (long)v->sel + v->pending_move;

		/* Home or End then moves, in one batch: from the first or last */
		if (v->pending_move <= -(1 << 29))
			s = (long)v->pending_move + (1 << 30);
		else if (v->pending_move >= 1 << 29)
			s = (long)n - 1 + v->pending_move - (1 << 30);

		v->sel = s < 0 ? 0 : s > n - 1 ? n - 1 : (int)s;
		v->pending_move = 0;
	}
	if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < 0)
		v->sel = 0;
	if (h < 1)
		h = 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + h)
		v->top = v->sel - h + 1;
	if (v->top > n - h)
		v->top = n - h;
	if (v->top < 0)
		v->top = 0;
	v->page = h;
}

int view_click(struct view *v, int y)
{
	/* rows start below the title and the column header; the log has no
	 * selection, its lines scroll */
	int row = v->top + y - 2;

	if (v->kind == VIEW_LOG || y < 2 || row >= v->nrows)
		return VR_NONE;
	v->pending_move = row - v->sel;
	return VR_REDRAW;
}

void view_render(struct view *v, const struct dscope_snap *s, const struct vwin *w, const struct vctx *cx,
		 int focus)
{
	struct vwin body;
	char t[320];
	static const char *const kinds[] = {
		[VIEW_TABLE] = "table", [VIEW_HIST] = "histogram", [VIEW_LOG] = "log", [VIEW_TREE] = "tree"
	};
	const char *kind = kinds[v->kind];

	if (w->h < 1 || w->w < 1)
		return;
	vwin_fill(w, 0, 0, w->w, L' ', focus ? VA_TITLESEL : VA_TITLE);
	snprintf(t, sizeof(t), " %s %s", kind, v->kind == VIEW_LOG ? "" : v->name);
	vwin_put(w, 0, 0, focus ? VA_TITLESEL : VA_TITLE, t, -1);
	body = vwin_sub(w, 0, 1, w->w, w->h - 1);
	if (v->kind != VIEW_LOG)
		snprintf(v->mode, sizeof(v->mode), "%s", v->interval ? "last interval" : "since start");
	switch (v->kind) {
	case VIEW_TABLE:
		view_table_render(v, s, &body, cx);
		break;
	case VIEW_HIST:
		view_hist_render(v, s, &body, cx);
		break;
	case VIEW_LOG:
		view_log_render(v, &body, cx);
		break;
	case VIEW_TREE:
		view_tree_render(v, s, &body, cx);
		break;
	}
	/* what the view adds to its title: mode, filter, rows (right side);
	 * the mode alone when that is too wide */
	t[0] = 0;
	if (v->kind == VIEW_TREE)
		view_tree_status(v, t, sizeof(t));
	else if (v->kind != VIEW_LOG)
		snprintf(t, sizeof(t), "%s  %s%s%s%d row%s ", v->mode, v->filter[0] ? "filter '" : "",
			 v->filter, v->filter[0] ? "'  " : "", v->nrows, v->nrows == 1 ? "" : "s");
	else
		snprintf(t, sizeof(t), "%s%d line%s ", v->follow ? "following  " : "paused  ", v->nrows,
			 v->nrows == 1 ? "" : "s");
	if (draw_width(t) >= w->w - (int)strlen(v->name) - 12 && v->kind != VIEW_TREE && v->kind != VIEW_LOG)
		snprintf(t, sizeof(t), "%s ", v->mode);
	if (draw_width(t) < w->w - (int)strlen(v->name) - 12)
		vwin_put(w, w->w - draw_width(t), 0, focus ? VA_TITLESEL : VA_TITLE, t, -1);
}

void view_set_interval(struct view *v, int on)
{
	if (v->kind == VIEW_TREE && v->interval && !on) {
		/* a tree keeps values only in interval mode: the next one
		 * starts afresh, not from this one's last snapshot */
		view_delta_free(v->delta);
		v->delta = NULL;
	}
	v->interval = on;
}

/* The title's mode in interval mode (dstate, secs: view_delta_state), with
 * the rate of `total` (what the interval counted, -1 none). */
void view_mode_interval(struct view *v, int dstate, double secs, int64_t total)
{
	if (!v->interval)
		return;
	if (dstate == VD_FULL)
		snprintf(v->mode, sizeof(v->mode), "since start (too many keys)");
	else if (dstate == VD_NONE)
		snprintf(v->mode, sizeof(v->mode), "since start (out of memory)");
	else if (dstate == VD_START)
		snprintf(v->mode, sizeof(v->mode), "last: since start");
	else if (secs > 0 && total >= 0)
		snprintf(v->mode, sizeof(v->mode), "last %.1fs  %.*f/s", secs,
			 (double)total / secs < 10 ? 1 : 0, (double)total / secs);
	else if (secs > 0)
		snprintf(v->mode, sizeof(v->mode), "last %.1fs", secs);
}

int view_act(struct view *v, enum view_act a)
{
	int ncols = v->nkeys + v->naggs;

	if (a == VACT_INTERVAL) {
		if (v->kind == VIEW_LOG)
			return VR_NONE;
		view_set_interval(v, !v->interval);
		return VR_REDRAW;
	}
	if (v->kind == VIEW_TREE && (a == VACT_SORT_NEXT || a == VACT_SORT_PREV || a == VACT_SORT_REV))
		return VR_NONE;
	if (v->kind == VIEW_TREE && a >= VACT_EXPAND)
		return view_tree_act(v, a);
	switch (a) {
	case VACT_UP:
		v->pending_move--;
		break;
	case VACT_DOWN:
		v->pending_move++;
		break;
	case VACT_PGUP:
		v->pending_move -= v->page > 1 ? v->page - 1 : 1;
		break;
	case VACT_PGDN:
		v->pending_move += v->page > 1 ? v->page - 1 : 1;
		break;
	case VACT_HOME:
		v->pending_move = -(1 << 30);
		break;
	case VACT_END:
		v->pending_move = 1 << 30;
		break;
	case VACT_SORT_NEXT:
	case VACT_SORT_PREV: {
		int c = v->sortcol < 0 ? v->nkeys : v->sortcol;

		c = (c + (a == VACT_SORT_NEXT ? 1 : ncols - 1)) % (ncols ? ncols : 1);
		v->sortcol = c;
		v->sortrev = c < v->nkeys; /* keys ascending, values descending */
		break;
	}
	case VACT_SORT_REV:
		v->sortrev = !v->sortrev;
		break;
	case VACT_FOLLOW:
		v->follow = 1;
		break;
	case VACT_SEARCH_NEXT:
		v->search_pending = 2;
		break;
	case VACT_ENTER:
		return VR_DRILL;
	case VACT_BACK:
		return VR_UNUSED;
	case VACT_EXPAND:
	case VACT_COLLAPSE:
	case VACT_INVERT:
	case VACT_INTERVAL:
		return VR_NONE;
	}
	if (v->kind == VIEW_LOG && a != VACT_FOLLOW && a != VACT_SEARCH_NEXT)
		v->follow = a == VACT_END;
	return VR_REDRAW;
}
