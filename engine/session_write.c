/*
 * session_write.c - the session recorder: snapshots into an append-only
 * file of framed, checksummed, compressed chunks (docs/session-format.md).
 *
 * Invariants:
 *   - Each chunk goes out with one write(2) of its whole frame (a loop only
 *     for short writes to pipes), so a kill between writes leaves a file
 *     that ends at a chunk boundary and a kill during one loses that chunk
 *     only.  On a write error a regular file is cut back to the last whole
 *     chunk and recording stops; the caller keeps tracing.
 *   - Formats and aggregation descriptors are written once each (a DEFS
 *     chunk) before the first snapshot that refers to them, and all of them
 *     again at every seek point, so a reader starting at a seek point knows
 *     everything it needs.
 *   - Aggregation tables are deltas against the tables written before
 *     (entries referring to the previous entry with the same key, in the
 *     new order, with their data as differences), except at seek points,
 *     which are complete: a DEFS chunk flagged CHF_SEEK, then a snapshot
 *     with full tables.  The INDEX chunk, every few seek points, lists them.
 *   - Stacks need no symbol tables offline: the consumer named every frame
 *     before the snapshot was made (DV_STACK/DV_SYM hold text), so names
 *     travel with the data.
 *   - Formats and descriptors are known by their address in the running
 *     program.  A program swap (session_write_swap) retires them: their
 *     ids stay taken (a reader keeps every definition), their slots are
 *     emptied so that a new program's object at a reused address gets an
 *     id of its own, and seek points repeat only the live ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "session.h"
#include "session_int.h"

enum {
	SEEK_EVERY_AGGS = 32,  /* full tables every N snapshots with tables */
	SEEK_EVERY_SNAPS = 64, /* a seek point at least every N snapshots */
	INDEX_EVERY = 8,       /* an INDEX chunk every N seek points */
	SYNC_EVERY = 64,       /* fsync a regular file every N chunks */
	ZSTD_MIN = 64,	       /* payloads below this are stored raw */
};

/* The keys of one aggregation table, encoded, hashed to their index. */
struct ktab {
	struct sbuf keys;
	size_t *off;	/* n + 1 offsets into keys */
	uint32_t *slot; /* entry index + 1; 0 empty */
	size_t n, nslots;
};

struct seekpt {
	uint64_t off, seq;
	int64_t t;
	uint32_t chunkno;
};

struct session_writer {
	int fd, own, regular, failed, renumber;
	int closing;	    /* in session_close: tracing has ended */
	uint64_t seqno;	    /* the last seq written when renumbering */
	struct sbuf lastui; /* the last UI chunk's payload */
	char path[256], err[512];
	uint64_t off;
	uint32_t chunkno;
	ZSTD_CCtx *zc;
	struct sbuf pay, frame, pending;
	const struct fmt **fmts; /* registered formats; id = index */
	int nfmts;
	const struct agg_desc **descs;
	int ndescs;
	struct dscope_snap *prev; /* the tables written last (a reference) */
	struct ktab *prevk;	  /* their keys, per aggregation */
	int nprevk;
	int force_full, aggs_since_full, snaps_since_seek;
	struct seekpt *seek; /* seek points since the last INDEX */
	int nseek;
	uint64_t last_index; /* offset + 1 of the last INDEX chunk, 0 none */
	uint64_t nsnaps;
	int64_t last_t;
};

static uint64_t hash_bytes(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h ^ (h >> 29);
}

static void ktab_free(struct ktab *k)
{
	sb_free(&k->keys);
	free(k->off);
	free(k->slot);
	memset(k, 0, sizeof(*k));
}

/* ---- value encoding ---- */

static void enc_val(struct sbuf *b, const struct dvalue *v)
{
	sb_u8(b, v->kind);
	switch (v->kind) {
	case DV_INT:
	case DV_UINT:
		sb_u8(b, (unsigned)v->size);
		sb_sv(b, v->i);
		break;
	case DV_STR:
		sb_str(b, v->s);
		break;
	case DV_STACK:
		sb_str(b, v->s);
		sb_uv(b, (uint64_t)(v->n < 0 ? 0 : v->n));
		sb_u8(b, v->user != 0);
		break;
	case DV_SYM:
		sb_str(b, v->s);
		sb_u8(b, v->user != 0);
		break;
	}
}

