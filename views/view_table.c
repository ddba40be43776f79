/*
 * view_table.c - the table view: scalar aggregations (count, sum, avg, min,
 * max, stddev) that share their keys, one row per key, one column per key
 * component and per aggregation, and the share of the total.
 *
 * Rows are rebuilt from each snapshot (agg_join gives one row per distinct
 * key over the tables), filtered by the typed substring, sorted by the
 * chosen column (values largest first, keys in order; ties by key), then
 * cut to the `trunc` limit.  The selection follows its key, not its place.
 * Widths are computed from the rows on screen only, so a refresh costs one
 * pass over the rows plus a sort.
 *
 * In interval mode (`d`) a row shows what changed since the previous
 * snapshot the view rendered (view_delta.c keeps its values): the
 * differences of counts and sums, the mean and standard deviation of the
 * interval's values, minimums and maximums since start (their headers
 * marked `*`), and the rate per second of the share column when it is a
 * count or a sum.  Shares, sorting and the bar are over the interval's
 * figures; rows that did not change in it stay, after those that did.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

struct trow {
	const struct dvalue *keys;
	size_t keyoff; /* its key text in the text buffer, NOKEY: not made yet */
	int64_t val[VIEW_MAXAGGS];
	int idle; /* interval mode: nothing changed in the interval */
};

enum { SLOTS = 4 }; /* data slots of a scalar aggregation, at most */
#define NOKEY ((size_t)-1)

/* A row's key as text, made the first time it is asked for (a filter
 * needs every row's; otherwise the selection, the search and the rows
 * shown ask for theirs): in the text buffer *text (*tlen used of *tcap). */
static const char *rkey(char **text, size_t *tlen, size_t *tcap, struct trow *row, int nkeys)
{
	if (row->keyoff == NOKEY) {
		char kt[512];
		size_t kl;

		view_key_text(&(struct agg_entry){ .keys = (struct dvalue *)row->keys }, nkeys, kt,
			      sizeof(kt));
		kl = strlen(kt) + 1;
		if (*tlen + kl > *tcap) {
			char *nt = realloc(*text, *tlen + kl + *tcap + 4096);

			if (!nt)
				return "";
			*text = nt;
			*tcap = *tlen + kl + *tcap + 4096;
		}
		memcpy(*text + *tlen, kt, kl);
		row->keyoff = *tlen;
		*tlen += kl;
	}
	return *text + row->keyoff;
}

struct tsort {
	const struct view *v;
	const char *text;
};

/* The value shown for data of table t whose entry has normalization en. */
static int64_t data_value(const struct agg_table *t, const int64_t *data, int64_t en)
{
	int64_t v = agg_entry_value(t->desc, data), n = t->normal > 1 ? t->normal : en;

	if (t->desc->func == AGG_STDDEV)
		return (int64_t)agg_stddev(data, n > 1 ? n : 1);
	return n > 1 ? v / n : v;
}

/* v per second over secs, rounded */
static int64_t per_sec(int64_t v, double secs)
{
	double r = (double)v / secs;

	return (int64_t)(r < 0 ? r - 0.5 : r + 0.5);
}

static int is_minmax(const struct agg_table *t)
{
	return t->desc->func == AGG_MIN || t->desc->func == AGG_MAX;
}

static int row_cmp(const void *pa, const void *pb, void *arg)
{
	const struct trow *a = pa, *b = pb;
	const struct tsort *ts = arg;
	const struct view *v = ts->v;
	int c = v->sortcol < 0 ? v->nkeys : v->sortcol, r = 0;

	if (a->idle != b->idle) /* whatever the order */
		return a->idle - b->idle;
	if (c >= v->nkeys) {
		int64_t x = a->val[c - v->nkeys], y = b->val[c - v->nkeys];

		r = x < y ? 1 : x > y ? -1 : 0; /* largest first */
		if (!r && v->nkeys)
			return agg_key_cmp(a->keys, b->keys, v->nkeys, 0);
	} else {
		r = -agg_key_cmp(a->keys, b->keys, v->nkeys, c); /* so that rev gives A..Z */
	}
	return v->sortrev ? -r : r;
}

/* What cx->pid_gone says of the process of a row keyed by pid (component
 * pidk): alive, exited (dimmed), or exited long enough ago to leave. */
static int row_gone(const struct trow *row, int pidk, const struct vctx *cx)
{
	char kt[64], *end;
	long pid;

	view_key_text(&(struct agg_entry){ .keys = (struct dvalue *)row->keys + pidk }, 1, kt, sizeof(kt));
	pid = strtol(kt, &end, 10);
	return end != kt && !*end && pid > 0 ? cx->pid_gone(pid) : VG_ALIVE;
}

