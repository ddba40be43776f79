/*
 * cg_prog.c - code generation, program level: maps, one BPF program per
 * attachment point, prologues, clause dispatch and record emission.
 * Expressions and statements are in cg_expr.c.
 *
 * Attachment points and what serves them:
 *   BEGIN, END, ERROR     raw_tp-type programs run from user space with
 *                         BPF_PROG_TEST_RUN (they fire in dscope's context)
 *   syscall entry/return  raw tracepoints sys_enter / sys_exit: one program
 *                         each, clauses dispatched on the syscall number
 *   profile-N / tick-N    perf cpu-clock events, one program per rate
 *
 * Frame layout of every program (offsets from r10), see cg.h.  The
 * prologue leaves: ctx, probe id (and syscall number) in the frame, the
 * scratch and record pointers looked up when any clause needs them, the
 * thread-local pointer (possibly NULL) when any clause reads self->.
 * A program never fires for dscope's own process unless -x self.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cg.h"
#include "prov_fbt.h"

/* ---- rodata: strings and bitmaps the programs read ---- */

int cg_rodata(struct cg *g, const void *p, int len, int align)
{
	struct cg_shared *sh = g->sh;
	int off;

	/* strings are interned */
	if (align == 1)
		for (int i = 0; i + len <= sh->rolen; i++)
			if (memcmp(sh->ro + i, p, (size_t)len) == 0)
				return i;
	off = (sh->rolen + align - 1) & ~(align - 1);
	if (off + len > sh->rocap) {
		int cap = (off + len) * 2 + 256;
		char *n = realloc(sh->ro, (size_t)cap);

		if (!n)
			return -1;
		memset(n + sh->rocap, 0, (size_t)(cap - sh->rocap));
		sh->ro = n;
		sh->rocap = cap;
	}
	memcpy(sh->ro + off, p, (size_t)len);
	sh->rolen = off + len;
	return off;
}

int cg_map_add(struct dprog *dp, const char *name, enum dmap_role role, uint32_t type, uint32_t ks,
	       uint32_t vs, uint32_t n, uint32_t flags)
{
	struct dmap *m;

	if (dp->nmaps % 16 == 0) {
		struct dmap *nm = arena_alloc(dp->a, sizeof(*nm) * (size_t)(dp->nmaps + 16));

		if (dp->nmaps)
			memcpy(nm, dp->maps, sizeof(*nm) * (size_t)dp->nmaps);
		dp->maps = nm;
	}
	m = &dp->maps[dp->nmaps];
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->role = role;
	m->type = type;
	m->key_size = ks;
	m->value_size = vs;
	m->max_entries = n;
	m->flags = flags;
	m->fd = -1;
	m->agg = -1;
	return dp->nmaps++;
}

/* ---- frame and registers ---- */

void cg_over(struct cg *g, int kind, int need)
{
	if (g->over.kind != OVER_NONE)
		return;
	g->over.kind = kind;
	g->over.cc = g->cc;
	g->over.stmt = g->stmt;
	g->over.need = need;
}

/* The frame grows by bump allocation and is never given back (a program's
 * frame is its clauses' at their deepest).  Past BPF_FRAME_MAX the offsets
 * are wrong, but the program is refused before anything loads it; g->stack
 * keeps counting, for the message. */
int cg_stack_alloc(struct cg *g, int bytes)
{
	bytes = (bytes + 7) & ~7;
	g->stack += bytes;
	if (g->stack > BPF_FRAME_MAX) {
		cg_over(g, OVER_FRAME, 0);
		return -(FR_FIXED + 8);
	}
	return -g->stack;
}

/* sched:::tick's rate: dtrace's hz */
enum { SCHED_HZ = 100 };

/* Spill slots: 8-byte frame slots made as the deepest expression so far
 * needs them, and recycled, so a long program does not run out of stack
 * for short-lived spills.  Only nesting makes the frame grow: about 50
 * values held at once fill it. */
int cg_spill_get(struct cg *g)
{
	for (int i = 0; i < g->nspill; i++)
		if (!(g->spill_used & (1ull << i))) {
			g->spill_used |= 1ull << i;
			return g->spill_off[i];
		}
	if (g->nspill == SPILL_MAX) {
		/* past the frame already (SPILL_MAX slots are 512 bytes) */
		g->stack += 8;
		cg_over(g, OVER_FRAME, 0);
		return g->spill_off[0];
	}
	g->spill_off[g->nspill] = cg_stack_alloc(g, 8);
	g->spill_used |= 1ull << g->nspill;
	return g->spill_off[g->nspill++];
}

void cg_spill_put(struct cg *g, int slot)
{
	for (int i = 0; i < g->nspill; i++)
		if (g->spill_off[i] == slot) {
			g->spill_used &= ~(1ull << i);
			return;
		}
}

int cg_scratch_alloc(struct cg *g, int bytes)
{
	int off = g->scratch;

	g->scratch += (bytes + 7) & ~7;
	if (g->scratch > g->scratch_hw)
		g->scratch_hw = g->scratch;
	return off;
}

int cg_reg_alloc(struct cg *g)
{
	for (int r = 6; r <= 9; r++)
		if (g->freeregs & (1 << r)) {
			g->freeregs &= ~(1 << r);
			return r;
		}
	/* expressions deeper than the pool spill at binary nodes; reaching here
	 * is a bug in that discipline */
	g->toobig = 1;
	return 9;
}

void cg_reg_free(struct cg *g, int r)
{
	if (r >= 6 && r <= 9)
		g->freeregs |= 1 << r;
}

int cg_nfree(const struct cg *g)
{
	return __builtin_popcount(g->freeregs);
}

/* r1 = scratch pointer (the prologue looked it up) */
void cg_ld_scratch(struct cg *g, int reg)
{
	g->used_scr = 1;
	asm_emit(&g->b, I_LDX(BPF_DW, reg, 10, FR_SCRATCH));
}

/* Count a rare event (a drop) in the shared per-CPU counters.  Clobbers
 * r0-r3; only on failure paths, so the lookup is done here, not up front. */
void cg_count(struct cg *g, int slot)
{
	struct asm_buf *b = &g->b;
	int none = asm_label(b);

	asm_emit(b, I_ST(BPF_W, 10, FR_KEY0, 0));
	asm_ld_map(b, 1, g->sh->m_cnt);
	asm_emit(b, I_MOV64_REG(2, 10));
	asm_emit(b, I_ALU64_IMM(BPF_ADD, 2, FR_KEY0));
	asm_emit(b, I_CALL(BPF_FUNC_map_lookup_elem));
	asm_jmp_imm(b, BPF_JEQ, 0, 0, none);
	asm_emit(b, I_LDX(BPF_DW, 1, 0, slot * 8));
	asm_emit(b, I_ALU64_IMM(BPF_ADD, 1, 1));
	asm_emit(b, I_STX(BPF_DW, 0, 1, slot * 8));
	asm_place(b, none);
}

void cg_fault(struct cg *g, int fault)
{
	struct asm_buf *b = &g->b;
	int hdr = (int)sizeof(struct rec_hdr);

	if (!g->fault_slot)
		g->fault_slot = cg_stack_alloc(g, hdr + (int)sizeof(struct rec_fault));
	int o = g->fault_slot;

	asm_emit(b, I_ST(BPF_W, 10, o + (int)offsetof(struct rec_hdr, clause), (int32_t)REC_ERROR));
	asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_PROBE));
	asm_emit(b, I_STX(BPF_W, 10, 1, o + (int)offsetof(struct rec_hdr, probe)));
	asm_emit(b, I_ST(BPF_W, 10, o + (int)offsetof(struct rec_hdr, mask), fault));
	asm_emit(b, I_ST(BPF_W, 10, o + hdr + (int)offsetof(struct rec_fault, clause), g->clause_idx));
	asm_emit(b, I_ST(BPF_W, 10, o + hdr + (int)offsetof(struct rec_fault, action), g->action));
	asm_emit(b, I_CALL(BPF_FUNC_get_smp_processor_id));
	asm_emit(b, I_STX(BPF_W, 10, 0, o + (int)offsetof(struct rec_hdr, cpu)));
	asm_ld_map(b, 1, g->sh->m_rb);
	asm_emit(b, I_MOV64_REG(2, 10));
	asm_emit(b, I_ALU64_IMM(BPF_ADD, 2, o));
	asm_emit(b, I_MOV64_IMM(3, hdr + (int)sizeof(struct rec_fault)));
	asm_emit(b, I_MOV64_IMM(4, 0));
	asm_emit(b, I_CALL(BPF_FUNC_ringbuf_output));
	cg_count(g, CNT_ERRORS);
	asm_jmp(b, g->clause_skip);
}

