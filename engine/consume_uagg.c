/*
 * consume_uagg.c - aggregations kept in user space: those keyed by a
 * DWARF-captured user stack (d_agg.in_user).
 *
 * The kernel cannot unwind such a stack, so each update arrives as a
 * REC_AGG record carrying the value and the raw key.  Here the key is
 * decoded (the stack unwound and named, cached by ustack.h), and the entry
 * with that decoded key updated as the kernel updates its maps (agg_update).
 * Snapshots, clear() and trunc() see these tables exactly as they see the
 * kernel's: printa cannot tell the two apart.
 */
#include <stdlib.h>
#include <string.h>

#include "dscope_int.h"

struct uentry {
	char *canon;	     /* the decoded key as one string, for lookup */
	struct dvalue *keys; /* owned copies */
	int64_t *data;
};

struct uagg {
	struct uentry *v;
	size_t n, cap;
	size_t *index; /* open addressing over v, SIZE_MAX empty */
	size_t icap;
};

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void entry_free(struct uentry *e, int nkeys)
{
	for (int k = 0; k < nkeys; k++)
		free((char *)e->keys[k].s);
	free(e->keys);
	free(e->data);
	free(e->canon);
}

static int reindex(struct uagg *u)
{
	size_t cap = u->icap ? u->icap : 64;

	while (cap < u->n * 2 + 2)
		cap *= 2;
	free(u->index);
	u->index = malloc(cap * sizeof(*u->index));
	if (!u->index)
		return -1;
	u->icap = cap;
	memset(u->index, 0xff, cap * sizeof(*u->index));
	for (size_t i = 0; i < u->n; i++) {
		size_t j = hash(u->v[i].canon, strlen(u->v[i].canon)) & (cap - 1);

		while (u->index[j] != SIZE_MAX)
			j = (j + 1) & (cap - 1);
		u->index[j] = i;
	}
	return 0;
}

static struct uagg *uagg_of(struct dscope *h, int id)
{
	if (!h->uaggs)
		h->uaggs = calloc((size_t)(h->dp.naggs ? h->dp.naggs : 1), sizeof(*h->uaggs));
	if (!h->uaggs)
		return NULL;
	if (!h->uaggs[id])
		h->uaggs[id] = calloc(1, sizeof(struct uagg));
	return h->uaggs[id];
}

/* Append a key's canonical text: kind, then value */
static int canon_add(char **buf, size_t *len, size_t *cap, const struct dvalue *v)
{
	char num[32];
	const char *s = v->s ? v->s : "";
	size_t need;

	if (v->kind == DV_INT || v->kind == DV_UINT) {
		snprintf(num, sizeof(num), "%lld", (long long)v->i);
		s = num;
	}
	need = *len + strlen(s) + 3;
	if (need > *cap) {
		char *nb = realloc(*buf, *cap = need * 2);

		if (!nb)
			return -1;
		*buf = nb;
	}
	*len += (size_t)snprintf(*buf + *len, *cap - *len, "%c%s%c", '0' + v->kind, s, 0x1f);
	return 0;
}

int uagg_record(struct dscope *h, const void *data, size_t size)
{
	const struct rec_hdr *hd = data;
	const struct rec_agg *ra = (const void *)(hd + 1);
	const char *key = (const char *)(ra + 1);
	const struct d_agg *g;
	struct uagg *u;
	struct dvalue keys[8];
	struct arena tmp;
	char *canon = NULL;
	size_t len = 0, cap = 0, j;
	int nk, rc = -1;

	if (hd->mask >= (uint32_t)h->dp.naggs)
		return 0;
	g = h->dp.aggv[hd->mask];
	if (!g->in_user || size < sizeof(*hd) + sizeof(*ra) + (size_t)g->keysize ||
	    !(u = uagg_of(h, g->desc.id)))
		return 0;
	nk = g->desc.nkeys;
	arena_init(&tmp);
	for (int k = 0; k < nk; k++) {
		const struct d_type *t = &g->keys[k];

		if (t->k == TY_STACK || t->k == TY_SYM) {
			keys[k] = stack_decode(h, t, key + g->keyoff[k], &tmp);
		} else if (t->k == TY_STR) {
			char *sb = arena_alloc(&tmp, (size_t)t->size + 1);

			memcpy(sb, key + g->keyoff[k], (size_t)t->size);
			sb[t->size] = 0;
			keys[k] = dval_str(sb);
		} else {
			keys[k] = consume_decode_int(h, t, key + g->keyoff[k]);
		}
		if (canon_add(&canon, &len, &cap, &keys[k]))
			goto out;
	}
	if (!canon && !(canon = strdup("")))
		goto out;
	if (u->n * 2 + 2 > u->icap && reindex(u))
		goto out;
	j = hash(canon, len) & (u->icap - 1);
	while (u->index[j] != SIZE_MAX && strcmp(u->v[u->index[j]].canon, canon) != 0)
		j = (j + 1) & (u->icap - 1);
	if (u->index[j] == SIZE_MAX) {
		struct uentry *e;

		if (u->n == u->cap) {
			struct uentry *nv = realloc(u->v, (u->cap = u->cap ? u->cap * 2 : 64) * sizeof(*nv));

			if (!nv)
				goto out;
			u->v = nv;
		}
		e = &u->v[u->n];
		e->canon = canon;
		canon = NULL;
		e->keys = calloc((size_t)(nk ? nk : 1), sizeof(*e->keys));
		e->data = calloc((size_t)g->desc.ndata, sizeof(int64_t));
		if (!e->keys || !e->data) {
			free(e->keys);
			free(e->data);
			free(e->canon);
			goto out;
		}
		for (int k = 0; k < nk; k++) {
			e->keys[k] = keys[k];
			e->keys[k].s = keys[k].s ? strdup(keys[k].s) : NULL;
		}
		u->index[j] = u->n++;
	}
	agg_update(&g->desc, u->v[u->index[j]].data, ra->value, ra->incr);
	rc = 0;
out:
	free(canon);
	arena_fini(&tmp);
	return rc;
}

