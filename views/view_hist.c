/*
 * view_hist.c - the histogram view: a quantize, lquantize or llquantize
 * aggregation as dtrace draws it, value / bar / count rows from one bucket
 * before the first non-zero bucket to one after the last, with bars of
 * Unicode eighth-blocks (so a bar grows by an eighth of a cell, not a cell)
 * and each bucket's share of the total.
 *
 * With keys, the keys are listed on the left, largest total first, and the
 * selected key's histogram is drawn on the right; the selection follows
 * its key across snapshots.
 *
 * In interval mode (`d`) every bucket shows what it gained since the
 * previous snapshot the view rendered (view_delta.c keeps the counts), the
 * keys are ordered by what they gained, and the title gives the rate.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

struct hkey {
	int e;	       /* entry index */
	int64_t total; /* sum of its buckets */
};

static const struct agg_table *hist_table;

static int hkey_cmp(const void *pa, const void *pb)
{
	const struct hkey *a = pa, *b = pb;

	if (a->total != b->total)
		return a->total < b->total ? 1 : -1;
	return agg_key_cmp(hist_table->entries[a->e].keys, hist_table->entries[b->e].keys,
			   hist_table->desc->nkeys, 0);
}

enum { LBL = 24 };

/* The buckets of a quantization as labels and counts; returns how many. */
static int buckets(const struct agg_desc *d, const int64_t *data, int unit, int utf8, char (*lbl)[LBL],
		   int64_t *cnt, int max)
{
	int n = 0;

	if (d->func == AGG_QUANTIZE) {
		for (int i = 0; i < AGG_QUANTIZE_NBUCKETS && n < max; i++, n++) {
			draw_units(lbl[n], LBL, agg_quantize_value(i), unit, utf8);
			cnt[n] = data[i];
		}
	} else if (d->func == AGG_LQUANTIZE) {
		int64_t base = d->param[0], limit = d->param[1], step = d->param[2];
		int levels = step > 0 && limit > base ? (int)((limit - base) / step) : 0;
		char u[LBL];

		for (int i = 0; i < levels + 2 && n < max; i++, n++) {
			if (i == 0)
				snprintf(lbl[n], LBL, "< %s", draw_units(u, sizeof(u), base, unit, utf8));
			else if (i == levels + 1)
				snprintf(lbl[n], LBL, ">= %s",
					 draw_units(u, sizeof(u), base + levels * step, unit, utf8));
			else
				draw_units(lbl[n], LBL, base + (i - 1) * step, unit, utf8);
			cnt[n] = data[i];
		}
	} else {
		int64_t bounds[512];
		int nb = agg_llq_bounds(d->param[0], d->param[1], d->param[2], d->param[3], bounds, 512);
		char u[LBL];

		for (int i = 0; i <= nb && n < max; i++, n++) {
			if (i == 0)
				snprintf(lbl[n], LBL, "< %s",
					 draw_units(u, sizeof(u), bounds[0], unit, utf8));
			else
				draw_units(lbl[n], LBL, bounds[i - 1], unit, utf8);
			cnt[n] = data[i];
		}
	}
	return n;
}

