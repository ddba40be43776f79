/*
 * agg.c - the data side of aggregations: slot layouts, bucket arithmetic,
 * the per-CPU merge, the value dtrace reports for an entry, and dtrace's
 * sort orders.
 *
 * The kernel keeps one array of int64 slots per key and per CPU (agg.h
 * spells the layout out); the consumer merges the CPUs with agg_merge() and
 * everything after that works on merged entries.  Nothing here allocates
 * except agg_sort()'s and agg_join()'s scratch arrays, and nothing prints.
 *
 * Where dtrace's own arithmetic is peculiar we follow it, because the batch
 * printer must match dtrace byte for byte:
 *
 *   - stddev() is sqrt(sumsq/n - (sum/n)^2) in integers: the sum of squares
 *     is an unsigned 128-bit quantity, every division truncates, and the
 *     square root is the integer (floor) one.
 *   - quantize() buckets print as their bound nearest zero (-1, -2, -4...).
 *   - llquantize() buckets follow Oracle's DTrace for Linux: the range
 *     [f^m, f^(m+1)) starts a bucket at f^m and at every multiple of
 *     f^(m+1)/nsteps above it; where that quotient is below one, every
 *     integer of the range gets its own bucket (what dtrace's "ghost bins"
 *     amount to for integer values).
 *   - Sorting: by value, ties broken by key; integer key components compare
 *     as unsigned numbers of their own width (so -1 sorts after 2), strings
 *     bytewise.  Histograms sort by the sum of bucket value times count,
 *     ties by the count at zero.  aggsortrev reverses every comparison,
 *     aggsortkey sorts by key alone, aggsortkeypos rotates the key
 *     components, aggsortpos picks the aggregation of a multi-aggregation
 *     printa() that sorts first.
 */
#include "agg.h"

#include <stdlib.h>
#include <string.h>

/* ---- layout --------------------------------------------------------- */

static int64_t lq_levels(const int64_t param[4])
{
	int64_t base = param[0], limit = param[1], step = param[2];

	if (step <= 0 || limit <= base)
		return -1;
	return (limit - base) / step;
}

int agg_ndata(enum agg_func f, const int64_t param[4])
{
	int64_t n;

	switch (f) {
	case AGG_COUNT:
	case AGG_SUM:
		return 1;
	case AGG_AVG:
	case AGG_MIN:
	case AGG_MAX:
		return 2;
	case AGG_STDDEV:
		return 4;
	case AGG_QUANTIZE:
		return AGG_QUANTIZE_NBUCKETS;
	case AGG_LQUANTIZE:
		n = lq_levels(param);
		return n < 1 || n > 1000000 ? -1 : (int)n + 2;
	case AGG_LLQUANTIZE:
		n = agg_llq_bounds(param[0], param[1], param[2], param[3], NULL, 0);
		return n < 0 ? -1 : (int)n + 1;
	}
	return -1;
}

static int bitlen(uint64_t u)
{
	return u ? 64 - __builtin_clzll(u) : 0;
}

int agg_quantize_bucket(int64_t v)
{
	int b;

	if (v == 0)
		return AGG_QUANTIZE_ZERO;
	if (v > 0)
		return AGG_QUANTIZE_ZERO + bitlen((uint64_t)v);
	/* -(v) as unsigned also covers INT64_MIN, which lands in bucket 0 */
	b = AGG_QUANTIZE_ZERO - bitlen(-(uint64_t)v);
	return b < 0 ? 0 : b;
}

int64_t agg_quantize_value(int b)
{
	if (b < AGG_QUANTIZE_ZERO)
		return -(int64_t)(1ULL << (AGG_QUANTIZE_ZERO - 1 - b));
	if (b == AGG_QUANTIZE_ZERO)
		return 0;
	return (int64_t)(1ULL << (b - AGG_QUANTIZE_ZERO - 1));
}