/*
 * The view's default order (the value, largest first, ties by key) from
 * the engine's: a table taken from the engine is already in printa's
 * order (the value ascending, ties by key), so the entries read from the
 * last, each run of equal values from its first, are in the view's order
 * without a sort (at 100,000 keys of equal counts, a sort is mostly key
 * comparisons).  Only for a count or a sum, not normalized, with the
 * default printa order, and after checking the entries really are in it
 * (one comparison an entry).  Fills order with entry indices and returns
 * 1; 0 when the caller must sort.
 */
static int presorted_order(const struct view *v, const struct dscope_snap *s, const struct agg_table *t,
			   int *order)
{
	const struct agg_entry *e = t->entries;
	int n = (int)t->n, o = 0;

	if ((v->sortcol >= 0 && v->sortcol != v->nkeys) || v->sortrev || t->normal > 1 ||
	    (t->desc->func != AGG_COUNT && t->desc->func != AGG_SUM) || s->sort.sortkey || s->sort.sortrev ||
	    s->sort.sortpos || s->sort.sortkeypos)
		return 0;
	for (int r = 0; r < n; r++)
		if (e[r].normal > 1 || (r && (e[r - 1].data[0] > e[r].data[0] ||
					      (e[r - 1].data[0] == e[r].data[0] &&
					       agg_key_cmp(e[r - 1].keys, e[r].keys, v->nkeys, 0) > 0))))
			return 0;
	for (int r = n - 1; r >= 0;) {
		int b = r;

		while (b > 0 && e[b - 1].data[0] == e[r].data[0])
			b--;
		for (int i = b; i <= r; i++)
			order[o++] = i;
		r = b - 1;
	}
	return 1;
}

static void col_header(const struct view *v, const struct dscope_snap *s, int i, char *buf, size_t size)
{
	int id = v->aggs[i];
	const struct agg_desc *d = s && id < s->naggs ? s->aggs[id].desc : NULL;
	static const char *const fn[] = { "COUNT", "SUM", "AVG", "MIN", "MAX", "STDDEV" };

	if (!d)
		snprintf(buf, size, "?");
	else if (d->name[0])
		snprintf(buf, size, "@%s", d->name);
	else
		snprintf(buf, size, "%s", d->func <= AGG_STDDEV ? fn[d->func] : "VALUE");
}

/*
 * The rows of the last render, sorted and filtered, kept with a reference
 * to their snapshot: a render of the same snapshot with the same sort,
 * filter and mode (a key, a resize: what happens between refreshes) lays
 * them out again without joining, decoding and sorting every key (80 ms at
 * 100,000 keys).
 */
struct view_tcache {
	struct dscope_snap *s;
	uint64_t seq;
	int sortcol, sortrev, interval;
	char filter[128];
	struct trow *rows;
	char *text;
	size_t tlen, tcap;
	int nrows; /* before truncation */
	int64_t total;
	int iv, dstate, anymm;
	double secs;
};

void view_tcache_free(struct view_tcache *c)
{
	if (!c)
		return;
	dscope_snap_release(c->s);
	free(c->rows);
	free(c->text);
	free(c);
}

static int tcache_hit(const struct view *v, const struct dscope_snap *s)
{
	const struct view_tcache *c = v->tcache;

	return c && c->s == s && c->seq == s->seq && c->sortcol == v->sortcol && c->sortrev == v->sortrev &&
	       c->interval == v->interval && !strcmp(c->filter, v->filter);
}