/* ---- prologue ---- */

static void lookup_percpu(struct cg *g, int map, int slot)
{
	struct asm_buf *b = &g->b;

	asm_emit(b, I_ST(BPF_W, 10, FR_KEY0, 0));
	asm_ld_map(b, 1, map);
	asm_emit(b, I_MOV64_REG(2, 10));
	asm_emit(b, I_ALU64_IMM(BPF_ADD, 2, FR_KEY0));
	asm_emit(b, I_CALL(BPF_FUNC_map_lookup_elem));
	asm_jmp_imm(b, BPF_JEQ, 0, 0, g->exit_label);
	asm_emit(b, I_STX(BPF_DW, 10, 0, slot));
}

/* The tid and tgid of the task a raw tracepoint argument points to (at
 * ctx + argoff; r6 holds ctx), into FR_SYSNR and FR_ARGX. */
static void task_ids(struct cg *g, int argoff)
{
	struct asm_buf *b = &g->b;
	static const int slot[2] = { FR_SYSNR, FR_ARGX };

	for (int i = 0; i < 2; i++) {
		asm_emit(b, I_ST(BPF_DW, 10, slot[i], 0));
		asm_emit(b, I_MOV64_REG(1, 10));
		asm_emit(b, I_ALU64_IMM(BPF_ADD, 1, slot[i]));
		asm_emit(b, I_MOV64_IMM(2, 4));
		asm_emit(b, I_LDX(BPF_DW, 3, 6, argoff));
		asm_emit(b, I_ALU64_IMM(BPF_ADD, 3, i == 0 ? g->o->off_pid : g->o->off_tgid));
		asm_emit(b, I_CALL(BPF_FUNC_probe_read_kernel));
	}
}

/* FR_SUBJ = the task pointer at argument offset argoff: the thread the
 * probe's translated arguments speak of */
static void subject(struct cg *g, int argoff)
{
	asm_emit(&g->b, I_LDX(BPF_DW, 1, 6, argoff));
	asm_emit(&g->b, I_STX(BPF_DW, 10, 1, FR_SUBJ));
}

/* Exit unless the task at argument offset argoff (or the current one, for
 * -1) sits in io_schedule() */
static void iowait_test(struct cg *g, int argoff)
{
	struct asm_buf *b = &g->b;
	int bit = g->o->bit_in_iowait;

	if (argoff < 0) {
		asm_emit(b, I_CALL(BPF_FUNC_get_current_task));
		asm_emit(b, I_MOV64_REG(4, 0));
	} else {
		asm_emit(b, I_LDX(BPF_DW, 4, 6, argoff));
	}
	cg_kread(g, 0, 4, bit / 8, 1);
	asm_emit(b, I_ALU64_IMM(BPF_AND, 0, 1 << (bit % 8)));
	asm_jmp_imm(b, BPF_JEQ, 0, 0, g->exit_label);
}

