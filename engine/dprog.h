/*
 * dprog.h - a compiled D program: what the compiler hands to the loader and
 * the consumer.
 *
 * The semantic pass (d_sema.c) resolves the AST into variables, types,
 * aggregations, actions and enabled probes; the code generator (cg_*.c)
 * turns each attachment point into one BPF program.  Everything here is
 * allocated in the compile's arena, except the instruction arrays (malloc,
 * owned by the dprog, freed by dprog_free) so that the compile arena can
 * be dropped independently later.
 */
#ifndef DSCOPE_DPROG_H
#define DSCOPE_DPROG_H

#include <linux/bpf.h>
#include <stddef.h>
#include <stdint.h>

#include "agg.h"
#include "arena.h"
#include "d_ast.h"
#include "d_diag.h"
#include "fmt.h"
#include "probe.h"

/* ---- resolved types ---- */

enum ty_kind {
	TY_VOID,
	TY_INT,	   /* size 1/2/4/8, is_unsigned */
	TY_STR,	   /* size: capacity in bytes including the NUL */
	TY_PROBEF, /* a probe description field: the value is the probe id,
		    * named in user space; pf says which field */
	TY_STRUCT, /* a pointer to a record known by its members (st): a
		    * tracepoint's arguments, a translated psinfo_t, bufinfo_t... */
	TY_STACK,  /* stack() / ustack(): is_unsigned 1 for user stacks, pf the
		    * depth; size 8 (a stack id, with the pid above it for user
		    * stacks), or the bytes of a DWARF capture (struct ustack_cap) */
	TY_SYM,	   /* an address to name: is_unsigned 1 for user space (then size
		    * 16: the address and the pid), pf the enum sym_how */
};

struct d_struct;

enum probe_field { PF_PROV, PF_MOD, PF_FUNC, PF_NAME };

struct d_type {
	enum ty_kind k;
	int size;
	int is_unsigned;
	int pf;
	const struct d_struct *st; /* TY_STRUCT */
};

/* A user stack captured for DWARF unwinding: the pid, the bytes of stack
 * copied, the registers (pt_regs order), then the stack bytes from sp. */
struct ustack_cap {
	uint32_t pid;
	uint32_t len;
	uint64_t regs[21];
	/* uint8_t bytes[]; */
};

/* A value of type t is a byte string in memory (strings, DWARF stacks, user
 * symbols) rather than a 64-bit integer in a register */
static inline int d_type_in_memory(const struct d_type *t)
{
	return t->k == TY_STR || (t->k == TY_STACK && t->size > 8) || (t->k == TY_SYM && t->is_unsigned);
}

/* Bytes a value of type t takes in a record or a key */
static inline int d_type_slot(const struct d_type *t)
{
	return d_type_in_memory(t) ? (t->size + 7) & ~7 : 8;
}

/*
 * Members of a TY_STRUCT, and how code reaches each.  A tracepoint's fields
 * sit in its record (the program's context); translated members (psinfo_t,
 * bufinfo_t, ...) are computed by the code generator from `code`.
 */
enum mb_how {
	MB_CTX,	    /* integer of `size` bytes at context + off */
	MB_CTX_STR, /* char[size] at context + off, as a string */
	MB_CTX_LOC, /* __data_loc char[]: a u32 at off gives offset | len << 16 */
	MB_CTX_ARR, /* nelem integers of elsize bytes at off: needs an index */
	MB_XL,	    /* translated: enum xl_code */
};

enum xl_code {
	/* psinfo_t / lwpsinfo_t of a thread (curpsinfo, or a probe's argument) */
	XL_PR_PID,
	XL_PR_PPID,
	XL_PR_UID,
	XL_PR_GID,
	XL_PR_FNAME,
	XL_PR_PSARGS,
	XL_PR_LWPID,
	XL_PR_ONPRO,
	/* bufinfo_t, devinfo_t, fileinfo_t of a block request (io provider) */
	XL_B_BCOUNT,
	XL_B_BLKNO,
	XL_B_FLAGS,
	XL_B_EDEV,
	XL_B_ERROR,
	XL_DEV_MAJOR,
	XL_DEV_MINOR,
	XL_DEV_NAME,
	XL_DEV_STATNAME,
	XL_DEV_PATHNAME,
	XL_FI_UNKNOWN, /* fileinfo_t strings the block layer cannot tell */
	XL_FI_OFFSET,
};

struct d_member {
	const char *name;
	struct d_type type; /* of the value (an element for MB_CTX_ARR) */
	enum mb_how how;
	int off, size;	   /* MB_CTX*: in the record */
	int nelem;	   /* MB_CTX_ARR */
	int code;	   /* MB_XL */
	const char *ctype; /* tracepoints: the field's C type, as the format gives it */
};

struct d_struct {
	const char *name; /* "bufinfo_t", or the tracepoint "block:block_rq_issue" */
	const struct d_member *m;
	int n;
	int is_tp; /* a tracepoint record (members MB_CTX*) */
};

/* ---- variables ---- */

enum var_scope { VS_GLOBAL, VS_SELF, VS_THIS, VS_ASSOC };

