/*
 * session_read.c - the session reader: a session file back into the
 * snapshot stream (docs/session-format.md).
 *
 * The reader trusts nothing: every length is bounded by what is left of
 * its chunk, every chunk is checked (sync word, sequence number, crc32 of
 * header and payload, the footer) before its payload is decompressed, and
 * a decoded snapshot is checked against what the printers assume (integer
 * widths, formats and aggregation descriptors defined, every entry of a
 * table keyed the same way, aggregation parameters that agg_ndata accepts).
 * At the first damage it stops and says where: byte offset and chunk
 * number.  Unknown chunk types are skipped.
 *
 * A program swap (SWAP) and the interface's state (UI) come out as items
 * of their own, decoded into a scratch arena that the next item reuses.
 *
 * Ownership: formats, aggregation descriptors and aggregation keys live in
 * the reader (keys are interned: a key seen in many snapshots is stored
 * once); everything else in the snapshot's own arena.  Deltas are applied
 * against the previous snapshot with tables, held by reference.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "batch.h"
#include "d_diag.h"
#include "session.h"
#include "session_int.h"

enum {
	MAX_DEFS = 1 << 16,
	MAX_KEYS = 64,
	MAX_VALS = 4096,
	MAX_TABS = 64,
	MAX_AGGS = 4096,
	MAX_NDATA = 1 << 20,
	MAX_UIVIEWS = 256,
	MAX_CRUMBS = 64,
	MAX_ZOOM = 64,
	RD_BUF = 1 << 16,
};

struct kint { /* an interned aggregation key */
	uint64_t hash;
	uint32_t len;
	uint8_t *bytes; /* its encoding */
	struct dvalue *keys;
};

struct seekpt {
	uint64_t off, seq;
	uint32_t chunkno;
};

struct session_reader {
	/* the source: a descriptor (buffered) or a buffer in memory */
	int fd, ownfd, seekable;
	const uint8_t *mem;
	size_t memsize;
	uint8_t *buf;
	size_t blen, bpos;
	uint64_t off; /* file offset of the next byte to read */
	char name[256];

	uint32_t chunkno, hdrsize;
	int ended, complete, damaged;
	char err[768];
	ZSTD_DCtx *zd;
	struct sbuf stored, raw;

	struct session_info info;
	struct arena arena; /* info, formats, descriptors, keys */
	struct fmt **fmts;
	size_t nfmts;
	struct agg_desc **descs;
	size_t ndescs;
	struct kint *kt; /* open addressing */
	size_t nkt, ktcap;
	struct dscope_snap *prev; /* the last snapshot with tables */
	char *msg;
	int skip_tables;   /* session_read_skip_tables */
	struct arena item; /* a SWAP's or UI's decoding, until the next item */
	struct session_info swap;
	struct session_ui ui;

	uint64_t skip_below; /* after a seek: snapshots below this seq are not returned */
	struct seekpt *seek;
	size_t nseek;
	int seek_loaded;
};

/* ---- the source ---- */

/* Up to n bytes at the current position; *got set; pointer valid until the
 * next call. */
static const uint8_t *src_get(struct session_reader *r, size_t n, size_t *got)
{
	if (r->mem) {
		size_t left = r->off < r->memsize ? r->memsize - (size_t)r->off : 0;

		*got = n < left ? n : left;
		const uint8_t *p = r->mem + r->off;

		r->off += *got;
		return p;
	}
	if (r->blen - r->bpos < n) {
		/* keep the tail, fill up to n (a chunk may exceed the buffer) */
		size_t have = r->blen - r->bpos, cap = n > RD_BUF ? n : RD_BUF;
		uint8_t *nb = malloc(cap);

		if (!nb) {
			*got = 0;
			return NULL;
		}
		if (have)
			memcpy(nb, r->buf + r->bpos, have);
		free(r->buf);
		r->buf = nb;
		r->bpos = 0;
		r->blen = have;
		while (r->blen < n) {
			ssize_t k = read(r->fd, r->buf + r->blen, cap - r->blen);

			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0)
				break;
			r->blen += (size_t)k;
		}
	}
	*got = r->blen - r->bpos < n ? r->blen - r->bpos : n;
	const uint8_t *p = r->buf + r->bpos;

	r->bpos += *got;
	r->off += *got;
	return p;
}

static int src_seek(struct session_reader *r, uint64_t off)
{
	if (!r->mem) {
		if (!r->seekable || lseek(r->fd, (off_t)off, SEEK_SET) < 0)
			return -ESPIPE;
		r->blen = r->bpos = 0;
	}
	r->off = off;
	return 0;
}

static int src_pread(struct session_reader *r, uint64_t off, void *buf, size_t n)
{
	if (r->mem) {
		if (off > r->memsize || r->memsize - off < n)
			return -1;
		memcpy(buf, r->mem + off, n);
		return 0;
	}
	return pread(r->fd, buf, n, (off_t)off) == (ssize_t)n ? 0 : -1;
}

static uint64_t src_size(struct session_reader *r)
{
	struct stat st;

	if (r->mem)
		return r->memsize;
	return fstat(r->fd, &st) ? 0 : (uint64_t)st.st_size;
}

/* ---- chunks ---- */