static uint64_t fmt_ref(struct session_writer *w, const struct fmt *f)
{
	if (!f)
		return 0;
	for (int i = 0; i < w->nfmts; i++)
		if (w->fmts[i] == f)
			return (uint64_t)i + 1;
	const struct fmt **n = realloc(w->fmts, sizeof(*n) * (size_t)(w->nfmts + 1));

	if (!n) {
		w->pay.oom = 1;
		return 0;
	}
	w->fmts = n;
	n[w->nfmts] = f;
	sb_u8(&w->pending, DEF_FMT);
	sb_uv(&w->pending, (uint64_t)w->nfmts);
	sb_str(&w->pending, f->text);
	sb_str(&w->pending, f->func);
	sb_u8(&w->pending, f->naggs > 0 || (f->func && !strcmp(f->func, "printa")));
	return (uint64_t)++w->nfmts;
}

static void enc_desc(struct sbuf *b, int id, const struct agg_desc *d)
{
	sb_u8(b, DEF_AGG);
	sb_uv(b, (uint64_t)id);
	sb_str(b, d->name);
	sb_uv(b, (uint64_t)d->id);
	sb_uv(b, (uint64_t)d->func);
	sb_uv(b, (uint64_t)d->nkeys);
	sb_uv(b, (uint64_t)d->ndata);
	for (int i = 0; i < 4; i++)
		sb_sv(b, d->param[i]);
}

static uint64_t desc_ref(struct session_writer *w, const struct agg_desc *d)
{
	for (int i = 0; i < w->ndescs; i++)
		if (w->descs[i] == d)
			return (uint64_t)i;
	const struct agg_desc **n = realloc(w->descs, sizeof(*n) * (size_t)(w->ndescs + 1));

	if (!n) {
		w->pay.oom = 1;
		return 0;
	}
	w->descs = n;
	n[w->ndescs] = d;
	enc_desc(&w->pending, w->ndescs, d);
	return (uint64_t)w->ndescs++;
}

static void enc_table_full(struct session_writer *w, struct sbuf *b, const struct agg_table *t)
{
	const struct agg_desc *d = t->desc;

	sb_uv(b, desc_ref(w, d));
	sb_sv(b, t->normal);
	sb_uv(b, t->n);
	for (size_t e = 0; e < t->n; e++) {
		for (int k = 0; k < d->nkeys; k++)
			enc_val(b, &t->entries[e].keys[k]);
		sb_sv(b, t->entries[e].normal);
		for (int k = 0; k < d->ndata; k++)
			sb_sv(b, t->entries[e].data[k]);
	}
}

/* ---- key tables for deltas ---- */

static int ktab_build(struct ktab *k, const struct agg_table *t)
{
	int nk = t->desc->nkeys;

	memset(k, 0, sizeof(*k));
	k->n = t->n;
	k->nslots = 16;
	while (k->nslots < t->n * 2)
		k->nslots *= 2;
	k->off = malloc(sizeof(*k->off) * (t->n + 1));
	k->slot = calloc(k->nslots, sizeof(*k->slot));
	/* keys.p is never NULL, even for keyless tables */
	if (!k->off || !k->slot || sb_reserve(&k->keys, 1))
		return -1;
	for (size_t e = 0; e < t->n; e++) {
		k->off[e] = k->keys.n;
		for (int i = 0; i < nk; i++)
			enc_val(&k->keys, &t->entries[e].keys[i]);
		if (k->keys.oom)
			return -1;
		const uint8_t *p = k->keys.p + k->off[e];
		size_t len = k->keys.n - k->off[e];
		size_t s = hash_bytes(p, len) & (k->nslots - 1);

		while (k->slot[s])
			s = (s + 1) & (k->nslots - 1);
		k->slot[s] = (uint32_t)e + 1;
	}
	k->off[t->n] = k->keys.n;
	return 0;
}

