/*
 * dscope.h - the engine's public interface.
 *
 * Call order and lifetimes:
 *
 *   h = dscope_new(prog)            prog: name used in messages ("dscope")
 *   dscope_setopt(h, name, value)*  dtrace options (-x, #pragma D option)
 *   dscope_compile(h, src, ...)     D -> BPF; errors in dscope_diag()
 *   dscope_go(h)                    create maps, load, run BEGIN, attach
 *   loop: wait on dscope_fd(h), then dscope_next(h, &snap)  (never blocks)
 *   dscope_finish(h, &snap)         detach, run END, the final snapshot
 *   dscope_free(h)
 *
 * Results come as a stream of snapshots (snap.h) that every consumer reads:
 * views, the recorder, and the batch printer.  dscope_poll/dscope_stop are
 * the batch shorthand: they take the snapshots and print them as dtrace's
 * text to the FILE given by dscope_set_output.
 * Every BPF object lives in file descriptors owned by the handle, so any
 * exit of the process, SIGKILL included, detaches everything.  Functions
 * return 0 or a negative errno and leave a one-line message in
 * dscope_errmsg(); the engine never exits the process.
 */
#ifndef DSCOPE_H
#define DSCOPE_H

#include <stdint.h>
#include <stdio.h>

#include "snap.h"

struct dscope;
struct d_diag;

struct dscope *dscope_new(const char *prog);
void dscope_free(struct dscope *h);

/* Set a dtrace option ("quiet", "strsize=512", "bufsize=8m", ...).  value
 * may be NULL for boolean options.  -EINVAL for an unknown option or value. */
int dscope_setopt(struct dscope *h, const char *name, const char *value);
/* Current value of an option as a string, NULL when unset. */
const char *dscope_getopt(struct dscope *h, const char *name);

void dscope_set_output(struct dscope *h, FILE *out);
/* $1..$N macro arguments; the strings must outlive the handle. */
void dscope_set_macros(struct dscope *h, int n, char *const *args);
/* $target: the process given by -p or started by -c. */
void dscope_set_target(struct dscope *h, int64_t pid);
/* $target as set, -1 when there is none. */
int64_t dscope_target(const struct dscope *h);

/*
 * Compile D text.  `srcname` names it in messages: for a script its file
 * name, for -n NULL.  Returns 0, or -1 with dscope_diag() filled (a
 * compile error) or -errno.
 */
int dscope_compile(struct dscope *h, const char *src, const char *srcname);
const struct d_diag *dscope_diag(const struct dscope *h);
/* Print the compile error the way dtrace does (and, when rich, with the
 * source line and a caret). */
void dscope_print_diag(struct dscope *h, FILE *fp, int rich);

/* Number of probes the compiled program enables. */
int dscope_nprobes(const struct dscope *h);
/* After dscope_go: probes the kernel refused to place (instructions a
 * uprobe cannot take); they are left out, the rest run. */
int dscope_skipped(const struct dscope *h);

/* Load and attach; runs BEGIN clauses.  -EPERM without privileges. */
int dscope_go(struct dscope *h);

/* A file descriptor that becomes readable when records are waiting. */
int dscope_fd(const struct dscope *h);

/*
 * Consume what is waiting (non-blocking) into a new snapshot, which the
 * caller owns (release it with dscope_snap_release).  Returns 0 to go on, 1
 * when the program called exit() (the caller should then finish), negative
 * on error.
 */
int dscope_next(struct dscope *h, struct dscope_snap **out);

/* Every aggregation as it is now (a live view's refresh); NULL on error. */
struct dscope_snap *dscope_snap_aggs(struct dscope *h);

/*
 * Carry aggregation values over from another run: seed h's aggregations
 * with the tables of snapshot `from` (another handle's, typically the
 * program it replaces: its last dscope_snap_aggs).  A table is carried
 * into h's aggregation of the same name when both have the same function,
 * the same buckets (lquantize/llquantize parameters) and keys h's key
 * types can hold (same kinds and integer widths, strings that fit, stacks
 * of the same space); the others are left alone.  From then on every
 * table h hands out (dscope_snap_aggs, printa() records, the final
 * snapshot, batch printing) holds the carried values combined with h's
 * own per function: counts and sums add, min/max take the extreme,
 * avg/stddev add their count, sum and sum of squares, quantizations add
 * their buckets; keys only carried show as rows of their own.  clear()
 * zeroes the carried values with the rest (the keys stay, as clear()
 * keeps keys), trunc() drops them.  The values are copied, so `from` and
 * its handle may go at once; they live in user space (bounded by each
 * aggregation's own size) until dscope_free.  Carrying twice adds up.
 *
 * Call after dscope_compile (before or after dscope_go).  Returns how many
 * aggregations were carried; dscope_errmsg() then names those of `from`
 * that were not, and why ("" when all were).  Negative errno on error.
 */
int dscope_carry(struct dscope *h, const struct dscope_snap *from);

/* A copy of s's aggregations (the tables only, no records) that owns all
 * it points to, descriptors and names included: unlike s, it may outlive
 * the handle s came from (a drill-down's parent, kept to be carried into
 * its restart).  Release it with dscope_snap_release.  NULL when out of
 * memory. */
struct dscope_snap *dscope_snap_aggs_copy(const struct dscope_snap *s);

/* Detach, run END, consume the rest: the final snapshot, with every
 * aggregation.  *out is NULL when the run had already finished. */
int dscope_finish(struct dscope *h, struct dscope_snap **out);