static void prologue(struct cg *g, struct dbprog *bp, int needs_scr, int needs_rec, int needs_tls)
{
	struct asm_buf *b = &g->b;

	asm_emit(b, I_STX(BPF_DW, 10, 1, FR_CTX));
	asm_emit(b, I_MOV64_REG(6, 1));
	if (g->dp->uses_ts)
		asm_emit(b, I_ST(BPF_DW, 10, FR_TS, 0));
	if (g->dp->uses_vtime) {
		/* vtimestamp freezes at probe entry, so a probe's own cost is
		 * never charged to the thread it observes */
		asm_emit(b, I_CALL(BPF_FUNC_ktime_get_ns));
		asm_emit(b, I_STX(BPF_DW, 10, 0, FR_T0));
		asm_emit(b, I_ST(BPF_DW, 10, FR_TLS, 0));
	}
	/* dscope's own threads are left out: by the thread a probe runs in,
	 * or for wakeups and run-queue probes (which fire in whatever thread
	 * is there: a timer interrupt wakes a sleeper) by the thread woken or
	 * queued, below */
	if (bp->at != AT_TEST_RUN && !g->o->self_trace && bp->probe_kind != PK_SCHED_ENQUEUE &&
	    bp->probe_kind != PK_SCHED_DEQUEUE && bp->probe_kind != PK_SCHED_WAKEUP) {
		if (cg_other_task(g)) {
			cg_task_ptr(g, 0);
			asm_emit(b, I_LDX(BPF_W, 0, 0, g->o->off_tgid));
		} else {
			asm_emit(b, I_CALL(BPF_FUNC_get_current_pid_tgid));
			asm_emit(b, I_ALU64_IMM(BPF_RSH, 0, 32));
		}
		asm_jmp_imm(b, BPF_JEQ, 0, (int32_t)g->o->self_pid, g->exit_label);
	}
	if (bp->probe_kind != PK_END) {
		/* after exit() nothing but END fires */
		asm_ld_map_value(b, 1, g->sh->m_globals, 0);
		asm_emit(b, I_LDX(BPF_DW, 1, 1, 0));
		asm_jmp_imm(b, BPF_JNE, 1, 0, g->exit_label);
	}
	if (bp->probe_kind == PK_SYSCALL_ENTRY || bp->probe_kind == PK_SYSCALL_RETURN) {
		if (bp->probe_kind == PK_SYSCALL_ENTRY) {
			asm_emit(b, I_LDX(BPF_DW, 1, 6, 8)); /* args[1]: id */
		} else {
			asm_emit(b, I_MOV64_REG(1, 10));
			asm_emit(b, I_ALU64_IMM(BPF_ADD, 1, FR_SYSNR));
			asm_emit(b, I_MOV64_IMM(2, 8));
			asm_emit(b, I_LDX(BPF_DW, 3, 6, 0)); /* args[0]: regs */
			asm_emit(b, I_ALU64_IMM(BPF_ADD, 3, PT_REGS_ORIG_AX));
			asm_emit(b, I_CALL(BPF_FUNC_probe_read_kernel));
			asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_SYSNR));
		}
		asm_jmp_imm(b, BPF_JGE, 1, g->dp->pt->nsyscalls, g->exit_label);
		asm_emit(b, I_STX(BPF_DW, 10, 1, FR_SYSNR));
		asm_emit(b, I_ALU64_IMM(BPF_LSH, 1, 1));
		asm_emit(b, I_ALU64_IMM(BPF_ADD, 1,
					PROBE_ID_SYSCALL_BASE + (bp->probe_kind == PK_SYSCALL_RETURN)));
		asm_emit(b, I_STX(BPF_DW, 10, 1, FR_PROBE));
	} else if (bp->probe_kind == PK_SCHED_SLEEP || bp->probe_kind == PK_SCHED_PREEMPT) {
		/* sched_switch's prev_state (args[3]): 0 is TASK_RUNNING, a
		 * preemption; anything else, the thread goes to sleep */
		asm_emit(b, I_LDX(BPF_DW, 1, 6, 24));
		asm_emit(b, (struct bpf_insn){ BPF_ALU | BPF_MOV | BPF_X, 1, 1, 0, 0 });
		asm_jmp_imm(b, bp->probe_kind == PK_SCHED_SLEEP ? BPF_JEQ : BPF_JNE, 1, 0, g->exit_label);
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_PROC_EXEC || bp->probe_kind == PK_PROC_EXEC_FAILURE) {
		/* execve (59) and execveat (322): the path is execve's first
		 * argument, execveat's second; a failure returns -errno */
		int go = asm_label(b), at = asm_label(b);
		int fail = bp->probe_kind == PK_PROC_EXEC_FAILURE;

		if (fail) {
			asm_emit(b, I_MOV64_REG(1, 10));
			asm_emit(b, I_ALU64_IMM(BPF_ADD, 1, FR_SYSNR));
			asm_emit(b, I_MOV64_IMM(2, 8));
			asm_emit(b, I_LDX(BPF_DW, 3, 6, 0));
			asm_emit(b, I_ALU64_IMM(BPF_ADD, 3, PT_REGS_ORIG_AX));
			asm_emit(b, I_CALL(BPF_FUNC_probe_read_kernel));
			asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_SYSNR));
		} else {
			asm_emit(b, I_LDX(BPF_DW, 1, 6, 8));
		}
		asm_jmp_imm(b, BPF_JEQ, 1, 59, go);
		asm_jmp_imm(b, BPF_JNE, 1, 322, g->exit_label);
		asm_place(b, go);
		if (fail) {
			asm_emit(b, I_LDX(BPF_DW, 1, 6, 8)); /* the return value */
			asm_jmp_imm(b, BPF_JSGE, 1, 0, g->exit_label);
			asm_emit(b, I_NEG(1));
			asm_emit(b, I_STX(BPF_DW, 10, 1, FR_ARGX));
		} else {
			asm_emit(b, I_MOV64_IMM(2, PT_REGS_DI));
			asm_jmp_imm(b, BPF_JNE, 1, 322, at);
			asm_emit(b, I_MOV64_IMM(2, PT_REGS_SI));
			asm_place(b, at);
			asm_emit(b, I_LDX(BPF_DW, 3, 6, 0));
			asm_emit(b, I_ALU64_REG(BPF_ADD, 3, 2));
			asm_emit(b, I_ST(BPF_DW, 10, FR_ARGX, 0));
			asm_emit(b, I_MOV64_REG(1, 10));
			asm_emit(b, I_ALU64_IMM(BPF_ADD, 1, FR_ARGX));
			asm_emit(b, I_MOV64_IMM(2, 8));
			asm_emit(b, I_CALL(BPF_FUNC_probe_read_kernel));
		}
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_PROC_SIGNAL_SEND) {
		/* the target task is signal_generate's args[2] */
		task_ids(g, 16);
		subject(g, 16);
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_SCHED_WAKEUP) {
		/* the woken thread (args[0]): its tid and pid for arg0/arg1 */
		task_ids(g, 0);
		subject(g, 0);
		if (!g->o->self_trace) {
			asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_ARGX));
			asm_jmp_imm(b, BPF_JEQ, 1, (int32_t)g->o->self_pid, g->exit_label);
		}
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_SCHED_ENQUEUE || bp->probe_kind == PK_SCHED_DEQUEUE) {
		/* enqueue: the woken or new thread (args[0]), or the preempted
		 * one (sched_switch's prev, args[1], prev_state 0); dequeue: the
		 * thread chosen to run (next, args[2]).  Never the idle thread. */
		int argoff = bp->probe_kind == PK_SCHED_DEQUEUE ? 16 : 0;

		if (bp->probe_kind == PK_SCHED_ENQUEUE && strcmp(bp->tp, "sched_switch") == 0) {
			asm_emit(b, I_LDX(BPF_DW, 1, 6, 24));
			asm_emit(b, (struct bpf_insn){ BPF_ALU | BPF_MOV | BPF_X, 1, 1, 0, 0 });
			asm_jmp_imm(b, BPF_JNE, 1, 0, g->exit_label);
			argoff = 8;
		}
		task_ids(g, argoff);
		subject(g, argoff);
		asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_SYSNR));
		asm_jmp_imm(b, BPF_JEQ, 1, 0, g->exit_label);
		if (!g->o->self_trace) {
			asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_ARGX));
			asm_jmp_imm(b, BPF_JEQ, 1, (int32_t)g->o->self_pid, g->exit_label);
		}
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_PROC_START || bp->probe_kind == PK_PROC_LWP_START) {
		/* the incoming thread (typed args[2]) has never run; a process
		 * when its tid is its tgid */
		asm_emit(b, I_LDX(BPF_DW, 4, 6, 16));
		cg_kread(g, 0, 4, g->o->off_runtime, 8);
		asm_jmp_imm(b, BPF_JNE, 0, 0, g->exit_label);
		task_ids(g, 16);
		asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_SYSNR));
		asm_jmp_imm(b, BPF_JEQ, 1, 0, g->exit_label);
		asm_emit(b, I_LDX(BPF_DW, 2, 10, FR_ARGX));
		asm_jmp_reg(b, bp->probe_kind == PK_PROC_START ? BPF_JNE : BPF_JEQ, 1, 2, g->exit_label);
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_IO_WAIT_START || bp->probe_kind == PK_IO_WAIT_DONE) {
		iowait_test(g, bp->probe_kind == PK_IO_WAIT_START ? -1 : 16);
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_PROC_EXIT) {
		/* a process ends when its main thread does */
		asm_emit(b, I_CALL(BPF_FUNC_get_current_pid_tgid));
		asm_emit(b, I_MOV64_REG(1, 0));
		asm_emit(b, I_ALU64_IMM(BPF_RSH, 1, 32));
		asm_emit(b, (struct bpf_insn){ BPF_ALU | BPF_MOV | BPF_X, 0, 0, 0, 0 });
		asm_jmp_reg(b, BPF_JNE, 0, 1, g->exit_label);
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->probe_kind == PK_PROC_CREATE || bp->probe_kind == PK_PROC_LWP_CREATE) {
		/* the child (args[1]) is a process when its tid is its tgid */
		task_ids(g, 8);
		subject(g, 8);
		asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_SYSNR));
		asm_emit(b, I_LDX(BPF_DW, 2, 10, FR_ARGX));
		asm_jmp_reg(b, bp->probe_kind == PK_PROC_CREATE ? BPF_JNE : BPF_JEQ, 1, 2, g->exit_label);
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	} else if (bp->at == AT_UPROBE) {
		/* one program serves every uprobe: the cookie's lower half is
		 * the probe id (the upper, a return site's offset: cg_pid.c) */
		asm_emit(b, I_MOV64_REG(1, 6));
		asm_emit(b, I_CALL(BPF_FUNC_get_attach_cookie));
		asm_emit(b, (struct bpf_insn){ BPF_ALU | BPF_MOV | BPF_X, 0, 0, 0, 0 });
		asm_emit(b, I_STX(BPF_DW, 10, 0, FR_PROBE));
	} else {
		asm_emit(b, I_ST(BPF_DW, 10, FR_PROBE, (int32_t)bp->probe_id));
	}
	if (needs_scr)
		lookup_percpu(g, g->m_scr, FR_SCRATCH);
	if (needs_rec)
		lookup_percpu(g, g->m_rec, FR_REC);
	if (needs_tls || g->dp->uses_vtime) {
		cg_task_ptr(g, 2);
		asm_ld_map(b, 1, g->sh->m_tls);
		asm_emit(b, I_MOV64_IMM(3, 0));
		asm_emit(b, I_MOV64_IMM(4, 0));
		asm_emit(b, I_CALL(BPF_FUNC_task_storage_get));
		asm_emit(b, I_STX(BPF_DW, 10, 0, FR_TLS));
	}
}

/* ---- clause dispatch ---- */

