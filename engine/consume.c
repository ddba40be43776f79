/*
 * consume.c - the consumer: records from the ring buffer and aggregations
 * from their per-CPU maps, decoded into the snapshot stream (snap.h).
 *
 * Records are decoded with the layout the semantic pass fixed (dprog.h);
 * nothing here knows BPF instructions.  Actions with side effects on the
 * consumer (exit, clear, trunc, normalize, setopt) are carried out as their
 * record is consumed, so that a printa() later in the stream sees their
 * effect.  Aggregation tables are taken when a printa() record arrives, and
 * for the end of a run or a live view: the per-CPU values are merged with
 * agg_merge, entries with equal keys (several probes naming the same
 * function) folded together, values carried over from another run
 * (agg_base.h, dscope_carry) folded in, and sorted with agg_sort.  Every
 * table goes through table_take, so snapshots, printa() and trunc(@, n)
 * all see the carried values.  Nothing here prints: batch.c renders
 * snapshots as dtrace's text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <bpf/bpf.h>

#include "dscope_int.h"
#include "session.h"

/* ---- decoding ---- */

static const char *probe_field(const struct dscope *h, uint32_t id, int pf)
{
	const struct probe *p = probe_get(&h->pt, id);

	if (!p)
		return "";
	switch (pf) {
	case PF_PROV:
		return p->prov;
	case PF_MOD:
		return p->mod;
	case PF_FUNC:
		return p->func;
	default:
		return p->name;
	}
}

/* Decode a value of type t at p (8-byte ints, NUL-bounded strings). */
static struct dvalue decode(const struct dscope *h, const struct d_type *t, const char *p, char *strbuf,
			    size_t strcap)
{
	struct dvalue v;
	int64_t i;

	memset(&v, 0, sizeof(v));
	switch (t->k) {
	case TY_STR: {
		size_t n = strnlen(p, (size_t)t->size < strcap ? (size_t)t->size : strcap - 1);

		memcpy(strbuf, p, n);
		strbuf[n] = 0;
		v.kind = DV_STR;
		v.s = strbuf;
		return v;
	}
	case TY_PROBEF:
		memcpy(&i, p, 8);
		v.kind = DV_STR;
		v.s = probe_field(h, (uint32_t)i, t->pf);
		return v;
	default:
		memcpy(&i, p, 8);
		v.kind = t->is_unsigned ? DV_UINT : DV_INT;
		v.size = t->size ? t->size : 8;
		v.i = i;
		return v;
	}
}

struct dvalue consume_decode_int(const struct dscope *h, const struct d_type *t, const void *p)
{
	char unused[8];

	return decode(h, t, p, unused, sizeof(unused));
}

/* ---- aggregation tables ---- */

/*
 * Equal keys are folded (several probes naming the same function), found
 * through a hash of the keys consistent with agg_key_cmp's equality:
 * integers by their width and value within it, the rest by kind, address
 * and text.  (A scan per entry made taking 10,000 keys cost ~0.9 s.)
 */
struct foldtab {
	uint32_t *slot; /* entry index + 1; 0 empty */
	size_t cap;
	int off; /* the map's distinct keys decode to distinct keys: no folding */
};

static uint64_t key_hash(const struct dvalue *k, int nk)
{
	uint64_t h = 1469598103934665603ULL;

	for (int i = 0; i < nk; i++) {
		const struct dvalue *v = &k[i];

		if (v->kind == DV_INT || v->kind == DV_UINT) {
			int sz = v->size > 0 && v->size < 8 ? v->size : 8;
			uint64_t x = (uint64_t)v->i;

			if (sz < 8)
				x &= (1ULL << (sz * 8)) - 1;
			h = (h ^ x ^ (uint64_t)sz << 60) * 1099511628211ULL;
			continue;
		}
		h = (h ^ (uint64_t)v->kind) * 1099511628211ULL;
		if (v->kind == DV_SYM || v->kind == DV_STACK)
			h = (h ^ (uint64_t)v->i) * 1099511628211ULL;
		for (const char *c = v->s ? v->s : ""; *c; c++)
			h = (h ^ (uint8_t)*c) * 1099511628211ULL;
	}
	return h ^ (h >> 31);
}

static void fold_put(struct foldtab *f, const struct agg_table *t, size_t i, int nk)
{
	size_t s = key_hash(t->entries[i].keys, nk) & (f->cap - 1);

	while (f->slot[s])
		s = (s + 1) & (f->cap - 1);
	f->slot[s] = (uint32_t)i + 1;
}

