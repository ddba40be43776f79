/*
 * dscope_int.h - the handle behind dscope.h, shared by dscope.c (options,
 * compile), bpf_load.c (kernel objects) and consume.c (records and
 * aggregations).
 */
#ifndef DSCOPE_INT_H
#define DSCOPE_INT_H

#include <bpf/libbpf.h>

#include "agg_base.h"
#include "batch.h"
#include "dcomp.h"
#include "dscope.h"

struct agg_state {
	int printed;	/* printa'd at least once: not printed again at exit */
	int64_t normal; /* normalize() factor */
	/* slots whose keys were deleted, oldest first, queued again after a
	 * grace period (consume.c, slots_recycle) */
	struct freed_slot {
		uint32_t slot;
		int64_t at; /* CLOCK_MONOTONIC ns of the deletion */
	} * freed;
	size_t nfreed, capfreed;
};

struct dscope {
	const char *prog;
	FILE *out;
	char errmsg[512];

	/* options */
	struct dcomp_opts co;
	int errtags;
	struct agg_sortopts sort;
	int64_t switchrate_ns, aggrate_ns;
	char optbuf[64][2][64]; /* names and values as set, for getopt */
	int nopts;

	/* compile */
	struct arena arena;
	struct d_diag dg;
	const char *src, *srcname;
	struct dprog dp;
	int compiled;
	struct probe_table pt;

	/* run */
	int ncpus;
	struct btf *btf;     /* for the thread-local map's value type */
	struct btf *vmlinux; /* the kernel's types, loaded only when a program needs them */
	struct ring_buffer *rb;
	unsigned rb_left; /* records this read may still take (0: no bound) */
	int loaded, live, stopped;
	int exited, exit_status;
	int skipped;		 /* probes the kernel could not place (uprobes) */
	struct batch batch;	 /* dscope_poll/dscope_stop print through it */
	struct dscope_snap *cur; /* the snapshot records are consumed into */
	uint64_t snap_seq;
	struct agg_state *aggst;
	uint64_t drops_seen[CNT_NSLOTS]; /* totals over CPUs, reported so far */
	uint64_t *cpu_seen;		 /* per CPU and counter, reported so far */
	struct spec_buf *spec;		 /* consume_spec.c: held records per slot */
	uint64_t specdrops, specdrops_seen;
	int64_t drops_reported;	    /* CLOCK_MONOTONIC ns of the last drop report */
	int stats_fd;		    /* BPF run-time statistics on while open */
	struct fmt *sysfmt;	    /* "%s": how system()'s output prints */
	struct symtab *symtab;	    /* consume_stack.c: naming stacks */
	struct stack_cache *stacks; /* named stacks by stack id */
	struct uagg **uaggs;	    /* consume_uagg.c: by aggregation id */
	struct agg_base **bases;    /* consume_carry.c: carried values by
				     * aggregation id (NULL: none) */
};

/* consume_uagg.c: aggregations kept in user space (d_agg.in_user) */
int uagg_record(struct dscope *h, const void *data, size_t size);
int uagg_take(struct dscope *h, const struct d_agg *g, struct arena *ar, struct agg_table *t);
void uagg_clear(struct dscope *h, int id, int trunc, int64_t keep);
void uagg_free(struct dscope *h);
/* trunc(@, n) with carried values: drop the entries whose keys are not in
 * keep */
void uagg_keep(struct dscope *h, int id, const struct agg_keyset *keep);

/* consume_carry.c: the carried values of aggregation id (NULL: none) */
static inline struct agg_base *carry_base(const struct dscope *h, int id)
{
	return h->bases ? h->bases[id] : NULL;
}
void carry_free(struct dscope *h);
/* consume.c: an integer of type t at p */
struct dvalue consume_decode_int(const struct dscope *h, const struct d_type *t, const void *p);

/* consume_stack.c: a stack or symbol of type t at p, named; strings from
 * ar.  stack_cache_free releases the names and symbol tables. */
enum { MAX_FRAMES = 128 };
struct dvalue stack_decode(struct dscope *h, const struct d_type *t, const void *p, struct arena *ar);
void stack_cache_free(struct dscope *h);
/* A process's mappings, read now (REC_PID) */
void stack_pid_seen(struct dscope *h, int pid);
/* Process mappings from the kernel's mmap events (sym_track.c): opened at
 * dscope_go when the program names user addresses, drained before each
 * batch of records */
void stack_track_start(struct dscope *h);
void stack_track_sync(struct dscope *h);

/* bpf_load.c */
int load_all(struct dscope *h);
int attach_all(struct dscope *h);
void detach_all(struct dscope *h);
int run_test_prog(struct dscope *h, int kind);
/* Fire dtrace:::ERROR with arg1 = EPID, arg2 = action, arg4 = fault. */
void run_error_probe(struct dscope *h, uint32_t epid, uint32_t action, uint32_t fault);
void unload_all(struct dscope *h);

/* consume.c */
int consume_next(struct dscope *h, struct dscope_snap **out);
int consume_final(struct dscope *h, struct dscope_snap **out);
struct dscope_snap *consume_aggs(struct dscope *h);
int handle_record(void *ctx, void *data, size_t size);
/* Decode one record (not speculative, or committed) into snapshot s. */
int consume_record(struct dscope *h, struct dscope_snap *s, const void *data, size_t size);

/* consume_spec.c: commit() and discard() in a record, and holding a
 * speculative record; 1 when the record was held or dropped, 0 when it is
 * to be consumed now, -1 on error. */
int spec_take(struct dscope *h, struct dscope_snap *s, const struct d_cclause *cc, const void *data,
	      size_t size);
void spec_fini(struct dscope *h);

/* act_system.c: system()'s command line (malloc'd; traced strings quoted
 * for the shell), running it with its output captured (malloc'd, *len
 * bytes, NULL when it could not start), and the action itself: sa becomes
 * the printf of that output. */
char *act_system_command(const struct fmt *f, const struct dvalue *args, int nargs);
char *act_system_run(const char *cmd, size_t *len);
int act_system(struct dscope *h, struct dscope_snap *s, struct snap_act *sa);

int dscope_fail(struct dscope *h, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
