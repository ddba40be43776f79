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

/* Time dscope's BPF programs have run in the kernel so far (the kernel's
 * run-time statistics, turned on while the programs are loaded), and how
 * many times they ran (runs may be NULL): what observing costs the
 * observed. */
uint64_t dscope_bpf_time_ns(struct dscope *h, uint64_t *runs);

/* "provider:module:function:name" of probe `id` into buf; -ENOENT when
 * there is no such probe (dtrace -i). */
int dscope_probe_desc(struct dscope *h, uint32_t id, char *buf, size_t size);

/* List every probe matching the description (dtrace -l), to fp. */
int dscope_list(struct dscope *h, FILE *fp, const char *desc);
/* ... with each probe's argument types when verbose (dtrace -lv) */
int dscope_list_v(struct dscope *h, FILE *fp, const char *desc, int verbose);

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