/* Index in prev of the key cur's entry e has, or -1. */
static long ktab_find(const struct ktab *prev, const struct ktab *cur, size_t e)
{
	const uint8_t *p = cur->keys.p + cur->off[e];
	size_t len = cur->off[e + 1] - cur->off[e];
	size_t s = hash_bytes(p, len) & (prev->nslots - 1);

	for (; prev->slot[s]; s = (s + 1) & (prev->nslots - 1)) {
		size_t j = prev->slot[s] - 1;

		if (prev->off[j + 1] - prev->off[j] == len && !memcmp(prev->keys.p + prev->off[j], p, len))
			return (long)j;
	}
	return -1;
}

static void enc_table_delta(struct session_writer *w, struct sbuf *b, const struct agg_table *t,
			    const struct agg_table *pt, const struct ktab *pk, const struct ktab *ck)
{
	const struct agg_desc *d = t->desc;
	long expect = 0;

	sb_uv(b, desc_ref(w, d));
	sb_sv(b, t->normal);
	sb_uv(b, t->n);
	for (size_t e = 0; e < t->n; e++) {
		const struct agg_entry *en = &t->entries[e];
		long j = ktab_find(pk, ck, e);

		if (j < 0) {
			sb_uv(b, 0);
			sb_bytes(b, ck->keys.p + ck->off[e], ck->off[e + 1] - ck->off[e]);
			sb_sv(b, en->normal);
			for (int k = 0; k < d->ndata; k++)
				sb_sv(b, en->data[k]);
			continue;
		}
		int64_t dj = (int64_t)j - expect;

		sb_uv(b, zigzag(dj) + 1);
		expect = j + 1;
		const struct agg_entry *pe = &pt->entries[j];

		sb_sv(b, (int64_t)((uint64_t)en->normal - (uint64_t)pe->normal));
		for (int k = 0; k < d->ndata; k++)
			sb_sv(b, (int64_t)((uint64_t)en->data[k] - (uint64_t)pe->data[k]));
	}
}

/* ---- chunks ---- */

static void fail(struct session_writer *w, int err, const char *what)
{
	if (w->failed)
		return;
	w->failed = err ? err : EIO;
	snprintf(w->err, sizeof(w->err), "recording to %s stopped: %s: %s (%llu bytes kept)%s", w->path, what,
		 strerror(w->failed), (unsigned long long)w->off,
		 w->closing ? " at the end of tracing" : "; tracing goes on");
	/* a partial chunk would only be skipped by readers: cut it off */
	if (w->regular && ftruncate(w->fd, (off_t)w->off) != 0)
		(void)0;
}

