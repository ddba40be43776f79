/*
 * cg.h - code generator internals shared by cg_prog.c and cg_expr.c.
 *
 * Registers: r6-r9 hold expression temporaries (they survive helper calls);
 * r1-r5 are used only between an instruction sequence's loads and its
 * helper call; r0 takes helper results.  Expression results are in a
 * temporary register: integers as 64-bit values, strings as a pointer to at
 * least type.size readable bytes of map value memory (scratch, record,
 * globals, rodata or an associative array's value).
 *
 * Frame (offsets from r10):
 */
#ifndef DSCOPE_CG_H
#define DSCOPE_CG_H

#include "asm.h"
#include "dcomp.h"

enum {
	FR_CTX = -8,	  /* the program's context */
	FR_PROBE = -16,	  /* probe id */
	FR_SCRATCH = -24, /* pointer to this program's scratch value */
	FR_REC = -32,	  /* pointer to this program's record value */
	FR_TLS = -40,	  /* thread-local value or NULL */
	FR_SYSNR = -48,	  /* syscall number */
	FR_KEY0 = -56,	  /* a u32 zero key, or any 8-byte temporary */
	FR_T0 = -64,	  /* ktime at program entry (vtimestamp accounting) */
	FR_TS = -72,	  /* timestamp, read once per firing (0 until read) */
	FR_ARGX = -80,	  /* a value the prologue keeps for the arguments */
	FR_SUBJ = -88,	  /* the thread a probe's arguments speak of (task pointer) */
	FR_FIXED = 88,	  /* bytes above; spills and temporaries below */
};

/*
 * The verifier's limits the code generator checks (cg_prog.c, check_limits):
 * a frame of 512 bytes (spill slots and the fault record below FR_FIXED),
 * 1,000,000 instructions walked per program (asm_cost), and jumps of at
 * most 32,767 instructions (asm_finish).
 */
enum { BPF_FRAME_MAX = 512, BPF_WALK_MAX = 1000000, SPILL_MAX = 64 };

/* Thread-local value layout: on-CPU time accumulated at switch-out, time
 * spent in dscope's programs, then self-> variables (TLS_HDR bytes). */
enum { TLS_VT_ACCUM = 0, TLS_VT_OWN = 8 };

/* Scratch value layout: this-> variables, then temporaries */
enum { SCR_THIS = 0, SCRATCH_MAX = 30000 };

/* pt_regs (x86_64) offsets */
enum {
	PT_REGS_R10 = 56,
	PT_REGS_R9 = 64,
	PT_REGS_R8 = 72,
	PT_REGS_AX = 80,
	PT_REGS_CX = 88,
	PT_REGS_DX = 96,
	PT_REGS_SI = 104,
	PT_REGS_DI = 112,
	PT_REGS_ORIG_AX = 120,
	PT_REGS_IP = 128,
	PT_REGS_CS = 136,
};

/* State shared by all programs of one compile */
struct cg_shared {
	int m_globals, m_rodata, m_rb, m_tls, m_cpu, m_cnt, m_pids;
	int m_spec; /* speculation slots, -1 when none */
	char *ro;
	int rolen, rocap;
	uint32_t maxzero;
	int pf_tab[4]; /* rodata offset of each probe field's name table, 0 = none */
	int pf_used;   /* rodata must span RODATA_PF_MAX bytes */
	int ro_null;   /* rodata offset of the NULL string (cg_str.c), 0 until needed */
};

/* Names reached through a probe-field table lie below this rodata offset */
enum { RODATA_PF_MAX = 60000 };

struct cg {
	struct dprog *dp;
	const struct dcomp_opts *o;
	struct d_diag *dg;
	struct cg_shared *sh;
	struct asm_buf b;
	struct dbprog *bp;
	struct d_cclause *cc;
	int freeregs;		  /* bit r set: register r free */
	int stack;		  /* bytes of frame in use */
	int scratch;		  /* bytes of scratch in use */
	int scratch_hw;		  /* most scratch ever in use */
	int spill_off[SPILL_MAX]; /* frame offsets of the spill slots made so far */
	int nspill;
	uint64_t spill_used; /* bit per spill slot in use */
	int recmax;
	int m_scr, m_rec;
	int exit_label;
	int toobig;	   /* an internal limit was passed (a bug) */
	struct d_pos stmt; /* the statement being generated */
	/* the first of the frame and scratch limits passed: which, where */
	struct cg_over {
		enum { OVER_NONE, OVER_FRAME, OVER_SCRATCH } kind;
		const struct d_cclause *cc;
		struct d_pos stmt;
		int need; /* OVER_SCRATCH: that statement's scratch bytes */
	} over;
	/* where each clause's code lies in the program being generated */
	struct cg_span {
		const struct d_cclause *cc;
		size_t first, end;
	} * spans;
	int nspans;
	int used_scr;			     /* the program read its scratch pointer */
	int clause_idx, clause_skip, action; /* for faults: where we are */
	int fault_slot;			     /* frame offset of the fault record, 0 until needed */
	int subj;			     /* builtins speak of the probe's argument thread (FR_SUBJ) */
};

