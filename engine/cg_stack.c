/*
 * cg_stack.c - code for stack(), ustack() and the symbol functions.
 *
 * stack() and a frame-pointer ustack() are a stack id from
 * bpf_get_stackid() into the stack map of their depth; a user stack id
 * carries the pid in its upper 32 bits, for naming.  A DWARF ustack() is a
 * capture in scratch (struct ustack_cap): the pid, the task's user
 * registers (bpf_task_pt_regs, so any probe can take one), and as much of
 * the stack from sp as can be read, trying smaller sizes when the stack's
 * mapping ends sooner.  func()/sym()/mod() are the address itself; the user
 * ones are the address and the pid, in scratch.
 */
#include <stddef.h>

#include "cg.h"
#include "ustack.h"

#define B (&g->b)

static int stackmap(struct cg *g, int user, int depth)
{
	for (int i = 0; i < g->dp->nstackmaps; i++)
		if (g->dp->stackmaps[i].user == user && g->dp->stackmaps[i].depth == depth)
			return g->dp->stackmaps[i].map;
	return -1;
}

/*
 * The first time a process is seen by a probe that names its addresses
 * later (in an aggregation's key), a REC_PID record tells the consumer to
 * read its mappings now, while it exists.
 */
static void pid_seen(struct cg *g)
{
	int done = asm_label(B);

	asm_emit(B, I_CALL(BPF_FUNC_get_current_pid_tgid));
	asm_emit(B, I_ALU64_IMM(BPF_RSH, 0, 32));
	asm_emit(B, I_STX(BPF_W, 10, 0, FR_KEY0));
	asm_emit(B, I_ST(BPF_W, 10, FR_KEY0 + 4, 0));
	asm_ld_map(B, 1, g->sh->m_pids);
	asm_emit(B, I_MOV64_REG(2, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, FR_KEY0));
	asm_emit(B, I_MOV64_REG(3, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 3, FR_KEY0 + 4));
	asm_emit(B, I_MOV64_IMM(4, BPF_NOEXIST));
	asm_emit(B, I_CALL(BPF_FUNC_map_update_elem));
	asm_jmp_imm(B, BPF_JNE, 0, 0, done);
	/* a record header: clause REC_PID, the pid where the probe id goes */
	asm_emit(B, I_LDX(BPF_W, 1, 10, FR_KEY0));
	asm_emit(B, I_STX(BPF_W, 10, 1, FR_KEY0 + 4));
	asm_emit(B, I_ST(BPF_W, 10, FR_KEY0, (int32_t)REC_PID));
	asm_ld_map(B, 1, g->sh->m_rb);
	asm_emit(B, I_MOV64_REG(2, 10));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 2, FR_KEY0));
	asm_emit(B, I_MOV64_IMM(3, 8));
	asm_emit(B, I_MOV64_IMM(4, 0));
	asm_emit(B, I_CALL(BPF_FUNC_ringbuf_output));
	asm_place(B, done);
}

/* r = the stack id (user: | tgid << 32); a failure is the negative errno
 * in the low 32 bits (-EFAULT: no stack at all, as for a kernel stack at a
 * user probe) */
static int stack_id(struct cg *g, const struct d_type *t)
{
	int map = stackmap(g, t->is_unsigned, t->pf), r = cg_reg_alloc(g);

	if (map < 0)
		return -1;
	if (t->is_unsigned)
		pid_seen(g);
	asm_emit(B, I_LDX(BPF_DW, 1, 10, FR_CTX));
	asm_ld_map(B, 2, map);
	asm_emit(B, I_MOV64_IMM(3, t->is_unsigned ? BPF_F_USER_STACK : 0));
	asm_emit(B, I_CALL(BPF_FUNC_get_stackid));
	asm_emit(B, I_MOV64_REG(r, 0));
	asm_emit(B, (struct bpf_insn){ BPF_ALU | BPF_MOV | BPF_X, r, r, 0, 0 }); /* 32 bits */
	if (t->is_unsigned) {
		asm_emit(B, I_CALL(BPF_FUNC_get_current_pid_tgid));
		asm_emit(B, I_ALU64_IMM(BPF_RSH, 0, 32));
		asm_emit(B, I_ALU64_IMM(BPF_LSH, 0, 32));
		asm_emit(B, I_ALU64_REG(BPF_OR, r, 0));
	}
	return r;
}