struct d_var {
	const char *name;
	enum var_scope scope;
	struct d_type type;
	int defined; /* assigned or declared so far (sema order) */
	int off;     /* GLOBAL: offset in the globals value; SELF: in the
			      * thread-local value; THIS: stack offset (negative) */
	int map;     /* ASSOC: map index */
	int nkeys;   /* ASSOC */
	struct d_type keys[8];
	int keysize; /* ASSOC: bytes of the key tuple */
	struct d_var *next;
};

/* ---- aggregations ---- */

struct d_agg {
	struct agg_desc desc;
	struct d_type keys[8];
	int keyoff[8];	      /* offset of each component in the key tuple */
	int keysize;	      /* bytes (0 for no key) */
	int map;	      /* map index (with nslots: the hash of keys to slots) */
	int vmap, kmap, qmap; /* with nslots: the values, keys and free-slot maps */
	uint32_t nslots;      /* a keyed aggregation in slots (agg.h), or 0 */
	int by_probe;	      /* every key is a probe field: a per-CPU array
			      * indexed by probe id */
	int stride;	      /* int64 slots per entry in the map: ndata, plus an
			    * update count in arrays */
	int in_user;	      /* a key is a DWARF-captured stack: the events go to
			    * user space, which unwinds and aggregates them */
	const char *fname;    /* the aggregating function's name, for messages */
	struct d_pos pos;     /* first definition */
	struct d_agg *next;
};

/* ---- actions that record data (their layout in the clause's record) ---- */

enum act_kind {
	ACT_TRACE,
	ACT_PRINTF,
	ACT_PRINTA,
	ACT_EXIT,
	ACT_CLEAR,
	ACT_TRUNC,
	ACT_NORMALIZE,
	ACT_DENORMALIZE,
	ACT_SETOPT,
	ACT_SPECULATE, /* args: id, then the generation the kernel stores */
	ACT_COMMIT,    /* args: id, generation (SPEC_GEN_NONE: nothing to do) */
	ACT_DISCARD,
	ACT_STOP,
	ACT_RAISE,
	ACT_SYSTEM, /* fmt and args as printf */
};

/* One recorded argument: where it sits in the record and how to decode it. */
struct rec_arg {
	struct d_type type;
	int off;
};

struct d_act {
	enum act_kind kind;
	int bit; /* bit in the record's mask */
	struct rec_arg *args;
	int nargs;
	struct fmt *fmt; /* printf / printa with a format */
	int *aggs;	 /* printa, clear, trunc, normalize: aggregation ids */
	int naggs;
	const char *optname, *optval; /* setopt */
	struct d_pos pos;
	struct d_act *next;
};

/* A record whose clause is REC_ERROR reports a run-time fault: mask holds
 * the fault (FAULT_*), then struct rec_fault follows. */
enum { REC_ERROR = 0xffffffffu };
/* A record whose clause is REC_AGG is an aggregation update for user space
 * (d_agg.in_user): mask is the aggregation id, struct rec_agg and the key
 * follow. */
enum { REC_AGG = 0xfffffffeu };
/* A record whose clause is REC_PID (8 bytes) names a process seen for the
 * first time by a probe whose addresses are named later: its pid follows. */
enum { REC_PID = 0xfffffffdu };
struct rec_agg {
	int64_t value; /* the aggregated value (0 for count) */
	int64_t incr;  /* quantize's increment (1 by default) */
};
enum { FAULT_DIVZERO = 1, FAULT_ILLOP = 2 };
struct rec_fault {
	uint32_t clause; /* the clause that faulted */
	uint32_t action; /* 1-based statement of the clause */
};

/* A speculation slot's word in the DM_SPEC map: generation << 1 | active.
 * Records of a speculative clause carry the slot's id and generation;
 * commit() and discard() record the generation they ended, or this. */
#define SPEC_GEN_NONE UINT64_MAX

/* Every record starts with this header. */
struct rec_hdr {
	uint32_t clause; /* clause index */
	uint32_t probe;	 /* probe id */
	uint32_t cpu;
	uint32_t mask; /* bit per action that ran */
};

struct d_cclause {
	const struct d_clause *ast;
	struct d_act *acts; /* data-recording actions, in order */
	int nacts;
	int recsize; /* bytes of the record, header included */
	int records; /* emits a record (data actions or an empty body) */
	int needs_tls, needs_scratch;
	const struct d_act *spec; /* speculate(): the clause's records may be
				   * speculative (d_sema_spec.c) */
	int clsflags;		  /* d_sema_spec.c's rule flags, in statement order */
	/* enabled probes of this clause, by attachment point */
	uint64_t kinds;	     /* bit (1 << PK_x) per fixed probe: BEGIN, END, ERROR, sched */
	uint8_t *sysmask[2]; /* entry / return: bit per syscall number */
	int nsys[2];	     /* bits set in each */
	uint32_t *prof;	     /* probes with a program each: profile, tick, tracepoint */
	int nprof, capprof;
	uint32_t *uids[2]; /* pid provider probe ids: entry / return */
	int nuids[2], capuids[2];
};