static int cc_kind(const struct d_cclause *cc, int k)
{
	if (k == PK_SYSCALL_ENTRY)
		return cc->nsys[0] > 0;
	if (k == PK_SYSCALL_RETURN)
		return cc->nsys[1] > 0;
	if (k == PK_UPROBE)
		return cc->nuids[0] > 0;
	if (k == PK_URETPROBE)
		return cc->nuids[1] > 0;
	return (cc->kinds & (1ull << k)) != 0;
}

static int cc_prof(const struct d_cclause *cc, int id)
{
	for (int i = 0; i < cc->nprof; i++)
		if (cc->prof[i] == (uint32_t)id)
			return 1;
	return 0;
}

/* Does the clause run in this program? */
static int clause_serves(const struct d_cclause *cc, const struct dbprog *bp)
{
	if (bp->probe_kind == PK_PROFILE || bp->probe_kind == PK_TICK || bp->probe_kind == PK_TRACEPOINT ||
	    bp->probe_kind == PK_FBT_ENTRY || bp->probe_kind == PK_FBT_RETURN)
		return cc_prof(cc, (int)bp->probe_id);
	return cc_kind(cc, bp->probe_kind);
}

/* Jump to `skip` unless bit r1 is set in the read-only bitmap at `off`
 * (r1 is bounded by the caller). */
static void bitmap_test(struct cg *g, int off, int skip)
{
	struct asm_buf *b = &g->b;

	asm_emit(b, I_MOV64_REG(2, 1));
	asm_emit(b, I_ALU64_IMM(BPF_RSH, 2, 3));
	asm_ld_map_value(b, 3, g->sh->m_rodata, (uint32_t)off);
	asm_emit(b, I_ALU64_REG(BPF_ADD, 3, 2));
	asm_emit(b, I_LDX(BPF_B, 3, 3, 0));
	asm_emit(b, I_ALU64_IMM(BPF_AND, 1, 7));
	asm_emit(b, I_ALU64_REG(BPF_RSH, 3, 1));
	asm_emit(b, I_ALU64_IMM(BPF_AND, 3, 1));
	asm_jmp_imm(b, BPF_JEQ, 3, 0, skip);
}

/* Jump to `skip` unless the syscall number is in the clause's set. */
static int syscall_filter(struct cg *g, const struct d_cclause *cc, int r, int skip)
{
	struct asm_buf *b = &g->b;
	int total = 0, n = cc->nsys[r];
	const struct probe_table *pt = g->dp->pt;

	for (int nr = 0; nr < pt->nsyscalls; nr++)
		total += pt->v[probe_syscall_id(nr, r)].prov != NULL;
	if (n >= total)
		return 0;
	asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_SYSNR));
	if (n <= 6) {
		int match = asm_label(b);

		for (int nr = 0; nr < pt->nsyscalls; nr++)
			if (cc->sysmask[r][nr / 8] & (1u << (nr % 8)))
				asm_jmp_imm(b, BPF_JEQ, 1, nr, match);
		asm_jmp(b, skip);
		asm_place(b, match);
		return 0;
	}
	int off = cg_rodata(g, cc->sysmask[r], (pt->nsyscalls + 7) / 8, 8);

	if (off < 0)
		return -1;
	bitmap_test(g, off, skip);
	return 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Jump to `skip` unless the probe id is one of the clause's uprobes. */
static int uprobe_filter(struct cg *g, const struct d_cclause *cc, int r, int skip)
{
	struct asm_buf *b = &g->b;
	uint32_t *ids = cc->uids[r], lo, hi;
	int n = cc->nuids[r], match = asm_label(b), off;
	uint8_t *bm;

	if (n == g->bp->nids)
		return 0; /* every probe of the program: nothing to tell apart */
	qsort(ids, (size_t)n, sizeof(*ids), cmp_u32);
	asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_PROBE));
	if (n <= 6) {
		for (int i = 0; i < n; i++)
			asm_jmp_imm(b, BPF_JEQ, 1, (int32_t)ids[i], match);
		asm_jmp(b, skip);
		asm_place(b, match);
		return 0;
	}
	lo = ids[0];
	hi = ids[n - 1];
	bm = calloc((hi - lo) / 8 + 1, 1);
	if (!bm)
		return -1;
	for (int i = 0; i < n; i++)
		bm[(ids[i] - lo) / 8] |= (uint8_t)(1u << ((ids[i] - lo) % 8));
	off = cg_rodata(g, bm, (int)((hi - lo) / 8 + 1), 8);
	free(bm);
	if (off < 0)
		return -1;
	asm_emit(b, I_ALU64_IMM(BPF_SUB, 1, (int32_t)lo));
	asm_jmp_imm(b, BPF_JGT, 1, (int32_t)(hi - lo), skip);
	bitmap_test(g, off, skip);
	return 0;
}

static void emit_record(struct cg *g, struct d_cclause *cc, int idx, int skip)
{
	struct asm_buf *b = &g->b;
	int ok = asm_label(b);

	asm_emit(b, I_LDX(BPF_DW, 7, 10, FR_REC));
	if (cc->nacts > 0) {
		asm_emit(b, I_LDX(BPF_W, 1, 7, offsetof(struct rec_hdr, mask)));
		asm_jmp_imm(b, BPF_JEQ, 1, 0, skip);
	}
	if (cc->spec)
		cg_spec_emit(g, cc, skip);
	asm_emit(b, I_ST(BPF_W, 7, offsetof(struct rec_hdr, clause), idx));
	asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_PROBE));
	asm_emit(b, I_STX(BPF_W, 7, 1, offsetof(struct rec_hdr, probe)));
	asm_emit(b, I_CALL(BPF_FUNC_get_smp_processor_id));
	asm_emit(b, I_STX(BPF_W, 7, 0, offsetof(struct rec_hdr, cpu)));
	asm_ld_map(b, 1, g->sh->m_rb);
	asm_emit(b, I_MOV64_REG(2, 7));
	asm_emit(b, I_MOV64_IMM(3, cc->recsize));
	asm_emit(b, I_MOV64_IMM(4, 0));
	asm_emit(b, I_CALL(BPF_FUNC_ringbuf_output));
	asm_jmp_imm(b, BPF_JEQ, 0, 0, ok);
	cg_count(g, CNT_RB_DROPS);
	asm_place(b, ok);
}

static int gen_clause(struct cg *g, struct d_cclause *cc, int idx)
{
	struct asm_buf *b = &g->b;
	int skip = asm_label(b);
	const struct d_clause *c = cc->ast;
	int mark = g->scratch, hw = g->scratch_hw, cond;

	asm_label_exit(b, skip);
	g->cc = cc;
	g->b.cur_line = c->pos.line;
	g->stmt = c->pos;
	g->scratch_hw = g->scratch;
	g->spans[g->nspans] = (struct cg_span){ cc, b->n, b->n };
	g->clause_idx = idx;
	g->clause_skip = skip;
	g->action = 0;
	if (g->bp->probe_kind == PK_SYSCALL_ENTRY || g->bp->probe_kind == PK_SYSCALL_RETURN)
		if (syscall_filter(g, cc, g->bp->probe_kind == PK_SYSCALL_RETURN, skip))
			return -1;
	if (g->bp->at == AT_UPROBE)
		if (uprobe_filter(g, cc, g->bp->probe_kind == PK_URETPROBE, skip))
			return -1;
	/* a predicate the verifier may know to be false: it may never walk
	 * the clause (asm_cost) */
	cond = c->pred && !cg_runtime(c->pred) && !(c->pred->kind == DE_INT && c->pred->ival);
	if (c->pred) {
		int r = cg_expr(g, c->pred);

		if (r < 0)
			return -1;
		asm_jmp_imm(b, BPF_JEQ, r, 0, skip);
		cg_reg_free(g, r);
	}
	if (cond)
		asm_cond_begin(b);
	if (cc->records) {
		asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_REC));
		asm_emit(b, I_ST(BPF_W, 1, offsetof(struct rec_hdr, mask), 0));
	}
	if (cg_stmts(g, c->body))
		return -1;
	if (cc->records)
		emit_record(g, cc, idx, skip);
	if (cond)
		asm_cond_end(b);
	asm_place(b, skip);
	g->spans[g->nspans++].end = b->n;
	/* the predicate's temporaries too (the statements' are counted
	 * already): the next clause starts from the same scratch */
	g->stmt = c->pos;
	if (g->scratch_hw > SCRATCH_MAX)
		cg_over(g, OVER_SCRATCH, g->scratch_hw);
	if (hw > g->scratch_hw)
		g->scratch_hw = hw;
	g->scratch = mark;
	return 0;
}