static int table_add(struct arena *ar, struct agg_table *t, size_t *cap, const struct d_agg *g,
		     struct dvalue *keys, const int64_t *data, struct foldtab *f)
{
	int nd = g->desc.ndata, nk = g->desc.nkeys;

	if (f->off)
		goto add;
	if ((t->n + 1) * 2 > f->cap) {
		size_t nc = f->cap ? f->cap * 2 : 128;
		uint32_t *ns = calloc(nc, sizeof(*ns));

		if (!ns)
			return -ENOMEM;
		free(f->slot);
		f->slot = ns;
		f->cap = nc;
		for (size_t i = 0; i < t->n; i++)
			fold_put(f, t, i, nk);
	}
	for (size_t s = key_hash(keys, nk) & (f->cap - 1); f->slot[s]; s = (s + 1) & (f->cap - 1)) {
		size_t i = f->slot[s] - 1;
		int64_t *both;

		if (agg_key_cmp(t->entries[i].keys, keys, nk, 0) != 0)
			continue;
		both = arena_alloc(ar, sizeof(int64_t) * (size_t)nd * 2);
		memcpy(both, t->entries[i].data, sizeof(int64_t) * (size_t)nd);
		memcpy(both + nd, data, sizeof(int64_t) * (size_t)nd);
		agg_merge(&g->desc, both, 2, t->entries[i].data);
		return 0;
	}
add:
	if (t->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 64;
		struct agg_entry *ne = arena_alloc(ar, nc * sizeof(*ne));

		if (t->n)
			memcpy(ne, t->entries, t->n * sizeof(*ne));
		t->entries = ne;
		*cap = nc;
	}
	struct agg_entry *e = &t->entries[t->n++];

	e->keys = keys;
	e->data = arena_alloc(ar, sizeof(int64_t) * (size_t)nd);
	memcpy(e->data, data, sizeof(int64_t) * (size_t)nd);
	e->normal = 1;
	if (!f->off)
		fold_put(f, t, t->n - 1, nk);
	return 0;
}

/* Whether distinct raw keys of g's hash map always decode to distinct
 * keys: when every component is a 64-bit integer (a narrower one is
 * compared within its width, a string up to its NUL, a probe id by its
 * name, a stack by its frames). */
static int keys_injective(const struct d_agg *g)
{
	for (int k = 0; k < g->desc.nkeys; k++) {
		const struct d_type *t = &g->keys[k];

		if (t->k != TY_INT || (t->size && t->size != 8))
			return 0;
	}
	return 1;
}

/* The key of an entry of g's map, decoded into ar: raw is the map's key,
 * idx the entry's index in a per-probe array. */
static struct dvalue *key_decode(struct dscope *h, const struct d_agg *g, const char *raw, uint32_t idx,
				 struct arena *ar)
{
	int nk = g->desc.nkeys;
	struct dvalue *keys = arena_alloc(ar, sizeof(*keys) * (size_t)(nk ? nk : 1));

	for (int k = 0; k < nk; k++) {
		if (g->by_probe) {
			keys[k].kind = DV_STR;
			keys[k].s = probe_field(h, idx, g->keys[k].pf);
		} else {
			size_t sz = g->keys[k].k == TY_STR ? (size_t)g->keys[k].size + 1 : 8;

			if (g->keys[k].k == TY_STACK || g->keys[k].k == TY_SYM) {
				keys[k] = stack_decode(h, &g->keys[k], raw + g->keyoff[k], ar);
				continue;
			}
			keys[k] = decode(h, &g->keys[k], raw + g->keyoff[k], arena_alloc(ar, sz), sz);
		}
	}
	return keys;
}

/*
 * One entry's per-CPU values into the merged data, then into t: arrays
 * skip entries never updated (their count slot after the data is 0).
 * Returns 1 when the entry was added, 0 skipped, -ENOMEM.
 */