int agg_llq_bounds(int64_t factor, int64_t low, int64_t high, int64_t nsteps, int64_t *bounds, int max)
{
	int64_t lo = 1, hi, m, k, v, last;
	int n = 0;

	if (factor < 2 || low < 0 || high < low || nsteps < 1 || high > 62)
		return -1;
	for (m = 0; m < low; m++) {
		if (lo > INT64_MAX / factor)
			return -1;
		lo *= factor;
	}
	for (m = low; m <= high; m++) {
		if (lo > INT64_MAX / factor)
			return -1;
		hi = lo * factor;
		if (n < max && bounds)
			bounds[n] = lo;
		n++;
		last = lo;
		for (k = 1; k < nsteps; k++) {
			/* ceil(k * hi / nsteps), the first integer of step k */
			__int128 q = (__int128)k * hi;

			v = (int64_t)((q + nsteps - 1) / nsteps);
			if (v >= hi)
				break;
			if (v <= last)
				continue;
			if (n < max && bounds)
				bounds[n] = v;
			n++;
			last = v;
			if (n > 10000000)
				return -1;
		}
		lo = hi;
	}
	if (n < max && bounds)
		bounds[n] = lo; /* factor^(high+1): the open-ended last bucket */
	return n + 1;
}

/* ---- merge and values ------------------------------------------------- */

void agg_merge(const struct agg_desc *d, const int64_t *percpu, int ncpu, int64_t *out)
{
	int nd = d->ndata, c, i;

	if (d->func == AGG_MIN || d->func == AGG_MAX) {
		int64_t best = d->func == AGG_MIN ? INT64_MAX : INT64_MIN;
		uint64_t count = 0;

		/* a CPU that never ran the aggregation has count 0: skip it;
		 * with none set, the value is what dtrace shows after clear() */
		for (c = 0; c < ncpu; c++) {
			const int64_t *p = percpu + (size_t)c * nd;

			if (p[1] == 0)
				continue;
			if (d->func == AGG_MIN ? p[0] < best : p[0] > best)
				best = p[0];
			count += (uint64_t)p[1];
		}
		out[0] = best;
		out[1] = (int64_t)count;
		return;
	}
	for (i = 0; i < nd; i++) {
		uint64_t s = 0;

		for (c = 0; c < ncpu; c++)
			s += (uint64_t)percpu[(size_t)c * nd + i];
		out[i] = (int64_t)s;
	}
	if (d->func == AGG_STDDEV) {
		unsigned __int128 sq = 0;

		for (c = 0; c < ncpu; c++) {
			const int64_t *p = percpu + (size_t)c * nd;

			sq += (unsigned __int128)(uint64_t)p[3] << 64 | (uint64_t)p[2];
		}
		out[2] = (int64_t)(uint64_t)sq;
		out[3] = (int64_t)(uint64_t)(sq >> 64);
	}
}

void agg_combine(const struct agg_desc *d, int64_t *into, const int64_t *from)
{
	if (d->func == AGG_MIN || d->func == AGG_MAX) {
		/* a side whose count is 0 was never set (or was cleared) */
		if (from[1] && (!into[1] || (d->func == AGG_MIN ? from[0] < into[0] : from[0] > into[0])))
			into[0] = from[0];
		into[1] = (int64_t)((uint64_t)into[1] + (uint64_t)from[1]);
		return;
	}
	if (d->func == AGG_STDDEV) {
		/* count and sum add; slots 2 and 3 are one 128-bit sum */
		unsigned __int128 sq = (unsigned __int128)(uint64_t)into[3] << 64 | (uint64_t)into[2];

		sq += (unsigned __int128)(uint64_t)from[3] << 64 | (uint64_t)from[2];
		into[0] = (int64_t)((uint64_t)into[0] + (uint64_t)from[0]);
		into[1] = (int64_t)((uint64_t)into[1] + (uint64_t)from[1]);
		into[2] = (int64_t)(uint64_t)sq;
		into[3] = (int64_t)(uint64_t)(sq >> 64);
		return;
	}
	/* count, sum, avg's count and sum, every bucket of a quantization */
	for (int i = 0; i < d->ndata; i++)
		into[i] = (int64_t)((uint64_t)into[i] + (uint64_t)from[i]);
}