/* n with thousands separators, into buf */
static const char *thousands(char *buf, size_t size, uint64_t n)
{
	char t[32];
	int len = snprintf(t, sizeof(t), "%llu", (unsigned long long)n), o = 0;

	for (int i = 0; i < len && (size_t)o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = t[i];
	}
	buf[o] = 0;
	return buf;
}

/* What to change when a loop's trip count makes the program too costly. */
static void opt_hint(struct cg *g, const char *opt, char *buf, size_t size)
{
	if (opt && !strcmp(opt, "strsize"))
		snprintf(buf, size, "lower -x strsize (now %d)", g->o->strsize);
	else if (opt && !strcmp(opt, "nspec"))
		snprintf(buf, size, "lower -x nspec (now %d)", g->o->nspec);
	else
		snprintf(buf, size, "do less in the clauses of these probes");
}

/* The clause the verifier walks longest in. */
static const struct cg_span *costliest(const struct cg *g)
{
	const struct cg_span *best = NULL;
	uint64_t worst = 0;

	for (int k = 0; k < g->nspans; k++) {
		uint64_t c = asm_cost(&g->b, g->spans[k].first, g->spans[k].end, NULL);

		if (!best || c > worst) {
			best = &g->spans[k];
			worst = c;
		}
	}
	return best;
}

/*
 * The verifier's limits that can be known before loading, checked on the
 * program as it will be loaded (docs/reliability.md, Verifier limits):
 * the frame, the scratch value, the reach of a jump (fin: asm_finish's
 * result) and the instructions the verifier walks at least.  Each refusal
 * names the clause (its probe description's position) and what to change.
 */
static int check_limits(struct cg *g, struct dbprog *bp, int fin)
{
	const struct cg_over *o = &g->over;
	char n1[32], n2[32], n3[32], hint[64];

	if (o->kind == OVER_FRAME) {
		const struct d_pos p = o->cc ? o->cc->ast->pos : (struct d_pos){ 0, 0 };

		return d_diag_error(g->dg, p, "D_NOREG",
				    "insufficient registers to generate code: the clause at line %d:%d holds "
				    "too many values at once in the expression at line %d, which need %d "
				    "bytes of BPF stack (limit %d): split the expression with this-> "
				    "variables",
				    p.line, p.col, o->stmt.line, g->stack, BPF_FRAME_MAX);
	}
	if (o->kind == OVER_SCRATCH) {
		const struct d_pos p = o->cc ? o->cc->ast->pos : (struct d_pos){ 0, 0 };

		return d_diag_error(
		    g->dg, p, "D_DIF_OVERFLOW",
		    "the clause at line %d:%d needs %s bytes of scratch space for the strings "
		    "and keys of the statement at line %d (limit %s): lower -x strsize (now %d)",
		    p.line, p.col, thousands(n1, sizeof(n1), (uint64_t)o->need), o->stmt.line,
		    thousands(n2, sizeof(n2), SCRATCH_MAX), g->o->strsize);
	}
	if (fin == ASM_FAR) {
		/* the clause that takes the program past a jump's reach */
		const struct cg_span *s = g->nspans ? &g->spans[g->nspans - 1] : NULL;

		for (int k = 0; k < g->nspans; k++)
			if (g->spans[k].end > ASM_JUMP_MAX) {
				s = &g->spans[k];
				break;
			}
		const struct d_pos p = s ? s->cc->ast->pos : (struct d_pos){ 0, 0 };

		return d_diag_error(g->dg, p, "D_DIF_OVERFLOW",
				    "the clause at line %d:%d makes the BPF program for its probes (%s, %s "
				    "clause%s) %s instructions long, more than a jump can cross (%s): do "
				    "less in the clauses of these probes",
				    p.line, p.col, bp->name,
				    thousands(n3, sizeof(n3), (uint64_t)bp->nclauses),
				    bp->nclauses == 1 ? "" : "s", thousands(n1, sizeof(n1), g->b.n),
				    thousands(n2, sizeof(n2), ASM_JUMP_MAX));
	}
	if (fin)
		return d_diag_error(g->dg, (struct d_pos){ 0, 0 }, "", "internal error: unresolved label");
	uint64_t total = asm_cost(&g->b, 0, g->b.n, NULL);

	if (total > BPF_WALK_MAX) {
		const struct cg_span *s = costliest(g);
		const char *opt = NULL;
		uint64_t c = s ? asm_cost(&g->b, s->first, s->end, &opt) : total;
		const struct d_pos p = s ? s->cc->ast->pos : (struct d_pos){ 0, 0 };

		opt_hint(g, opt, hint, sizeof(hint));
		if (c >= total || bp->nclauses <= 1)
			return d_diag_error(
			    g->dg, p, "D_DIF_OVERFLOW",
			    "the clause at line %d:%d makes the BPF verifier walk at least %s "
			    "instructions (limit %s): %s",
			    p.line, p.col, thousands(n1, sizeof(n1), total),
			    thousands(n2, sizeof(n2), BPF_WALK_MAX), hint);
		return d_diag_error(g->dg, p, "D_DIF_OVERFLOW",
				    "the BPF program for the probes of the clause at line %d:%d (%s, %d "
				    "clauses) makes the verifier walk at least %s instructions, %s of them "
				    "for that clause (limit %s): %s",
				    p.line, p.col, bp->name, bp->nclauses, thousands(n1, sizeof(n1), total),
				    thousands(n3, sizeof(n3), c), thousands(n2, sizeof(n2), BPF_WALK_MAX),
				    hint);
	}
	return 0;
}

/*
 * Generate one program.  `pass` 0 assumes every per-program lookup is
 * needed and records which ones the clauses really used; pass 1 emits only
 * those (a count() on every syscall should not pay for a scratch lookup).
 * Only the final pass checks the verifier's limits: the first one may be a
 * little longer.
 */