static int entry_add(struct dscope *h, const struct d_agg *g, struct arena *ar, struct agg_table *t,
		     size_t *cap, struct foldtab *fold, const char *key, uint32_t idx, int64_t *percpu,
		     int64_t *merged)
{
	int nd = g->desc.ndata;

	if (g->stride > nd) {
		int64_t touched = 0;

		for (int c = 0; c < h->ncpus; c++) {
			touched += percpu[(size_t)c * (size_t)g->stride + (size_t)nd];
			memmove(percpu + (size_t)c * (size_t)nd, percpu + (size_t)c * (size_t)g->stride,
				sizeof(int64_t) * (size_t)nd);
		}
		if (!touched)
			return 0;
	}
	agg_merge(&g->desc, percpu, h->ncpus, merged);
	return table_add(ar, t, cap, g, key_decode(h, g, key, idx, ar), merged, fold) ? -ENOMEM : 1;
}

/* ---- aggregations in slots (agg.h) ---- */

/* Slot s's state word, its key after it. */
static uint64_t *slot_state(const struct dscope *h, const struct d_agg *g, uint32_t s)
{
	const struct dmap *k = &h->dp.maps[g->kmap];

	return (uint64_t *)((char *)k->mem + (size_t)s * ((k->value_size + 7) & ~7u));
}

/* CPU c's values of slot s */
static int64_t *slot_vals(const struct dscope *h, const struct d_agg *g, int c, uint32_t s)
{
	return (int64_t *)h->dp.maps[g->vmap].mem + ((size_t)c * g->nslots + s) * (size_t)g->stride;
}

/* The slots handed out so far (the count after the last key entry). */
static uint32_t slots_used(const struct dscope *h, const struct d_agg *g)
{
	uint64_t n = __atomic_load_n(slot_state(h, g, g->nslots), __ATOMIC_ACQUIRE);

	return n < g->nslots ? (uint32_t)n : g->nslots;
}

static int slot_live(const struct dscope *h, const struct d_agg *g, uint32_t s)
{
	return __atomic_load_n(slot_state(h, g, s), __ATOMIC_ACQUIRE) == 1;
}

static void slot_zero(const struct dscope *h, const struct d_agg *g, uint32_t s)
{
	for (int c = 0; c < h->ncpus; c++)
		memset(slot_vals(h, g, c, s), 0, sizeof(int64_t) * (size_t)g->stride);
}

/* Queue again the slots freed a while ago: a probe that found the key
 * just before it was deleted has long finished writing to it by then. */
enum { SLOT_GRACE_NS = 20 * 1000 * 1000 };

static void slots_recycle(struct dscope *h, const struct d_agg *g)
{
	struct agg_state *st = &h->aggst[g->desc.id];
	const struct dmap *q = &h->dp.maps[g->qmap];
	int64_t now;
	size_t i;

	if (!st->nfreed)
		return;
	now = session_now_ns();
	for (i = 0; i < st->nfreed && now - st->freed[i].at >= SLOT_GRACE_NS; i++) {
		uint64_t s = st->freed[i].slot;

		slot_zero(h, g, (uint32_t)s);
		bpf_map_update_elem(q->fd, NULL, &s, 0);
	}
	memmove(st->freed, st->freed + i, (st->nfreed - i) * sizeof(*st->freed));
	st->nfreed -= i;
}

/* Delete the key of live slot s: out of the hash, the slot zeroed and
 * queued again after the grace period.  0 or -ENOMEM. */