int uagg_take(struct dscope *h, const struct d_agg *g, struct arena *ar, struct agg_table *t)
{
	struct uagg *u = h->uaggs ? h->uaggs[g->desc.id] : NULL;
	int nk = g->desc.nkeys, nd = g->desc.ndata;

	memset(t, 0, sizeof(*t));
	t->desc = &g->desc;
	t->normal = h->aggst[g->desc.id].normal;
	if (!u || !u->n)
		return 0;
	t->entries = arena_alloc(ar, sizeof(*t->entries) * u->n);
	for (size_t i = 0; i < u->n; i++) {
		struct agg_entry *e = &t->entries[t->n++];

		e->keys = arena_alloc(ar, sizeof(*e->keys) * (size_t)(nk ? nk : 1));
		for (int k = 0; k < nk; k++) {
			e->keys[k] = u->v[i].keys[k];
			if (e->keys[k].s)
				e->keys[k].s = arena_strdup(ar, e->keys[k].s);
		}
		e->data = arena_alloc(ar, sizeof(int64_t) * (size_t)nd);
		memcpy(e->data, u->v[i].data, sizeof(int64_t) * (size_t)nd);
		e->normal = 1;
	}
	agg_sort(t, &h->sort);
	return 0;
}

void uagg_clear(struct dscope *h, int id, int trunc, int64_t keep)
{
	struct uagg *u = h->uaggs ? h->uaggs[id] : NULL;
	const struct d_agg *g = h->dp.aggv[id];

	if (!u)
		return;
	if (!trunc) {
		for (size_t i = 0; i < u->n; i++)
			memset(u->v[i].data, 0, sizeof(int64_t) * (size_t)g->desc.ndata);
		return;
	}
	if (keep) {
		/* keep the n largest (trunc(@, n)) or smallest (trunc(@, -n)) */
		size_t nkeep = (size_t)(keep < 0 ? -keep : keep);

		while (u->n > nkeep) {
			size_t drop = 0;

			for (size_t i = 1; i < u->n; i++) {
				int64_t a = agg_entry_value(&g->desc, u->v[i].data),
					b = agg_entry_value(&g->desc, u->v[drop].data);

				if (keep > 0 ? a < b : a > b)
					drop = i;
			}
			entry_free(&u->v[drop], g->desc.nkeys);
			u->v[drop] = u->v[--u->n];
		}
	} else {
		for (size_t i = 0; i < u->n; i++)
			entry_free(&u->v[i], g->desc.nkeys);
		u->n = 0;
	}
	reindex(u);
}

void uagg_free(struct dscope *h)
{
	for (int id = 0; h->uaggs && id < h->dp.naggs; id++) {
		struct uagg *u = h->uaggs[id];

		if (!u)
			continue;
		for (size_t i = 0; i < u->n; i++)
			entry_free(&u->v[i], h->dp.aggv[id]->desc.nkeys);
		free(u->v);
		free(u->index);
		free(u);
	}
	free(h->uaggs);
	h->uaggs = NULL;
}

void uagg_keep(struct dscope *h, int id, const struct agg_keyset *keep)
{
	struct uagg *u = h->uaggs ? h->uaggs[id] : NULL;
	int nk = h->dp.aggv[id]->desc.nkeys;
	size_t n = 0;

	if (!u)
		return;
	for (size_t i = 0; i < u->n; i++) {
		/* out of memory: keep the entry rather than lose it */
		if (agg_keyset_has(keep, u->v[i].keys, nk) != 0)
			u->v[n++] = u->v[i];
		else
			entry_free(&u->v[i], nk);
	}
	u->n = n;
	reindex(u);
}