static uint64_t isqrt128(unsigned __int128 x)
{
	unsigned __int128 r = 0, bit = (unsigned __int128)1 << 126;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return (uint64_t)r;
}

uint64_t agg_stddev(const int64_t *data, int64_t normal)
{
	unsigned __int128 sumsq, avgsq, sqavg;
	int64_t avg;

	if (data[0] <= 0)
		return 0;
	if (normal <= 0)
		normal = 1;
	sumsq = (unsigned __int128)(uint64_t)data[3] << 64 | (uint64_t)data[2];
	avgsq = sumsq / (uint64_t)normal / (uint64_t)data[0];
	avg = data[1] / normal / data[0];
	if (avg < 0)
		avg = -avg;
	sqavg = (unsigned __int128)(uint64_t)avg * (uint64_t)avg;
	/* dtrace subtracts modulo 2^128; integer truncation keeps it >= 0 */
	return isqrt128(avgsq - sqavg);
}

static int64_t avg_of(const int64_t *data)
{
	if (data[0] == 0 || (data[0] == -1 && data[1] == INT64_MIN))
		return 0;
	return data[1] / data[0];
}

int64_t agg_entry_value(const struct agg_desc *d, const int64_t *data)
{
	uint64_t s = 0;
	int i;

	switch (d->func) {
	case AGG_COUNT:
	case AGG_SUM:
	case AGG_MIN:
	case AGG_MAX:
		return data[0];
	case AGG_AVG:
		return avg_of(data);
	case AGG_STDDEV:
		return (int64_t)agg_stddev(data, 1);
	case AGG_QUANTIZE:
	case AGG_LQUANTIZE:
	case AGG_LLQUANTIZE:
		for (i = 0; i < d->ndata; i++)
			s += (uint64_t)data[i];
		return (int64_t)s;
	}
	return 0;
}

/* ---- comparisons ------------------------------------------------------ */

static int cmp3(long double a, long double b)
{
	return (a > b) - (a < b);
}

static int key1_cmp(const struct dvalue *a, const struct dvalue *b)
{
	int ai = a->kind == DV_INT || a->kind == DV_UINT;
	int bi = b->kind == DV_INT || b->kind == DV_UINT;
	const char *as, *bs;

	if (ai && bi) {
		int sa = a->size > 0 && a->size < 8 ? a->size : 8;
		int sb = b->size > 0 && b->size < 8 ? b->size : 8;
		uint64_t x = (uint64_t)a->i, y = (uint64_t)b->i;

		if (sa != sb)
			return sa < sb ? -1 : 1;
		if (sa < 8) {
			x &= (1ULL << (sa * 8)) - 1;
			y &= (1ULL << (sa * 8)) - 1;
		}
		return (x > y) - (x < y);
	}
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == DV_SYM || a->kind == DV_STACK) {
		/* dtrace compares the raw addresses when it has them */
		if ((uint64_t)a->i != (uint64_t)b->i)
			return (uint64_t)a->i < (uint64_t)b->i ? -1 : 1;
	}
	as = a->s ? a->s : "";
	bs = b->s ? b->s : "";
	return strcmp(as, bs);
}

int agg_key_cmp(const struct dvalue *a, const struct dvalue *b, int nkeys, int first)
{
	int i, r;

	if (first < 0 || first >= nkeys)
		first = 0;
	for (i = 0; i < nkeys; i++) {
		int k = (first + i) % nkeys;

		r = key1_cmp(&a[k], &b[k]);
		if (r)
			return r;
	}
	return 0;
}

/* What sorting one aggregation needs: its descriptor and, for llquantize,
 * the bucket bounds that weight the buckets. */
struct valctx {
	const struct agg_desc *d;
	int64_t *llq;
	int nllq;
};

