/*
 * consume_carry.c - carrying aggregation values from one run into another
 * (dscope_carry): the interface swaps programs (a new predicate, a return
 * from a drill-down) and the new program's numbers can go on from the old
 * one's instead of starting from zero.
 *
 * The carried values are kept in user space, one base table per
 * aggregation (agg_base.h), and folded into every table the consumer
 * takes (consume.c: table_take); clear() and trunc() treat them with the
 * program's own.  Why not write them into the new program's BPF maps
 * instead: the maps are per-CPU, so a carried value would have to go into
 * one CPU's slot while the kernel updates that slot concurrently (a
 * read-modify-write from user space loses the kernel's updates in
 * between); a per-probe array's entries are indexed by probe ids that
 * differ between programs; a hash map may be full; user-space
 * aggregations (DWARF stacks) have no map at all; and a stack key's id is
 * per program, so a carried stack could not be written as a key anyway.
 * Folding at read time has none of these problems and costs a lookup per
 * entry, and only for aggregations that hold carried values.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dscope_int.h"

/* Whether key component k of g can hold the carried value v: the same
 * kind, integer width and signedness, a string that fits, a stack or
 * symbol of the same space. */
static int key_fits(const struct d_agg *g, int k, const struct dvalue *v)
{
	const struct d_type *t = &g->keys[k];

	if (g->by_probe)
		return v->kind == DV_STR;
	switch (t->k) {
	case TY_INT:
		return v->kind == (t->is_unsigned ? DV_UINT : DV_INT) && v->size == (t->size ? t->size : 8);
	case TY_STR:
		return v->kind == DV_STR && (!v->s || strlen(v->s) <= (size_t)t->size);
	case TY_PROBEF:
		return v->kind == DV_STR;
	case TY_STACK:
		return v->kind == DV_STACK && v->user == t->is_unsigned;
	case TY_SYM:
		return v->kind == DV_SYM && v->user == t->is_unsigned;
	default:
		return 0;
	}
}

/* Why table ft cannot be carried into g, or NULL when it can. */
static const char *mismatch(const struct d_agg *g, const struct agg_table *ft)
{
	const struct agg_desc *a = &g->desc, *b = ft->desc;

	if (a->func != b->func)
		return "another function";
	if (a->nkeys != b->nkeys)
		return "other keys";
	if (a->ndata != b->ndata || ((a->func == AGG_LQUANTIZE || a->func == AGG_LLQUANTIZE) &&
				     memcmp(a->param, b->param, sizeof(a->param))))
		return "other buckets";
	for (size_t e = 0; e < ft->n; e++)
		for (int k = 0; k < a->nkeys; k++)
			if (!key_fits(g, k, &ft->entries[e].keys[k]))
				return "other key types";
	return NULL;
}

/* How many entries the base of g may hold: what its own map holds. */
static size_t carry_max(const struct dscope *h, const struct d_agg *g)
{
	if (g->in_user || g->map < 0)
		return 1u << 20; /* the largest map the code generator makes */
	return h->dp.maps[g->map].max_entries;
}

static void note(char *buf, size_t size, const char *name, const char *why)
{
	size_t len = strlen(buf);

	if (len + 1 < size)
		snprintf(buf + len, size - len, "%s@%s (%s)", len ? ", " : "not carried: ", name, why);
}

int dscope_carry(struct dscope *h, const struct dscope_snap *from)
{
	char skipped[sizeof(h->errmsg)] = "";
	int carried = 0;

	if (!h->compiled)
		return dscope_fail(h, -EINVAL, "no program to carry aggregations into");
	h->errmsg[0] = 0;
	if (!from || !from->naggs)
		return 0;
	if (!h->bases && h->dp.naggs && !(h->bases = calloc((size_t)h->dp.naggs, sizeof(*h->bases))))
		return dscope_fail(h, -ENOMEM, "out of memory");
	for (int i = 0; i < from->naggs; i++) {
		const struct agg_table *ft = &from->aggs[i];
		const struct d_agg *g = NULL;
		const char *why;
		size_t full = 0;

		for (int j = 0; j < h->dp.naggs && !g; j++)
			if (!strcmp(h->dp.aggv[j]->desc.name, ft->desc->name))
				g = h->dp.aggv[j];
		why = g ? mismatch(g, ft) : "not in the program";
		if (why) {
			note(skipped, sizeof(skipped), ft->desc->name, why);
			continue;
		}
		if (!h->bases[g->desc.id] &&
		    !(h->bases[g->desc.id] = agg_base_new(&g->desc, carry_max(h, g))))
			return dscope_fail(h, -ENOMEM, "out of memory");
		/* the largest last in a table taken by default: past the
		 * base's size, the smallest are the ones left out */
		for (size_t e = ft->n; e-- > 0;) {
			int r = agg_base_add(h->bases[g->desc.id], ft->entries[e].keys, ft->entries[e].data);

			if (r < 0)
				return dscope_fail(h, r, "out of memory");
			full += (size_t)r;
		}
		if (full) {
			char why2[64];

			snprintf(why2, sizeof(why2), "%zu keys past its size", full);
			note(skipped, sizeof(skipped), ft->desc->name, why2);
		}
		carried++;
	}
	snprintf(h->errmsg, sizeof(h->errmsg), "%s", skipped);
	return carried;
}

struct dscope_snap *dscope_snap_aggs_copy(const struct dscope_snap *s)
{
	struct dscope_snap *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->refs = 1;
	c->seq = s->seq;
	arena_init(&c->arena);
	c->sort = s->sort;
	c->naggs = s->naggs;
	c->aggs = arena_alloc(&c->arena, sizeof(*c->aggs) * (size_t)(s->naggs ? s->naggs : 1));
	c->printed = arena_alloc(&c->arena, (size_t)(s->naggs ? s->naggs : 1));
	for (int i = 0; i < s->naggs; i++) {
		const struct agg_table *f = &s->aggs[i];
		struct agg_table *t = &c->aggs[i];
		struct agg_desc *d = arena_alloc(&c->arena, sizeof(*d));
		int nk = f->desc->nkeys, nd = f->desc->ndata;

		*d = *f->desc;
		d->name = arena_strdup(&c->arena, f->desc->name);
		t->desc = d;
		t->normal = f->normal;
		t->n = f->n;
		t->entries = arena_alloc(&c->arena, sizeof(*t->entries) * (f->n ? f->n : 1));
		for (size_t e = 0; e < f->n; e++) {
			const struct agg_entry *fe = &f->entries[e];
			struct agg_entry *te = &t->entries[e];

			te->keys = arena_alloc(&c->arena, sizeof(*te->keys) * (size_t)(nk ? nk : 1));
			for (int k = 0; k < nk; k++) {
				te->keys[k] = fe->keys[k];
				if (fe->keys[k].s)
					te->keys[k].s = arena_strdup(&c->arena, fe->keys[k].s);
			}
			te->data = arena_alloc(&c->arena, sizeof(int64_t) * (size_t)nd);
			memcpy(te->data, fe->data, sizeof(int64_t) * (size_t)nd);
			te->normal = fe->normal;
		}
		if (s->printed)
			c->printed[i] = s->printed[i];
	}
	return c;
}

void carry_free(struct dscope *h)
{
	for (int i = 0; h->bases && i < h->dp.naggs; i++)
		agg_base_free(h->bases[i]);
	free(h->bases);
	h->bases = NULL;
}
