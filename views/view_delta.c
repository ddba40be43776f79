/*
 * view_delta.c - what a table or histogram needs to show the last interval
 * instead of the totals since the program started: each key's values at
 * the previous distinct snapshot the view rendered.
 *
 * A view cannot simply keep the previous snapshot: a snapshot's keys and
 * descriptors point into the compiled program, and a program swap frees
 * that program while the view lives on (a drill-down keeps its parent's
 * views, a predicate keeps views of the same shape).  So the values are
 * copied, keyed by the key's bytes (each component's kind and value, not
 * its text, so that two keys never share an id), into stores of the view's
 * own: `cur` for the snapshot being shown, filled at its first render, and
 * `prev` for the one before it, which the differences are taken against.
 * Renders of the same snapshot (keys, resizes) reuse both; a new snapshot
 * turns `cur` into `prev`.  The values are recorded whichever mode the view
 * is in, so switching to the interval shows it at once.
 *
 * A snapshot is the one rendered last when it is the same object with the
 * same seq.  A restart (no previous values) is a seq that did not grow (a
 * new handle counts from 1 again, a replay went back) or another
 * descriptor for the view's first aggregation (another program).  A key
 * whose count went down was cleared (clear()): its interval is its value.
 *
 * Memory: each store holds key bytes and values with the zeros at both
 * ends trimmed, and is bounded by VIEW_DELTA_MAX bytes; a store that would
 * pass it is marked full, and a view whose previous store is full shows
 * the totals since start and says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

enum { VIEW_DELTA_MAX = 64 << 20 };

struct dent {
	uint64_t hash;
	size_t koff, voff;
	uint32_t klen;
	int32_t lo, n; /* values lo .. lo + n - 1 kept, the rest are 0 */
};

struct dstore {
	unsigned char *keys; /* key bytes (owned) */
	size_t klen, kcap;
	int64_t *vals; /* values (owned) */
	size_t nvals, vcap;
	struct dent *ents;
	size_t nents, ecap;
	uint32_t *idx; /* open addressing: entry + 1, 0 empty */
	size_t nidx;   /* a power of two, or 0 */
	int full;
};

struct view_delta {
	struct dstore st[2];
	int cur; /* st[cur] is the current store, st[!cur] the previous */
	int have_prev;
	/* the snapshot rendered last: compared, never dereferenced */
	const void *snap, *desc;
	uint64_t seq;
	double t_cur, t_prev;
	/* the key set by view_delta_key */
	unsigned char *kb;
	size_t klen, kcap;
	uint64_t khash;
	int kbad; /* no memory for it: found nowhere, kept nowhere */
};

static void store_reset(struct dstore *s)
{
	s->klen = s->nvals = s->nents = 0;
	if (s->idx)
		memset(s->idx, 0, sizeof(*s->idx) * s->nidx);
	s->full = 0;
}

static void store_fini(struct dstore *s)
{
	free(s->keys);
	free(s->vals);
	free(s->ents);
	free(s->idx);
	memset(s, 0, sizeof(*s));
}

static size_t store_bytes(const struct dstore *s)
{
	return s->kcap + s->vcap * sizeof(int64_t) + s->ecap * sizeof(struct dent) +
	       s->nidx * sizeof(uint32_t);
}

/* Grow *p (elements of size sz, *cap of them) to hold at least need. */
static int grow(void *p, size_t *cap, size_t need, size_t sz)
{
	void *n;
	size_t c = *cap ? *cap : 64;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	n = realloc(*(void **)p, c * sz);
	if (!n)
		return -1;
	*(void **)p = n;
	*cap = c;
	return 0;
}

static int rehash(struct dstore *s, size_t nidx)
{
	uint32_t *idx = calloc(nidx, sizeof(*idx));

	if (!idx)
		return -1;
	for (size_t e = 0; e < s->nents; e++) {
		size_t i = s->ents[e].hash & (nidx - 1);

		while (idx[i])
			i = (i + 1) & (nidx - 1);
		idx[i] = (uint32_t)e + 1;
	}
	free(s->idx);
	s->idx = idx;
	s->nidx = nidx;
	return 0;
}