static int valctx_init(struct valctx *v, const struct agg_desc *d)
{
	v->d = d;
	v->llq = NULL;
	v->nllq = 0;
	if (d->func != AGG_LLQUANTIZE)
		return 0;
	v->nllq = agg_llq_bounds(d->param[0], d->param[1], d->param[2], d->param[3], NULL, 0);
	if (v->nllq <= 0) {
		v->nllq = 0;
		return 0;
	}
	v->llq = malloc(sizeof(*v->llq) * (size_t)v->nllq);
	if (!v->llq)
		return -1;
	agg_llq_bounds(d->param[0], d->param[1], d->param[2], d->param[3], v->llq, v->nllq);
	return 0;
}

static int64_t lq_zero(const struct agg_desc *d, const int64_t *data)
{
	int64_t base = d->param[0], step = d->param[2], levels = lq_levels(d->param), i;

	if (base - 1 == 0)
		return data[0];
	for (i = 0; i < levels; i++, base += step)
		if (base == 0)
			return data[i + 1];
	if (base + 1 == 0)
		return data[levels + 1];
	return 0;
}

/* dtrace's value order of two entries of one aggregation, ascending. */
static int val_cmp(const struct valctx *v, const int64_t *a, const int64_t *b)
{
	const struct agg_desc *d = v->d;
	long double ta = 0, tb = 0;
	int64_t i, base, step, levels;
	int r;

	switch (d->func) {
	case AGG_COUNT:
	case AGG_SUM:
	case AGG_MIN:
	case AGG_MAX:
		return (a[0] > b[0]) - (a[0] < b[0]);
	case AGG_AVG:
		return (avg_of(a) > avg_of(b)) - (avg_of(a) < avg_of(b));
	case AGG_STDDEV: {
		uint64_t x = agg_stddev(a, 1), y = agg_stddev(b, 1);

		return (x > y) - (x < y);
	}
	case AGG_QUANTIZE:
		for (i = 0; i < AGG_QUANTIZE_NBUCKETS; i++) {
			long double bv = (long double)agg_quantize_value((int)i);

			ta += bv * (long double)a[i];
			tb += bv * (long double)b[i];
		}
		r = cmp3(ta, tb);
		if (r)
			return r;
		return (a[AGG_QUANTIZE_ZERO] > b[AGG_QUANTIZE_ZERO]) -
		       (a[AGG_QUANTIZE_ZERO] < b[AGG_QUANTIZE_ZERO]);
	case AGG_LQUANTIZE:
		base = d->param[0];
		step = d->param[2];
		levels = lq_levels(d->param);
		ta = (long double)a[0] * (long double)(base - 1);
		tb = (long double)b[0] * (long double)(base - 1);
		for (i = 0; i < levels; i++, base += step) {
			ta += (long double)a[i + 1] * (long double)base;
			tb += (long double)b[i + 1] * (long double)base;
		}
		ta += (long double)a[levels + 1] * (long double)(base + 1);
		tb += (long double)b[levels + 1] * (long double)(base + 1);
		r = cmp3(ta, tb);
		if (r)
			return r;
		return (lq_zero(d, a) > lq_zero(d, b)) - (lq_zero(d, a) < lq_zero(d, b));
	case AGG_LLQUANTIZE:
		for (i = 1; i <= v->nllq; i++) {
			ta += (long double)a[i] * (long double)v->llq[i - 1];
			tb += (long double)b[i] * (long double)v->llq[i - 1];
		}
		r = cmp3(ta, tb);
		if (r)
			return r;
		return (a[0] > b[0]) - (a[0] < b[0]);
	}
	return 0;
}

/* ---- agg_sort ---------------------------------------------------------- */

struct sortctx {
	struct valctx v;
	struct agg_sortopts o;
	int nkeys;
};

static int entry_cmp(const void *pa, const void *pb, void *arg)
{
	const struct agg_entry *a = pa, *b = pb;
	const struct sortctx *s = arg;
	int r = 0;

	if (!s->o.sortkey)
		r = val_cmp(&s->v, a->data, b->data);
	if (r == 0)
		r = agg_key_cmp(a->keys, b->keys, s->nkeys, s->o.sortkeypos);
	return s->o.sortrev ? -r : r;
}

