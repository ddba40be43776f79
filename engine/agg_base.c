/*
 * agg_base.c - an aggregation's base (agg_base.h): values carried over from
 * another run, folded into every table the consumer takes.
 *
 * Entries sit in an array with an open-addressing index over their
 * canonical keys (agg_key_canon), as consume_uagg.c keeps its tables.  The
 * base only changes when values are carried in, cleared or truncated; a
 * fold reads it, copying what a snapshot keeps into the snapshot's arena,
 * so a snapshot never points into a base that a later trunc() frees.
 */
#include "agg_base.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bentry {
	char *canon;	     /* the key as text, for lookup */
	struct dvalue *keys; /* owned copies (and their strings) */
	int64_t *data;
};

struct agg_base {
	const struct agg_desc *d;
	size_t max;
	struct bentry *v;
	size_t n, cap;
	size_t *index; /* over v; SIZE_MAX empty */
	size_t icap;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ^ (h >> 29);
}

/* ---- canonical keys ---- */

char *agg_key_canon(const struct dvalue *keys, int nkeys)
{
	size_t cap = 1, len = 0;
	char *buf;

	/* one allocation: a taken table asks this of every entry */
	for (int k = 0; k < nkeys; k++)
		cap +=
		    48 +
		    (keys[k].kind == DV_INT || keys[k].kind == DV_UINT || !keys[k].s ? 0 : strlen(keys[k].s));
	buf = malloc(cap);
	if (!buf)
		return NULL;
	buf[0] = 0;
	for (int k = 0; k < nkeys; k++) {
		const struct dvalue *v = &keys[k];
		const char *s = v->s ? v->s : "";

		switch (v->kind) {
		case DV_INT:
		case DV_UINT: {
			/* integers as agg_key_cmp sees them: width and the
			 * value within it, signedness aside */
			int sz = v->size > 0 && v->size < 8 ? v->size : 8;
			uint64_t x = (uint64_t)v->i;

			if (sz < 8)
				x &= (1ULL << (sz * 8)) - 1;
			len += (size_t)snprintf(buf + len, cap - len, "i%d:%llu;", sz, (unsigned long long)x);
			break;
		}
		case DV_STR:
			len += (size_t)snprintf(buf + len, cap - len, "s%zu:%s;", strlen(s), s);
			break;
		case DV_STACK:
		case DV_SYM:
			len += (size_t)snprintf(buf + len, cap - len, "%c%d.%zu:%s;",
						v->kind == DV_STACK ? 'k' : 'y', v->user, strlen(s), s);
			break;
		}
	}
	return buf;
}

/* ---- the table ---- */

struct agg_base *agg_base_new(const struct agg_desc *d, size_t max)
{
	struct agg_base *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->d = d;
	b->max = max;
	return b;
}

static void entry_free(struct bentry *e, int nkeys)
{
	for (int k = 0; e->keys && k < nkeys; k++)
		free((char *)e->keys[k].s);
	free(e->keys);
	free(e->data);
	free(e->canon);
}

void agg_base_free(struct agg_base *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		entry_free(&b->v[i], b->d->nkeys);
	free(b->v);
	free(b->index);
	free(b);
}

size_t agg_base_size(const struct agg_base *b)
{
	return b ? b->n : 0;
}

static int reindex(struct agg_base *b, size_t want)
{
	size_t cap = 64, *ix;

	while (cap < want * 2 + 2)
		cap *= 2;
	ix = malloc(cap * sizeof(*ix));
	if (!ix)
		return -ENOMEM;
	memset(ix, 0xff, cap * sizeof(*ix));
	for (size_t i = 0; i < b->n; i++) {
		size_t j = hash(b->v[i].canon) & (cap - 1);

		while (ix[j] != SIZE_MAX)
			j = (j + 1) & (cap - 1);
		ix[j] = i;
	}
	free(b->index);
	b->index = ix;
	b->icap = cap;
	return 0;
}

/* The entry with this canonical key, or SIZE_MAX; *slot gets the index
 * slot where it is or would go. */
static size_t find(const struct agg_base *b, const char *canon, size_t *slot)
{
	size_t j;

	if (!b->icap)
		return SIZE_MAX;
	for (j = hash(canon) & (b->icap - 1); b->index[j] != SIZE_MAX; j = (j + 1) & (b->icap - 1))
		if (!strcmp(b->v[b->index[j]].canon, canon))
			break;
	if (slot)
		*slot = j;
	return b->index[j];
}

