/*
 * dvalue.h - the neutral value model shared by the consumer and every printer.
 *
 * What a BPF program records (trace() data, printf() arguments, aggregation
 * keys) is decoded by the consumer into these values; the batch printer
 * (dtrace-exact text), the views and the session recorder only ever see
 * dvalues, never raw buffer bytes.  A dvalue does not own its string: `s`
 * points into the record, the snapshot or a symbol table that outlives the
 * printing call.
 */
#ifndef DSCOPE_DVALUE_H
#define DSCOPE_DVALUE_H

#include <stddef.h>
#include <stdint.h>

enum dval_kind {
	DV_INT,	  /* signed integer of `size` bytes (1, 2, 4, 8) */
	DV_UINT,  /* unsigned integer of `size` bytes */
	DV_STR,	  /* NUL-terminated string in s */
	DV_STACK, /* a kernel or user stack, already symbolized: s holds the
		    * frames one per line ("module`func+0x12\n..."), n the depth */
	DV_SYM,	  /* a symbolized address (sym(), func(), mod(), usym(), ...): s */
};

struct dvalue {
	enum dval_kind kind;
	int size;  /* integers: width in bytes (decides dtrace's print width) */
	int64_t i; /* integers */
	const char *s;
	int n;	  /* DV_STACK: frame count */
	int user; /* DV_STACK / DV_SYM: 1 for user-space addresses */
};

static inline struct dvalue dval_int(int64_t v)
{
	struct dvalue d = { .kind = DV_INT, .size = 8, .i = v };
	return d;
}

static inline struct dvalue dval_str(const char *s)
{
	struct dvalue d = { .kind = DV_STR, .s = s };
	return d;
}

#endif