static int gen_bprog_pass(struct cg *g, struct dbprog *bp, int needs_scr, int needs_rec, int final)
{
	struct asm_buf *b = &g->b;
	int needs_tls = 0, fin;

	asm_init(b);
	g->bp = bp;
	g->freeregs = 0x3c0;
	g->stack = FR_FIXED;
	g->scratch = SCR_THIS + g->dp->this_size;
	g->used_scr = 0;
	g->fault_slot = 0;
	g->nspill = 0;
	g->spill_used = 0;
	g->scratch_hw = 0;
	g->over.kind = OVER_NONE;
	g->nspans = 0;
	g->recmax = 0;
	bp->nclauses = 0;
	g->exit_label = asm_label(b);
	asm_label_exit(b, g->exit_label);
	for (int i = 0; i < g->dp->nclauses; i++) {
		struct d_cclause *cc = &g->dp->clauses[i];

		if (!clause_serves(cc, bp))
			continue;
		needs_tls |= cc->needs_tls;
		if (cc->records && cc->recsize > g->recmax)
			g->recmax = cc->recsize;
	}
	prologue(g, bp, needs_scr, needs_rec && g->recmax > 0, needs_tls);
	for (int i = 0; i < g->dp->nclauses; i++) {
		struct d_cclause *cc = &g->dp->clauses[i];

		if (!clause_serves(cc, bp))
			continue;
		bp->nclauses++;
		if (gen_clause(g, cc, i))
			return -1;
		if (g->freeregs != 0x3c0)
			return d_diag_error(g->dg, cc->ast->pos, "",
					    "internal error: register leak in clause");
	}
	if (g->dp->uses_vtime) {
		int none = asm_label(b);

		asm_emit(b, I_LDX(BPF_DW, 6, 10, FR_TLS));
		asm_jmp_imm(b, BPF_JEQ, 6, 0, none);
		asm_emit(b, I_CALL(BPF_FUNC_ktime_get_ns));
		asm_emit(b, I_LDX(BPF_DW, 1, 10, FR_T0));
		asm_emit(b, I_ALU64_REG(BPF_SUB, 0, 1));
		asm_emit(b, I_LDX(BPF_DW, 1, 6, TLS_VT_OWN));
		asm_emit(b, I_ALU64_REG(BPF_ADD, 1, 0));
		asm_emit(b, I_STX(BPF_DW, 6, 1, TLS_VT_OWN));
		asm_place(b, none);
	}
	asm_place(b, g->exit_label);
	asm_emit(b, I_MOV64_IMM(0, 0));
	asm_emit(b, I_EXIT());
	if (g->toobig)
		return d_diag_error(g->dg, (struct d_pos){ 0, 0 }, "",
				    "internal error: out of registers or spill slots");
	fin = asm_finish(b);
	if (final)
		return check_limits(g, bp, fin);
	return fin == ASM_INTERNAL
		   ? d_diag_error(g->dg, (struct d_pos){ 0, 0 }, "", "internal error: unresolved label")
		   : 0;
}

static int gen_bprog(struct cg *g, struct dbprog *bp)
{
	int used;

	g->m_scr = g->m_rec = 0; /* placeholders for the first pass */
	if (gen_bprog_pass(g, bp, 1, 1, 0))
		return -1;
	used = g->used_scr;
	asm_fini(&g->b);
	if (used)
		g->m_scr = cg_map_add(g->dp, "ds_scr", DM_SCRATCH, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 0, 1, 0);
	g->m_rec = cg_map_add(g->dp, "ds_rec", DM_REC, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 0, 1, 0);
	if (gen_bprog_pass(g, bp, used, 1, 1))
		return -1;
	bp->cost = asm_cost(&g->b, 0, g->b.n, NULL);
	if (used)
		g->dp->maps[g->m_scr].value_size =
		    (uint32_t)(g->scratch > g->scratch_hw ? g->scratch : g->scratch_hw);
	g->dp->maps[g->m_rec].value_size = (uint32_t)(g->recmax > 16 ? g->recmax : 16);
	bp->insn = g->b.insn;
	bp->lines = g->b.lines;
	g->b.lines = NULL;
	bp->ninsn = g->b.n;
	g->b.insn = NULL;
	asm_fini(&g->b);
	return 0;
}

/*
 * The scheduler switch program: runs in the context of the thread leaving
 * the CPU; adds the time since this CPU's last switch to that thread's
 * on-CPU total (threads without thread-local state are not tracked), and
 * restarts the CPU's clock.
 */
static int gen_vtime(struct cg *g, struct dbprog *bp)
{
	struct asm_buf *b = &g->b;
	int out, skip;

	asm_init(b);
	out = asm_label(b);
	skip = asm_label(b);
	asm_emit(b, I_CALL(BPF_FUNC_ktime_get_ns));
	asm_emit(b, I_MOV64_REG(7, 0));
	asm_emit(b, I_ST(BPF_W, 10, -8, 0));
	asm_ld_map(b, 1, g->sh->m_cpu);
	asm_emit(b, I_MOV64_REG(2, 10));
	asm_emit(b, I_ALU64_IMM(BPF_ADD, 2, -8));
	asm_emit(b, I_CALL(BPF_FUNC_map_lookup_elem));
	asm_jmp_imm(b, BPF_JEQ, 0, 0, out);
	asm_emit(b, I_MOV64_REG(8, 0));
	asm_emit(b, I_CALL(BPF_FUNC_get_current_task_btf));
	asm_emit(b, I_MOV64_REG(2, 0));
	asm_ld_map(b, 1, g->sh->m_tls);
	asm_emit(b, I_MOV64_IMM(3, 0));
	asm_emit(b, I_MOV64_IMM(4, 0));
	asm_emit(b, I_CALL(BPF_FUNC_task_storage_get));
	asm_jmp_imm(b, BPF_JEQ, 0, 0, skip);
	asm_emit(b, I_LDX(BPF_DW, 1, 8, 0));
	asm_emit(b, I_MOV64_REG(2, 7));
	asm_emit(b, I_ALU64_REG(BPF_SUB, 2, 1));
	asm_emit(b, I_LDX(BPF_DW, 1, 0, TLS_VT_ACCUM));
	asm_emit(b, I_ALU64_REG(BPF_ADD, 1, 2));
	asm_emit(b, I_STX(BPF_DW, 0, 1, TLS_VT_ACCUM));
	asm_place(b, skip);
	asm_emit(b, I_STX(BPF_DW, 8, 7, 0));
	asm_place(b, out);
	asm_emit(b, I_MOV64_IMM(0, 0));
	asm_emit(b, I_EXIT());
	if (asm_finish(b))
		return -1;
	bp->insn = b->insn;
	bp->lines = b->lines;
	b->lines = NULL;
	bp->ninsn = b->n;
	b->insn = NULL;
	asm_fini(b);
	return 0;
}

/* The distinct uprobe ids of every clause, for the loader to open. */
static int uprobe_ids(struct dprog *dp, struct dbprog *bp, int r)
{
	int total = 0;

	for (int i = 0; i < dp->nclauses; i++)
		total += dp->clauses[i].nuids[r];
	bp->ids = arena_alloc(dp->a, sizeof(*bp->ids) * (size_t)(total ? total : 1));
	for (int i = 0; i < dp->nclauses; i++)
		for (int k = 0; k < dp->clauses[i].nuids[r]; k++) {
			uint32_t id = dp->clauses[i].uids[r][k];
			int dup = 0;

			for (int j = 0; j < bp->nids && !dup; j++)
				dup = bp->ids[j] == id;
			if (!dup)
				bp->ids[bp->nids++] = id;
		}
	return 0;
}

/* The id of the one probe of a fixed kind (0 for syscalls, computed) */
static uint32_t fixed_probe_id(const struct probe_table *pt, int kind)
{
	if (kind == PK_SYSCALL_ENTRY || kind == PK_SYSCALL_RETURN)
		return 0;
	for (uint32_t id = 1; id < pt->nfixed; id++)
		if (pt->v[id].prov && (int)pt->v[id].kind == kind)
			return id;
	return 0;
}

static struct dbprog *bprog_add(struct dprog *dp, struct dbprog **v, int *n, const char *name,
				enum attach_kind at, int kind)
{
	struct dbprog *bp;

	*v = realloc(*v, sizeof(**v) * (size_t)(*n + 1));
	if (!*v)
		return NULL;
	bp = &(*v)[(*n)++];
	memset(bp, 0, sizeof(*bp));
	snprintf(bp->name, sizeof(bp->name), "%s", name);
	bp->at = at;
	bp->probe_kind = kind;
	bp->fd = -1;
	(void)dp;
	return bp;
}

static int uses(const struct dprog *dp, int (*pred)(const struct d_cclause *, int), int arg)
{
	for (int i = 0; i < dp->nclauses; i++)
		if (pred(&dp->clauses[i], arg))
			return 1;
	return 0;
}

/* Entries of a preallocated hash map that fit `bytes` (dtrace's aggsize and
 * dynvarsize are byte budgets).  Preallocated, because probes that fire in
 * NMI context (profile, tick) cannot allocate. */