static int damage(struct session_reader *r, uint64_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int damage(struct session_reader *r, uint64_t at, const char *fmt, ...)
{
	char why[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	r->damaged = 1;
	r->ended = 1;
	snprintf(r->err, sizeof(r->err), "%s: stopped at byte %llu (chunk %u): %s", r->name,
		 (unsigned long long)at, r->chunkno, why);
	return -1;
}

/*
 * Read the next chunk into r->raw: 1 (type, flags set), 0 at a clean end
 * of the file, -1 at damage.
 */
static int read_chunk(struct session_reader *r, unsigned *type, unsigned *flags)
{
	uint64_t at = r->off;
	uint8_t h[CHUNK_HDR_SIZE], ftr[CHUNK_FTR_SIZE];
	const uint8_t *p;
	size_t got;
	uint32_t stored, rawlen, crc;

	p = src_get(r, CHUNK_HDR_SIZE, &got);
	if (got == 0)
		return 0;
	if (got < CHUNK_HDR_SIZE)
		return damage(r, at, "the file ends inside a chunk header (%zu of %d bytes)", got,
			      CHUNK_HDR_SIZE);
	memcpy(h, p, sizeof(h));
	if (le32_get(h) != CHUNK_SYNC)
		return damage(r, at, "no chunk starts here (bad sync word)");
	*type = le16_get(h + 4);
	*flags = le16_get(h + 6);
	stored = le32_get(h + 8);
	rawlen = le32_get(h + 12);
	if (stored > CHUNK_MAX_STORED || rawlen > CHUNK_MAX_RAW)
		return damage(r, at, "chunk length out of range");
	if (le32_get(h + 16) != r->chunkno)
		return damage(r, at, "chunk number %u where %u was expected", le32_get(h + 16), r->chunkno);
	r->stored.n = 0;
	if (sb_reserve(&r->stored, (size_t)stored + CHUNK_FTR_SIZE))
		return damage(r, at, "out of memory");
	p = src_get(r, (size_t)stored + CHUNK_FTR_SIZE, &got);
	if (got < (size_t)stored + CHUNK_FTR_SIZE)
		return damage(r, at, "the file ends inside a chunk (%zu of %u bytes)", got + CHUNK_HDR_SIZE,
			      stored + CHUNK_HDR_SIZE + CHUNK_FTR_SIZE);
	memcpy(r->stored.p, p, stored);
	memcpy(ftr, p + stored, sizeof(ftr));
	crc = (uint32_t)crc32(0, h, 20);
	crc = (uint32_t)crc32(crc, r->stored.p, stored);
	if (crc != le32_get(h + 20))
		return damage(r, at, "checksum mismatch");
	if (le32_get(ftr) != stored + CHUNK_HDR_SIZE + CHUNK_FTR_SIZE || le32_get(ftr + 4) != crc)
		return damage(r, at, "bad chunk footer");
	r->raw.n = 0;
	if (sb_reserve(&r->raw, rawlen ? rawlen : 1))
		return damage(r, at, "out of memory");
	if (*flags & CHF_ZSTD) {
		size_t z = ZSTD_decompressDCtx(r->zd, r->raw.p, rawlen, r->stored.p, stored);

		if (ZSTD_isError(z) || z != rawlen)
			return damage(r, at, "the chunk does not decompress");
	} else {
		if (stored != rawlen)
			return damage(r, at, "chunk length mismatch");
		memcpy(r->raw.p, r->stored.p, stored);
	}
	r->raw.n = rawlen;
	r->chunkno++;
	return 1;
}

/* ---- decoding ---- */

static const char *dec_str(struct sdec *d, struct arena *a)
{
	size_t n;
	const char *s = sd_span(d, &n);

	return arena_strndup(a, s, n);
}

static void dec_val(struct sdec *d, struct arena *a, struct dvalue *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = (enum dval_kind)sd_u8(d);
	switch (v->kind) {
	case DV_INT:
	case DV_UINT:
		v->size = (int)sd_u8(d);
		if (v->size != 1 && v->size != 2 && v->size != 4 && v->size != 8)
			d->bad = 1;
		v->i = sd_sv(d);
		break;
	case DV_STR:
		v->s = dec_str(d, a);
		break;
	case DV_STACK:
		v->s = dec_str(d, a);
		v->n = (int)sd_max(d, 1 << 20);
		v->user = (int)sd_u8(d);
		break;
	case DV_SYM:
		v->s = dec_str(d, a);
		v->user = (int)sd_u8(d);
		break;
	default:
		d->bad = 1;
		v->kind = DV_INT;
		v->size = 8;
	}
}

static uint64_t hash_bytes(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h ^ (h >> 29);
}

/* nk keys, interned in the reader */
static struct dvalue *dec_keys_interned(struct session_reader *r, struct sdec *d, int nk)
{
	const uint8_t *start = d->p;
	struct dvalue tmp[MAX_KEYS];
	struct arena scratch;

	/* decode once to find the span and validate */
	arena_init(&scratch);
	for (int k = 0; k < nk; k++)
		dec_val(d, &scratch, &tmp[k]);
	arena_fini(&scratch);
	if (d->bad)
		return NULL;
	size_t len = (size_t)(d->p - start);
	uint64_t h = hash_bytes(start, len);

	if (r->nkt * 2 >= r->ktcap) {
		size_t nc = r->ktcap ? r->ktcap * 2 : 1024;
		struct kint *nt = calloc(nc, sizeof(*nt));

		if (!nt) {
			d->bad = 1;
			return NULL;
		}
		for (size_t i = 0; i < r->ktcap; i++) {
			if (!r->kt[i].keys)
				continue;
			size_t s = r->kt[i].hash & (nc - 1);

			while (nt[s].keys)
				s = (s + 1) & (nc - 1);
			nt[s] = r->kt[i];
		}
		free(r->kt);
		r->kt = nt;
		r->ktcap = nc;
	}
	size_t s = h & (r->ktcap - 1);

	for (; r->kt[s].keys; s = (s + 1) & (r->ktcap - 1))
		if (r->kt[s].hash == h && r->kt[s].len == len && !memcmp(r->kt[s].bytes, start, len))
			return r->kt[s].keys;
	struct kint *e = &r->kt[s];
	struct sdec again = { start, d->p, 0 };

	e->hash = h;
	e->len = (uint32_t)len;
	e->bytes = arena_alloc(&r->arena, len ? len : 1);
	memcpy(e->bytes, start, len);
	e->keys = arena_alloc(&r->arena, sizeof(*e->keys) * (size_t)(nk ? nk : 1));
	for (int k = 0; k < nk; k++)
		dec_val(&again, &r->arena, &e->keys[k]);
	r->nkt++;
	return e->keys;
}

static const struct agg_desc *desc_at(struct session_reader *r, struct sdec *d)
{
	uint64_t id = sd_uv(d);

	if (id >= r->ndescs || !r->descs[id]) {
		d->bad = 1;
		return NULL;
	}
	return r->descs[id];
}

/* every entry keyed like the first (the printers compare keys pairwise) */
static int keys_match(const struct dvalue *a, const struct dvalue *b, int nk)
{
	for (int k = 0; k < nk; k++)
		if (a[k].kind != b[k].kind)
			return 0;
	return 1;
}

static void check_table(struct sdec *d, const struct agg_table *t)
{
	for (size_t e = 1; e < t->n; e++)
		if (!keys_match(t->entries[0].keys, t->entries[e].keys, t->desc->nkeys))
			d->bad = 1;
}

/* The options as set (name, value or none), into in (from a). */
static void dec_opts(struct sdec *d, struct arena *a, struct session_info *in)
{
	in->nopts = (int)sd_count(d, 1024);
	in->optname = arena_alloc(a, sizeof(char *) * (size_t)(in->nopts + 1));
	in->optval = arena_alloc(a, sizeof(char *) * (size_t)(in->nopts + 1));
	for (int i = 0; i < in->nopts; i++) {
		in->optname[i] = dec_str(d, a);
		int has = (int)sd_u8(d);
		const char *v = dec_str(d, a);

		in->optval[i] = has ? v : NULL;
	}
}

/*
 * One table: full (prev NULL) or a delta against prev.  Keys interned when
 * `intern`, else from the snapshot's arena.
 */
static void dec_table(struct session_reader *r, struct sdec *d, struct arena *a, struct agg_table *t,
		      const struct agg_table *prev, int intern)
{
	const struct agg_desc *g = desc_at(r, d);
	long expect = 0;

	memset(t, 0, sizeof(*t));
	if (!g)
		return;
	t->desc = g;
	t->normal = sd_sv(d);
	t->n = sd_count(d, SIZE_MAX / 2);
	if (prev && prev->desc != g)
		d->bad = 1;
	if (d->bad)
		return;
	t->entries = arena_alloc(a, sizeof(*t->entries) * (t->n ? t->n : 1));
	for (size_t e = 0; e < t->n && !d->bad; e++) {
		struct agg_entry *en = &t->entries[e];
		uint64_t tag = prev ? sd_uv(d) : 0;

		en->data = arena_alloc(a, sizeof(int64_t) * (size_t)g->ndata);
		if (tag == 0) {
			if (intern) {
				en->keys = dec_keys_interned(r, d, g->nkeys);
			} else {
				en->keys =
				    arena_alloc(a, sizeof(*en->keys) * (size_t)(g->nkeys ? g->nkeys : 1));
				for (int k = 0; k < g->nkeys; k++)
					dec_val(d, a, &en->keys[k]);
			}
			en->normal = sd_sv(d);
			for (int k = 0; k < g->ndata; k++)
				en->data[k] = sd_sv(d);
			continue;
		}
		uint64_t z = tag - 1;
		int64_t dj = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
		uint64_t j = (uint64_t)expect + (uint64_t)dj;

		if (j >= prev->n) {
			d->bad = 1;
			return;
		}
		expect = (long)j + 1;
		en->keys = prev->entries[j].keys;
		en->normal = (int64_t)((uint64_t)prev->entries[j].normal + (uint64_t)sd_sv(d));
		for (int k = 0; k < g->ndata; k++)
			en->data[k] = (int64_t)((uint64_t)prev->entries[j].data[k] + (uint64_t)sd_sv(d));
	}
	if (!d->bad)
		check_table(d, t);
}

static int dec_defs(struct session_reader *r, struct sdec *d)
{
	while (d->p < d->end && !d->bad) {
		unsigned kind = sd_u8(d);
		uint64_t id = sd_uv(d);

		if (id >= MAX_DEFS)
			return -1;
		if (kind == DEF_FMT) {
			const char *text = dec_str(d, &r->arena), *func = dec_str(d, &r->arena);
			int printa = (int)sd_u8(d);
			struct d_diag dg;
			struct fmt *f;

			if (d->bad)
				return -1;
			if (id < r->nfmts && r->fmts[id])
				continue; /* defined again at a seek point */
			memset(&dg, 0, sizeof(dg));
			f = fmt_parse(&r->arena, text, printa, (struct d_pos){ 0, 0 }, &dg);
			if (!f)
				return -1;
			f->func = func;
			if (id >= r->nfmts) {
				struct fmt **n = realloc(r->fmts, sizeof(*n) * (id + 1));

				if (!n)
					return -1;
				memset(n + r->nfmts, 0, sizeof(*n) * (id + 1 - r->nfmts));
				r->fmts = n;
				r->nfmts = id + 1;
			}
			r->fmts[id] = f;
		} else if (kind == DEF_AGG) {
			struct agg_desc g;

			memset(&g, 0, sizeof(g));
			g.name = dec_str(d, &r->arena);
			g.id = (int)sd_max(d, MAX_AGGS);
			g.func = (enum agg_func)sd_max(d, AGG_LLQUANTIZE);
			g.nkeys = (int)sd_max(d, MAX_KEYS);
			g.ndata = (int)sd_uv(d);
			for (int i = 0; i < 4; i++)
				g.param[i] = sd_sv(d);
			if (d->bad || g.ndata < 1 || g.ndata > MAX_NDATA ||
			    agg_ndata(g.func, g.param) != g.ndata)
				return -1;
			if (g.func == AGG_LQUANTIZE && g.param[3] != g.ndata - 2)
				return -1;
			if (id < r->ndescs && r->descs[id])
				continue;
			if (id >= r->ndescs) {
				struct agg_desc **n = realloc(r->descs, sizeof(*n) * (id + 1));

				if (!n)
					return -1;
				memset(n + r->ndescs, 0, sizeof(*n) * (id + 1 - r->ndescs));
				r->descs = n;
				r->ndescs = id + 1;
			}
			r->descs[id] = arena_alloc(&r->arena, sizeof(g));
			*r->descs[id] = g;
		} else {
			return -1;
		}
	}
	return d->bad ? -1 : 0;
}

static void dec_event(struct session_reader *r, struct sdec *d, struct dscope_snap *s, struct snap_event *ev)
{
	struct arena *a = &s->arena;

	ev->cpu = (uint32_t)sd_uv(d);
	ev->probe = (uint32_t)sd_uv(d);
	ev->clause = (uint32_t)sd_uv(d);
	ev->prov = dec_str(d, a);
	ev->mod = dec_str(d, a);
	ev->func = dec_str(d, a);
	ev->name = dec_str(d, a);
	unsigned q = sd_u8(d);

	ev->quiet = q & 1;
	ev->quiet_end = (q >> 1) & 1;
	ev->nacts = (int)sd_count(d, MAX_VALS);
	ev->acts = arena_alloc(a, sizeof(*ev->acts) * (size_t)(ev->nacts ? ev->nacts : 1));
	for (int i = 0; i < ev->nacts && !d->bad; i++) {
		struct snap_act *sa = &ev->acts[i];
		unsigned kind = sd_u8(d);
		uint64_t f = sd_uv(d);

		if (kind > SA_OTHER || f > r->nfmts || (f && !r->fmts[f - 1])) {
			d->bad = 1;
			return;
		}
		sa->kind = (enum snap_act_kind)kind;
		sa->fmt = f ? r->fmts[f - 1] : NULL;
		sa->nvals = (int)sd_count(d, MAX_VALS);
		sa->vals = arena_alloc(a, sizeof(*sa->vals) * (size_t)(sa->nvals ? sa->nvals : 1));
		for (int k = 0; k < sa->nvals; k++)
			dec_val(d, a, &sa->vals[k]);
		sa->ntabs = (int)sd_count(d, MAX_TABS);
		sa->tabs = arena_alloc(a, sizeof(*sa->tabs) * (size_t)(sa->ntabs ? sa->ntabs : 1));
		for (int k = 0; k < sa->ntabs && !d->bad; k++)
			dec_table(r, d, a, &sa->tabs[k], NULL, 0);
		/* what the printers assume of an action */
		if (sa->kind == SA_TRACE && sa->nvals < 1)
			d->bad = 1;
		if (sa->kind == SA_PRINTF && !sa->fmt)
			d->bad = 1;
		for (int k = 1; k < sa->ntabs && !d->bad; k++) {
			const struct agg_table *t0 = &sa->tabs[0], *tk = &sa->tabs[k];

			if (t0->desc->nkeys != tk->desc->nkeys ||
			    (t0->n && tk->n &&
			     !keys_match(t0->entries[0].keys, tk->entries[0].keys, t0->desc->nkeys)))
				d->bad = 1;
		}
	}
}

static struct dscope_snap *dec_snap(struct session_reader *r, struct sdec *d, int64_t *t_ns, int *tables)
{
	struct dscope_snap *s = calloc(1, sizeof(*s));
	unsigned fl;

	if (!s)
		return NULL;
	s->refs = 1;
	arena_init(&s->arena);
	s->seq = sd_uv(d);
	*t_ns = sd_sv(d);
	fl = (unsigned)sd_uv(d);
	s->exit_status = (int)sd_sv(d);
	s->exited = !!(fl & SNF_EXITED);
	s->final = !!(fl & SNF_FINAL);
	s->flowindent = !!(fl & SNF_FLOW);
	s->sort.sortkey = (int)sd_sv(d);
	s->sort.sortrev = (int)sd_sv(d);
	s->sort.sortpos = (int)sd_sv(d);
	s->sort.sortkeypos = (int)sd_sv(d);
	s->nnotes = (int)sd_count(d, MAX_VALS);
	s->notes = arena_alloc(&s->arena, sizeof(*s->notes) * (size_t)(s->nnotes ? s->nnotes : 1));
	for (int i = 0; i < s->nnotes; i++)
		s->notes[i] = dec_str(d, &s->arena);
	s->nev = sd_count(d, SIZE_MAX / 2);
	s->ev = arena_alloc(&s->arena, sizeof(*s->ev) * (s->nev ? s->nev : 1));
	for (size_t i = 0; i < s->nev && !d->bad; i++)
		dec_event(r, d, s, &s->ev[i]);
	*tables = !!(fl & SNF_AGGS);
	if (r->skip_tables && (fl & SNF_AGGS) && !d->bad) {
		/* records only: the tables are neither decoded nor checked */
		d->p = d->end;
		fl &= ~(unsigned)SNF_AGGS;
		if (s->final)
			s->printed = arena_alloc(&s->arena, 1);
	} else if (fl & SNF_AGGS && !d->bad) {
		int full = !!(fl & SNF_FULL);

		s->naggs = (int)sd_count(d, MAX_AGGS);
		s->aggs = arena_alloc(&s->arena, sizeof(*s->aggs) * (size_t)(s->naggs ? s->naggs : 1));
		s->printed = arena_alloc(&s->arena, (size_t)(s->naggs ? s->naggs : 1));
		for (int i = 0; i < s->naggs; i++)
			s->printed[i] = (uint8_t)(sd_u8(d) != 0);
		if (!full && (!r->prev || r->prev->naggs != s->naggs))
			d->bad = 1;
		for (int i = 0; i < s->naggs && !d->bad; i++)
			dec_table(r, d, &s->arena, &s->aggs[i], full ? NULL : &r->prev->aggs[i], 1);
	} else if (s->final) {
		/* the printer walks the tables of the final snapshot */
		s->printed = arena_alloc(&s->arena, 1);
	}
	if (d->bad || d->p != d->end) {
		dscope_snap_release(s);
		return NULL;
	}
	if (fl & SNF_AGGS) {
		dscope_snap_release(r->prev);
		r->prev = dscope_snap_acquire(s);
	}
	return s;
}

static int dec_info(struct session_reader *r, struct sdec *d)
{
	struct session_info *in = &r->info;
	struct arena *a = &r->arena;

	in->prog = dec_str(d, a);
	in->version = dec_str(d, a);
	in->src = dec_str(d, a);
	int has = (int)sd_u8(d);
	const char *sn = dec_str(d, a);

	in->srcname = has ? sn : NULL;
	in->host = dec_str(d, a);
	in->kernel = dec_str(d, a);
	in->start_ns = sd_sv(d);
	in->interval_ns = sd_sv(d);
	uint64_t ncpus = sd_uv(d);

	in->ncpus = ncpus < (1 << 20) ? (int)ncpus : 0;
	dec_opts(d, a, in);
	return d->bad ? -1 : 0;
}

/* A SWAP chunk: the program's fields into r->swap (in r->item). */
static int dec_swap(struct session_reader *r, struct sdec *d, int64_t *t_ns)
{
	struct session_info *in = &r->swap;
	struct arena *a = &r->item;

	memset(in, 0, sizeof(*in));
	in->prog = r->info.prog;
	in->version = r->info.version;
	in->host = r->info.host;
	in->kernel = r->info.kernel;
	in->start_ns = r->info.start_ns;
	in->interval_ns = r->info.interval_ns;
	in->ncpus = r->info.ncpus;
	*t_ns = sd_sv(d);
	in->src = dec_str(d, a);
	int has = (int)sd_u8(d);
	const char *sn = dec_str(d, a);

	in->srcname = has ? sn : NULL;
	in->target = sd_sv(d);
	dec_opts(d, a, in);
	return d->bad ? -1 : 0;
}

/* One view's record (its own span: fields a later version adds at its
 * end are skipped). */
static void dec_view(struct sdec *d, struct arena *a, struct session_view *v)
{
	unsigned fl;

	v->name = dec_str(d, a);
	v->kind = (int)sd_max(d, 255);
	v->sel = (int)sd_max(d, INT32_MAX);
	v->top = (int)sd_max(d, INT32_MAX);
	v->selkey = dec_str(d, a);
	int64_t sc = sd_sv(d);

	if (sc < -1 || sc > 4096)
		d->bad = 1;
	v->sortcol = (int)sc;
	fl = sd_u8(d);
	v->sortrev = fl & 1;
	v->interval = (fl >> 1) & 1;
	v->follow = (fl >> 2) & 1;
	v->inverted = (fl >> 3) & 1;
	v->trunc = (int)sd_max(d, INT32_MAX);
	v->filter = dec_str(d, a);
	v->only = dec_str(d, a);
	v->nzoom = (int)sd_count(d, MAX_ZOOM);
	v->zoom = arena_alloc(a, sizeof(char *) * (size_t)(v->nzoom + 1));
	for (int k = 0; k < v->nzoom; k++)
		v->zoom[k] = dec_str(d, a);
	v->selpath = dec_str(d, a);
}

/* A UI chunk into r->ui (in r->item). */
static int dec_ui(struct session_reader *r, struct sdec *d, int64_t *t_ns)
{
	struct session_ui *ui = &r->ui;
	struct arena *a = &r->item;
	struct session_view *views;

	memset(ui, 0, sizeof(*ui));
	*t_ns = sd_sv(d);
	ui->cur = (int)sd_max(d, MAX_UIVIEWS);
	ui->ncrumbs = (int)sd_count(d, MAX_CRUMBS);
	ui->crumbs = arena_alloc(a, sizeof(char *) * (size_t)(ui->ncrumbs + 1));
	for (int i = 0; i < ui->ncrumbs; i++)
		ui->crumbs[i] = dec_str(d, a);
	ui->nviews = (int)sd_count(d, MAX_UIVIEWS);
	views = arena_alloc(a, sizeof(*views) * (size_t)(ui->nviews + 1));
	memset(views, 0, sizeof(*views) * (size_t)(ui->nviews + 1));
	for (int i = 0; i < ui->nviews && !d->bad; i++) {
		size_t n = sd_count(d, SIZE_MAX / 2);
		struct sdec sub = { d->p, d->p + n, 0 };

		if (d->bad)
			break;
		dec_view(&sub, a, &views[i]);
		if (sub.bad)
			d->bad = 1;
		d->p += n;
	}
	ui->views = views;
	if (ui->cur >= ui->nviews)
		ui->cur = 0;
	return d->bad || d->p != d->end ? -1 : 0;
}

/* ---- opening ---- */

static struct session_reader *reader_new(const char *name)
{
	struct session_reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->fd = -1;
	snprintf(r->name, sizeof(r->name), "%s", name);
	arena_init(&r->arena);
	arena_init(&r->item);
	r->zd = ZSTD_createDCtx();
	if (!r->zd) {
		free(r);
		return NULL;
	}
	return r;
}

static struct session_reader *reader_start(struct session_reader *r, char *err, size_t errlen)
{
	const uint8_t *p;
	uint8_t h[SESSION_HDR_SIZE];
	size_t got;
	unsigned type, flags;

	p = src_get(r, SESSION_HDR_SIZE, &got);
	if (got == 0) {
		/* what a recording onto a full disk leaves */
		snprintf(err, errlen, "%s: the file is empty (nothing was recorded)", r->name);
		goto fail;
	}
	if (got < 8 || memcmp(p, SESSION_MAGIC, 8)) {
		snprintf(err, errlen, "%s: not a dscope session file", r->name);
		goto fail;
	}
	if (got < SESSION_HDR_SIZE) {
		snprintf(err, errlen, "%s: the file ends inside its header", r->name);
		goto fail;
	}
	memcpy(h, p, sizeof(h));
	if (le16_get(h + 8) > SESSION_MAJOR) {
		snprintf(err, errlen,
			 "%s: session format %u.%u is newer than this dscope reads (%d.x); a newer dscope "
			 "replays it",
			 r->name, le16_get(h + 8), le16_get(h + 10), SESSION_MAJOR);
		goto fail;
	}
	uint32_t hs = le32_get(h + 12);

	if ((uint32_t)crc32(0, h, 28) != le32_get(h + 28) || hs < SESSION_HDR_SIZE || hs > 4096) {
		snprintf(err, errlen, "%s: damaged session header", r->name);
		goto fail;
	}
	r->hdrsize = hs;
	if (hs > SESSION_HDR_SIZE) { /* a later minor version's header: skip the rest */
		src_get(r, hs - SESSION_HDR_SIZE, &got);
		if (got < hs - SESSION_HDR_SIZE) {
			snprintf(err, errlen, "%s: the file ends inside its header", r->name);
			goto fail;
		}
	}
	int k = read_chunk(r, &type, &flags);

	if (k <= 0 || type != CH_PROGRAM) {
		if (k < 0)
			snprintf(err, errlen, "%s", r->err);
		else
			snprintf(err, errlen,
				 "%s: stopped at byte %llu (chunk 0): the session has no program chunk",
				 r->name, (unsigned long long)hs);
		goto fail;
	}
	struct sdec d = { r->raw.p, r->raw.p + r->raw.n, 0 };

	if (dec_info(r, &d)) {
		snprintf(err, errlen, "%s: stopped at byte %llu (chunk 0): malformed program chunk", r->name,
			 (unsigned long long)hs);
		goto fail;
	}
	return r;
fail:
	session_read_close(r);
	return NULL;
}

struct session_reader *session_open_fd(int fd, const char *name, char *err, size_t errlen)
{
	struct session_reader *r = reader_new(name);

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->fd = fd;
	r->seekable = lseek(fd, 0, SEEK_CUR) >= 0;
	return reader_start(r, err, errlen);
}

struct session_reader *session_open(const char *path, char *err, size_t errlen)
{
	int stdin_ = !strcmp(path, "-");
	int fd = stdin_ ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	struct session_reader *r;

	if (fd < 0) {
		snprintf(err, errlen, "failed to open session %s: %s", path, strerror(errno));
		return NULL;
	}
	r = session_open_fd(fd, stdin_ ? "standard input" : path, err, errlen);
	if (r && !stdin_)
		r->ownfd = 1;
	else if (!r && !stdin_)
		close(fd);
	return r;
}

struct session_reader *session_open_mem(const void *data, size_t size, char *err, size_t errlen)
{
	struct session_reader *r = reader_new("session");

	if (!r) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	r->mem = data;
	r->memsize = size;
	r->seekable = 1;
	return reader_start(r, err, errlen);
}

const struct session_info *session_read_info(const struct session_reader *r)
{
	return &r->info;
}

void session_read_close(struct session_reader *r)
{
	if (!r)
		return;
	dscope_snap_release(r->prev);
	if (r->ownfd)
		close(r->fd);
	ZSTD_freeDCtx(r->zd);
	sb_free(&r->stored);
	sb_free(&r->raw);
	free(r->buf);
	free(r->fmts);
	free(r->descs);
	free(r->kt);
	free(r->msg);
	free(r->seek);
	arena_fini(&r->arena);
	arena_fini(&r->item);
	free(r);
}

/* ---- the stream ---- */

int session_next(struct session_reader *r, struct session_item *it)
{
	memset(it, 0, sizeof(*it));
	while (!r->ended) {
		uint64_t at = r->off;
		unsigned type, flags;
		int k = read_chunk(r, &type, &flags);

		if (k < 0)
			return -1;
		if (k == 0) {
			r->ended = 1;
			break;
		}
		struct sdec d = { r->raw.p, r->raw.p + r->raw.n, 0 };

		switch (type) {
		case CH_DEFS:
			if (dec_defs(r, &d)) {
				r->chunkno--;
				return damage(r, at, "malformed definitions");
			}
			break;
		case CH_SNAP: {
			struct dscope_snap *s = dec_snap(r, &d, &it->t_ns, &it->tables);

			if (!s) {
				r->chunkno--;
				return damage(r, at, "malformed snapshot");
			}
			if (s->seq < r->skip_below) {
				dscope_snap_release(s);
				break;
			}
			r->skip_below = 0;
			it->kind = SESSION_SNAP;
			it->snap = s;
			return 1;
		}
		case CH_MSG: {
			size_t n;
			const char *m = sd_span(&d, &n);

			if (d.bad) {
				r->chunkno--;
				return damage(r, at, "malformed message");
			}
			if (r->skip_below)
				break;
			free(r->msg);
			r->msg = strndup(m, n);
			it->kind = SESSION_MSG;
			it->msg = r->msg ? r->msg : "";
			return 1;
		}
		case CH_SWAP:
		case CH_UI: {
			int bad;

			arena_fini(&r->item);
			arena_init(&r->item);
			bad = type == CH_SWAP ? dec_swap(r, &d, &it->t_ns) : dec_ui(r, &d, &it->t_ns);
			if (bad) {
				r->chunkno--;
				return damage(r, at, "malformed %s",
					      type == CH_SWAP ? "program swap" : "view state");
			}
			if (r->skip_below) {
				it->t_ns = 0;
				break;
			}
			it->kind = type == CH_SWAP ? SESSION_PROGRAM : SESSION_UI;
			it->prog = type == CH_SWAP ? &r->swap : NULL;
			it->ui = type == CH_UI ? &r->ui : NULL;
			return 1;
		}
		case CH_END:
			r->complete = 1;
			break;
		case CH_PROGRAM:
		case CH_INDEX:
		default: /* unknown types are skipped */
			break;
		}
	}
	if (!r->complete && !r->damaged)
		snprintf(
		    r->err, sizeof(r->err),
		    "%s: the session ends at byte %llu after chunk %u without its end mark (the recording "
		    "was interrupted)",
		    r->name, (unsigned long long)r->off, r->chunkno ? r->chunkno - 1 : 0);
	return r->damaged ? -1 : 0;
}

void session_read_skip_tables(struct session_reader *r, int on)
{
	r->skip_tables = on;
}

int session_read_complete(const struct session_reader *r)
{
	return r->complete;
}

const char *session_read_errmsg(const struct session_reader *r)
{
	return r->err;
}

/* ---- seeking ---- */

/* A verified chunk header at off (the payload's crc not checked): type,
 * flags, total length; 0 or -1. */
static int peek_chunk(struct session_reader *r, uint64_t off, unsigned *type, unsigned *flags,
		      uint32_t *total, uint32_t *chunkno)
{
	uint8_t h[CHUNK_HDR_SIZE], f[CHUNK_FTR_SIZE];
	uint32_t stored;

	if (src_pread(r, off, h, sizeof(h)) || le32_get(h) != CHUNK_SYNC)
		return -1;
	stored = le32_get(h + 8);
	if (stored > CHUNK_MAX_STORED || src_pread(r, off + CHUNK_HDR_SIZE + stored, f, sizeof(f)))
		return -1;
	if (le32_get(f) != stored + CHUNK_HDR_SIZE + CHUNK_FTR_SIZE || le32_get(f + 4) != le32_get(h + 20))
		return -1;
	*type = le16_get(h + 4);
	*flags = le16_get(h + 6);
	*total = le32_get(f);
	*chunkno = le32_get(h + 16);
	return 0;
}

/* The end of the last whole chunk: the file's end, or below a torn tail
 * (found by the footers). */
static uint64_t last_chunk_end(struct session_reader *r, uint64_t size)
{
	unsigned type, flags;
	uint32_t total, no;
	uint8_t f[CHUNK_FTR_SIZE];

	for (uint64_t end = size; end >= SESSION_HDR_SIZE + CHUNK_HDR_SIZE + CHUNK_FTR_SIZE; end--) {
		if (size - end > CHUNK_MAX_STORED)
			break;
		if (src_pread(r, end - CHUNK_FTR_SIZE, f, sizeof(f)))
			continue;
		total = le32_get(f);
		if (total < CHUNK_HDR_SIZE + CHUNK_FTR_SIZE || total > end - SESSION_HDR_SIZE)
			continue;
		if (!peek_chunk(r, end - total, &type, &flags, &total, &no))
			return end;
	}
	return 0;
}

static int add_seekpt(struct session_reader *r, uint64_t off, uint64_t seq, uint32_t chunkno)
{
	struct seekpt *n = realloc(r->seek, sizeof(*n) * (r->nseek + 1));

	if (!n)
		return -1;
	r->seek = n;
	n[r->nseek++] = (struct seekpt){ off, seq, chunkno };
	return 0;
}

/* The seq of the snapshot right after the seek point at off. */
static uint64_t seekpt_seq(struct session_reader *r, uint64_t off, uint32_t chunkno)
{
	uint64_t save_off = r->off;
	uint32_t save_no = r->chunkno;
	unsigned type, flags;
	uint64_t seq = 0;

	if (src_seek(r, off))
		return 0;
	r->chunkno = chunkno;
	for (int i = 0; i < 2; i++) {
		if (read_chunk(r, &type, &flags) <= 0)
			break;
		if (type == CH_SNAP) {
			struct sdec d = { r->raw.p, r->raw.p + r->raw.n, 0 };

			seq = sd_uv(&d);
			break;
		}
	}
	r->damaged = 0;
	r->ended = 0;
	r->err[0] = 0;
	src_seek(r, save_off);
	r->chunkno = save_no;
	return seq;
}

static int seek_cmp(const void *a, const void *b)
{
	const struct seekpt *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* Every seek point: walk back from the end to the last INDEX chunk, then
 * along the chain of INDEX chunks. */
static int load_seekpts(struct session_reader *r)
{
	uint64_t end = last_chunk_end(r, src_size(r)), idx = 0;
	unsigned type, flags;
	uint32_t total, no;
	uint8_t f[CHUNK_FTR_SIZE];

	while (end > SESSION_HDR_SIZE) {
		if (src_pread(r, end - CHUNK_FTR_SIZE, f, sizeof(f)))
			break;
		total = le32_get(f);
		if (total > end - SESSION_HDR_SIZE || peek_chunk(r, end - total, &type, &flags, &total, &no))
			break;
		end -= total;
		if (type == CH_INDEX) {
			idx = end + 1;
			break;
		}
		if (type == CH_DEFS && (flags & CHF_SEEK))
			add_seekpt(r, end, seekpt_seq(r, end, no), no);
	}
	while (idx) {
		uint64_t save = r->off;
		uint32_t save_no = r->chunkno;

		if (peek_chunk(r, idx - 1, &type, &flags, &total, &no) || src_seek(r, idx - 1))
			break;
		r->chunkno = no;
		int k = read_chunk(r, &type, &flags);

		src_seek(r, save);
		r->chunkno = save_no;
		r->damaged = r->ended = 0;
		if (k <= 0 || type != CH_INDEX)
			break;
		struct sdec d = { r->raw.p, r->raw.p + r->raw.n, 0 };
		uint64_t prev = sd_uv(&d);
		size_t n = sd_count(&d, 1 << 20);

		for (size_t i = 0; i < n && !d.bad; i++) {
			uint64_t off = sd_uv(&d), cno = sd_uv(&d), seq = sd_uv(&d);

			sd_sv(&d);
			if (!d.bad)
				add_seekpt(r, off, seq, (uint32_t)cno);
		}
		if (d.bad || prev >= idx)
			break;
		idx = prev;
	}
	if (r->nseek)
		qsort(r->seek, r->nseek, sizeof(*r->seek), seek_cmp);
	r->seek_loaded = 1;
	return 0;
}

int session_seek(struct session_reader *r, uint64_t seq)
{
	const struct seekpt *best = NULL;

	if (!r->seekable)
		return -ESPIPE;
	if (!r->seek_loaded)
		load_seekpts(r);
	for (size_t i = 0; i < r->nseek; i++)
		if (seq == UINT64_MAX || r->seek[i].seq <= seq)
			best = &r->seek[i];
	dscope_snap_release(r->prev);
	r->prev = NULL;
	r->ended = r->damaged = 0;
	r->err[0] = 0;
	if (best) {
		if (src_seek(r, best->off))
			return -ESPIPE;
		r->chunkno = best->chunkno;
	} else {
		/* before the first seek point: from the start (after the
		 * program chunk, which is read again and skipped) */
		if (src_seek(r, r->hdrsize))
			return -ESPIPE;
		r->chunkno = 0;
	}
	/* UINT64_MAX: the last snapshot; found by reading to the end */
	r->skip_below = seq == UINT64_MAX ? 0 : seq;
	return 0;
}

/* ---- batch replay ---- */

int session_replay_batch(struct session_reader *r, FILE *out, FILE *err, const char *prog)
{
	struct batch b;
	struct session_item it;
	int rc = 0, k;

	batch_init(&b, out, err);
	while ((k = session_next(r, &it)) > 0) {
		if (it.kind == SESSION_MSG) {
			fflush(out);
			fprintf(err, "%s\n", it.msg);
			continue;
		}
		if (it.kind == SESSION_PROGRAM) {
			/* a session the interface recorded: say where its
			 * program changed (the text goes on from there) */
			fflush(out);
			fprintf(err, "%s: at %.1fs the program was replaced%s%s\n", prog,
				(double)it.t_ns / 1e9, it.prog->srcname ? " by " : "",
				it.prog->srcname ? it.prog->srcname : "");
			continue;
		}
		if (it.kind != SESSION_SNAP)
			continue;
		batch_print(&b, it.snap);
		if (it.snap->exited || it.snap->final)
			rc = it.snap->exit_status;
		dscope_snap_release(it.snap);
	}
	fflush(out);
	if (k < 0 || !session_read_complete(r)) {
		fprintf(err, "%s: %s\n", prog, session_read_errmsg(r));
		return -1;
	}
	return rc;
}
