/*
 * agg.h - aggregations: their descriptors, their data layout and the
 * operations the consumer performs on them (merge, sort, normalize, trunc).
 *
 * Layout contract, shared by the code generator and the consumer:
 *
 * An aggregation's value is an array of `ndata` int64 slots, the same in the
 * kernel's per-CPU map and in a merged entry:
 *
 *   AGG_COUNT      [0] count
 *   AGG_SUM        [0] sum
 *   AGG_AVG        [0] count  [1] sum
 *   AGG_MIN        [0] value  [1] count (0: never set on this CPU)
 *   AGG_MAX        [0] value  [1] count
 *   AGG_STDDEV     [0] count  [1] sum  [2] sum of squares, low 64 bits
 *                  [3] sum of squares, high 64 bits (unsigned 128-bit)
 *   AGG_QUANTIZE   [0..126] bucket counts; bucket 63 holds 0, bucket 63+k
 *                  (k = 1..63) holds [2^(k-1), 2^k), bucket 63-k holds
 *                  (-2^k, -2^(k-1)]
 *   AGG_LQUANTIZE  [0] below base, [1 + (v - base) / step] for
 *                  base <= v < limit, [levels + 1] at or above limit;
 *                  levels = (limit - base) / step
 *   AGG_LLQUANTIZE [0] below factor^low, then the buckets listed by
 *                  agg_llq_bounds(), the last one open-ended
 *
 * Merging across CPUs adds every slot, except MIN/MAX (min/max over the
 * CPUs whose count is non-zero, counts added) and the 128-bit sum of squares
 * (added with carry).
 *
 * Where the values live.  An aggregation without keys, or keyed by probe
 * fields only, is a per-CPU array.  A keyed one lives in numbered slots,
 * so that the consumer reads it from memory it maps instead of asking the
 * kernel for each key (at 100,000 keys the kernel's batch lookup costs
 * ~45 ms a read; the mapped arrays, a few):
 *
 *   ds_aggh_N  hash: key -> slot number (u64)
 *   ds_agg_N   mapped array, ncpus x nslots entries of ndata int64 slots:
 *              CPU c's values of slot s at entry c * nslots + s
 *   ds_aggk_N  mapped array, nslots + 1 entries of 8 + keysize bytes: the
 *              slot's state (1: in use) then its key; entry nslots holds
 *              the count of slots ever handed out
 *   ds_aggq_N  queue of slots freed by trunc(), handed out again first
 *
 * A probe that misses in the hash takes a slot (from the queue, else the
 * count), writes the key, inserts it with BPF_NOEXIST and marks the slot
 * in use; losing the race to another CPU gives the slot back.  The
 * consumer deletes a key by clearing its state and deleting it from the
 * hash; the slot is zeroed and queued a little later, once no probe can
 * still hold it.
 */
#ifndef DSCOPE_AGG_H
#define DSCOPE_AGG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dvalue.h"

enum agg_func {
	AGG_COUNT,
	AGG_SUM,
	AGG_AVG,
	AGG_MIN,
	AGG_MAX,
	AGG_STDDEV,
	AGG_QUANTIZE,
	AGG_LQUANTIZE,
	AGG_LLQUANTIZE,
};

enum { AGG_QUANTIZE_NBUCKETS = 127, AGG_QUANTIZE_ZERO = 63 };

/* Describes one aggregation (one @name) of a compiled program. */
struct agg_desc {
	const char *name; /* without '@'; "" for the anonymous @ */
	int id;		  /* 0-based, order of first appearance in the program */
	enum agg_func func;
	int nkeys; /* number of key components (0: no key) */
	int ndata; /* int64 slots per entry (see the layout above) */
	/* LQUANTIZE: base, limit, step, levels.  LLQUANTIZE: factor, low,
	 * high, nsteps. */
	int64_t param[4];
};

/* One merged entry: its key and its data. */
struct agg_entry {
	struct dvalue *keys; /* nkeys of them (owned by the snapshot) */
	int64_t *data;	     /* ndata slots (owned by the snapshot) */
	int64_t normal;	     /* normalization factor, 1 unless normalize() */
};

/* One aggregation's entries at one snapshot. */
struct agg_table {
	const struct agg_desc *desc;
	struct agg_entry *entries;
	size_t n;
	int64_t normal; /* from normalize(); 1 by default */
};

/* ---- layout helpers (used by the code generator too) ---- */

/* Number of int64 slots for a function with its parameters. */
int agg_ndata(enum agg_func f, const int64_t param[4]);

/* Bucket index of v for quantize (0..126). */
int agg_quantize_bucket(int64_t v);
/* The value dtrace prints for quantize bucket b: its bound nearest zero
 * (the smallest value for b >= 63, the largest for the negative buckets). */
int64_t agg_quantize_value(int b);

/*
 * llquantize bucket lower bounds: fills bounds[0..n-1] with the smallest
 * value of buckets 1..n (bucket 0 is everything below bounds[0]) and returns
 * n, or -1 when the parameters are invalid.  At most `max` are written.
 */
int agg_llq_bounds(int64_t factor, int64_t low, int64_t high, int64_t nsteps, int64_t *bounds, int max);

/* ---- consumer operations ---- */

/* One update of an entry's data with value v (quantizations: incr times),
 * as the kernel's programs do it (aggregations kept in user space). */
void agg_update(const struct agg_desc *d, int64_t *data, int64_t v, int64_t incr);

/* Merge `ncpu` per-CPU values (each ndata slots, consecutive) into out. */
void agg_merge(const struct agg_desc *d, const int64_t *percpu, int ncpu, int64_t *out);

/* Combine one merged entry's data into another's (into = into + from):
 * what agg_merge does for two CPUs, in place.  For values carried over
 * from another run (agg_base.h). */
void agg_combine(const struct agg_desc *d, int64_t *into, const int64_t *from);

/* The value dtrace sorts and prints for a scalar aggregation entry
 * (count, sum, avg = sum/count, min, max, stddev).  For the quantizations:
 * the sum of all bucket counts. */
int64_t agg_entry_value(const struct agg_desc *d, const int64_t *data);

/*
 * Sort entries the way dtrace does for printa and the end-of-run print:
 * by value ascending, ties broken by key; options change it:
 * aggsortkey (by key first), aggsortrev (reverse), aggsortpos (which
 * aggregation of a multi-aggregation printa decides), aggsortkeypos (which key
 * component sorts first).
 */
struct agg_sortopts {
	int sortkey;
	int sortrev;
	int sortpos;
	int sortkeypos;
};
void agg_sort(struct agg_table *t, const struct agg_sortopts *o);

/* Compare two keys the way dtrace does (integers numerically, strings
 * with strcmp). */
int agg_key_cmp(const struct dvalue *a, const struct dvalue *b, int nkeys, int first);

/* stddev() of a STDDEV entry as dtrace computes it (integer, 128-bit),
 * its sums divided by `normal` first; 0 when the count is 0. */
uint64_t agg_stddev(const int64_t *data, int64_t normal);

/*
 * The rows of a printa() over several aggregations, in dtrace's order: one
 * row per distinct key over all tables (tables with the same key signature;
 * a table may appear more than once).  (*rows)[r * ntables + i] is the index
 * of tables[i]'s entry for row r, or -1 when that table has no such key
 * (dtrace prints a zero value then).  o may be NULL (default options).
 * Returns the number of rows, *rows malloc'd (caller frees; NULL when there
 * are none), or -1 when out of memory.
 */
int agg_join(struct agg_table *const *tables, int ntables, const struct agg_sortopts *o, int **rows);

#endif