/* ---- maps and programs ---- */

enum dmap_role {
	DM_GLOBALS, /* array[1]: exit flag, then global variables */
	DM_RODATA,  /* array[1], read-only to programs, frozen: strings, bitmaps */
	DM_RINGBUF,
	DM_TLS,	    /* task storage: vtimestamp state, then self-> variables */
	DM_CPU,	    /* percpu array[1]: last context-switch time */
	DM_SCRATCH, /* percpu array[1]: temporaries of one program */
	DM_CNT,	    /* percpu array[1]: drop and error counters (CNT_*) */
	DM_REC,	    /* percpu array[1]: the record being built by one program */
	DM_AGG,
	DM_ASSOC,
	DM_STACK, /* stack trace map (stack ids of stack() / ustack()) */
	DM_PIDS,  /* hash: the processes already announced with REC_PID */
	DM_SPEC,  /* array[1]: one word per speculation slot (cg_spec.c) */
};

struct dmap {
	char name[16];
	enum dmap_role role;
	uint32_t type, key_size, value_size, max_entries, flags;
	const void *init; /* DM_RODATA initial value (value_size bytes) */
	int agg;	  /* DM_AGG: aggregation id */
	int fd;		  /* set by the loader */
	void *mem;	  /* BPF_F_MMAPABLE: mapped by the loader (memsize bytes) */
	size_t memsize;
};

enum attach_kind {
	AT_TEST_RUN, /* BEGIN / END: run from user space */
	AT_RAW_TP,   /* raw tracepoint `tp` */
	AT_PERF_ALL, /* perf cpu-clock event on every CPU, period_ns */
	AT_PERF_ONE, /* on one CPU (tick) */
	AT_TP_BTF,   /* BTF-typed raw tracepoint `tp` (typed arguments) */
	AT_UPROBE,   /* one uprobe perf event per probe in ids, cookie = id */
	AT_TP_PERF,  /* a tracepoint's perf event: tp is "subsystem/name", the
		      * context is its record */
	AT_FENTRY,   /* fbt: fentry/fexit on the function of BTF id btf_id (tp: its name) */
	AT_KPROBE,   /* fbt: a kprobe/kretprobe perf event on function tp */
};

/* Counters: the slots of the DM_CNT value. */
enum { CNT_RB_DROPS, CNT_AGG_DROPS, CNT_DYN_DROPS, CNT_ERRORS, CNT_SPEC_UNAVAIL, CNT_NSLOTS };

struct dbprog {
	char name[16];
	enum attach_kind at;
	const char *tp;	       /* AT_RAW_TP */
	uint32_t btf_id;       /* AT_FENTRY */
	int nargs;	       /* AT_FENTRY: the function's arguments */
	int64_t period_ns;     /* AT_PERF_* */
	int probe_kind;	       /* enum probe_kind served */
	uint32_t probe_id;     /* fixed probe id, 0 when computed (syscalls) */
	struct bpf_insn *insn; /* malloc'd */
	int *lines;	       /* malloc'd: D source line of each instruction */
	size_t ninsn;
	uint64_t cost; /* instructions the verifier walks at least (asm_cost) */
	int nclauses;  /* clauses it runs */
	uint32_t *ids; /* AT_UPROBE: the probes to open, by id (arena) */
	int multi;     /* AT_UPROBE: loaded for the multi-uprobe link */
	int nids;
	int fd;	    /* loader */
	int *links; /* loader: fds of attachments */
	int nlinks;
};

struct dprog {
	struct arena *a;
	struct d_cclause *clauses;
	int nclauses;
	struct dmap *maps;
	int nmaps;
	struct dbprog *progs;
	int nprogs;
	struct d_agg *aggs; /* list, by id order */
	int naggs;
	struct d_agg **aggv; /* by id */
	struct d_var *vars;
	int nprobes;	  /* enabled probes (distinct) */
	uint8_t *enabled; /* by probe id (below pt->n at compile time): enabled */
	int uses_vtime;
	int uses_ts;  /* reads timestamp or walltimestamp */
	int uses_pid; /* has pid provider probes */
	/* stack maps by kind (0 kernel, 1 user) and depth: map index, -1 none */
	struct stackmap {
		int user, depth, map;
	} stackmaps[8];
	int nstackmaps;
	int uses_pids;	  /* names user addresses later: announces processes */
	int uses_udwarf;  /* ustack() captures for DWARF unwinding */
	int ustack_fp;	  /* ustackmode=auto decided: 0 not yet, 1 fp, 2 DWARF */
	int needs_ktypes; /* uses builtins that read kernel structures (ppid) */
	int has_end;
	int uses_spec;	 /* speculation functions: the DM_SPEC map exists */
	int destructive; /* stop, raise, system...: needs -w */
	int strsize;
	int tls_size;	  /* bytes of the thread-local value (header included) */
	int globals_size; /* bytes of the globals value (exit flag included) */
	int this_size;	  /* bytes of clause-local variables */
	/* per-description match counts, for "description 'X' matched N probes" */
	const struct probe_table *pt;
};

#endif