static const struct dent *store_find(const struct dstore *s, uint64_t h, const unsigned char *k, size_t kl)
{
	if (!s->nidx)
		return NULL;
	for (size_t i = h & (s->nidx - 1); s->idx[i]; i = (i + 1) & (s->nidx - 1)) {
		const struct dent *e = &s->ents[s->idx[i] - 1];

		if (e->hash == h && e->klen == kl && (!kl || !memcmp(s->keys + e->koff, k, kl)))
			return e;
	}
	return NULL;
}

static void store_put(struct dstore *s, uint64_t h, const unsigned char *k, size_t kl, const int64_t *v,
		      int n)
{
	int lo = 0, hi = n;
	struct dent *e;

	if (s->full || kl > UINT32_MAX)
		return;
	while (lo < hi && !v[lo])
		lo++;
	while (hi > lo && !v[hi - 1])
		hi--;
	if (store_find(s, h, k, kl))
		return; /* the same key twice: the first one counts */
	if ((s->nents + 1) * 2 > s->nidx && rehash(s, s->nidx ? s->nidx * 2 : 256)) {
		s->full = 1;
		return;
	}
	if (grow(&s->keys, &s->kcap, s->klen + kl, 1) ||
	    grow(&s->vals, &s->vcap, s->nvals + (size_t)(hi - lo), sizeof(int64_t)) ||
	    grow(&s->ents, &s->ecap, s->nents + 1, sizeof(struct dent)) || store_bytes(s) > VIEW_DELTA_MAX) {
		s->full = 1;
		return;
	}
	e = &s->ents[s->nents];
	*e = (struct dent){
		.hash = h, .koff = s->klen, .voff = s->nvals, .klen = (uint32_t)kl, .lo = lo, .n = hi - lo
	};
	if (kl)
		memcpy(s->keys + s->klen, k, kl);
	s->klen += kl;
	if (hi > lo)
		memcpy(s->vals + s->nvals, v + lo, sizeof(int64_t) * (size_t)(hi - lo));
	s->nvals += (size_t)(hi - lo);
	size_t i = h & (s->nidx - 1);

	while (s->idx[i])
		i = (i + 1) & (s->nidx - 1);
	s->idx[i] = (uint32_t)++s->nents;
}

int view_delta_begin(struct view *v, const struct dscope_snap *s, const struct vctx *cx)
{
	struct view_delta *d = v->delta;
	const void *desc = v->aggs[0] < s->naggs ? s->aggs[v->aggs[0]].desc : NULL;

	if (!d) {
		d = v->delta = calloc(1, sizeof(*d));
		if (!d)
			return -1;
	}
	if (d->snap == s && d->seq == s->seq && d->desc == desc)
		return 0;
	if (d->snap && s->seq > d->seq && d->desc == desc) {
		/* the current store becomes the previous one */
		d->cur = !d->cur;
		d->have_prev = 1;
		d->t_prev = d->t_cur;
	} else {
		store_reset(&d->st[!d->cur]);
		d->have_prev = 0;
		d->t_prev = 0;
	}
	store_reset(&d->st[d->cur]);
	d->snap = s;
	d->seq = s->seq;
	d->desc = desc;
	d->t_cur = cx->snap_time;
	return 1;
}