/* A DWARF capture in scratch: r points at it */
static int ustack_capture(struct cg *g, const struct d_type *t)
{
	int bytes = t->size - (int)sizeof(struct ustack_cap), off = cg_scratch_alloc(g, t->size), r, sp;
	int done = asm_label(B);

	if (off < 0)
		return -1;
	r = cg_reg_alloc(g);
	sp = cg_reg_alloc(g);
	if (sp < 0)
		return -1;
	cg_scratch_ptr(g, r, off);
	asm_emit(B, I_CALL(BPF_FUNC_get_current_pid_tgid));
	asm_emit(B, I_ALU64_IMM(BPF_RSH, 0, 32));
	asm_emit(B, I_STX(BPF_W, r, 0, offsetof(struct ustack_cap, pid)));
	asm_emit(B, I_ST(BPF_W, r, offsetof(struct ustack_cap, len), 0));
	/* the user registers, saved when the thread entered the kernel */
	asm_emit(B, I_CALL(BPF_FUNC_get_current_task_btf));
	asm_emit(B, I_MOV64_REG(1, 0));
	asm_emit(B, I_CALL(BPF_FUNC_task_pt_regs));
	asm_emit(B, I_MOV64_REG(3, 0));
	asm_emit(B, I_MOV64_REG(1, r));
	asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, offsetof(struct ustack_cap, regs)));
	asm_emit(B, I_MOV64_IMM(2, USTACK_NREGS * 8));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
	asm_jmp_imm(B, BPF_JNE, 0, 0, done);
	/* pt_regs: sp is register 19 */
	asm_emit(B, I_LDX(BPF_DW, sp, r, offsetof(struct ustack_cap, regs) + 19 * 8));
	/* as much of the stack as the mapping has, halving from ustackbytes */
	for (int n = bytes; n >= 64; n /= 2) {
		int next = asm_label(B);

		asm_emit(B, I_MOV64_REG(1, r));
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, (int)sizeof(struct ustack_cap)));
		asm_emit(B, I_MOV64_IMM(2, n));
		asm_emit(B, I_MOV64_REG(3, sp));
		asm_emit(B, I_CALL(BPF_FUNC_probe_read_user));
		asm_jmp_imm(B, BPF_JNE, 0, 0, next);
		asm_emit(B, I_ST(BPF_W, r, offsetof(struct ustack_cap, len), n));
		asm_jmp(B, done);
		asm_place(B, next);
	}
	asm_place(B, done);
	cg_reg_free(g, sp);
	return r;
}

int cg_stack_call(struct cg *g, struct d_expr *e)
{
	int r, a, off;

	switch (e->func) {
	case F_STACK:
		return stack_id(g, e->type);
	case F_USTACK:
		return e->type->size > 8 ? ustack_capture(g, e->type) : stack_id(g, e->type);
	case F_FUNC:
	case F_SYM:
	case F_MOD:
		return cg_expr(g, e->args);
	default:
		/* a user address: [address, pid] */
		pid_seen(g);
		a = cg_expr(g, e->args);
		if (a < 0 || (off = cg_scratch_alloc(g, 16)) < 0)
			return -1;
		r = cg_reg_alloc(g);
		cg_scratch_ptr(g, r, off);
		asm_emit(B, I_STX(BPF_DW, r, a, 0));
		asm_emit(B, I_CALL(BPF_FUNC_get_current_pid_tgid));
		asm_emit(B, I_ALU64_IMM(BPF_RSH, 0, 32));
		asm_emit(B, I_STX(BPF_DW, r, 0, 8));
		cg_reg_free(g, a);
		return r;
	}
}

void cg_blob_copy(struct cg *g, int dst, int off, const struct d_type *t, int src)
{
	asm_emit(B, I_MOV64_REG(1, dst));
	if (off)
		asm_emit(B, I_ALU64_IMM(BPF_ADD, 1, off));
	asm_emit(B, I_MOV64_IMM(2, t->size));
	asm_emit(B, I_MOV64_REG(3, src));
	asm_emit(B, I_CALL(BPF_FUNC_probe_read_kernel));
}
