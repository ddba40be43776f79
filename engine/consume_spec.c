/*
 * consume_spec.c - the consumer's side of speculations: records of
 * speculative clauses are held per speculation until the commit() or
 * discard() of their generation is consumed (cg_spec.c tags them).
 *
 * Invariants:
 *   - a slot holds the records of one generation at a time, in the order
 *     consumed; a record of a newer generation means the end of the older
 *     one was lost (its record dropped by a full ring buffer): the older
 *     records are dropped;
 *   - a record of a generation already ended (it raced with the commit on
 *     another CPU) and a record that would take a speculation past specsize
 *     bytes are speculative drops, reported as dtrace reports them;
 *   - commit() replays the held records through consume_record() at the
 *     place of the commit in the stream, with their own CPU and probe, so
 *     their output is exactly what they would have printed unspeculated;
 *   - commit() and discard() act when their record is consumed, even in a
 *     record that is itself speculative.
 * Speculations still open when tracing ends are discarded, as in dtrace.
 */
#include <stdlib.h>
#include <string.h>

#include "dscope_int.h"

struct spec_rec {
	struct spec_rec *next;
	size_t size;
	char data[];
};

struct spec_buf {
	uint64_t gen;	/* the generation held (live) */
	uint64_t ended; /* generations up to this one are over (has_ended) */
	int live, has_ended;
	size_t bytes;
	struct spec_rec *head, **tail;
};

static void buf_clear(struct spec_buf *b)
{
	while (b->head) {
		struct spec_rec *n = b->head->next;

		free(b->head);
		b->head = n;
	}
	b->tail = &b->head;
	b->bytes = 0;
	b->live = 0;
}

static struct spec_buf *buf_get(struct dscope *h, uint64_t id)
{
	if (id == 0 || id > (uint64_t)h->co.nspec)
		return NULL;
	if (!h->spec) {
		h->spec = calloc((size_t)h->co.nspec, sizeof(*h->spec));
		if (!h->spec)
			return NULL;
		for (int i = 0; i < h->co.nspec; i++)
			h->spec[i].tail = &h->spec[i].head;
	}
	return &h->spec[id - 1];
}

static uint64_t rec_u64(const char *rec, int off)
{
	uint64_t v;

	memcpy(&v, rec + off, 8);
	return v;
}

/* commit() or discard() of (id, gen): replay or drop the held records. */
static int spec_end(struct dscope *h, struct dscope_snap *s, uint64_t id, uint64_t gen, int commit)
{
	struct spec_buf *b = buf_get(h, id);
	struct spec_rec *r;
	int err = 0;

	if (!b || gen == SPEC_GEN_NONE)
		return 0;
	if (b->live && b->gen == gen) {
		/* detach first: the slot is empty while its records replay */
		r = b->head;
		b->head = NULL;
		buf_clear(b);
		while (r) {
			struct spec_rec *n = r->next;

			if (commit && !err)
				err = consume_record(h, s, r->data, r->size);
			free(r);
			r = n;
		}
	}
	if (!b->has_ended || gen > b->ended) {
		b->ended = gen;
		b->has_ended = 1;
	}
	return err;
}

int spec_take(struct dscope *h, struct dscope_snap *s, const struct d_cclause *cc, const void *data,
	      size_t size)
{
	const struct rec_hdr *hd = data;
	const struct d_act *sa = cc->spec;
	struct spec_buf *b;
	struct spec_rec *r;
	uint64_t id, gen;

	for (const struct d_act *a = cc->acts; a; a = a->next)
		if ((a->kind == ACT_COMMIT || a->kind == ACT_DISCARD) && (hd->mask & (1u << a->bit)))
			if (spec_end(h, s, rec_u64(data, a->args[0].off), rec_u64(data, a->args[1].off),
				     a->kind == ACT_COMMIT))
				return -1;
	if (!sa || !(hd->mask & (1u << sa->bit)))
		return 0;
	id = rec_u64(data, sa->args[0].off);
	gen = rec_u64(data, sa->args[1].off);
	b = buf_get(h, id);
	if (!b)
		return 1;
	if (b->has_ended && gen <= b->ended) {
		h->specdrops++;
		return 1;
	}
	if (b->live && b->gen != gen) {
		/* the end of the older generation never arrived */
		for (r = b->head; r; r = r->next)
			h->specdrops++;
		buf_clear(b);
	}
	if (b->bytes + size > h->co.specsize || !(r = malloc(sizeof(*r) + size))) {
		h->specdrops++;
		return 1;
	}
	r->next = NULL;
	r->size = size;
	memcpy(r->data, data, size);
	*b->tail = r;
	b->tail = &r->next;
	b->bytes += size;
	b->live = 1;
	b->gen = gen;
	return 1;
}

void spec_fini(struct dscope *h)
{
	for (int i = 0; h->spec && i < h->co.nspec; i++)
		buf_clear(&h->spec[i]);
	free(h->spec);
	h->spec = NULL;
}