/* Batch shorthand: dscope_next and print; same return values. */
int dscope_poll(struct dscope *h);
/* Batch shorthand: dscope_finish and print.  Idempotent. */
int dscope_stop(struct dscope *h);

/* Print one snapshot as dscope_poll/dscope_stop print theirs (the batch
 * printer, to the output of dscope_set_output): for callers that take
 * snapshots themselves (dscope_next, dscope_finish) to record or export
 * them too. */
void dscope_print_snap(struct dscope *h, const struct dscope_snap *s);

/* The i-th option set so far (-x, #pragma D option), from 0: its name and
 * value ("" for a boolean).  -ENOENT past the last. */
int dscope_opt_at(const struct dscope *h, int i, const char **name, const char **value);

/* Exit status the D program asked for with exit(), 0 by default. */
int dscope_exit_status(const struct dscope *h);

/* Dropped records / aggregation entries / dynamic variables so far. */
void dscope_drops(struct dscope *h, uint64_t *rb, uint64_t *agg, uint64_t *dyn);

const char *dscope_errmsg(const struct dscope *h);

/* Time dscope's BPF programs have run in the kernel so far, and how many
 * times they ran (runs may be NULL): what observing costs the observed.
 * The kernel counts only while someone holds its run-time statistics on
 * (dscope_bpf_stats), and counting costs every run two clock reads (about
 * 100 ns a run on a 2-CPU VM), so callers turn it on for samples. */
uint64_t dscope_bpf_time_ns(struct dscope *h, uint64_t *runs);

/* Hold the kernel's BPF run-time statistics on (on != 0) or let them go
 * (they stay on while any other process holds them).  0 or -errno. */
int dscope_bpf_stats(struct dscope *h, int on);

/* "provider:module:function:name" of probe `id` into buf; -ENOENT when
 * there is no such probe (dtrace -i). */
int dscope_probe_desc(struct dscope *h, uint32_t id, char *buf, size_t size);

/* List every probe matching the description (dtrace -l), to fp. */
int dscope_list(struct dscope *h, FILE *fp, const char *desc);
/* ... with each probe's argument types when verbose (dtrace -lv) */
int dscope_list_v(struct dscope *h, FILE *fp, const char *desc, int verbose);

/* Every probe matching the description (globs; "" for every probe the
 * catalogue lists without being named: dtrace, syscall, sched, proc, io,
 * tracepoint; fbt and pid probes when desc names them, as with -l) to fn,
 * its four parts valid during the call only.  The number of probes, or a
 * negative errno. */
typedef void (*dscope_probe_fn)(const char *prov, const char *mod, const char *func, const char *name,
				void *arg);
int dscope_probes(struct dscope *h, const char *desc, dscope_probe_fn fn, void *arg);

/*
 * Names for completion at a prompt, from the tables the compiler and the
 * option parser resolve them with (so a list cannot drift from what is
 * accepted): the i-th name of a kind, from 0, NULL past the last.  Static
 * strings.
 */
enum dscope_name_kind {
	DSCOPE_NAME_BUILTIN, /* variables: execname, pid, arg0, args, curpsinfo, ... */
	DSCOPE_NAME_FUNC,    /* functions, actions, aggregating functions */
	DSCOPE_NAME_KEYWORD, /* self, this, string, sizeof, ... (not the reserved ones) */
	DSCOPE_NAME_OPTION,  /* what dscope_setopt accepts */
};
const char *dscope_name(enum dscope_name_kind kind, int i);
/* The compiled program's i-th variable or aggregation as it is written
 * ("x", "self->ts", "this->n", "@count"; "@" for the anonymous one) into
 * buf; -ENOENT past the last (or before a compile). */
int dscope_var_name(const struct dscope *h, int i, char *buf, size_t size);

/* Print the generated BPF of the compiled program (-S), to fp. */
void dscope_dump_bpf(struct dscope *h, FILE *fp);

/*
 * For the interactive interface: the compiled program's clauses, where
 * their parts are in the source given to dscope_compile (byte offsets), and
 * what their aggregations measure.  Valid after a successful compile, for
 * the handle's lifetime.
 */
struct dscope_clause {
	int line, col;		   /* the clause's first token */
	long pred_start, pred_end; /* the predicate's text between the slashes
				    * ([start, end)); -1 when there is none */
	long body;		   /* the '{' opening the body; -1 for a bare
				    * description (dtrace's -n form) */
	uint64_t aggs;		   /* bit per aggregation id (< 64) it updates */
	int records;		   /* it records data (trace, printf, ...) */
};
int dscope_nclauses(const struct dscope *h);
/* Clause i (0-based, program order); -ENOENT past the last. */
int dscope_clause(const struct dscope *h, int i, struct dscope_clause *out);

enum dscope_unit { DSCOPE_UNIT_NONE, DSCOPE_UNIT_NS, DSCOPE_UNIT_BYTES };

struct dscope_agg_info {
	int unit;		     /* enum dscope_unit, guessed from the aggregated
			    * expression: timestamps are nanoseconds, sizes
			    * (size, bytes, len, bcount) bytes */
	char key[8][32];	     /* a label per key component: the builtin, variable
			    * or function it is ("probefunc", "ustack"), else "" */
	const struct agg_desc *desc; /* its descriptor (name, function, keys) */
};
/* What aggregation `id` measures; -ENOENT for no such aggregation. */
int dscope_agg_info(const struct dscope *h, int id, struct dscope_agg_info *out);

/* The source text compiled (the caller's string), NULL before a compile. */
const char *dscope_source(const struct dscope *h);

#endif
