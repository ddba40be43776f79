/*
 * session_int.h - what the session writer and reader share: the framing
 * constants of docs/session-format.md and the payload encoding (LEB128
 * varints, zigzag for signed values, length-prefixed strings).
 *
 * Encoding grows a buffer that remembers running out of memory; decoding
 * reads from a bounded span and remembers running past it, so a caller
 * checks once at the end instead of after every field.
 */
#ifndef DSCOPE_SESSION_INT_H
#define DSCOPE_SESSION_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SESSION_MAGIC                                                                                        \
	"\x89"                                                                                               \
	"DSC\r\n\x1a\n"
enum {
	SESSION_HDR_SIZE = 32,
	CHUNK_HDR_SIZE = 24,
	CHUNK_FTR_SIZE = 8,
	CHUNK_SYNC = 0x4b435344,      /* "DSCK" little-endian */
	CHUNK_MAX_STORED = 256 << 20, /* larger lengths are damage */
	CHUNK_MAX_RAW = 256 << 20,
};

/* chunk types */
enum {
	CH_PROGRAM = 1,
	CH_DEFS = 2,
	CH_SNAP = 3,
	CH_MSG = 4,
	CH_INDEX = 5,
	CH_END = 6,
	CH_SWAP = 7, /* 1.1: the interface replaced the program */
	CH_UI = 8,   /* 1.1: the interface's views and drill-down path */
};

/* chunk flags */
enum {
	CHF_ZSTD = 1, /* payload compressed with zstd */
	CHF_SEEK = 2, /* a seek point: a DEFS chunk followed by a full snapshot */
};

/* snapshot flags */
enum {
	SNF_EXITED = 1,
	SNF_FINAL = 2,
	SNF_FLOW = 4,
	SNF_AGGS = 8,
	SNF_FULL = 16, /* tables are complete, not deltas */
};

/* defs entry kinds */
enum { DEF_FMT = 1, DEF_AGG = 2 };

static inline void le32_put(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline uint32_t le32_get(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void le16_put(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline uint16_t le16_get(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* ---- encoding ---- */

struct sbuf {
	uint8_t *p;
	size_t n, cap;
	int oom;
};

static inline int sb_reserve(struct sbuf *b, size_t more)
{
	if (b->oom)
		return -1;
	if (b->n + more > b->cap) {
		size_t nc = b->cap ? b->cap : 256;
		uint8_t *np;

		while (nc < b->n + more)
			nc *= 2;
		np = realloc(b->p, nc);
		if (!np) {
			b->oom = 1;
			return -1;
		}
		b->p = np;
		b->cap = nc;
	}
	return 0;
}

static inline void sb_bytes(struct sbuf *b, const void *p, size_t n)
{
	if (n && !sb_reserve(b, n)) {
		memcpy(b->p + b->n, p, n);
		b->n += n;
	}
}

static inline void sb_u8(struct sbuf *b, unsigned v)
{
	uint8_t c = (uint8_t)v;

	sb_bytes(b, &c, 1);
}

static inline void sb_uv(struct sbuf *b, uint64_t v)
{
	uint8_t t[10];
	size_t n = 0;

	do {
		t[n++] = (uint8_t)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
		v >>= 7;
	} while (v);
	sb_bytes(b, t, n);
}

/* zigzag: 0, -1, 1, -2, ... -> 0, 1, 2, 3, ... */
static inline uint64_t zigzag(int64_t v)
{
	return ((uint64_t)v << 1) ^ (v < 0 ? UINT64_MAX : 0);
}

static inline void sb_sv(struct sbuf *b, int64_t v)
{
	sb_uv(b, zigzag(v));
}

static inline void sb_str(struct sbuf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	sb_uv(b, n);
	sb_bytes(b, s, n);
}

static inline void sb_free(struct sbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

/* ---- decoding ---- */

struct sdec {
	const uint8_t *p, *end;
	int bad;
};

static inline uint64_t sd_uv(struct sdec *d)
{
	uint64_t v = 0;

	for (int sh = 0; sh < 64; sh += 7) {
		if (d->p >= d->end) {
			d->bad = 1;
			return 0;
		}
		uint8_t c = *d->p++;

		v |= (uint64_t)(c & 0x7f) << sh;
		if (!(c & 0x80))
			return v;
	}
	d->bad = 1;
	return 0;
}

static inline int64_t sd_sv(struct sdec *d)
{
	uint64_t u = sd_uv(d);

	return (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
}

static inline unsigned sd_u8(struct sdec *d)
{
	if (d->p >= d->end) {
		d->bad = 1;
		return 0;
	}
	return *d->p++;
}

/* A bounded count: at most `max`, and no more than the bytes left (each
 * element takes at least one byte). */
static inline size_t sd_count(struct sdec *d, size_t max)
{
	uint64_t v = sd_uv(d);

	if (v > max || v > (uint64_t)(d->end - d->p)) {
		d->bad = 1;
		return 0;
	}
	return (size_t)v;
}

/* A value of at most `max`. */
static inline uint64_t sd_max(struct sdec *d, uint64_t max)
{
	uint64_t v = sd_uv(d);

	if (v > max) {
		d->bad = 1;
		return 0;
	}
	return v;
}

/* A string's bytes in place (not NUL-terminated): *len set. */
static inline const char *sd_span(struct sdec *d, size_t *len)
{
	uint64_t n = sd_uv(d);

	if (d->bad || n > (uint64_t)(d->end - d->p)) {
		d->bad = 1;
		*len = 0;
		return "";
	}
	const char *s = (const char *)d->p;

	d->p += n;
	*len = (size_t)n;
	return s;
}

#endif