static uint32_t map_entries(uint64_t bytes, uint32_t ks, uint32_t vs)
{
	uint64_t n = bytes / (ks + vs + 64); /* 64: the kernel's per-element overhead */

	return n < 64 ? 64 : n > (1 << 20) ? 1 << 20 : (uint32_t)n;
}

static void add_shared_maps(struct cg_shared *sh, struct dprog *dp, const struct dcomp_opts *o)
{
	int tls = 0;

	sh->m_globals =
	    cg_map_add(dp, "ds_globals", DM_GLOBALS, BPF_MAP_TYPE_ARRAY, 4, (uint32_t)dp->globals_size, 1, 0);
	sh->m_rodata = cg_map_add(dp, "ds_rodata", DM_RODATA, BPF_MAP_TYPE_ARRAY, 4, 0, 1, BPF_F_RDONLY_PROG);
	sh->m_rb = cg_map_add(dp, "ds_rb", DM_RINGBUF, BPF_MAP_TYPE_RINGBUF, 0, 0, o->bufsize, 0);
	sh->m_cnt = cg_map_add(dp, "ds_cnt", DM_CNT, BPF_MAP_TYPE_PERCPU_ARRAY, 4, CNT_NSLOTS * 8, 1, 0);
	for (int i = 0; i < dp->nclauses; i++)
		tls |= dp->clauses[i].needs_tls;
	sh->m_tls = -1;
	if (tls || dp->uses_vtime)
		sh->m_tls = cg_map_add(dp, "ds_tls", DM_TLS, BPF_MAP_TYPE_TASK_STORAGE, 4,
				       (uint32_t)dp->tls_size, 0, BPF_F_NO_PREALLOC);
	sh->m_spec = -1;
	if (dp->uses_spec)
		sh->m_spec =
		    cg_map_add(dp, "ds_spec", DM_SPEC, BPF_MAP_TYPE_ARRAY, 4, (uint32_t)o->nspec * 8, 1, 0);
	sh->m_cpu = -1;
	if (dp->uses_vtime)
		sh->m_cpu = cg_map_add(dp, "ds_cpu", DM_CPU, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 8, 1, 0);
	sh->m_pids = -1;
	if (dp->uses_pids)
		sh->m_pids = cg_map_add(dp, "ds_pids", DM_PIDS, BPF_MAP_TYPE_LRU_HASH, 4, 4, 65536, 0);
	for (int i = 0; i < dp->nstackmaps; i++) {
		struct stackmap *sm = &dp->stackmaps[i];

		sm->map =
		    cg_map_add(dp, sm->user ? "ds_ustack" : "ds_kstack", DM_STACK, BPF_MAP_TYPE_STACK_TRACE,
			       4, (uint32_t)sm->depth * 8, STACKMAP_ENTRIES, 0);
	}
	for (struct d_agg *a = dp->aggs; a; a = a->next) {
		char name[16];
		uint32_t vs = (uint32_t)a->desc.ndata * 8;

		snprintf(name, sizeof(name), "ds_agg_%d", a->desc.id);
		if (a->in_user) {
			a->stride = a->desc.ndata;
			continue;
		}
		if (a->by_probe || a->desc.nkeys == 0) {
			/* arrays have every entry: a last slot counts the
			 * updates, so an entry that was never touched is told
			 * from one whose value is 0 */
			a->stride = a->desc.ndata + 1;
			a->map = cg_map_add(dp, name, DM_AGG, BPF_MAP_TYPE_PERCPU_ARRAY, 4, vs + 8,
					    a->by_probe ? (uint32_t)dp->pt->n + 64 : 1, 0);
		} else {
			/* in slots (agg.h): the consumer maps values and keys */
			uint32_t n = map_entries(o->aggsize, (uint32_t)a->keysize, vs * (uint32_t)o->ncpus);
			char nm[16];

			a->stride = a->desc.ndata;
			a->nslots = n;
			a->vmap = cg_map_add(dp, name, DM_AGG, BPF_MAP_TYPE_ARRAY, 4, vs,
					     n * (uint32_t)o->ncpus, BPF_F_MMAPABLE);
			dp->maps[a->vmap].agg = a->desc.id;
			snprintf(nm, sizeof(nm), "ds_aggk_%d", a->desc.id);
			a->kmap = cg_map_add(dp, nm, DM_AGG, BPF_MAP_TYPE_ARRAY, 4,
					     8 + (((uint32_t)a->keysize + 7) & ~7u), n + 1, BPF_F_MMAPABLE);
			dp->maps[a->kmap].agg = a->desc.id;
			snprintf(nm, sizeof(nm), "ds_aggq_%d", a->desc.id);
			a->qmap = cg_map_add(dp, nm, DM_AGG, BPF_MAP_TYPE_QUEUE, 0, 8, n, 0);
			dp->maps[a->qmap].agg = a->desc.id;
			snprintf(nm, sizeof(nm), "ds_aggh_%d", a->desc.id);
			a->map = cg_map_add(dp, nm, DM_AGG, BPF_MAP_TYPE_HASH, (uint32_t)a->keysize, 8, n, 0);
		}
		dp->maps[a->map].agg = a->desc.id;
		if (vs > sh->maxzero)
			sh->maxzero = vs;
	}
	for (struct d_var *v = dp->vars; v; v = v->next) {
		char name[16];

		if (v->scope != VS_ASSOC)
			continue;
		snprintf(name, sizeof(name), "ds_a_%.10s", v->name);
		v->map =
		    cg_map_add(dp, name, DM_ASSOC, BPF_MAP_TYPE_HASH, (uint32_t)(v->keysize ? v->keysize : 8),
			       (uint32_t)(v->type.k == TY_STR ? v->type.size : 8),
			       map_entries(o->dynvarsize, (uint32_t)(v->keysize ? v->keysize : 8),
					   (uint32_t)(v->type.k == TY_STR ? v->type.size : 8)),
			       0);
	}
}

