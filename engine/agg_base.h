/*
 * agg_base.h - an aggregation's base: values carried into a program from
 * another run of it (dscope_carry), added to what the program aggregates
 * itself every time one of its tables is taken.
 *
 * A base is a table in user space: one entry per distinct key, the keys
 * owned copies, the data in agg.h's layout.  The consumer folds it into
 * each table it takes (agg_base_fold): an entry whose key the program has
 * too is combined with it (agg_combine: counts and sums add, min and max
 * combine, avg and stddev add their count, sum and sum of squares,
 * quantizations add bucket by bucket), the others become rows of their
 * own.  clear() zeroes the base's values and keeps its keys, as it does
 * the program's; trunc() drops its entries, all or those not kept.
 *
 * Keys are matched by their value, never by an address or an id: a stack
 * is the text of its frames, since stack ids are per program.  A base
 * holds at most `max` entries (the program's own aggregation map's size),
 * so it never grows past what the program could hold itself.  Nothing here
 * touches the kernel; the unit tests drive it with tables built by hand.
 */
#ifndef DSCOPE_AGG_BASE_H
#define DSCOPE_AGG_BASE_H

#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "arena.h"

struct agg_base;

/* A base for aggregation d (borrowed: it must outlive the base), of at
 * most max entries.  NULL when out of memory. */
struct agg_base *agg_base_new(const struct agg_desc *d, size_t max);
void agg_base_free(struct agg_base *b);

/* Add an entry, keys and data copied; an equal key's entry absorbs it.
 * Returns 0, 1 when the base is full (nothing added), -ENOMEM. */
int agg_base_add(struct agg_base *b, const struct dvalue *keys, const int64_t *data);

/* Number of entries. */
size_t agg_base_size(const struct agg_base *b);

/*
 * Fold the base into t, a table of the same aggregation just taken (its
 * entries' data may be written: they belong to the snapshot being built):
 * each base entry is combined into the first entry of t with an equal key,
 * or appended as a row, its keys and data copied into ar.  t is left
 * unsorted.  0 or -ENOMEM.
 */
int agg_base_fold(const struct agg_base *b, struct arena *ar, struct agg_table *t);

/* clear(): every value zeroed, the keys kept. */
void agg_base_clear(struct agg_base *b);

/* A set of keys, by their canonical text (agg_key_canon). */
struct agg_keyset {
	char **v; /* sorted, owned */
	size_t n;
};

/* The keys of t's entries [from, to).  0 or -ENOMEM. */
int agg_keyset_init(struct agg_keyset *ks, const struct agg_table *t, size_t from, size_t to);
/* 1 when the set holds keys, 0 when not, -ENOMEM. */
int agg_keyset_has(const struct agg_keyset *ks, const struct dvalue *keys, int nkeys);
void agg_keyset_fini(struct agg_keyset *ks);

/* trunc(): the entries whose keys are not in keep dropped (keep NULL:
 * all of them).  0 or -ENOMEM (then nothing was dropped). */
int agg_base_trunc(struct agg_base *b, const struct agg_keyset *keep);

/*
 * The canonical text of a key (malloc'd, NUL-terminated; NULL when out of
 * memory): equal for keys agg_key_cmp finds equal, except that stacks and
 * symbols are their text alone (their addresses and stack ids are left
 * out).  Each component is a kind letter, a length and the text, so no
 * two keys share one.
 */
char *agg_key_canon(const struct dvalue *keys, int nkeys);

#endif