int agg_base_add(struct agg_base *b, const struct dvalue *keys, const int64_t *data)
{
	int nk = b->d->nkeys, nd = b->d->ndata;
	char *canon = agg_key_canon(keys, nk);
	struct bentry *e;
	size_t i, slot = 0;

	if (!canon)
		return -ENOMEM;
	i = find(b, canon, NULL);
	if (i != SIZE_MAX) {
		agg_combine(b->d, b->v[i].data, data);
		free(canon);
		return 0;
	}
	if (b->n >= b->max) {
		free(canon);
		return 1;
	}
	if ((b->n + 1) * 2 > b->icap && reindex(b, b->n + 1)) {
		free(canon);
		return -ENOMEM;
	}
	if (b->n == b->cap) {
		size_t nc = b->cap ? b->cap * 2 : 64;
		struct bentry *nv = realloc(b->v, nc * sizeof(*nv));

		if (!nv) {
			free(canon);
			return -ENOMEM;
		}
		b->v = nv;
		b->cap = nc;
	}
	find(b, canon, &slot);
	e = &b->v[b->n];
	memset(e, 0, sizeof(*e));
	e->canon = canon;
	e->keys = calloc((size_t)(nk ? nk : 1), sizeof(*e->keys));
	e->data = malloc(sizeof(int64_t) * (size_t)nd);
	for (int k = 0; e->keys && k < nk; k++) {
		e->keys[k] = keys[k];
		e->keys[k].s = NULL;
		if (keys[k].s && !(e->keys[k].s = strdup(keys[k].s))) {
			entry_free(e, nk);
			return -ENOMEM;
		}
	}
	if (!e->keys || !e->data) {
		entry_free(e, nk);
		return -ENOMEM;
	}
	memcpy(e->data, data, sizeof(int64_t) * (size_t)nd);
	b->index[slot] = b->n++;
	return 0;
}

int agg_base_fold(const struct agg_base *b, struct arena *ar, struct agg_table *t)
{
	int nk = b->d->nkeys, nd = b->d->ndata;
	uint8_t *used;
	size_t extra;

	if (!b->n)
		return 0;
	used = calloc(b->n, 1);
	if (!used)
		return -ENOMEM;
	extra = b->n;
	for (size_t i = 0; i < t->n && extra; i++) {
		char *canon = agg_key_canon(t->entries[i].keys, nk);
		size_t j;

		if (!canon) {
			free(used);
			return -ENOMEM;
		}
		j = find(b, canon, NULL);
		free(canon);
		/* a key twice in t (two stack ids with the same frames): the
		 * carried value goes to one of them */
		if (j == SIZE_MAX || used[j])
			continue;
		used[j] = 1;
		extra--;
		agg_combine(b->d, t->entries[i].data, b->v[j].data);
	}
	if (extra) {
		struct agg_entry *ne = arena_alloc(ar, sizeof(*ne) * (t->n + extra));

		if (t->n)
			memcpy(ne, t->entries, sizeof(*ne) * t->n);
		t->entries = ne;
		for (size_t j = 0; j < b->n; j++) {
			struct agg_entry *e;

			if (used[j])
				continue;
			e = &t->entries[t->n++];
			e->keys = arena_alloc(ar, sizeof(*e->keys) * (size_t)(nk ? nk : 1));
			for (int k = 0; k < nk; k++) {
				e->keys[k] = b->v[j].keys[k];
				if (e->keys[k].s)
					e->keys[k].s = arena_strdup(ar, e->keys[k].s);
			}
			e->data = arena_alloc(ar, sizeof(int64_t) * (size_t)nd);
			memcpy(e->data, b->v[j].data, sizeof(int64_t) * (size_t)nd);
			e->normal = 1;
		}
	}
	free(used);
	return 0;
}

void agg_base_clear(struct agg_base *b)
{
	for (size_t i = 0; b && i < b->n; i++)
		memset(b->v[i].data, 0, sizeof(int64_t) * (size_t)b->d->ndata);
}

int agg_base_trunc(struct agg_base *b, const struct agg_keyset *keep)
{
	size_t n = 0;

	if (!b)
		return 0;
	for (size_t i = 0; i < b->n; i++) {
		int has = keep ? agg_keyset_has(keep, b->v[i].keys, b->d->nkeys) : 0;

		if (has < 0) {
			/* keep what is not yet looked at; the index is rebuilt */
			memmove(&b->v[n], &b->v[i], sizeof(b->v[0]) * (b->n - i));
			b->n = n + (b->n - i);
			reindex(b, b->n);
			return -ENOMEM;
		}
		if (has)
			b->v[n++] = b->v[i];
		else
			entry_free(&b->v[i], b->d->nkeys);
	}
	b->n = n;
	if (!n) {
		free(b->index);
		b->index = NULL;
		b->icap = 0;
		return 0;
	}
	return reindex(b, n);
}

/* ---- key sets ---- */

static int canon_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int agg_keyset_init(struct agg_keyset *ks, const struct agg_table *t, size_t from, size_t to)
{
	ks->n = 0;
	ks->v = NULL;
	if (to > t->n)
		to = t->n;
	if (from >= to)
		return 0;
	ks->v = malloc(sizeof(*ks->v) * (to - from));
	if (!ks->v)
		return -ENOMEM;
	for (size_t i = from; i < to; i++) {
		char *c = agg_key_canon(t->entries[i].keys, t->desc->nkeys);

		if (!c) {
			agg_keyset_fini(ks);
			return -ENOMEM;
		}
		ks->v[ks->n++] = c;
	}
	qsort(ks->v, ks->n, sizeof(*ks->v), canon_cmp);
	return 0;
}

int agg_keyset_has(const struct agg_keyset *ks, const struct dvalue *keys, int nkeys)
{
	char *c;
	int has;

	if (!ks->n)
		return 0;
	c = agg_key_canon(keys, nkeys);
	if (!c)
		return -ENOMEM;
	has = bsearch(&c, ks->v, ks->n, sizeof(*ks->v), canon_cmp) != NULL;
	free(c);
	return has;
}

void agg_keyset_fini(struct agg_keyset *ks)
{
	for (size_t i = 0; i < ks->n; i++)
		free(ks->v[i]);
	free(ks->v);
	ks->v = NULL;
	ks->n = 0;
}