static int write_all(struct session_writer *w, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t r = write(w->fd, p, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			fail(w, r < 0 ? errno : ENOSPC, "write");
			return -w->failed;
		}
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int put_chunk(struct session_writer *w, unsigned type, unsigned flags, const struct sbuf *pay)
{
	struct sbuf *f = &w->frame;
	size_t stored = pay->n;
	const uint8_t *data = pay->p;
	uint8_t *h;
	uint32_t crc;

	if (w->failed)
		return -w->failed;
	if (pay->oom) {
		fail(w, ENOMEM, "encoding a chunk");
		return -w->failed;
	}
	f->n = 0;
	if (sb_reserve(f, CHUNK_HDR_SIZE + CHUNK_FTR_SIZE + ZSTD_compressBound(pay->n))) {
		fail(w, ENOMEM, "compressing a chunk");
		return -w->failed;
	}
	if (pay->n >= ZSTD_MIN) {
		size_t z = ZSTD_compressCCtx(w->zc, f->p + CHUNK_HDR_SIZE, f->cap - CHUNK_HDR_SIZE, pay->p,
					     pay->n, 3);

		if (!ZSTD_isError(z) && z < pay->n) {
			stored = z;
			data = NULL;
			flags |= CHF_ZSTD;
		}
	}
	if (data && stored)
		memcpy(f->p + CHUNK_HDR_SIZE, data, stored);
	if (stored > CHUNK_MAX_STORED || pay->n > CHUNK_MAX_RAW) {
		fail(w, EFBIG, "a snapshot too large for one chunk");
		return -w->failed;
	}
	h = f->p;
	le32_put(h, CHUNK_SYNC);
	le16_put(h + 4, (uint16_t)type);
	le16_put(h + 6, (uint16_t)flags);
	le32_put(h + 8, (uint32_t)stored);
	le32_put(h + 12, (uint32_t)pay->n);
	le32_put(h + 16, w->chunkno);
	crc = (uint32_t)crc32(0, h, 20);
	crc = (uint32_t)crc32(crc, h + CHUNK_HDR_SIZE, (uInt)stored);
	le32_put(h + 20, crc);
	le32_put(h + CHUNK_HDR_SIZE + stored, (uint32_t)(CHUNK_HDR_SIZE + stored + CHUNK_FTR_SIZE));
	le32_put(h + CHUNK_HDR_SIZE + stored + 4, crc);
	f->n = CHUNK_HDR_SIZE + stored + CHUNK_FTR_SIZE;
	if (write_all(w, f->p, f->n))
		return -w->failed;
	w->off += f->n;
	w->chunkno++;
	/* a file system that allocates late (NFS, thin volumes) reports a
	 * full disk here rather than at write(2) */
	if (w->regular && w->chunkno % SYNC_EVERY == 0 && fsync(w->fd) != 0) {
		fail(w, errno, "fsync");
		return -w->failed;
	}
	return 0;
}

/* ---- the writer ---- */

struct session_writer *session_create(const char *path, int flags, char *err, size_t errlen)
{
	struct session_writer *w = calloc(1, sizeof(*w));
	uint8_t hdr[SESSION_HDR_SIZE] = { 0 };
	struct stat st;

	if (!w) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(w->path, sizeof(w->path), "%s", strcmp(path, "-") ? path : "standard output");
	w->force_full = 1;
	w->renumber = !!(flags & SESSION_RENUMBER);
	if (!strcmp(path, "-")) {
		w->fd = 1;
		if (isatty(1)) {
			snprintf(err, errlen,
				 "refusing to write a session to a terminal (redirect --record -)");
			free(w);
			return NULL;
		}
	} else {
		int o = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;

		w->fd = open(path, o, 0600);
		if (w->fd < 0 && errno == EEXIST && (flags & SESSION_FORCE) && !lstat(path, &st) &&
		    !S_ISLNK(st.st_mode) && S_ISREG(st.st_mode)) {
			/* replace, never reuse: the new file is ours and 0600 */
			if (unlink(path) == 0)
				w->fd = open(path, o, 0600);
		}
		if (w->fd < 0) {
			int e = errno;

			if (e == EEXIST && !lstat(path, &st) && S_ISLNK(st.st_mode))
				snprintf(err, errlen,
					 "failed to create session file %s: it is a symbolic link", path);
			else if (e == EEXIST)
				snprintf(err, errlen,
					 "failed to create session file %s: it exists (--force replaces it)",
					 path);
			else
				snprintf(err, errlen, "failed to create session file %s: %s", path,
					 strerror(e));
			free(w);
			return NULL;
		}
		w->own = 1;
	}
	w->regular = !fstat(w->fd, &st) && S_ISREG(st.st_mode);
	w->zc = ZSTD_createCCtx();
	if (!w->zc) {
		snprintf(err, errlen, "out of memory");
		if (w->own)
			close(w->fd);
		free(w);
		return NULL;
	}
	memcpy(hdr, SESSION_MAGIC, 8);
	le16_put(hdr + 8, SESSION_MAJOR);
	le16_put(hdr + 10, SESSION_MINOR);
	le32_put(hdr + 12, SESSION_HDR_SIZE);
	le32_put(hdr + 28, (uint32_t)crc32(0, hdr, 28));
	/* a write error here is like any later one: the writer has failed
	 * (session_write_errmsg says so) and tracing may go on */
	if (!write_all(w, hdr, sizeof(hdr)))
		w->off = SESSION_HDR_SIZE;
	return w;
}

int session_write_info(struct session_writer *w, const struct session_info *in)
{
	struct sbuf *b = &w->pay;

	b->n = 0;
	sb_str(b, in->prog);
	sb_str(b, in->version);
	sb_str(b, in->src);
	sb_u8(b, in->srcname != NULL);
	sb_str(b, in->srcname);
	sb_str(b, in->host);
	sb_str(b, in->kernel);
	sb_sv(b, in->start_ns);
	sb_sv(b, in->interval_ns);
	sb_uv(b, (uint64_t)(in->ncpus > 0 ? in->ncpus : 0));
	sb_uv(b, (uint64_t)(in->nopts > 0 ? in->nopts : 0));
	for (int i = 0; i < in->nopts; i++) {
		sb_str(b, in->optname[i]);
		sb_u8(b, in->optval[i] != NULL);
		sb_str(b, in->optval[i]);
	}
	return put_chunk(w, CH_PROGRAM, 0, b);
}

int session_write_msg(struct session_writer *w, const char *text)
{
	w->pay.n = 0;
	sb_str(&w->pay, text);
	return put_chunk(w, CH_MSG, 0, &w->pay);
}

static int put_index(struct session_writer *w)
{
	struct sbuf *b = &w->pay;
	uint64_t here = w->off;
	int r;

	b->n = 0;
	sb_uv(b, w->last_index);
	sb_uv(b, (uint64_t)w->nseek);
	for (int i = 0; i < w->nseek; i++) {
		sb_uv(b, w->seek[i].off);
		sb_uv(b, w->seek[i].chunkno);
		sb_uv(b, w->seek[i].seq);
		sb_sv(b, w->seek[i].t);
	}
	r = put_chunk(w, CH_INDEX, 0, b);
	if (!r) {
		w->last_index = here + 1;
		w->nseek = 0;
	}
	return r;
}

static void enc_event(struct session_writer *w, struct sbuf *b, const struct snap_event *ev)
{
	sb_uv(b, ev->cpu);
	sb_uv(b, ev->probe);
	sb_uv(b, ev->clause);
	sb_str(b, ev->prov);
	sb_str(b, ev->mod);
	sb_str(b, ev->func);
	sb_str(b, ev->name);
	sb_u8(b, (ev->quiet ? 1u : 0u) | (ev->quiet_end ? 2u : 0u));
	sb_uv(b, (uint64_t)(ev->nacts > 0 ? ev->nacts : 0));
	for (int a = 0; a < ev->nacts; a++) {
		const struct snap_act *sa = &ev->acts[a];

		sb_u8(b, sa->kind);
		sb_uv(b, fmt_ref(w, sa->fmt));
		sb_uv(b, (uint64_t)(sa->nvals > 0 ? sa->nvals : 0));
		for (int i = 0; i < sa->nvals; i++)
			enc_val(b, &sa->vals[i]);
		sb_uv(b, (uint64_t)(sa->ntabs > 0 ? sa->ntabs : 0));
		for (int i = 0; i < sa->ntabs; i++)
			enc_table_full(w, b, &sa->tabs[i]);
	}
}

int session_write_snap(struct session_writer *w, const struct dscope_snap *s, const struct dscope_snap *aggs,
		       int64_t t_ns)
{
	struct sbuf *b = &w->pay;
	struct ktab *ck = NULL;
	unsigned fl = 0;
	int full = 0, seek, r;

	if (w->failed)
		return -w->failed;
	uint64_t seq = w->renumber ? w->seqno + 1 : s->seq;

	if (aggs) {
		full = w->force_full || !w->prev || w->prev->naggs != aggs->naggs ||
		       w->aggs_since_full + 1 >= SEEK_EVERY_AGGS || aggs->final;
		for (int i = 0; !full && i < aggs->naggs; i++)
			full = w->prev->aggs[i].desc != aggs->aggs[i].desc;
	}
	seek = full || (!aggs && w->snaps_since_seek + 1 >= SEEK_EVERY_SNAPS);
	fl = (s->exited ? SNF_EXITED : 0) | (s->final ? SNF_FINAL : 0) | (s->flowindent ? SNF_FLOW : 0) |
	     (aggs ? SNF_AGGS : 0) | (full ? SNF_FULL : 0);
	b->n = 0;
	sb_uv(b, seq);
	sb_sv(b, t_ns);
	sb_uv(b, fl);
	sb_sv(b, s->exit_status);
	sb_sv(b, s->sort.sortkey);
	sb_sv(b, s->sort.sortrev);
	sb_sv(b, s->sort.sortpos);
	sb_sv(b, s->sort.sortkeypos);
	sb_uv(b, (uint64_t)(s->nnotes > 0 ? s->nnotes : 0));
	for (int i = 0; i < s->nnotes; i++)
		sb_str(b, s->notes[i]);
	sb_uv(b, s->nev);
	for (size_t i = 0; i < s->nev; i++)
		enc_event(w, b, &s->ev[i]);
	if (aggs) {
		ck = calloc((size_t)(aggs->naggs ? aggs->naggs : 1), sizeof(*ck));
		if (!ck)
			b->oom = 1;
		sb_uv(b, (uint64_t)aggs->naggs);
		for (int i = 0; i < aggs->naggs; i++)
			sb_u8(b, aggs->printed ? aggs->printed[i] : 0);
		for (int i = 0; ck && i < aggs->naggs; i++) {
			if (ktab_build(&ck[i], &aggs->aggs[i]))
				b->oom = 1;
			if (full || b->oom)
				enc_table_full(w, b, &aggs->aggs[i]);
			else
				enc_table_delta(w, b, &aggs->aggs[i], &w->prev->aggs[i], &w->prevk[i],
						&ck[i]);
		}
	}
	/* the definitions first: all of them at a seek point, else the new */
	if (seek) {
		struct sbuf *d = &w->pending;

		d->n = 0;
		for (int i = 0; i < w->nfmts; i++) {
			if (!w->fmts[i])
				continue; /* a previous program's */
			sb_u8(d, DEF_FMT);
			sb_uv(d, (uint64_t)i);
			sb_str(d, w->fmts[i]->text);
			sb_str(d, w->fmts[i]->func);
			sb_u8(d, w->fmts[i]->naggs > 0 ||
				     (w->fmts[i]->func && !strcmp(w->fmts[i]->func, "printa")));
		}
		for (int i = 0; i < w->ndescs; i++)
			if (w->descs[i])
				enc_desc(d, i, w->descs[i]);
		struct seekpt *ns = realloc(w->seek, sizeof(*ns) * (size_t)(w->nseek + 1));

		if (ns) {
			w->seek = ns;
			ns[w->nseek++] = (struct seekpt){ w->off, seq, t_ns, w->chunkno };
		}
	}
	r = 0;
	if (seek || w->pending.n)
		r = put_chunk(w, CH_DEFS, seek ? CHF_SEEK : 0, &w->pending);
	w->pending.n = 0;
	if (!r)
		r = put_chunk(w, CH_SNAP, 0, b);
	if (aggs) {
		for (int i = 0; i < w->nprevk; i++)
			ktab_free(&w->prevk[i]);
		free(w->prevk);
		w->prevk = ck;
		w->nprevk = ck ? aggs->naggs : 0;
		dscope_snap_release(w->prev);
		w->prev = dscope_snap_acquire((struct dscope_snap *)aggs);
		w->aggs_since_full = full ? 0 : w->aggs_since_full + 1;
		w->force_full = !ck;
	} else if (seek) {
		/* a reader starting here has no tables: the next ones are full */
		w->force_full = 1;
	}
	w->snaps_since_seek = seek ? 0 : w->snaps_since_seek + 1;
	if (!r)
		w->seqno = seq;
	w->nsnaps++;
	w->last_t = t_ns;
	if (!r && w->nseek >= INDEX_EVERY)
		r = put_index(w);
	return r;
}

int session_write_swap(struct session_writer *w, const struct session_info *in, int64_t t_ns)
{
	struct sbuf *b = &w->pay;

	if (w->failed)
		return -w->failed;
	/* the old program's objects go with its handle */
	for (int i = 0; i < w->nfmts; i++)
		w->fmts[i] = NULL;
	for (int i = 0; i < w->ndescs; i++)
		w->descs[i] = NULL;
	for (int i = 0; i < w->nprevk; i++)
		ktab_free(&w->prevk[i]);
	free(w->prevk);
	w->prevk = NULL;
	w->nprevk = 0;
	dscope_snap_release(w->prev);
	w->prev = NULL;
	w->force_full = 1;
	b->n = 0;
	sb_sv(b, t_ns);
	sb_str(b, in->src);
	sb_u8(b, in->srcname != NULL);
	sb_str(b, in->srcname);
	sb_sv(b, in->target);
	sb_uv(b, (uint64_t)(in->nopts > 0 ? in->nopts : 0));
	for (int i = 0; i < in->nopts; i++) {
		sb_str(b, in->optname[i]);
		sb_u8(b, in->optval[i] != NULL);
		sb_str(b, in->optval[i]);
	}
	return put_chunk(w, CH_SWAP, 0, b);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

int session_write_ui(struct session_writer *w, const struct session_ui *ui, int64_t t_ns)
{
	struct sbuf *b = &w->pay, rec = { 0 };
	size_t body;
	int r;

	if (w->failed)
		return -w->failed;
	b->n = 0;
	sb_sv(b, t_ns);
	body = b->n;
	sb_uv(b, (uint64_t)(ui->cur > 0 ? ui->cur : 0));
	sb_uv(b, (uint64_t)(ui->ncrumbs > 0 ? ui->ncrumbs : 0));
	for (int i = 0; i < ui->ncrumbs; i++)
		sb_str(b, ui->crumbs[i]);
	sb_uv(b, (uint64_t)(ui->nviews > 0 ? ui->nviews : 0));
	for (int i = 0; i < ui->nviews; i++) {
		const struct session_view *v = &ui->views[i];

		/* each view's record has its length first: a later version
		 * adds fields at its end, which older readers skip */
		rec.n = 0;
		sb_str(&rec, v->name);
		sb_uv(&rec, (uint64_t)(v->kind > 0 ? v->kind : 0));
		sb_uv(&rec, (uint64_t)(v->sel > 0 ? v->sel : 0));
		sb_uv(&rec, (uint64_t)(v->top > 0 ? v->top : 0));
		sb_str(&rec, nz(v->selkey));
		sb_sv(&rec, v->sortcol);
		sb_u8(&rec, (v->sortrev ? 1u : 0u) | (v->interval ? 2u : 0u) | (v->follow ? 4u : 0u) |
				(v->inverted ? 8u : 0u));
		sb_uv(&rec, (uint64_t)(v->trunc > 0 ? v->trunc : 0));
		sb_str(&rec, nz(v->filter));
		sb_str(&rec, nz(v->only));
		sb_uv(&rec, (uint64_t)(v->nzoom > 0 ? v->nzoom : 0));
		for (int k = 0; k < v->nzoom; k++)
			sb_str(&rec, v->zoom[k]);
		sb_str(&rec, nz(v->selpath));
		if (rec.oom)
			b->oom = 1;
		sb_uv(b, rec.n);
		sb_bytes(b, rec.p, rec.n);
	}
	sb_free(&rec);
	/* unchanged since the last one (the time aside): nothing to write */
	if (!b->oom && w->lastui.n == b->n - body && !memcmp(w->lastui.p, b->p + body, b->n - body))
		return 0;
	r = put_chunk(w, CH_UI, 0, b);
	if (!r) {
		w->lastui.n = 0;
		sb_bytes(&w->lastui, b->p + body, b->n - body);
	}
	return r;
}

int session_close(struct session_writer *w)
{
	int r;

	if (!w)
		return 0;
	w->closing = 1;
	if (!w->failed && w->chunkno > 0) {
		if (w->nseek)
			put_index(w);
		w->pay.n = 0;
		sb_uv(&w->pay, w->nsnaps);
		sb_sv(&w->pay, w->last_t);
		put_chunk(w, CH_END, 0, &w->pay);
		if (w->regular && fsync(w->fd) != 0)
			fail(w, errno, "fsync");
	}
	r = -w->failed;
	if (w->own && close(w->fd) != 0 && !r)
		r = -errno;
	for (int i = 0; i < w->nprevk; i++)
		ktab_free(&w->prevk[i]);
	free(w->prevk);
	dscope_snap_release(w->prev);
	ZSTD_freeCCtx(w->zc);
	sb_free(&w->pay);
	sb_free(&w->frame);
	sb_free(&w->pending);
	sb_free(&w->lastui);
	free(w->fmts);
	free(w->descs);
	free(w->seek);
	free(w);
	return r;
}

const char *session_write_errmsg(const struct session_writer *w)
{
	return w->err;
}

uint64_t session_write_bytes(const struct session_writer *w)
{
	return w->off;
}