/*
 * The common large case without comparisons: a count, sum, min or max
 * whose key components are all integers of one width per component (a
 * table of 100,000 pids or addresses).  Each entry becomes a row of
 * unsigned 64-bit fields in the comparison's order of significance (the
 * value, sign bit flipped, unless aggsortkey; then the key components from
 * aggsortkeypos on, each masked to its width as key1_cmp compares them),
 * and a least-significant-digit radix sort orders the rows a byte at a
 * time, skipping the bytes every row has alike.  Returns 0 when it sorted,
 * -1 when the table is not such a case (or memory ran out) and qsort must.
 */
enum { RADIX_MIN = 256, RADIX_MAXF = 5 };

static int radix_sort(struct agg_table *t, const struct agg_sortopts *o)
{
	const struct agg_desc *d = t->desc;
	int nk = d->nkeys, nf = nk + !o->sortkey, first = o->sortkeypos;
	size_t n = t->n, cnt[8][256];
	uint64_t *f = NULL, x;
	uint32_t *ord = NULL, *tmp;
	struct agg_entry *out = NULL;
	int sz[RADIX_MAXF];

	if (n < RADIX_MIN || n > UINT32_MAX || nf > RADIX_MAXF || nf == 0 ||
	    (!o->sortkey && d->func != AGG_COUNT && d->func != AGG_SUM && d->func != AGG_MIN &&
	     d->func != AGG_MAX))
		return -1;
	if (first < 0 || first >= nk)
		first = 0;
	for (int k = 0; k < nk; k++) {
		const struct dvalue *v = &t->entries[0].keys[k];

		if (v->kind != DV_INT && v->kind != DV_UINT)
			return -1;
		sz[k] = v->size > 0 && v->size < 8 ? v->size : 8;
	}
	f = malloc(sizeof(*f) * n * (size_t)nf);
	ord = malloc(sizeof(*ord) * n * 2);
	out = malloc(sizeof(*out) * n);
	if (!f || !ord || !out)
		goto fail;
	tmp = ord + n;
	for (size_t i = 0; i < n; i++) {
		const struct agg_entry *e = &t->entries[i];
		uint64_t *row = f + i * (size_t)nf;
		int j = 0;

		if (!o->sortkey)
			row[j++] = (uint64_t)e->data[0] ^ (1ULL << 63);
		for (int c = 0; c < nk; c++) {
			const struct dvalue *v = &e->keys[(first + c) % nk];
			int s = v->size > 0 && v->size < 8 ? v->size : 8;

			if ((v->kind != DV_INT && v->kind != DV_UINT) || s != sz[(first + c) % nk])
				goto fail;
			x = (uint64_t)v->i;
			row[j++] = s < 8 ? x & ((1ULL << (s * 8)) - 1) : x;
		}
		ord[i] = (uint32_t)i;
	}
	/* least significant field first, least significant byte first */
	for (int j = nf - 1; j >= 0; j--) {
		memset(cnt, 0, sizeof(cnt));
		for (size_t i = 0; i < n; i++) {
			x = f[i * (size_t)nf + (size_t)j];
			for (int b = 0; b < 8; b++)
				cnt[b][(x >> (b * 8)) & 0xff]++;
		}
		for (int b = 0; b < 8; b++) {
			size_t pos = 0;
			int used = 0;

			for (int v = 0; v < 256; v++)
				used += cnt[b][v] != 0;
			if (used < 2)
				continue; /* every row has this byte alike */
			for (int v = 0; v < 256; v++) {
				size_t c = cnt[b][v];

				cnt[b][v] = pos;
				pos += c;
			}
			for (size_t i = 0; i < n; i++) {
				uint32_t r = ord[i];

				tmp[cnt[b][(f[(size_t)r * (size_t)nf + (size_t)j] >> (b * 8)) & 0xff]++] = r;
			}
			memcpy(ord, tmp, sizeof(*ord) * n);
		}
	}
	for (size_t i = 0; i < n; i++)
		out[o->sortrev ? n - 1 - i : i] = t->entries[ord[i]];
	memcpy(t->entries, out, sizeof(*out) * n);
	free(f);
	free(ord);
	free(out);
	return 0;
fail:
	free(f);
	free(ord);
	free(out);
	return -1;
}