void view_delta_key(struct view_delta *d, const struct dvalue *keys, int nkeys)
{
	uint64_t h = 0x243f6a8885a308d3ULL;

	d->klen = 0;
	d->kbad = 0;
	for (int k = 0; k < nkeys; k++) {
		const struct dvalue *kv = &keys[k];
		unsigned char num[9];
		const char *str = NULL;
		size_t sl = 0, need;

		num[0] = (unsigned char)kv->kind;
		if (kv->kind == DV_INT || kv->kind == DV_UINT) {
			memcpy(num + 1, &kv->i, 8);
			need = 9;
		} else {
			str = kv->s ? kv->s : "";
			sl = strlen(str) + 1; /* with its NUL: "a","bc" is not "ab","c" */
			num[1] = (unsigned char)kv->user;
			need = 2 + sl;
		}
		if (grow(&d->kb, &d->kcap, d->klen + need, 1)) {
			d->kbad = 1;
			return;
		}
		memcpy(d->kb + d->klen, num, str ? 2 : 9);
		if (str)
			memcpy(d->kb + d->klen + 2, str, sl);
		d->klen += need;
	}
	/* eight bytes a multiply: a stack's key is hundreds of bytes, and a
	 * tree of 20,000 of them is hashed every refresh */
	for (size_t i = 0; i < d->klen; i += 8) {
		uint64_t w = 0;

		memcpy(&w, d->kb + i, d->klen - i < 8 ? d->klen - i : 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
		h ^= h >> 32;
	}
	d->khash = h ^ (h >> 29);
}

void view_delta_put(struct view_delta *d, const int64_t *vals, int n)
{
	if (!d->kbad)
		store_put(&d->st[d->cur], d->khash, d->kb ? d->kb : (const unsigned char *)"", d->klen, vals,
			  n);
}

int view_delta_prev(const struct view_delta *d, int64_t *out, int n)
{
	const struct dent *e = NULL;

	memset(out, 0, sizeof(*out) * (size_t)n);
	if (d->have_prev && !d->kbad)
		e = store_find(&d->st[!d->cur], d->khash, d->kb ? d->kb : (const unsigned char *)"", d->klen);
	if (!e)
		return 0;
	for (int i = 0; i < e->n && e->lo + i < n; i++)
		out[e->lo + i] = d->st[!d->cur].vals[e->voff + (size_t)i];
	return 1;
}

int view_delta_state(const struct view_delta *d, double *secs)
{
	*secs = 0;
	if (!d)
		return VD_NONE;
	if (d->have_prev && d->st[!d->cur].full)
		return VD_FULL;
	if (!d->have_prev)
		return VD_START;
	if (d->t_cur > 0 && d->t_prev > 0 && d->t_cur > d->t_prev)
		*secs = d->t_cur - d->t_prev;
	return VD_PREV;
}

void view_delta_free(struct view_delta *d)
{
	if (!d)
		return;
	store_fini(&d->st[0]);
	store_fini(&d->st[1]);
	free(d->kb);
	free(d);
}

/* Whether an aggregation's data has a count in slot 0 that only grows. */
static int counts_in_0(enum agg_func f)
{
	return f == AGG_COUNT || f == AGG_AVG || f == AGG_STDDEV;
}

int view_delta_data(const struct agg_desc *desc, const int64_t *cur, const int64_t *old, int64_t *out)
{
	int n = desc->ndata, changed = 0;

	switch (desc->func) {
	case AGG_MIN:
	case AGG_MAX:
		/* a minimum of an interval cannot be had from two minimums */
		memcpy(out, cur, sizeof(*out) * (size_t)n);
		return n > 1 && cur[1] != old[1];
	case AGG_STDDEV: {
		/* the sum of squares is 128 bits: subtract with borrow */
		uint64_t lo = (uint64_t)cur[2] - (uint64_t)old[2];
		uint64_t hi = (uint64_t)cur[3] - (uint64_t)old[3] - ((uint64_t)cur[2] < (uint64_t)old[2]);

		out[0] = cur[0] - old[0];
		out[1] = cur[1] - old[1];
		out[2] = (int64_t)lo;
		out[3] = (int64_t)hi;
		break;
	}
	default:
		for (int i = 0; i < n; i++) {
			out[i] = cur[i] - old[i];
			/* a bucket count only grows: down means cleared */
			if (desc->func >= AGG_QUANTIZE && out[i] < 0) {
				memcpy(out, cur, sizeof(*out) * (size_t)n);
				break;
			}
		}
		break;
	}
	if (counts_in_0(desc->func) && out[0] < 0) /* cleared since */
		memcpy(out, cur, sizeof(*out) * (size_t)n);
	for (int i = 0; i < n; i++)
		changed |= out[i] != 0;
	return changed;
}
