/*
 * dcomp.h - the compiler's internal interface: options, the semantic pass
 * and the code generator.  Only engine/ includes this.
 *
 * Pass order (each pass may rely on the invariants the previous ones leave):
 *
 *   d_parse     text -> AST (d_ast.h)
 *   d_sema      AST -> resolved AST + dprog skeleton: probes matched, every
 *               expression typed, every variable and aggregation placed,
 *               every data-recording action given its record slot, maps
 *               listed.  After it, no user error can come from codegen
 *               except program limits (stack, scratch) and verifier refusals.
 *   cg_program  one BPF program per attachment point, clauses in program
 *               order, dispatch on the syscall number where needed.
 */
#ifndef DSCOPE_DCOMP_H
#define DSCOPE_DCOMP_H

#include "dprog.h"

struct dcomp_opts {
	int strsize; /* bytes, dtrace default 256 */
	int quiet;
	int zdefs;	 /* -Z: descriptions may match nothing */
	int self_trace;	 /* -x self: do not filter dscope's own process */
	int defaultargs; /* -x defaultargs: missing $N are 0 or "" */
	uint32_t self_pid;
	int64_t target; /* $target, -1 when none */
	int nmacros;	/* $1..$N */
	char *const *macros;
	const char *progname; /* $0: the script's name, or the command's */
	/* kernel structure offsets, read from the kernel's BTF only when the
	 * program needs them (dprog.needs_ktypes) */
	int off_real_parent, off_tgid, off_pid, off_comm, off_exit_code;
	/* optional ones (-1 when the kernel lacks them): in_iowait (in bits),
	 * se.sum_exec_runtime, real_cred and its uid/gid, mm and its
	 * arg_start/arg_end, the task's CPU */
	int bit_in_iowait, off_runtime, off_cred, off_cred_uid, off_cred_gid, off_mm, off_arg_start,
	    off_arg_end, off_task_cpu;

	int nspec;	      /* speculation slots (dtrace's nspec, default 1) */
	uint64_t specsize;    /* bytes one speculation may hold (specsize) */
	uint32_t bufsize;     /* ring buffer bytes (power of two) */
	int stackframes;      /* stack()'s default depth (dtrace's stackframes, 20) */
	int ustackframes;     /* ustack()'s (ustackframes, 100) */
	int ustackbytes;      /* user stack bytes a DWARF-unwound ustack() copies */
	int ustack_fp;	      /* ustack() walks frame pointers in the kernel: 1, DWARF: 0,
			       * -1 auto: frame pointers when the target keeps them */
	uint64_t aggsize;     /* bytes per aggregation map (dtrace's aggsize) */
	uint64_t dynvarsize;  /* bytes per associative array (dynvarsize) */
	int64_t boot_to_wall; /* ns to add to ktime (boot) for walltimestamp */
	int ncpus;
	struct probe_table *pt;
};

void dcomp_opts_default(struct dcomp_opts *o);

/*
 * Resolve the program and fill `out` (allocated from a).  Returns 0, or -1
 * with dg filled.  out->progs is empty until cg_program runs.
 */
int d_sema(struct arena *a, struct d_program *p, const struct dcomp_opts *o, struct dprog *out,
	   struct d_diag *dg);

/* Generate every BPF program.  Returns 0 or -1 with dg filled. */
int cg_program(struct dprog *dp, const struct dcomp_opts *o, struct d_diag *dg);

/* Free the instruction arrays of a dprog (the rest lives in its arena). */
void dprog_free(struct dprog *dp);

/* Builtin variables and functions, shared by sema and codegen. */
enum d_builtin {
	B_NONE,
	B_PID,
	B_TID,
	B_PPID,
	B_UID,
	B_GID,
	B_EXECNAME,
	B_CPU,
	B_TIMESTAMP,
	B_VTIMESTAMP,
	B_WALLTIMESTAMP,
	B_PROBEPROV,
	B_PROBEMOD,
	B_PROBEFUNC,
	B_PROBENAME,
	B_ID,
	B_ERRNO,
	B_ARG0, /* B_ARG0 + n for argn */
	B_ARG9 = B_ARG0 + 9,
	B_EPID,
	B_UREGS, /* uregs[i]: a DE_INDEX node */
};

enum d_func {
	F_NONE,
	/* aggregating functions: F_COUNT + agg_func */
	F_COUNT,
	F_SUM,
	F_AVG,
	F_MIN,
	F_MAX,
	F_STDDEV,
	F_QUANTIZE,
	F_LQUANTIZE,
	F_LLQUANTIZE,
	/* actions */
	F_TRACE,
	F_PRINTF,
	F_PRINTA,
	F_EXIT,
	F_CLEAR,
	F_TRUNC,
	F_NORMALIZE,
	F_DENORMALIZE,
	F_SETOPT,
	F_SPECULATE, /* speculations and destructive actions: cg_spec.c */
	F_COMMIT,
	F_DISCARD,
	F_STOP,
	F_RAISE,
	F_SYSTEM,
	F_CHILL,
	F_PANIC,
	/* subroutines */
	F_SPECULATION,
	F_STRLEN,
	F_COPYINSTR, /* copyinstr(uaddr [, maxlen]) */
	F_COPYIN,    /* copyin(uaddr, size): the bytes (ival 1: *(T *)copyin, a T) */
	F_STRINGOF,  /* stringof(string | kernel address) */
	F_STRJOIN,
	F_LLTOSTR,
	F_TOUPPER,
	F_TOLOWER,
	F_BASENAME,
	F_DIRNAME,
	/* stacks and symbols (d_sema_stack.c, cg_stack.c) */
	F_STACK,
	F_USTACK,
	F_FUNC, /* func(), sym(), mod(): a kernel address */
	F_SYM,
	F_MOD,
	F_UFUNC, /* ufunc(), usym(), umod(), uaddr(): a user address */
	F_USYM,
	F_UMOD,
	F_UADDR,
	/* string and utility subroutines of cg_str.c, typed by d_sema_str.c */
	F_SUBSTR,
	F_INDEX,
	F_RINDEX,
	F_STRSTR,
	F_STRCHR,
	F_STRRCHR,
	F_STRTOK,
	F_INET_NTOA,
	F_INET_NTOP,
	F_HTONS,
	F_HTONL,
	F_HTONLL,
	F_NTOHS,
	F_NTOHL,
	F_NTOHLL,
	F_RAND,
	F_PROGENYOF,
};

/* The names of the tables sema resolves identifiers and calls with: the
 * i-th (from 0), NULL past the last (dscope_name). */
const char *sema_builtin_name(int i);
const char *sema_func_name(int i);

#endif