void agg_sort(struct agg_table *t, const struct agg_sortopts *o)
{
	static const struct agg_sortopts none;
	struct sortctx s;

	if (!t || t->n < 2)
		return;
	if (radix_sort(t, o ? o : &none) == 0)
		return;
	s.o = o ? *o : none;
	s.nkeys = t->desc->nkeys;
	if (valctx_init(&s.v, t->desc) < 0)
		return;
	qsort_r(t->entries, t->n, sizeof(*t->entries), entry_cmp, &s);
	free(s.v.llq);
}

/* ---- agg_join ---------------------------------------------------------- */

struct joinref {
	const struct dvalue *keys;
	int table; /* index of the first position holding this table */
	int entry;
};

struct joinctx {
	struct agg_table *const *tables;
	int ntables;
	int nkeys;
	struct agg_sortopts o;
	struct valctx *v;
	const int *rows;
	const struct dvalue **rep; /* each row's key */
	const int64_t *zero;	   /* zeroed slots for absent values */
};

static int ref_cmp(const void *pa, const void *pb, void *arg)
{
	const struct joinref *a = pa, *b = pb;
	int r = agg_key_cmp(a->keys, b->keys, *(const int *)arg, 0);

	if (r)
		return r;
	return (a->table > b->table) - (a->table < b->table);
}

static int row_cmp(const void *pa, const void *pb, void *arg)
{
	int ra = *(const int *)pa, rb = *(const int *)pb, j, r;
	const struct joinctx *c = arg;
	int pos = c->o.sortpos > 0 && c->o.sortpos < c->ntables ? c->o.sortpos : 0;

	if (c->o.sortkey) {
		r = agg_key_cmp(c->rep[ra], c->rep[rb], c->nkeys, c->o.sortkeypos);
		if (r)
			return c->o.sortrev ? -r : r;
	}
	for (j = 0; j < c->ntables; j++) {
		int t = (j + pos) % c->ntables;
		int ea = c->rows[ra * c->ntables + t], eb = c->rows[rb * c->ntables + t];
		const int64_t *da = ea < 0 ? c->zero : c->tables[t]->entries[ea].data;
		const int64_t *db = eb < 0 ? c->zero : c->tables[t]->entries[eb].data;

		r = val_cmp(&c->v[t], da, db);
		if (r)
			return c->o.sortrev ? -r : r;
	}
	if (c->o.sortkey)
		return 0;
	r = agg_key_cmp(c->rep[ra], c->rep[rb], c->nkeys, c->o.sortkeypos);
	return c->o.sortrev ? -r : r;
}

