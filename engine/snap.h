/*
 * snap.h - the snapshot stream: what the engine hands to every consumer of
 * its results (the batch printer, the views, the session recorder).
 *
 * A snapshot is immutable once returned and reference-counted: it holds the
 * records consumed since the previous snapshot, decoded into dvalues (the
 * data of printa() includes the aggregation tables as they were when the
 * record was consumed), the aggregations themselves when asked for, the
 * diagnostics dtrace would print (drops, run-time faults), and the exit
 * state.  Everything a snapshot points to lives in its own arena or in the
 * compiled program, which outlives every snapshot of its handle; views keep
 * ids (probe ids, aggregation ids, keys), never pointers, across snapshots.
 */
#ifndef DSCOPE_SNAP_H
#define DSCOPE_SNAP_H

#include <stdint.h>

#include "agg.h"
#include "arena.h"
#include "dvalue.h"
#include "fmt.h"

/* What an executed action was (the subset that shows in output). */
enum snap_act_kind {
	SA_TRACE,
	SA_PRINTF,
	SA_PRINTA,
	SA_EXIT,
	SA_OTHER, /* clear, trunc, normalize, setopt: already carried out */
};

struct snap_act {
	enum snap_act_kind kind;
	const struct fmt *fmt; /* printf, printa with a format; else NULL */
	struct dvalue *vals;   /* decoded arguments */
	int nvals;
	struct agg_table *tabs; /* printa: the aggregations at that moment */
	int ntabs;
};

struct snap_event {
	uint32_t cpu, probe, clause;
	const char *prov, *mod, *func, *name; /* the probe's description */
	int quiet;			      /* quiet mode when consumed */
	int quiet_end;			      /* ... after its actions ran */
	struct snap_act *acts;
	int nacts;
};

struct dscope_snap {
	int refs;
	uint64_t seq;	       /* 1, 2, ... per handle */
	struct arena arena;    /* owns everything below */
	struct snap_event *ev; /* records, in the order consumed */
	size_t nev;
	struct agg_table *aggs; /* every aggregation by id, when taken */
	int naggs;
	uint8_t *printed;	  /* per aggregation: shown by printa() so far */
	struct agg_sortopts sort; /* the sort options in force */
	int flowindent;		  /* -F: indent entry/return probes by call depth */
	const char **notes;	  /* dtrace's diagnostics ("N drops on CPU 0") */
	int nnotes;
	int exited, exit_status;
	int final; /* the last snapshot of a run (after END) */
};

void dscope_snap_release(struct dscope_snap *s);
struct dscope_snap *dscope_snap_acquire(struct dscope_snap *s);

#endif