static int slot_delete(struct dscope *h, const struct d_agg *g, uint32_t s)
{
	struct agg_state *st = &h->aggst[g->desc.id];
	uint64_t *state = slot_state(h, g, s);

	if (st->nfreed == st->capfreed) {
		size_t nc = st->capfreed ? st->capfreed * 2 : 256;
		struct freed_slot *nf = realloc(st->freed, nc * sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		st->freed = nf;
		st->capfreed = nc;
	}
	__atomic_store_n(state, 0, __ATOMIC_RELEASE);
	bpf_map_delete_elem(h->dp.maps[g->map].fd, state + 1);
	slot_zero(h, g, s);
	st->freed[st->nfreed++] = (struct freed_slot){ s, session_now_ns() };
	return 0;
}

/* Every aggregation's freed slots whose grace period is over, queued. */
static void aggs_recycle(struct dscope *h)
{
	for (int i = 0; i < h->dp.naggs; i++)
		if (h->dp.aggv[i]->nslots && h->aggst[i].nfreed)
			slots_recycle(h, h->dp.aggv[i]);
}

/* Aggregation g in slots into t: the live slots, read where they lie. */
static int slots_take(struct dscope *h, const struct d_agg *g, struct arena *ar, struct agg_table *t,
		      size_t *cap, struct foldtab *fold, int64_t *percpu, int64_t *merged)
{
	size_t nd = (size_t)g->stride;
	uint32_t n;

	if (!h->dp.maps[g->vmap].mem || !h->dp.maps[g->kmap].mem)
		return 0; /* not loaded: nothing yet */
	n = slots_used(h, g);
	slots_recycle(h, g);
	for (uint32_t s = 0; s < n; s++) {
		if (!slot_live(h, g, s))
			continue;
		for (int c = 0; c < h->ncpus; c++)
			memcpy(percpu + (size_t)c * nd, slot_vals(h, g, c, s), sizeof(int64_t) * nd);
		if (entry_add(h, g, ar, t, cap, fold, (const char *)(slot_state(h, g, s) + 1), 0, percpu,
			      merged) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* Read aggregation g into t, allocating from ar.  Sorted as printa sorts. */
static int table_take(struct dscope *h, const struct d_agg *g, struct arena *ar, struct agg_table *t)
{
	if (g->in_user) {
		int err = uagg_take(h, g, ar, t);

		if (!err && agg_base_size(carry_base(h, g->desc.id))) {
			err = agg_base_fold(carry_base(h, g->desc.id), ar, t);
			agg_sort(t, &h->sort);
		}
		return err;
	}
	const struct dmap *m = &h->dp.maps[g->map];
	int nd = g->desc.ndata, first = 1, err = 0;
	int64_t *percpu = calloc((size_t)h->ncpus, sizeof(int64_t) * (size_t)g->stride);
	int64_t *merged = calloc((size_t)nd, sizeof(int64_t));
	char *key = calloc(1, m->key_size + 8);
	size_t cap = 0;
	struct foldtab fold = { 0 };

	memset(t, 0, sizeof(*t));
	t->desc = &g->desc;
	t->normal = h->aggst[g->desc.id].normal;
	if (!percpu || !merged || !key) {
		err = -ENOMEM;
		goto out;
	}
	if (g->nslots) {
		/* distinct slots hold distinct keys */
		fold.off = keys_injective(g);
		err = slots_take(h, g, ar, t, &cap, &fold, percpu, merged);
		goto fold;
	}
	for (;;) {
		uint32_t idx = first ? 0 : *(uint32_t *)key + 1;
		int r;

		if (idx >= m->max_entries)
			break;
		memcpy(key, &idx, 4);
		first = 0;
		if (bpf_map_lookup_elem(m->fd, key, percpu))
			continue;
		r = entry_add(h, g, ar, t, &cap, &fold, key, idx, percpu, merged);
		if (r < 0) {
			err = r;
			break;
		}
	}
fold:
	/* values carried over from another run (agg_base.h) */
	if (!err && agg_base_size(carry_base(h, g->desc.id)))
		err = agg_base_fold(carry_base(h, g->desc.id), ar, t);
	agg_sort(t, &h->sort);
out:
	free(fold.slot);
	free(percpu);
	free(merged);
	free(key);
	return err;
}

/* ---- snapshots ---- */

static struct dscope_snap *snap_new(struct dscope *h)
{
	struct dscope_snap *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->refs = 1;
	s->seq = ++h->snap_seq;
	arena_init(&s->arena);
	s->sort = h->sort;
	s->flowindent = dscope_getopt(h, "flowindent") != NULL;
	return s;
}

struct dscope_snap *dscope_snap_acquire(struct dscope_snap *s)
{
	if (s)
		s->refs++;
	return s;
}

void dscope_snap_release(struct dscope_snap *s)
{
	if (!s || --s->refs > 0)
		return;
	arena_fini(&s->arena);
	free(s);
}

static void snap_note(struct dscope_snap *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void snap_note(struct dscope_snap *s, const char *fmt, ...)
{
	va_list ap;
	char buf[512];
	const char **n;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = arena_alloc(&s->arena, sizeof(*n) * (size_t)(s->nnotes + 1));
	if (s->nnotes)
		memcpy(n, s->notes, sizeof(*n) * (size_t)s->nnotes);
	n[s->nnotes++] = arena_strdup(&s->arena, buf);
	s->notes = n;
}

static struct snap_event *snap_event_new(struct dscope_snap *s)
{
	if (s->nev % 64 == 0) {
		struct snap_event *n = arena_alloc(&s->arena, sizeof(*n) * (s->nev + 64));

		if (s->nev)
			memcpy(n, s->ev, sizeof(*n) * s->nev);
		s->ev = n;
	}
	memset(&s->ev[s->nev], 0, sizeof(s->ev[0]));
	return &s->ev[s->nev++];
}

/* Every aggregation into s, with the printed flags. */
static int snap_take_aggs(struct dscope *h, struct dscope_snap *s)
{
	s->naggs = h->dp.naggs;
	s->aggs = arena_alloc(&s->arena, sizeof(*s->aggs) * (size_t)(s->naggs ? s->naggs : 1));
	s->printed = arena_alloc(&s->arena, (size_t)(s->naggs ? s->naggs : 1));
	for (int i = 0; i < s->naggs; i++) {
		if (table_take(h, h->dp.aggv[i], &s->arena, &s->aggs[i]))
			return -ENOMEM;
		s->printed[i] = (uint8_t)h->aggst[i].printed;
	}
	return 0;
}

/* Every key of g's map not in keep deleted (a per-probe array's entry
 * zeroed).  0 or -ENOMEM. */
static int map_keep(struct dscope *h, const struct d_agg *g, const struct agg_keyset *keep)
{
	const struct dmap *m = &h->dp.maps[g->map];
	char *zero = calloc((size_t)h->ncpus, (size_t)g->stride * 8);
	struct arena tmp;
	int err = 0;

	arena_init(&tmp);
	if (!zero) {
		err = -ENOMEM;
		goto out;
	}
	if (!g->nslots) {
		for (uint32_t i = 0; i < m->max_entries && !err; i++) {
			int has = agg_keyset_has(keep, key_decode(h, g, NULL, i, &tmp), g->desc.nkeys);

			if (has < 0)
				err = -ENOMEM;
			else if (!has)
				bpf_map_update_elem(m->fd, &i, zero, 0);
		}
		goto out;
	}
	for (uint32_t i = 0, n = slots_used(h, g); i < n && !err; i++) {
		int has;

		if (!slot_live(h, g, i))
			continue;
		has = agg_keyset_has(keep, key_decode(h, g, (const char *)(slot_state(h, g, i) + 1), 0, &tmp),
				     g->desc.nkeys);
		if (has < 0 || (!has && slot_delete(h, g, i)))
			err = -ENOMEM;
	}
out:
	arena_fini(&tmp);
	free(zero);
	return err;
}

/*
 * trunc(@, n) of an aggregation holding carried values: the n kept are the
 * top n of the program's values and the carried ones together, so they are
 * chosen from the combined table, and every other key leaves the map (or
 * the user-space table) and the carried values alike.
 */
static void agg_keep_top(struct dscope *h, const struct d_agg *g, int64_t keep)
{
	size_t nkeep = (size_t)(keep < 0 ? -keep : keep);
	struct agg_keyset ks;
	struct agg_table t;
	struct arena tmp;

	arena_init(&tmp);
	if (table_take(h, g, &tmp, &t) || nkeep >= t.n)
		goto out;
	/* dtrace's order, whatever the sort options: by value, ascending */
	agg_sort(&t, NULL);
	if (agg_keyset_init(&ks, &t, keep > 0 ? t.n - nkeep : 0, keep > 0 ? t.n : nkeep))
		goto out;
	if (g->in_user)
		uagg_keep(h, g->desc.id, &ks);
	else if (map_keep(h, g, &ks))
		goto fini; /* out of memory: nothing more dropped */
	agg_base_trunc(carry_base(h, g->desc.id), &ks);
fini:
	agg_keyset_fini(&ks);
out:
	arena_fini(&tmp);
}

/* clear(): zero every value, keep the keys.  trunc(): delete all keys, or
 * all but the top n.  Carried values (agg_base.h) go with the program's. */
static void agg_clear(struct dscope *h, int id, int trunc, int64_t keep)
{
	const struct d_agg *g = h->dp.aggv[id];
	struct agg_base *b = carry_base(h, id);

	/* the top n of the program's values and the carried ones together
	 * (a user-space aggregation with nothing carried trims itself) */
	if (trunc && keep != 0 && (!g->in_user || agg_base_size(b))) {
		agg_keep_top(h, g, keep);
		return;
	}
	if (agg_base_size(b)) {
		if (!trunc)
			agg_base_clear(b);
		else
			agg_base_trunc(b, NULL);
	}
	if (g->in_user) {
		uagg_clear(h, id, trunc, keep);
		return;
	}
	if (g->nslots) {
		for (uint32_t i = 0, n = slots_used(h, g); i < n; i++) {
			if (!slot_live(h, g, i))
				continue;
			if (!trunc)
				slot_zero(h, g, i);
			else if (slot_delete(h, g, i))
				break; /* out of memory: the rest stay */
		}
		return;
	}
	const struct dmap *m = &h->dp.maps[g->map];
	char *zero = calloc((size_t)g->stride * 8, (size_t)h->ncpus);

	for (uint32_t i = 0; zero && i < m->max_entries; i++)
		bpf_map_update_elem(m->fd, &i, zero, 0);
	free(zero);
}

/* ---- records ---- */

/* Decode one action into ev, carrying out its consumer-side effects. */
static int do_action(struct dscope *h, struct dscope_snap *s, struct snap_event *ev, const struct d_act *a,
		     const char *rec)
{
	struct snap_act *sa = &ev->acts[ev->nacts++];
	int n = a->nargs;

	sa->vals = arena_alloc(&s->arena, sizeof(*sa->vals) * (size_t)(n ? n : 1));
	sa->nvals = n;
	sa->fmt = a->fmt;
	for (int i = 0; i < n; i++) {
		const struct d_type *t = &a->args[i].type;
		size_t sz = t->k == TY_STR ? (size_t)t->size + 1 : 8;

		if (t->k == TY_STACK || t->k == TY_SYM)
			sa->vals[i] = stack_decode(h, t, rec + a->args[i].off, &s->arena);
		else
			sa->vals[i] = decode(h, t, rec + a->args[i].off, arena_alloc(&s->arena, sz), sz);
	}
	switch (a->kind) {
	case ACT_TRACE:
		sa->kind = SA_TRACE;
		break;
	case ACT_PRINTF:
		sa->kind = SA_PRINTF;
		break;
	case ACT_PRINTA:
		sa->kind = SA_PRINTA;
		sa->ntabs = a->naggs;
		sa->tabs = arena_alloc(&s->arena, sizeof(*sa->tabs) * (size_t)a->naggs);
		for (int i = 0; i < a->naggs; i++) {
			if (table_take(h, h->dp.aggv[a->aggs[i]], &s->arena, &sa->tabs[i]))
				return -ENOMEM;
			h->aggst[a->aggs[i]].printed = 1;
		}
		break;
	case ACT_EXIT:
		sa->kind = SA_EXIT;
		if (!h->exited) {
			h->exited = 1;
			h->exit_status = (int)sa->vals[0].i;
		}
		break;
	case ACT_CLEAR:
		sa->kind = SA_OTHER;
		for (int i = 0; i < a->naggs; i++)
			agg_clear(h, a->aggs[i], 0, 0);
		break;
	case ACT_TRUNC:
		sa->kind = SA_OTHER;
		agg_clear(h, a->aggs[0], 1, n ? sa->vals[0].i : 0);
		break;
	case ACT_NORMALIZE:
		sa->kind = SA_OTHER;
		h->aggst[a->aggs[0]].normal = n && sa->vals[0].i > 0 ? sa->vals[0].i : 1;
		break;
	case ACT_DENORMALIZE:
		sa->kind = SA_OTHER;
		for (int i = 0; i < a->naggs; i++)
			h->aggst[a->aggs[i]].normal = 1;
		break;
	case ACT_SETOPT:
		sa->kind = SA_OTHER;
		dscope_setopt(h, a->optname, a->optval);
		break;
	case ACT_SPECULATE:
	case ACT_COMMIT:
	case ACT_DISCARD:
	case ACT_STOP:
	case ACT_RAISE:
		/* carried out in the kernel (and by consume_spec.c) */
		sa->kind = SA_OTHER;
		break;
	case ACT_SYSTEM:
		/* the command's output prints as printf("%s") would */
		if (act_system(h, s, sa))
			return -ENOMEM;
		break;
	}
	return 0;
}

/* A run-time fault: dtrace's message, then the ERROR probe's clauses. */
static int handle_fault(struct dscope *h, struct dscope_snap *s, const struct rec_hdr *hd,
			const struct rec_fault *f)
{
	const struct probe *p = probe_get(&h->pt, hd->probe);
	static const char *what[] = { "", "divide-by-zero", "illegal operation" };

	snap_note(s, "%s: error on enabled probe ID %u (ID %u: %s:%s:%s:%s): %s in action #%u", h->prog,
		  f->clause + 1, hd->probe, p ? p->prov : "", p ? p->mod : "", p ? p->func : "",
		  p ? p->name : "", hd->mask < sizeof(what) / sizeof(what[0]) ? what[hd->mask] : "fault",
		  f->action);
	run_error_probe(h, f->clause + 1, f->action, hd->mask);
	return 0;
}

int consume_record(struct dscope *h, struct dscope_snap *s, const void *data, size_t size)
{
	const struct rec_hdr *hd = data;
	const struct d_cclause *cc = &h->dp.clauses[hd->clause];
	const struct probe *p;
	struct snap_event *ev;
	uint32_t ctl = 0;

	(void)size;
	/* a clause that only commits or discards records nothing the user
	 * sees: no event, not even the probe's line */
	for (const struct d_act *a = cc->acts; a; a = a->next)
		if (a->kind == ACT_COMMIT || a->kind == ACT_DISCARD)
			ctl |= 1u << a->bit;
	if (hd->mask && !(hd->mask & ~ctl))
		return 0;
	p = probe_get(&h->pt, hd->probe);
	ev = snap_event_new(s);
	ev->cpu = hd->cpu;
	ev->probe = hd->probe;
	ev->clause = hd->clause;
	ev->prov = p ? p->prov : "";
	ev->mod = p ? p->mod : "";
	ev->func = p ? p->func : "";
	ev->name = p ? p->name : "";
	ev->quiet = h->co.quiet;
	ev->acts = arena_alloc(&s->arena, sizeof(*ev->acts) * (size_t)(cc->nacts ? cc->nacts : 1));
	for (const struct d_act *a = cc->acts; a; a = a->next)
		if (hd->mask & (1u << a->bit))
			if (do_action(h, s, ev, a, data))
				return -1;
	ev->quiet_end = h->co.quiet; /* setopt("quiet") may have changed it */
	return 0;
}

static int take_record(struct dscope *h, void *data, size_t size)
{
	struct dscope_snap *s = h->cur;
	const struct rec_hdr *hd = data;
	const struct d_cclause *cc;
	int r;

	if (size >= sizeof(*hd) + sizeof(struct rec_fault) && hd->clause == REC_ERROR)
		return handle_fault(h, s, hd, (const struct rec_fault *)(hd + 1));
	if (size >= 8 && hd->clause == REC_PID) {
		stack_pid_seen(h, (int)hd->probe);
		return 0;
	}
	if (size >= sizeof(*hd) && hd->clause == REC_AGG)
		return h->exited ? 0 : uagg_record(h, data, size);
	if (h->exited || size < sizeof(*hd) || hd->clause >= (uint32_t)h->dp.nclauses)
		return 0;
	cc = &h->dp.clauses[hd->clause];
	if (size < (size_t)cc->recsize)
		return 0;
	/* speculative records wait for their commit (consume_spec.c) */
	if (h->dp.uses_spec && (r = spec_take(h, s, cc, data, size)) != 0)
		return r < 0 ? r : 0;
	return consume_record(h, s, data, size);
}

/*
 * A read of the ring buffer takes at most RB_BATCH records: libbpf's
 * consume goes on while the producer adds more, so a flood that refills
 * the buffer as fast as it is read would hold the caller for ever (the
 * interface's keys unanswered, q never seen).  The record that reaches the
 * bound is taken whole; RB_YIELD then stops the read (libbpf has already
 * moved past it), and the rest waits for the next one: the buffer's
 * descriptor stays readable.
 */
enum { RB_BATCH = 16384, RB_YIELD = -100000 };

int handle_record(void *ctx, void *data, size_t size)
{
	struct dscope *h = ctx;
	int r = take_record(h, data, size);

	if (r >= 0 && h->rb_left && !--h->rb_left)
		return RB_YIELD;
	return r;
}

/* Consume what waits in the ring buffer into the snapshot being built: at
 * most RB_BATCH records, or all of them (all: after the probes are gone,
 * when nothing adds more). */
static int consume_into(struct dscope *h, struct dscope_snap *s, int all)
{
	int n;

	h->cur = s;
	aggs_recycle(h);
	/* mappings first: a record never refers to one not yet known */
	stack_track_sync(h);
	h->rb_left = all ? 0 : RB_BATCH;
	n = ring_buffer__consume(h->rb);
	h->rb_left = 0;
	h->cur = NULL;
	return n < 0 && n != RB_YIELD ? n : 0;
}

/*
 * Report drops since the last report, as dtrace words them: record and
 * aggregation drops per CPU, dynamic variable drops in total.
 */
static void report_drops(struct dscope *h, struct dscope_snap *snap, int force)
{
	static const char *what[] = { "drop", "aggregation drop", "dynamic variable drop" };
	const struct dmap *m = NULL;
	uint64_t *v, tot[CNT_NSLOTS] = { 0 }, unavail = 0;
	uint32_t k = 0;
	int64_t t = session_now_ns();

	/* as dtrace does, at most once a second (and at the end): a steady
	 * overflow is one line per second, not one per read of the buffer */
	if (!force && h->drops_reported && t - h->drops_reported < 1000000000LL)
		return;
	h->drops_reported = t;

	for (int i = 0; i < h->dp.nmaps; i++)
		if (h->dp.maps[i].role == DM_CNT && h->dp.maps[i].fd >= 0)
			m = &h->dp.maps[i];
	if (!m)
		return;
	v = calloc((size_t)h->ncpus, CNT_NSLOTS * 8);
	if (!v || bpf_map_lookup_elem(m->fd, &k, v)) {
		free(v);
		return;
	}
	if (!h->cpu_seen)
		h->cpu_seen = calloc((size_t)h->ncpus, CNT_NSLOTS * 8);
	for (int s = 0; s < CNT_NSLOTS && h->cpu_seen; s++) {
		for (int c = 0; c < h->ncpus; c++) {
			uint64_t now = v[c * CNT_NSLOTS + s], d = now - h->cpu_seen[c * CNT_NSLOTS + s];

			tot[s] += now;
			h->cpu_seen[c * CNT_NSLOTS + s] = now;
			if (d && (s == CNT_RB_DROPS || s == CNT_AGG_DROPS))
				snap_note(snap, "%s: %llu %s%s on CPU %d", h->prog, (unsigned long long)d,
					  what[s], d == 1 ? "" : "s", c);
		}
		uint64_t d = tot[s] - h->drops_seen[s];

		if (d && s == CNT_DYN_DROPS)
			snap_note(snap, "%s: %llu %s%s", h->prog, (unsigned long long)d, what[s],
				  d == 1 ? "" : "s");
		if (s == CNT_SPEC_UNAVAIL)
			unavail = d;
		h->drops_seen[s] = tot[s];
	}
	free(v);
	/* speculations: records past specsize (counted by the consumer), then
	 * speculation() finding no free slot, in dtrace's order and words */
	if (h->specdrops != h->specdrops_seen) {
		uint64_t d = h->specdrops - h->specdrops_seen;

		snap_note(snap, "%s: %llu speculative drop%s", h->prog, (unsigned long long)d,
			  d == 1 ? "" : "s");
		h->specdrops_seen = h->specdrops;
	}
	if (unavail)
		snap_note(snap, "%s: %llu failed speculation%s (no speculative buffer available)", h->prog,
			  (unsigned long long)unavail, unavail == 1 ? "" : "s");
}

/* ---- the stream ---- */

int consume_next(struct dscope *h, struct dscope_snap **out)
{
	struct dscope_snap *s = snap_new(h);
	int err;

	*out = NULL;
	if (!s)
		return -ENOMEM;
	err = consume_into(h, s, 0);
	report_drops(h, s, 0);
	s->exited = h->exited;
	s->exit_status = h->exit_status;
	*out = s;
	return err < 0 ? err : h->exited ? 1 : 0;
}

int consume_final(struct dscope *h, struct dscope_snap **out)
{
	struct dscope_snap *s = snap_new(h);
	int was;

	*out = NULL;
	if (!s)
		return -ENOMEM;
	consume_into(h, s, 1);
	/* END fires even after exit(); its records are consumed too */
	was = h->exited;
	h->exited = 0;
	run_test_prog(h, PK_END);
	consume_into(h, s, 1);
	if (was)
		h->exited = was;
	report_drops(h, s, 1);
	snap_take_aggs(h, s);
	s->final = 1;
	s->exited = h->exited;
	s->exit_status = h->exit_status;
	*out = s;
	return 0;
}

struct dscope_snap *consume_aggs(struct dscope *h)
{
	struct dscope_snap *s = snap_new(h);

	if (s && snap_take_aggs(h, s)) {
		dscope_snap_release(s);
		return NULL;
	}
	return s;
}