int agg_join(struct agg_table *const *tables, int ntables, const struct agg_sortopts *o, int **rows)
{
	static const struct agg_sortopts none;
	struct joinref *refs = NULL;
	struct joinctx c;
	int *grid = NULL, *order = NULL, *sorted = NULL;
	int64_t *zero = NULL;
	size_t nref = 0, i;
	int nrows = 0, t, u, maxnd = 1, ret = -1;

	*rows = NULL;
	if (ntables <= 0)
		return 0;
	memset(&c, 0, sizeof(c));
	c.v = calloc((size_t)ntables, sizeof(*c.v));
	if (!c.v)
		return -1;
	for (t = 0; t < ntables; t++) {
		int dup = 0;

		if (valctx_init(&c.v[t], tables[t]->desc) < 0)
			goto out;
		if (tables[t]->desc->ndata > maxnd)
			maxnd = tables[t]->desc->ndata;
		for (u = 0; u < t; u++)
			dup |= tables[u] == tables[t];
		if (!dup)
			nref += tables[t]->n;
	}
	c.nkeys = tables[0]->desc->nkeys;
	refs = malloc(sizeof(*refs) * (nref ? nref : 1));
	zero = calloc((size_t)maxnd, sizeof(*zero));
	if (!refs || !zero)
		goto out;
	nref = 0;
	for (t = 0; t < ntables; t++) {
		int dup = 0;

		for (u = 0; u < t; u++)
			dup |= tables[u] == tables[t];
		if (dup)
			continue;
		for (i = 0; i < tables[t]->n; i++) {
			refs[nref].keys = tables[t]->entries[i].keys;
			refs[nref].table = t;
			refs[nref].entry = (int)i;
			nref++;
		}
	}
	if (nref == 0) {
		ret = 0;
		goto out;
	}
	qsort_r(refs, nref, sizeof(*refs), ref_cmp, &c.nkeys);

	grid = malloc(sizeof(*grid) * nref * (size_t)ntables);
	c.rep = malloc(sizeof(*c.rep) * nref);
	if (!grid || !c.rep)
		goto out;
	for (i = 0; i < nref; i++) {
		if (i == 0 || agg_key_cmp(refs[i].keys, refs[i - 1].keys, c.nkeys, 0) != 0) {
			for (t = 0; t < ntables; t++)
				grid[nrows * ntables + t] = -1;
			c.rep[nrows] = refs[i].keys;
			nrows++;
		}
		for (t = 0; t < ntables; t++)
			if (tables[t] == tables[refs[i].table])
				grid[(nrows - 1) * ntables + t] = refs[i].entry;
	}

	order = malloc(sizeof(*order) * (size_t)nrows);
	sorted = malloc(sizeof(*sorted) * (size_t)nrows * (size_t)ntables);
	if (!order || !sorted)
		goto out;
	for (u = 0; u < nrows; u++)
		order[u] = u;
	c.tables = tables;
	c.ntables = ntables;
	c.o = o ? *o : none;
	c.rows = grid;
	c.zero = zero;
	qsort_r(order, (size_t)nrows, sizeof(*order), row_cmp, &c);
	for (u = 0; u < nrows; u++)
		memcpy(&sorted[u * ntables], &grid[order[u] * ntables], sizeof(*grid) * (size_t)ntables);
	*rows = sorted;
	sorted = NULL;
	ret = nrows;
out:
	for (t = 0; t < ntables; t++)
		free(c.v[t].llq);
	free(c.v);
	free(c.rep);
	free(refs);
	free(grid);
	free(order);
	free(sorted);
	free(zero);
	return ret;
}

void agg_update(const struct agg_desc *d, int64_t *data, int64_t v, int64_t incr)
{
	switch (d->func) {
	case AGG_COUNT:
		data[0]++;
		return;
	case AGG_SUM:
		data[0] += v;
		return;
	case AGG_AVG:
		data[0]++;
		data[1] += v;
		return;
	case AGG_MIN:
	case AGG_MAX:
		if (!data[1] || (d->func == AGG_MIN ? v < data[0] : v > data[0]))
			data[0] = v;
		data[1]++;
		return;
	case AGG_STDDEV: {
		unsigned __int128 sq = ((unsigned __int128)(uint64_t)data[3] << 64) | (uint64_t)data[2];
		__int128 vv = (__int128)v * v;

		sq += (unsigned __int128)vv;
		data[0]++;
		data[1] += v;
		data[2] = (int64_t)(uint64_t)sq;
		data[3] = (int64_t)(uint64_t)(sq >> 64);
		return;
	}
	case AGG_QUANTIZE:
		data[agg_quantize_bucket(v)] += incr;
		return;
	case AGG_LQUANTIZE: {
		int64_t base = d->param[0], limit = d->param[1], step = d->param[2], levels = d->param[3];

		if (v < base)
			data[0] += incr;
		else if (v >= limit)
			data[levels + 1] += incr;
		else
			data[1 + (v - base) / step] += incr;
		return;
	}
	case AGG_LLQUANTIZE: {
		int64_t bounds[4096];
		int n = agg_llq_bounds(d->param[0], d->param[1], d->param[2], d->param[3], bounds, 4096),
		    b = 0;

		while (b < n && v >= bounds[b])
			b++;
		data[b < d->ndata ? b : d->ndata - 1] += incr;
		return;
	}
	}
}