void view_table_render(struct view *v, const struct dscope_snap *s, const struct vwin *w,
		       const struct vctx *cx)
{
	struct agg_table *tabs[VIEW_MAXAGGS];
	int n = 0, *join = NULL, nj, nrows = 0;
	struct trow *rows = NULL;
	char *text = NULL;
	size_t tlen = 0, tcap = 0;
	int64_t total = 0;
	int newsnap, iv, dstate, anymm = 0, presorted = 0;
	double secs = 0;

	v->nrows = 0;
	if (!s || w->h < 2) {
		if (w->h > 1)
			vwin_put(w, 1, 1, VA_DIM, "waiting for data", -1);
		return;
	}
	for (int i = 0; i < v->naggs; i++)
		if (v->aggs[i] < s->naggs)
			tabs[n++] = &s->aggs[v->aggs[i]];
	if (n != v->naggs) {
		vwin_put(w, 1, 1, VA_ERROR, "the program no longer has these aggregations", -1);
		return;
	}
	/* a key labelled pid: rows of processes that have exited are dimmed,
	 * and left out once they have been gone a while */
	int pidk = -1;

	for (int k = 0; cx->pid_gone && k < v->nkeys && k < 8; k++)
		if (!strcmp(v->keylabel[k], "pid"))
			pidk = k;
	int pc = v->sortcol >= v->nkeys ? v->sortcol - v->nkeys : 0; /* the share column's aggregation */

	if (tcache_hit(v, s)) {
		struct view_tcache *c = v->tcache;

		rows = c->rows;
		text = c->text;
		tlen = c->tlen;
		tcap = c->tcap;
		nrows = c->nrows;
		total = c->total;
		iv = c->iv;
		dstate = c->dstate;
		anymm = c->anymm;
		secs = c->secs;
		goto built;
	}
	/* interval mode: against the values kept from the previous snapshot */
	newsnap = view_delta_begin(v, s, cx) > 0;
	dstate = view_delta_state(v->delta, &secs);
	iv = v->interval && (dstate == VD_START || dstate == VD_PREV);
	for (int i = 0; i < n; i++)
		anymm |= is_minmax(tabs[i]);
	/* one aggregation: its entries are the rows already (a table's keys
	 * are distinct), no join and its two sorts of every key */
	if (n == 1) {
		nj = (int)tabs[0]->n;
		join = malloc(sizeof(*join) * (size_t)(nj ? nj : 1));
		if (join && !iv)
			presorted = presorted_order(v, s, tabs[0], join);
		for (int r = 0; join && !presorted && r < nj; r++)
			join[r] = r;
		if (!join)
			nj = -1;
	} else {
		nj = agg_join(tabs, n, NULL, &join);
	}
	if (nj > 0)
		rows = malloc(sizeof(*rows) * (size_t)nj);
	if (nj < 0 || (nj > 0 && !rows)) {
		free(join);
		vwin_put(w, 1, 1, VA_ERROR, "out of memory", -1);
		return;
	}
	/* the rows, filtered (their key texts made only as asked for) */
	for (int r = 0; r < nj; r++) {
		struct trow *row = &rows[nrows];
		int64_t cur[VIEW_MAXAGGS * SLOTS] = { 0 }, old[VIEW_MAXAGGS * SLOTS], dd[SLOTS];

		row->keys = NULL;
		row->idle = 0;
		for (int i = 0; i < n; i++) {
			int e = join[r * n + i], nd = tabs[i]->desc->ndata;

			if (e < 0)
				continue;
			memcpy(cur + i * SLOTS, tabs[i]->entries[e].data,
			       sizeof(int64_t) * (size_t)(nd < SLOTS ? nd : SLOTS));
			if (!row->keys)
				row->keys = tabs[i]->entries[e].keys;
		}
		if (!row->keys)
			continue;
		if (newsnap || iv) {
			view_delta_key(v->delta, row->keys, v->nkeys);
			if (newsnap)
				view_delta_put(v->delta, cur, n * SLOTS);
			if (iv)
				view_delta_prev(v->delta, old, n * SLOTS);
		}
		row->idle = iv;
		for (int i = 0; i < n; i++) {
			int e = join[r * n + i];
			int64_t en = e < 0 ? 1 : tabs[i]->entries[e].normal;

			row->val[i] = 0;
			if (!iv) {
				if (e >= 0)
					row->val[i] = data_value(tabs[i], cur + i * SLOTS, en);
			} else if (tabs[i]->desc->ndata <= SLOTS) {
				if (view_delta_data(tabs[i]->desc, cur + i * SLOTS, old + i * SLOTS, dd))
					row->idle = 0;
				row->val[i] = data_value(tabs[i], dd, en);
			}
		}
		row->keyoff = NOKEY;
		if (v->filter[0] && !draw_match(rkey(&text, &tlen, &tcap, row, v->nkeys), v->filter))
			continue;
		if (pidk >= 0 && row_gone(row, pidk, cx) == VG_LEFT)
			continue;
		nrows++;
	}
	free(join);
	struct tsort ts = { v, text };

	if (nrows > 1 && !presorted)
		qsort_r(rows, (size_t)nrows, sizeof(*rows), row_cmp, &ts);

	for (int r = 0; r < nrows; r++)
		total += rows[r].val[pc] < 0 ? -rows[r].val[pc] : rows[r].val[pc];
	/* kept for the renders of this snapshot to come */
	{
		struct view_tcache *c = v->tcache ? v->tcache : calloc(1, sizeof(*c));

		if (c) {
			dscope_snap_release(c->s);
			free(c->rows);
			free(c->text);
			*c = (struct view_tcache){ .s = dscope_snap_acquire((struct dscope_snap *)s),
						   .seq = s->seq,
						   .sortcol = v->sortcol,
						   .sortrev = v->sortrev,
						   .interval = v->interval,
						   .rows = rows,
						   .text = text,
						   .tlen = tlen,
						   .tcap = tcap,
						   .nrows = nrows,
						   .total = total,
						   .iv = iv,
						   .dstate = dstate,
						   .anymm = anymm,
						   .secs = secs };
			snprintf(c->filter, sizeof(c->filter), "%s", v->filter);
			v->tcache = c;
		}
	}
built:
	if (v->trunc > 0 && nrows > v->trunc)
		nrows = v->trunc;
	v->nrows = nrows;

	/* the selection: the same key as before, then the recorded moves */
	if (v->selkey[0] && !v->pending_move)
		for (int r = 0; r < nrows; r++)
			if (!strcmp(rkey(&text, &tlen, &tcap, &rows[r], v->nkeys), v->selkey)) {
				v->sel = r;
				break;
			}
	int h = w->h - 1;

	view_scroll_fix(v, nrows, h);
	if (v->search_pending && v->search[0] && nrows) {
		int from = v->sel + (v->search_pending == 2);

		for (int k = 0; k < nrows; k++) {
			int r = (from + k) % nrows;

			if (draw_match(rkey(&text, &tlen, &tcap, &rows[r], v->nkeys), v->search)) {
				v->sel = r;
				break;
			}
		}
		view_scroll_fix(v, nrows, h);
	}
	v->search_pending = 0;
	if (nrows) {
		snprintf(v->selkey, sizeof(v->selkey), "%s",
			 rkey(&text, &tlen, &tcap, &rows[v->sel], v->nkeys));
		for (int k = 0; k < v->nkeys && k < 8; k++)
			view_key_text(&(struct agg_entry){ .keys = (struct dvalue *)rows[v->sel].keys + k },
				      1, v->selk[k], sizeof(v->selk[k]));
	}

	/* the interval's rate per second, of the share column's count or sum */
	int rate = iv && secs > 0 && (tabs[pc]->desc->func == AGG_COUNT || tabs[pc]->desc->func == AGG_SUM);

	if (v->interval) {
		view_mode_interval(v, dstate, secs, -1);
		if (dstate == VD_PREV && anymm)
			snprintf(v->mode + strlen(v->mode), sizeof(v->mode) - strlen(v->mode),
				 " (*: since start)");
	}

	/* column widths: values from the rows shown, keys share the rest */
	int vw[VIEW_MAXAGGS], kw[8] = { 0 }, pw = 7, bw = w->w >= 90 ? 12 : 0, used = 0, rw = 0;
	char hdr[VIEW_MAXAGGS][48], rhdr[48], num[64];
	const char *up = cx->utf8 ? "\xe2\x96\xb2" : "^", *down = cx->utf8 ? "\xe2\x96\xbc" : "v";

	for (int i = 0; i < n; i++) {
		col_header(v, s, i, hdr[i], sizeof(hdr[i]) - 5);
		if (i == pc) {
			snprintf(rhdr, sizeof(rhdr), "%s/s", hdr[i]);
			rw = draw_width(rhdr) > 8 ? draw_width(rhdr) : 8;
		}
		if (dstate == VD_PREV && v->interval && is_minmax(tabs[i]))
			strcat(hdr[i], "*");
		if (v->sortcol == v->nkeys + i || (v->sortcol < 0 && i == 0))
			strcat(hdr[i], v->sortrev ? up : down);
		vw[i] = draw_width(hdr[i]) > 8 ? draw_width(hdr[i]) : 8;
		for (int r = v->top; r < v->top + h && r < nrows; r++) {
			int l =
			    draw_width(draw_units(num, sizeof(num), rows[r].val[i], v->units[i], cx->utf8));

			if (l > vw[i])
				vw[i] = l;
		}
		used += vw[i] + 2;
	}
	for (int r = v->top; rate && r < v->top + h && r < nrows; r++) {
		int l = draw_width(
		    draw_units(num, sizeof(num), per_sec(rows[r].val[pc], secs), v->units[pc], cx->utf8));

		if (l > rw)
			rw = l;
	}
	/* the rate column only when the keys keep some room */
	if (rate && w->w - used - pw - 1 - bw - rw - 2 - 1 < v->nkeys * 8)
		rate = 0;
	if (rate)
		used += rw + 2;
	used += pw + 1 + bw;
	int avail = w->w - used - 1;

	for (int k = 0; k < v->nkeys && k < 8; k++) {
		kw[k] = v->keylabel[k][0] ? (int)strlen(v->keylabel[k]) + 1 : 4;
		for (int r = v->top; r < v->top + h && r < nrows; r++) {
			char kt[512];

			view_key_text(&(struct agg_entry){ .keys = (struct dvalue *)rows[r].keys + k }, 1, kt,
				      sizeof(kt));
			if (draw_width(kt) > kw[k])
				kw[k] = draw_width(kt);
		}
	}
	/* keys as wide as they need, within what is left; the bar takes the
	 * rest, up to 40 cells */
	for (int k = 0; k < v->nkeys && k < 8; k++) {
		int rest = v->nkeys - 1 - k, cap = avail - 2 - rest * 6;

		if (kw[k] > cap)
			kw[k] = cap > 4 ? cap : 4;
		avail -= kw[k] + 2;
	}
	if (bw && avail > 0)
		bw += avail < 28 ? avail : 28;
	if (v->nkeys == 0)
		kw[0] = 0;

	/* header */
	int x = 1;

	vwin_fill(w, 0, 0, w->w, L' ', VA_HEADER);
	for (int k = 0; k < v->nkeys && k < 8; k++) {
		char l[48];

		if (v->keylabel[k][0])
			snprintf(l, sizeof(l) - 4, "%s", v->keylabel[k]);
		else
			snprintf(l, sizeof(l) - 4, "KEY%d", k + 1);
		if (v->sortcol == k)
			strcat(l, v->sortrev ? up : down);
		vwin_put(w, x, 0, VA_HEADER, l, kw[k]);
		x += kw[k] + 2;
	}
	for (int i = 0; i < n; i++) {
		vwin_put(w, x + vw[i] - draw_width(hdr[i]), 0, VA_HEADER, hdr[i], -1);
		x += vw[i] + 2;
	}
	if (rate) {
		vwin_put(w, x + rw - draw_width(rhdr), 0, VA_HEADER, rhdr, -1);
		x += rw + 2;
	}
	vwin_put(w, x + pw - 1, 0, VA_HEADER, "%", -1);

	/* rows; those of a process that has exited dimmed */
	for (int r = v->top, y = 1; r < nrows && y <= h; r++, y++) {
		const struct trow *row = &rows[r];
		int attr = r == v->sel ? VA_SELECT : VA_NORMAL;

		if (pidk >= 0 && row_gone(row, pidk, cx) != VG_ALIVE)
			attr = attr == VA_SELECT ? VA_GONESEL : VA_GONE;

		x = 1;
		if (attr == VA_SELECT || attr == VA_GONESEL)
			vwin_fill(w, 0, y, w->w, L' ', attr);
		for (int k = 0; k < v->nkeys && k < 8; k++) {
			char kt[512];

			view_key_text(&(struct agg_entry){ .keys = (struct dvalue *)row->keys + k }, 1, kt,
				      sizeof(kt));
			vwin_put(w, x, y, attr, kt, kw[k]);
			x += kw[k] + 2;
		}
		for (int i = 0; i < n; i++) {
			draw_units(num, sizeof(num), row->val[i], v->units[i], cx->utf8);
			vwin_put(w, x + vw[i] - draw_width(num), y, attr, num, -1);
			x += vw[i] + 2;
		}
		if (rate) {
			draw_units(num, sizeof(num), per_sec(row->val[pc], secs), v->units[pc], cx->utf8);
			vwin_put(w, x + rw - draw_width(num), y, attr, num, -1);
			x += rw + 2;
		}
		double share =
		    total ? (double)(row->val[pc] < 0 ? -row->val[pc] : row->val[pc]) / (double)total : 0;

		snprintf(num, sizeof(num), "%.1f%%", share * 100);
		vwin_put(w, x + pw - draw_width(num), y, attr, num, -1);
		x += pw + 1;
		if (bw) {
			wchar_t bar[64];
			int nb = draw_bar(bar, bw - 1, share, cx->utf8);

			for (int i = 0; i < nb; i++)
				vwin_fill(w, x + i, y, 1, bar[i], attr == VA_NORMAL ? VA_BAR : attr);
		}
	}
	if (!nrows)
		vwin_put(w, 1, 1, VA_DIM, v->filter[0] ? "no row matches the filter" : "no data yet", -1);
	if (!v->tcache || v->tcache->rows != rows) {
		free(rows);
		free(text);
	} else {
		/* the keys made text since: kept too */
		v->tcache->text = text;
		v->tcache->tlen = tlen;
		v->tcache->tcap = tcap;
	}
}