/* Draw the buckets `data` of entry e of t (its data, or its interval's). */
static void draw_hist(const struct view *v, const struct agg_table *t, const struct agg_entry *e,
		      const int64_t *data, const struct vwin *w, const struct vctx *cx)
{
	static char lbl[600][LBL];
	static int64_t cnt[600];
	int n = buckets(t->desc, data, v->units[0], cx->utf8, lbl, cnt, 600), first = 0, last = n - 1;
	int64_t total = 0, normal = t->normal > 1 ? t->normal : e->normal > 1 ? e->normal : 1;
	int lw = 5, cw = 5;
	char num[64];

	while (first < n && cnt[first] == 0)
		first++;
	if (first >= n) {
		vwin_put(w, 1, 1, VA_DIM, v->interval ? "nothing in the interval" : "no data yet", -1);
		return;
	}
	while (last > first && cnt[last] == 0)
		last--;
	first = first > 0 ? first - 1 : first;
	last = last < n - 1 ? last + 1 : last;
	for (int i = first; i <= last; i++) {
		total += cnt[i] < 0 ? -cnt[i] : cnt[i];
		if (draw_width(lbl[i]) > lw)
			lw = draw_width(lbl[i]);
		snprintf(num, sizeof(num), "%" PRId64, cnt[i] / normal);
		if ((int)strlen(num) > cw)
			cw = (int)strlen(num);
	}
	/* label | bar | count share */
	int bw = w->w - (1 + lw + 3 + 1 + cw + 8);

	if (bw < 4)
		bw = 4;
	vwin_fill(w, 0, 0, w->w, L' ', VA_HEADER);
	vwin_put(w, 1 + lw - 5, 0, VA_HEADER, "value", -1);
	vwin_put(w, 1 + lw + 3 + (bw - 12) / 2, 0, VA_HEADER, "Distribution", -1);
	vwin_put(w, 1 + lw + 3 + bw + 1 + cw - 5, 0, VA_HEADER, "count", -1);
	vwin_put(w, 1 + lw + 3 + bw + 1 + cw + 7 - 1, 0, VA_HEADER, "%", -1);
	for (int i = first, y = 1 + 0; i <= last && y < w->h; i++, y++) {
		wchar_t bar[512];
		double frac = total ? (double)(cnt[i] < 0 ? -cnt[i] : cnt[i]) / (double)total : 0;
		int nb = draw_bar(bar, bw < 512 ? bw : 512, frac, cx->utf8);

		vwin_put(w, 1 + lw - draw_width(lbl[i]), y, VA_NORMAL, lbl[i], -1);
		vwin_put(w, 1 + lw + 1, y, VA_DIM, cx->utf8 ? "\xe2\x94\x82" : "|", -1);
		for (int b = 0; b < nb; b++)
			vwin_fill(w, 1 + lw + 3 + b, y, 1, bar[b], VA_BAR);
		snprintf(num, sizeof(num), "%" PRId64, cnt[i] / normal);
		vwin_put(w, 1 + lw + 3 + bw + 1 + cw - (int)strlen(num), y, VA_NORMAL, num, -1);
		snprintf(num, sizeof(num), "%.1f%%", frac * 100);
		vwin_put(w, 1 + lw + 3 + bw + 1 + cw + 7 - (int)strlen(num), y, VA_DIM, num, -1);
	}
}

/* Entry e's buckets in the interval into out (nd of them; old: room for
 * as many); setkey: e's key is not the one set last (view_delta_key).  Returns out. */
static const int64_t *interval_data(struct view *v, const struct agg_desc *d, const struct agg_entry *e,
				    int64_t *out, int64_t *old, int setkey)
{
	if (setkey)
		view_delta_key(v->delta, e->keys, v->nkeys);
	view_delta_prev(v->delta, old, d->ndata);
	view_delta_data(d, e->data, old, out);
	return out;
}