int cg_rodata(struct cg *g, const void *p, int len, int align);
int cg_rodata_reserve(struct cg *g, struct cg_shared *sh, int bytes);
int cg_map_add(struct dprog *dp, const char *name, enum dmap_role role, uint32_t type, uint32_t ks,
	       uint32_t vs, uint32_t n, uint32_t flags);
int cg_stack_alloc(struct cg *g, int bytes);
/* Note a limit passed (OVER_FRAME, OVER_SCRATCH with the bytes needed) in
 * the clause and statement being generated; the first one is reported. */
void cg_over(struct cg *g, int kind, int need);
/* An 8-byte frame slot for a spilled temporary, and its release. */
int cg_spill_get(struct cg *g);
void cg_spill_put(struct cg *g, int slot);
int cg_scratch_alloc(struct cg *g, int bytes);
int cg_reg_alloc(struct cg *g);
void cg_reg_free(struct cg *g, int r);
int cg_nfree(const struct cg *g);
void cg_ld_scratch(struct cg *g, int reg);
void cg_count(struct cg *g, int slot);
/* Emit a run-time fault: report it and abandon the clause. */
void cg_fault(struct cg *g, int fault);

/* cg_expr.c */
int cg_expr(struct cg *g, struct d_expr *e); /* returns a temp register, -1 on error */
/* The verifier cannot know e's value (it depends on run-time data only). */
int cg_runtime(const struct d_expr *e);
/* cg_expr, with a probe field converted to its name (a string pointer). */
int cg_expr_str(struct cg *g, struct d_expr *e);
/* Record an error at pos and return -1. */
int cg_fail(struct cg *g, struct d_pos pos, const char *tag, const char *msg);
/* r = the scratch pointer + off */
int cg_scratch_ptr(struct cg *g, int r, int off);
/* Copy the string at register src into dst + dstoff, at most dstsz bytes
 * with the NUL.  Clobbers r1-r3. */
void cg_strcpy(struct cg *g, int dst, int dstoff, int dstsz, int src);
/* Build a key tuple in scratch; returns its scratch offset or -1. */
int cg_key(struct cg *g, struct d_expr *args, const struct d_type *keys, int keysize);

/* The probe speaks about another thread than the current one (on-cpu) */
int cg_other_task(const struct cg *g);
/* reg = the BTF task pointer of the thread the probe speaks about; may
 * clobber r0-r5 */
void cg_task_ptr(struct cg *g, int reg);

/* A constant in a new temporary */
int cg_expr_const(struct cg *g, int64_t v);

/* cg_xl.c: members of typed probe arguments */
int cg_member(struct cg *g, struct d_expr *e);
int cg_member_index(struct cg *g, struct d_expr *e);
/* reg = the size-byte value at [src + off] (0 if unreadable); clobbers r0-r3 */
void cg_kread(struct cg *g, int reg, int src, int off, int size);

/* cg_str.c: string and utility subroutines (F_SUBSTR and after) */
int cg_str_call(struct cg *g, struct d_expr *e);
/* A string compared with NULL (== or !=); result in a new register */
int cg_str_nullcmp(struct cg *g, struct d_expr *e);

/* cg_pid.c */
/* r = argn at a pid probe (PK_UPROBE, PK_URETPROBE); -1 when it has none */
int cg_pid_arg(struct cg *g, int n, int r);
/* uregs[idx]: a temporary register, -1 on error */
int cg_uregs(struct cg *g, struct d_expr *idx);

/* cg_stack.c: stack(), ustack(), the symbol functions; a copy of an
 * in-memory value of type t (not a string) from src to [dst + off] */
enum { STACKMAP_ENTRIES = 16384 };
int cg_stack_call(struct cg *g, struct d_expr *e);
void cg_blob_copy(struct cg *g, int dst, int off, const struct d_type *t, int src);

/* cg_stmt.c */
int cg_stmts(struct cg *g, struct d_stmt *s); /* 0 or -1 */

/* cg_spec.c: speculation() (a temp register with the id), the actions
 * speculate, commit, discard, stop and raise (0 or -1), and the gate
 * before a speculative clause's record is output (r7 = the record; jumps
 * to skip when it must be dropped). */
int cg_speculation(struct cg *g);
int cg_spec_action(struct cg *g, const struct d_act *a, struct d_expr *e);
void cg_spec_emit(struct cg *g, const struct d_cclause *cc, int skip);

#endif
