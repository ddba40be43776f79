/*
 * fmt.h - dtrace-exact text output: printf formats, trace() data, printa and
 * the aggregation tables printed at exit.
 *
 * Formats are parsed once, at compile time (fmt_parse), so that argument
 * errors are compile errors with dtrace's tags and so the consumer's hot
 * path only walks a prepared list.  Printing takes dvalues (dvalue.h): the
 * printers never see BPF buffers.
 */
#ifndef DSCOPE_FMT_H
#define DSCOPE_FMT_H

#include <stdio.h>

#include "agg.h"
#include "arena.h"
#include "d_diag.h"
#include "dvalue.h"

/* What a conversion wants from its argument. */
enum fmt_want {
	FW_INT,	  /* d i u o x X c C (and the '*' width/precision arguments) */
	FW_FLOAT, /* e E f g G: D has no floating-point values, so fmt_check
		   * refuses integers here as dtrace does */
	FW_STR,	  /* s S: strings (integers are refused, as dtrace does) */
	FW_ADDR,  /* p a A: addresses (integers), printed symbolically for a/A */
	FW_TIME,  /* Y T: walltimestamp-like nanoseconds since the epoch */
	FW_AGG,	  /* @: the aggregation's value (printa only) */
	FW_ANY,	  /* k (a stack) and %% (no argument) */
};

struct fmt_conv {
	const char *lit; /* literal text before the conversion (may be "") */
	char conv;	 /* conversion character; 0 for the trailing literal */
	char flags[8];	 /* subset of "-+ #0'" as written */
	int width;	 /* -1 none, -2 '*' (taken from an argument) */
	int prec;	 /* -1 none, -2 '*' */
	char len[4];	 /* length modifier as written: "", "l", "ll", "h", "hh", "z", ... */
	enum fmt_want want;
};

struct fmt {
	const char *text;      /* the format as written */
	struct fmt_conv *conv; /* nconv conversions, then one trailing literal */
	int nconv;
	int nargs;	  /* arguments consumed, counting '*' ones */
	int naggs;	  /* %@ conversions (printa) */
	const char *func; /* the action named in messages: "printf" or
				* "printa" as parsed; callers may set "system",
				* "sprintf", ... ("printa" allows %@ and
				* unconsumed keys) */
};

/*
 * Parse a printf/printa format.  A malformed conversion is a D_SYNTAX error
 * with dtrace's message ("format conversion #2 is undefined: %q").
 * Returns NULL and fills dg on error; memory from a.
 */
struct fmt *fmt_parse(struct arena *a, const char *text, int is_printa, struct d_pos pos, struct d_diag *dg);

/*
 * Check argument kinds against a parsed format: too few arguments
 * (D_PRINTF_ARG_PROTO, D_PRINTF_DYN_PROTO for '*'), too many
 * (D_PRINTF_ARG_EXTRA, printf only), wrong kind (D_PRINTF_ARG_TYPE,
 * D_PRINTF_DYN_TYPE), %@ outside printa (D_PRINTF_AGG_CONV), empty format
 * (D_PRINTF_FMT_EMPTY), with dtrace's messages.  kinds[i] is DV_INT, DV_UINT,
 * DV_STR or DV_STACK/DV_SYM.  `argpos` gives each argument's position for
 * the message (may be NULL).
 */
int fmt_check(const struct fmt *f, const enum dval_kind *kinds, int nargs, const struct d_pos *argpos,
	      struct d_pos pos, struct d_diag *dg);

/* fmt_check() with each argument's D type name for the messages ("int",
 * "uint64_t", "char [32]"...); types (or an entry) may be NULL: then a name
 * is derived from the kind. */
int fmt_check_names(const struct fmt *f, const enum dval_kind *kinds, const char *const *types, int nargs,
		    const struct d_pos *argpos, struct d_pos pos, struct d_diag *dg);

/* Print one parsed conversion with its value as dtrace does; width and prec
 * are resolved (0: none; a negative width left-justifies). */
void fmt_conv_print(FILE *fp, const struct fmt_conv *c, int width, int prec, const struct dvalue *v);

/* printf(): print args according to f. */
void fmt_printf(FILE *fp, const struct fmt *f, const struct dvalue *args, int nargs);

/* trace(): one datum the way dtrace prints it, quiet or not. */
void fmt_trace(FILE *fp, const struct dvalue *v, int quiet);

/*
 * printa(@a) without a format: a blank line, then one row per entry
 * (already sorted) in dtrace's layout, histograms for the quantizations.
 * (At exit dtrace prints one blank line, then fmt_agg_rows() of every
 * aggregation not yet printed, in id order: no blank line between them.)
 */
void fmt_agg_print(FILE *fp, const struct agg_table *t);

/* The rows of fmt_agg_print() without the leading blank line: what the
 * end-of-run print writes for each aggregation, after one blank line for
 * all of them. */
void fmt_agg_rows(FILE *fp, const struct agg_table *t);

/*
 * printa("format", @a, @b, ...): one line per distinct key over all tables
 * (they must share key types), each %@ taking the next table's value, the
 * other conversions taking the key components in order.  With one table its
 * entries print in their order (sort them with agg_sort()); with several the
 * rows are ordered as dtrace orders them with the default sort options.
 */
void fmt_printa(FILE *fp, const struct fmt *f, struct agg_table *const *tables, int ntables);

/* fmt_printa() with the sort options that order the rows of a printa() over
 * several aggregations (aggsortpos and the others); o may be NULL.  f may be
 * NULL: printa(@a, @b) without a format, keys then every value on a row. */
void fmt_printa_opts(FILE *fp, const struct fmt *f, struct agg_table *const *tables, int ntables,
		     const struct agg_sortopts *o);

#endif