void view_hist_render(struct view *v, const struct dscope_snap *s, const struct vwin *w,
		      const struct vctx *cx)
{
	const struct agg_table *t;
	struct hkey *keys;
	int64_t *cur = NULL, *old = NULL;
	int nk = 0, newsnap, iv, dstate, nd;
	double secs = 0;

	v->nrows = 0;
	if (!s || w->h < 2) {
		if (w->h > 1)
			vwin_put(w, 1, 1, VA_DIM, "waiting for data", -1);
		return;
	}
	if (v->aggs[0] >= s->naggs) {
		vwin_put(w, 1, 1, VA_ERROR, "the program no longer has this aggregation", -1);
		return;
	}
	t = &s->aggs[v->aggs[0]];
	nd = t->desc->ndata;
	/* interval mode: against the counts kept from the previous snapshot */
	newsnap = view_delta_begin(v, s, cx) > 0;
	dstate = view_delta_state(v->delta, &secs);
	iv = v->interval && (dstate == VD_START || dstate == VD_PREV);
	keys = malloc(sizeof(*keys) * (t->n ? t->n : 1));
	/* a key's buckets in the interval, and at the previous snapshot */
	cur = malloc(sizeof(*cur) * (size_t)nd);
	old = malloc(sizeof(*old) * (size_t)nd);
	if (!keys || !cur || !old) {
		free(keys);
		free(cur);
		free(old);
		vwin_put(w, 1, 1, VA_ERROR, "out of memory", -1);
		return;
	}
	for (size_t i = 0; i < t->n; i++) {
		const struct agg_entry *e = &t->entries[i];
		char kt[512];

		if (newsnap || iv) {
			view_delta_key(v->delta, e->keys, v->nkeys);
			if (newsnap)
				view_delta_put(v->delta, e->data, nd);
		}
		view_key_text(e, v->nkeys, kt, sizeof(kt));
		if ((v->filter[0] && !draw_match(kt, v->filter)) || (v->only[0] && strcmp(kt, v->only)))
			continue;
		keys[nk].e = (int)i;
		keys[nk].total =
		    agg_entry_value(t->desc, iv ? interval_data(v, t->desc, e, cur, old, 0) : e->data);
		nk++;
	}
	hist_table = t;
	if (nk > 1)
		qsort(keys, (size_t)nk, sizeof(*keys), hkey_cmp);
	v->nrows = nk;
	if (v->nkeys == 0 || v->only[0]) {
		if (nk)
			draw_hist(v, t, &t->entries[keys[0].e],
				  iv ? interval_data(v, t->desc, &t->entries[keys[0].e], cur, old, 1)
				     : t->entries[keys[0].e].data,
				  w, cx);
		else
			vwin_put(w, 1, 1, VA_DIM, "no data yet", -1);
		view_mode_interval(v, dstate, secs, iv && nk ? keys[0].total : -1);
		free(keys);
		free(cur);
		free(old);
		return;
	}
	/* the key list */
	int kw = w->w / 3 < 32 ? w->w / 3 : 32, h = w->h - 1;
	char kt[512], num[32];

	if (v->selkey[0] && !v->pending_move)
		for (int r = 0; r < nk; r++) {
			view_key_text(&t->entries[keys[r].e], v->nkeys, kt, sizeof(kt));
			if (!strcmp(kt, v->selkey)) {
				v->sel = r;
				break;
			}
		}
	view_scroll_fix(v, nk, h);
	if (v->search_pending && v->search[0] && nk) {
		int from = v->sel + (v->search_pending == 2);

		for (int k = 0; k < nk; k++) {
			int r = (from + k) % nk;

			view_key_text(&t->entries[keys[r].e], v->nkeys, kt, sizeof(kt));
			if (draw_match(kt, v->search)) {
				v->sel = r;
				break;
			}
		}
		view_scroll_fix(v, nk, h);
	}
	v->search_pending = 0;
	vwin_fill(w, 0, 0, kw, L' ', VA_HEADER);
	vwin_put(w, 1, 0, VA_HEADER, v->keylabel[0][0] ? v->keylabel[0] : "key", kw - 8);
	vwin_put(w, kw - 6, 0, VA_HEADER, "count", -1);
	for (int r = v->top, y = 1; r < nk && y <= h; r++, y++) {
		int attr = r == v->sel ? VA_SELECT : VA_NORMAL;

		view_key_text(&t->entries[keys[r].e], v->nkeys, kt, sizeof(kt));
		vwin_fill(w, 0, y, kw, L' ', attr);
		vwin_put(w, 1, y, attr, kt, kw - 9);
		snprintf(num, sizeof(num), "%" PRId64, keys[r].total);
		vwin_put(w, kw - 1 - (int)strlen(num), y, attr, num, -1);
	}
	if (nk) {
		struct vwin right = vwin_sub(w, kw + 1, 0, w->w - kw - 1, w->h);

		view_key_text(&t->entries[keys[v->sel].e], v->nkeys, v->selkey, sizeof(v->selkey));
		for (int k = 0; k < v->nkeys && k < 8; k++)
			view_key_text(&(struct agg_entry){ .keys = t->entries[keys[v->sel].e].keys + k }, 1,
				      v->selk[k], sizeof(v->selk[k]));
		const struct agg_entry *se = &t->entries[keys[v->sel].e];

		draw_hist(v, t, se, iv ? interval_data(v, t->desc, se, cur, old, 1) : se->data, &right, cx);
	} else {
		vwin_put(w, 1, 1, VA_DIM, v->filter[0] ? "no key matches the filter" : "no data yet", -1);
	}
	view_mode_interval(v, dstate, secs, iv && nk ? keys[v->sel].total : -1);
	free(keys);
	free(cur);
	free(old);
}