int cg_program(struct dprog *dp, const struct dcomp_opts *o, struct d_diag *dg)
{
	struct cg_shared sh;
	struct cg g;
	struct dbprog *v = NULL;
	int n = 0, rc = -1;
	static const struct {
		int kind;
		const char *name;
		enum attach_kind at;
		const char *tp;
	} fixed[] = {
		{ PK_BEGIN, "ds_begin", AT_TEST_RUN, NULL },
		{ PK_END, "ds_end", AT_TEST_RUN, NULL },
		{ PK_ERROR, "ds_error", AT_TEST_RUN, NULL },
		{ PK_SYSCALL_ENTRY, "ds_sys_enter", AT_RAW_TP, "sys_enter" },
		{ PK_SYSCALL_RETURN, "ds_sys_exit", AT_RAW_TP, "sys_exit" },
		/* on-cpu runs in the incoming thread's name: its typed arguments
		 * give that thread; off-cpu is the current thread */
		{ PK_SCHED_ON, "ds_on_cpu", AT_TP_BTF, "sched_switch" },
		{ PK_SCHED_OFF, "ds_off_cpu", AT_RAW_TP, "sched_switch" },
		{ PK_SCHED_SLEEP, "ds_sleep", AT_RAW_TP, "sched_switch" },
		{ PK_SCHED_PREEMPT, "ds_preempt", AT_RAW_TP, "sched_switch" },
		{ PK_SCHED_WAKEUP, "ds_wakeup", AT_RAW_TP, "sched_wakeup" },
		{ PK_PROC_EXEC, "ds_exec", AT_RAW_TP, "sys_enter" },
		{ PK_PROC_EXEC_FAILURE, "ds_exec_failure", AT_RAW_TP, "sys_exit" },
		{ PK_PROC_EXEC_SUCCESS, "ds_exec_success", AT_RAW_TP, "sched_process_exec" },
		{ PK_PROC_EXIT, "ds_exit", AT_RAW_TP, "sched_process_exit" },
		{ PK_PROC_LWP_EXIT, "ds_lwp_exit", AT_RAW_TP, "sched_process_exit" },
		{ PK_PROC_CREATE, "ds_create", AT_RAW_TP, "sched_process_fork" },
		{ PK_PROC_SIGNAL_SEND, "ds_signal_send", AT_RAW_TP, "signal_generate" },
		{ PK_PROC_SIGNAL_HANDLE, "ds_signal_hdl", AT_RAW_TP, "signal_deliver" },
		{ PK_PROC_LWP_CREATE, "ds_lwp_create", AT_RAW_TP, "sched_process_fork" },
		/* a thread joins a run queue when woken, when new, and when
		 * preempted; it leaves it when chosen to run */
		{ PK_SCHED_ENQUEUE, "ds_enqueue", AT_RAW_TP, "sched_wakeup" },
		{ PK_SCHED_ENQUEUE, "ds_enqueue_new", AT_RAW_TP, "sched_wakeup_new" },
		{ PK_SCHED_ENQUEUE, "ds_enqueue_pre", AT_RAW_TP, "sched_switch" },
		{ PK_SCHED_DEQUEUE, "ds_dequeue", AT_RAW_TP, "sched_switch" },
		{ PK_SCHED_TICK, "ds_sched_tick", AT_PERF_ALL, NULL },
		/* a new thread's first switch in: it has not run yet */
		{ PK_PROC_START, "ds_start", AT_TP_BTF, "sched_switch" },
		{ PK_PROC_LWP_START, "ds_lwp_start", AT_TP_BTF, "sched_switch" },
		{ PK_IO_START, "ds_io_start", AT_TP_PERF, "block/block_rq_issue" },
		{ PK_IO_DONE, "ds_io_done", AT_TP_PERF, "block/block_rq_complete" },
		/* a thread in io_schedule() switches out, and back in */
		{ PK_IO_WAIT_START, "ds_io_wait", AT_RAW_TP, "sched_switch" },
		{ PK_IO_WAIT_DONE, "ds_io_wait_done", AT_TP_BTF, "sched_switch" },
	};

	memset(&sh, 0, sizeof(sh));
	add_shared_maps(&sh, dp, o);
	/* offset 0 of rodata: zeros that new aggregation entries are created
	 * from, which double as the empty string */
	memset(&g, 0, sizeof(g));
	if (cg_rodata_reserve(&g, &sh, (int)sh.maxzero + o->strsize + 8) < 0)
		goto out;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		struct dbprog *bp;

		if (!uses(dp, cc_kind, fixed[i].kind))
			continue;
		bp = bprog_add(dp, &v, &n, fixed[i].name, fixed[i].at, fixed[i].kind);
		if (!bp)
			goto out;
		bp->tp = fixed[i].tp;
		bp->probe_id = fixed_probe_id(dp->pt, fixed[i].kind);
		if (fixed[i].kind == PK_SCHED_TICK)
			bp->period_ns = 1000000000 / SCHED_HZ;
		if (fixed[i].kind == PK_END)
			dp->has_end = 1;
	}
	for (size_t id = 1; id < dp->pt->n; id++) {
		const struct probe *p = &dp->pt->v[id];
		struct dbprog *bp;

		if (!p->prov ||
		    (p->kind != PK_PROFILE && p->kind != PK_TICK && p->kind != PK_TRACEPOINT &&
		     p->kind != PK_FBT_ENTRY && p->kind != PK_FBT_RETURN) ||
		    !uses(dp, cc_prof, (int)id))
			continue;
		if (p->kind == PK_FBT_ENTRY || p->kind == PK_FBT_RETURN) {
			/* sema refused the probes unless one way works */
			int fentry = dp->pt->fbt_mode == FBT_FENTRY;

			bp = bprog_add(dp, &v, &n, p->kind == PK_FBT_RETURN ? "ds_fbt_ret" : "ds_fbt",
				       fentry ? AT_FENTRY : AT_KPROBE, p->kind);
			if (!bp)
				goto out;
			bp->tp = p->func;
			bp->btf_id = (uint32_t)p->arg;
			bp->nargs = (int)p->uoff;
		} else if (p->kind == PK_TRACEPOINT) {
			bp = bprog_add(dp, &v, &n, "ds_tp", AT_TP_PERF, p->kind);
			if (!bp)
				goto out;
			bp->tp = p->path;
		} else {
			bp = bprog_add(dp, &v, &n, p->kind == PK_TICK ? "ds_tick" : "ds_profile",
				       p->kind == PK_TICK ? AT_PERF_ONE : AT_PERF_ALL, p->kind);
			if (!bp)
				goto out;
			bp->period_ns = p->arg;
		}
		bp->probe_id = (uint32_t)id;
	}
	for (int r = 0; r < 2; r++) {
		struct dbprog *bp;

		if (!uses(dp, cc_kind, r ? PK_URETPROBE : PK_UPROBE))
			continue;
		bp = bprog_add(dp, &v, &n, r ? "ds_uretprobe" : "ds_uprobe", AT_UPROBE,
			       r ? PK_URETPROBE : PK_UPROBE);
		if (!bp || uprobe_ids(dp, bp, r))
			goto out;
	}
	if (dp->uses_vtime) {
		struct dbprog *bp = bprog_add(dp, &v, &n, "ds_vtime", AT_RAW_TP, PK_VTIME);

		if (!bp)
			goto out;
		bp->tp = "sched_switch";
	}
	dp->progs = v;
	dp->nprogs = n;
	for (int i = 0; i < n; i++) {
		if (v[i].probe_kind == PK_VTIME) {
			memset(&g, 0, sizeof(g));
			g.sh = &sh;
			g.dp = dp;
			if (gen_vtime(&g, &v[i]))
				goto out;
			continue;
		}
		memset(&g, 0, sizeof(g));
		g.dp = dp;
		g.o = o;
		g.dg = dg;
		g.sh = &sh;
		g.spans = malloc(sizeof(*g.spans) * (size_t)(dp->nclauses ? dp->nclauses : 1));
		if (!g.spans || gen_bprog(&g, &v[i])) {
			free(g.spans);
			asm_fini(&g.b);
			goto out;
		}
		free(g.spans);
	}
	if (sh.pf_used && sh.rolen < RODATA_PF_MAX + o->strsize + 8) {
		/* a name found through a table may be read up to strsize bytes
		 * from anywhere below RODATA_PF_MAX */
		if (cg_rodata_reserve(&g, &sh, RODATA_PF_MAX + o->strsize + 8 - sh.rolen) < 0)
			goto out;
	}
	dp->maps[sh.m_rodata].value_size = (uint32_t)sh.rolen;
	dp->maps[sh.m_rodata].init = sh.ro;
	sh.ro = NULL;
	rc = 0;
out:
	free(sh.ro);
	if (rc && !dg->set)
		d_diag_error(dg, (struct d_pos){ 0, 0 }, "", "out of memory generating code");
	return rc;
}

int cg_rodata_reserve(struct cg *g, struct cg_shared *sh, int bytes)
{
	char *z = calloc(1, (size_t)bytes);
	int off;

	if (!z)
		return -1;
	g->sh = sh;
	off = cg_rodata(g, z, bytes, 8);
	free(z);
	return off;
}

void dprog_free(struct dprog *dp)
{
	for (int i = 0; i < dp->nprogs; i++) {
		free(dp->progs[i].insn);
		free(dp->progs[i].lines);
	}
	free(dp->progs);
	dp->progs = NULL;
	dp->nprogs = 0;
	for (int i = 0; i < dp->nmaps; i++)
		if (dp->maps[i].role == DM_RODATA) {
			free((void *)dp->maps[i].init);
			dp->maps[i].init = NULL;
		}
}
